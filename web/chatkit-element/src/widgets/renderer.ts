// Widget renderer: WidgetNode JSON -> DOM (docs/widgets.md §7), one render function per component type. All text
// goes through textContent or the sanitizing Markdown renderer; unknown components render nothing.
import type { NodeOf, WidgetComponent, WidgetType } from './types';
import { DEFAULT_STRINGS, type ActionConfig, type Binding, type Scope, type WidgetContext, type WidgetStrings } from './context';
import { el } from './dom';
import { collectForm, mergePayload } from './form';
import {
  renderBasic, renderBox, renderCard, renderCol, renderDivider, renderForm, renderListView, renderListViewItem, renderRow,
  renderSpacer, renderTransition,
} from './layout';
import { renderBadge, renderCaption, renderIcon, renderImage, renderLabel, renderMarkdownNode, renderText, renderTitle } from './content';
import { renderButton } from './button';
import { renderCheckbox, renderInput, renderRadioGroup, renderTextarea } from './fields';
import { renderSelect } from './select';
import { renderDatePicker } from './datepicker';
import { renderTable, renderTableCell, renderTableRow } from './table';
import { renderChartNode } from './chart';

type RenderFn<T extends WidgetType> = (n: NodeOf<T>, s: Scope) => HTMLElement;

/** The render function of every component type; the mapped type makes a missing one a compile error. */
export const RENDERERS: { [T in WidgetType]: RenderFn<T> } = {
  Card: renderCard, ListView: renderListView, ListViewItem: renderListViewItem, Basic: renderBasic,
  Box: renderBox, Row: renderRow, Col: renderCol, Form: renderForm, Spacer: renderSpacer, Divider: renderDivider,
  Transition: renderTransition, Text: renderText, Title: renderTitle, Caption: renderCaption, Markdown: renderMarkdownNode,
  Label: renderLabel, Badge: renderBadge, Icon: renderIcon, Image: renderImage, Chart: renderChartNode,
  Table: renderTable, 'Table.Row': renderTableRow, 'Table.Cell': renderTableCell, Button: renderButton,
  Input: renderInput, Textarea: renderTextarea, Select: renderSelect, DatePicker: renderDatePicker,
  Checkbox: renderCheckbox, RadioGroup: renderRadioGroup,
};

/** Narrows untrusted JSON to a node of a known component type. */
export function isKnownNode(n: unknown): n is WidgetComponent {
  return !!n && typeof n === 'object' && typeof (n as { type?: unknown }).type === 'string'
    && Object.prototype.hasOwnProperty.call(RENDERERS, (n as { type: string }).type);
}

let nextId = 0;

/** What all scopes of one render share: the labels and fields to link, the Transition counter. */
interface Shared {
  strings: WidgetStrings;
  locale: string | undefined;
  fields: Map<string, HTMLElement>;
  labels: [HTMLLabelElement, string][];
  transitions: number;
}

/**
 * The Scope of one render, for one form: event handlers run after the render, so each scope keeps the form its
 * nodes were rendered in, and a node inside another form gets a scope of its own.
 */
class RenderRun implements Scope {
  constructor(readonly ctx: WidgetContext, private shared: Shared, readonly form: HTMLElement | null) {}

  static start(ctx: WidgetContext): RenderRun {
    const locale = ctx.locale || (typeof document !== 'undefined' ? document.documentElement.lang : '') || undefined;
    return new RenderRun(ctx, { strings: { ...DEFAULT_STRINGS, ...ctx.strings }, locale, fields: new Map(), labels: [], transitions: 0 }, null);
  }

  get scheme() { return this.ctx.scheme; }
  get strings() { return this.shared.strings; }
  get locale() { return this.shared.locale; }

