// Pure stream reducer: (state, event) -> new state. Never mutates its inputs.
// Applies every stream event and every `thread.item.updated` variant as described in
// docs/protocol.md §5.1 / §5.2 and docs/widgets.md §5.4.
import type { Annotation, ItemUpdate, OutputText, StreamEvent, Thread, ThreadItem, WidgetNode } from './types';

export interface ChatError { code: string; message?: string; allow_retry: boolean; afterItemId?: string | null }
export interface Notice { level: 'info' | 'warning' | 'danger'; message: string; title?: string }

export interface ChatState {
  /** Thread metadata (without its item page); null for a new, unsaved thread. */
  thread: Thread | null;
  /** Visible items, oldest first. */
  items: ThreadItem[];
  /** Ids of items announced with `thread.item.added` that are not done yet. */
  pending: string[];
  streamOptions: { allow_cancel: boolean } | null;
  progress: { icon?: string; text: string } | null;
  error: ChatError | null;
  notices: Notice[];
}

export const initialState = (): ChatState => ({
  thread: null,
  items: [],
  pending: [],
  streamOptions: null,
  progress: null,
  error: null,
  notices: [],
});

const HIDDEN = new Set(['hidden_context_item', 'sdk_hidden_context']);

/** Builds a state from a thread loaded with `threads.get_by_id`. */
export function stateFromThread(thread: Thread): ChatState {
  const { items, ...meta } = thread;
  return { ...initialState(), thread: meta, items: (items?.data ?? []).filter((i) => !HIDDEN.has(i.type)) };
}

function threadMeta(t: Thread): Thread {
  const { items: _ignored, ...meta } = t;
  return meta;
}

function upsert(items: ThreadItem[], item: ThreadItem): ThreadItem[] {
  const idx = items.findIndex((i) => i.id === item.id);
  if (idx < 0) return [...items, item];
  const copy = items.slice();
  copy[idx] = item;
  return copy;
}

export function reduce(state: ChatState, event: StreamEvent): ChatState {
  switch (event.type) {
    case 'thread.created':
    case 'thread.updated':
      return { ...state, thread: threadMeta(event.thread) };
    case 'thread.item.added':
      if (HIDDEN.has(event.item.type)) return state;
      return {
        ...state,
        items: upsert(state.items, event.item),
        pending: state.pending.includes(event.item.id) ? state.pending : [...state.pending, event.item.id],
        progress: null,
      };
    case 'thread.item.done':
      if (HIDDEN.has(event.item.type)) return state;
      return {
        ...state,
        items: upsert(state.items, event.item),
        pending: state.pending.filter((id) => id !== event.item.id),
        progress: null,
      };
    case 'thread.item.replaced':
      if (HIDDEN.has(event.item.type)) return state;
      return { ...state, items: upsert(state.items, event.item), pending: state.pending.filter((id) => id !== event.item.id) };
    case 'thread.item.removed':
      return {
        ...state,
        items: state.items.filter((i) => i.id !== event.item_id),
        pending: state.pending.filter((id) => id !== event.item_id),
      };
    case 'thread.item.updated': {
      const idx = state.items.findIndex((i) => i.id === event.item_id);
      if (idx < 0) return state;
      const next = applyUpdate(state.items[idx], event.update);
      if (next === state.items[idx]) return state;
      const items = state.items.slice();
      items[idx] = next;
      const clearsProgress = event.update.type.startsWith('assistant_message.');
      return { ...state, items, progress: clearsProgress ? null : state.progress };
    }
    case 'stream_options':
      return { ...state, streamOptions: { ...event.stream_options } };
    case 'progress_update':
      return { ...state, progress: event.icon ? { icon: event.icon, text: event.text } : { text: event.text } };
    case 'error': {
      const last = state.items.length ? state.items[state.items.length - 1].id : null;
      return {
        ...state,
        progress: null,
        error: { code: event.code ?? 'custom', message: event.message, allow_retry: !!event.allow_retry, afterItemId: last },
      };
    }
    case 'notice':
      return { ...state, notices: [...state.notices, { level: event.level, message: event.message, title: event.title }] };
    case 'client_effect':
      return state; // fire-and-forget; surfaced as a DOM event by the element
    default:
      return state; // unknown events are ignored (forward compatibility)
  }
}

