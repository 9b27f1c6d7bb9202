// What a render function gets: the page's context (theme, actions, strings) and the scope of the current render.
import type { ActionConfig } from './types';
import type { Strings } from '../i18n';
import en from '../../locales/en.json';

export type { ActionConfig };
export type Binding = 'click' | 'submit' | 'change' | 'confirm';

/** The keys of the element's string tables (locales/*.json) that the controls show or announce. */
export const WIDGET_STRING_KEYS = ['showMore', 'clear', 'chooseDate', 'previousMonth', 'nextMonth', 'noOptions', 'invalidFormat'] as const;

/** Words the controls show or announce; the element passes its locale's, English fills any gap. */
export type WidgetStrings = Pick<Strings, (typeof WIDGET_STRING_KEYS)[number]>;

/** The controls' words out of a whole string table. */
export function widgetStrings(t: WidgetStrings): WidgetStrings {
  return Object.fromEntries(WIDGET_STRING_KEYS.map((k) => [k, t[k]])) as WidgetStrings;
}

// English from the bundled table itself, so the controls carry no English of their own.
export const DEFAULT_STRINGS: WidgetStrings = widgetStrings(en);

export interface WidgetContext {
  scheme: 'light' | 'dark';
  allowedImageDomains?: string[];
  /** The ChatKit API URL: images from its origin are allowed besides the allowed domains. */
  apiUrl?: string;
  /** BCP 47 locale for dates and collation; the document's language when left out. */
  locale?: string;
  /** The thread item the widget belongs to: a Transition compares its child with the item's previous render. */
  itemId?: string;
  /** Fires an action; the returned promise settles when it was handled. */
  action(action: ActionConfig, origin: { element: HTMLElement; binding: Binding }): Promise<void>;
  reportError?(message: string): void;
  strings: Partial<WidgetStrings> & { showMore: string };
}

/** The state of one render: render functions reach the page, their form and their siblings through it. */
export interface Scope {
  readonly ctx: WidgetContext;
  readonly scheme: 'light' | 'dark';
  readonly strings: WidgetStrings;
  readonly locale: string | undefined;
  /** The Form (or Card asForm) whose values join actions fired inside it. */
  readonly form: HTMLElement | null;
  /** Renders a child node (anything unknown renders nothing). */
  node(n: unknown, form?: HTMLElement | null): HTMLElement | null;
  /** Renders a list (or a single node) of children into a parent. */
  children(parent: HTMLElement, kids: unknown, form?: HTMLElement | null): void;
  /** Fires an action bound to an element, merging the form's values and showing its loading state. */
  fire(action: ActionConfig, element: HTMLElement, binding: Binding, form?: HTMLElement | null): void;
  /** A document-unique id for ARIA references. */
  id(prefix: string): string;
  /** Registers the element a Label with this field name should point at. */
  field(name: string, target: HTMLElement): void;
  /** Registers a label to link to its field once the whole widget is rendered. */
  label(label: HTMLLabelElement, fieldName: string): void;
  /** A key identifying the n-th Transition of this item, stable across re-renders. */
  transitionKey(): string | null;
}