  node(n: unknown, form: HTMLElement | null = this.form): HTMLElement | null {
    if (!isKnownNode(n)) return null;
    const scope = form === this.form ? this : new RenderRun(this.ctx, this.shared, form);
    const e = (RENDERERS[n.type] as RenderFn<WidgetType>)(n as NodeOf<WidgetType>, scope);
    if (typeof n.id === 'string') e.dataset.widgetId = n.id;
    if (typeof n.key === 'string') e.dataset.widgetKey = n.key;
    return e;
  }

  children(parent: HTMLElement, kids: unknown, form: HTMLElement | null = this.form) {
    const items = Array.isArray(kids) ? kids : kids && typeof kids === 'object' ? [kids] : [];
    for (const k of items) {
      const c = this.node(k, form);
      if (c) parent.append(c);
    }
  }

  fire(action: ActionConfig, element: HTMLElement, binding: Binding, form: HTMLElement | null = this.form) {
    const a: ActionConfig = { ...action };
    if (form) {
      a.payload = mergePayload(action.payload, collectForm(form), (k) => this.ctx.reportError?.(`Form field "${k}" collides with the action payload; the form value was ignored.`));
    }
    const lb = action.loadingBehavior ?? 'auto';
    const mode = lb === 'auto' ? (binding === 'change' ? 'none' : binding === 'confirm' || binding === 'submit' ? 'container' : 'self') : lb;
    const target = mode === 'self' ? element : mode === 'container' ? (element.closest('.ck-widget') as HTMLElement | null) : null;
    if (target) {
      target.classList.add('ck-loading');
      target.setAttribute('aria-busy', 'true');
    }
    this.ctx.action(a, { element, binding }).finally(() => {
      if (target) {
        target.classList.remove('ck-loading');
        target.removeAttribute('aria-busy');
      }
    });
  }

  id(prefix: string) {
    return `${prefix}-${++nextId}`;
  }

  field(name: string, target: HTMLElement) {
    if (name && !this.shared.fields.has(name)) this.shared.fields.set(name, target);
  }

  label(label: HTMLLabelElement, fieldName: string) {
    this.shared.labels.push([label, fieldName]);
  }

  transitionKey() {
    return this.ctx.itemId ? `${this.ctx.itemId}#${this.shared.transitions++}` : null;
  }

  /** Points each Label at its control: `for` where the control is labelable, aria-labelledby always. */
  linkLabels() {
    for (const [label, name] of this.shared.labels) {
      const target = this.shared.fields.get(name);
      if (!target) continue;
      label.id ||= this.id('ck-label');
      const labelable = /^(INPUT|TEXTAREA|BUTTON|SELECT)$/.test(target.tagName);
      if (labelable) {
        target.id ||= this.id('ck-field');
        label.htmlFor = target.id;
      } else {
        // A radio group is not labelable: clicking its label moves focus into it, as a label click would.
        label.addEventListener('click', () => {
          const to = (target.querySelector('input:checked') ?? target.querySelector('input:not(:disabled)')) as HTMLElement | null;
          to?.focus();
        });
      }
      target.removeAttribute('aria-label');
      target.setAttribute('aria-labelledby', target.dataset.valueId ? `${label.id} ${target.dataset.valueId}` : label.id);
    }
  }
}

export class WidgetRenderer {
  constructor(private ctx: WidgetContext) {}

  render(root: unknown): HTMLElement {
    const wrap = el('div', 'ck-widget');
    const r = root as { type?: unknown; theme?: unknown } | null;
    wrap.setAttribute('data-widget-root', typeof r?.type === 'string' ? r.type : '');
    if (r?.theme === 'dark' || r?.theme === 'light') wrap.setAttribute('data-theme', r.theme);
    const run = RenderRun.start(this.ctx);
    const node = run.node(root, null);
    if (node) wrap.append(node);
    run.linkLabels();
    return wrap;
  }

  /** Renders one node outside a root (no form). */
  node(n: unknown): HTMLElement | null {
    const run = RenderRun.start(this.ctx);
    const e = run.node(n, null);
    run.linkLabels();
    return e;
  }
}