const emptyPart = (): OutputText => ({ annotations: [], text: '', type: 'output_text' });

function withPart(item: ThreadItem, index: number, f: (p: OutputText) => OutputText): ThreadItem {
  const content = (item.content ?? []).slice() as OutputText[];
  while (content.length <= index) content.push(emptyPart());
  content[index] = f(content[index] ?? emptyPart());
  return { ...item, content };
}

// Each update family belongs to one item type; the prefix of the update type names it.
const UPDATE_TARGETS: Record<string, string> = {
  assistant_message: 'assistant_message',
  workflow: 'workflow',
  widget: 'widget',
  generated_image: 'generated_image',
};

/**
 * Applies one `thread.item.updated` update to an item, returning a new item. An update meant for another item
 * type (a widget update sent for an assistant message, say) returns the item unchanged rather than grafting
 * foreign fields onto it.
 */
export function applyUpdate(item: ThreadItem, update: ItemUpdate): ThreadItem {
  const target = UPDATE_TARGETS[update.type.slice(0, update.type.indexOf('.'))];
  if (target !== undefined && item.type !== target) return item;
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
      return withPart(item, update.content_index, () => clone(update.content));
    case 'assistant_message.content_part.text_delta':
      return withPart(item, update.content_index, (p) => ({ ...p, text: (p.text ?? '') + update.delta }));
    case 'assistant_message.content_part.annotation_added':
      return withPart(item, update.content_index, (p) => {
        const annotations: Annotation[] = (p.annotations ?? []).slice();
        if (update.annotation_index <= annotations.length) annotations.splice(update.annotation_index, 0, clone(update.annotation));
        else annotations.push(clone(update.annotation));
        return { ...p, annotations };
      });
    case 'workflow.task.added': {
      const wf = item.workflow ?? { type: 'custom', tasks: [], expanded: false };
      return { ...item, workflow: { ...wf, tasks: [...(wf.tasks ?? []), clone(update.task)] } };
    }
    case 'workflow.task.updated': {
      const wf = item.workflow ?? { type: 'custom', tasks: [], expanded: false };
      const tasks = (wf.tasks ?? []).slice();
      if (update.task_index >= 0 && update.task_index < tasks.length) tasks[update.task_index] = clone(update.task);
      else tasks.push(clone(update.task));
      return { ...item, workflow: { ...wf, tasks } };
    }
    case 'widget.root.updated':
      return { ...item, widget: clone(update.widget) };
    case 'widget.component.updated':
      if (!item.widget) return item;
      return { ...item, widget: mapNode(item.widget, update.component_id, () => clone(update.component)) };
    case 'widget.streaming_text.value_delta':
      if (!item.widget) return item;
      return {
        ...item,
        widget: mapNode(item.widget, update.component_id, (n) => ({ ...n, value: String(n.value ?? '') + update.delta })),
      };
    case 'generated_image.updated': {
      const next: ThreadItem = { ...item, image: { ...update.image } };
      if (typeof update.progress === 'number') next.progress = update.progress;
      return next;
    }
    default:
      return item;
  }
}

/** Returns a copy of the tree with the node whose `id` matches replaced by f(node). */
export function mapNode(node: WidgetNode, id: string, f: (n: WidgetNode) => WidgetNode): WidgetNode {
  if (node && node.id === id) return f(node);
  const children = node?.children;
  if (Array.isArray(children)) {
    let changed = false;
    const next = children.map((c) => {
      if (!c || typeof c !== 'object') return c;
      const r = mapNode(c, id, f);
      if (r !== c) changed = true;
      return r;
    });
    return changed ? { ...node, children: next } : node;
  }
  if (children && typeof children === 'object') {
    const r = mapNode(children, id, f);
    return r !== children ? { ...node, children: r } : node;
  }
  return node;
}

function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
