// The stream controller: loads threads, runs one streamed request at a time, folds its events into the
// shared state and tells the view to render. It owns the optimistic user message and client tool calls.
import { reduce, initialState, stateFromThread } from './reducer';
import { activeRunOf, cursorOf, MAX_REATTACH, reattachDelay, runIsGone, sleep, stopRun } from './runs';
import { nextId, type Session } from './session';
import type { Attachment, Dict, StreamEvent, Thread, ThreadItem, UserContent } from './types';
import type { ActionConfig } from './widgets';

/** Items per page when a long thread is shown newest first. */
const PAGE_SIZE = 50;

interface ItemPage { data: ThreadItem[]; has_more: boolean; after?: string }

export interface StreamHost {
  /** Renders what changed in the shared state. */
  render(): void;
  /** Forgets the rendered items (a different thread is shown). */
  resetView(): void;
  setLoading(on: boolean): void;
  isNearBottom(): boolean;
  scrollToBottom(instant?: boolean): void;
  /** The thread list may have changed (titles). */
  threadsChanged(): void;
  composerIsEmpty(): boolean;
  toast(message: string): void;
  restoreComposer(content: UserContent[]): void;
}

export class StreamController {
  private ctrl: AbortController | null = null;
  private handledToolCalls = new Set<string>();
  private optimisticId: string | null = null;
  private echoed = true;
  /** Where the next older page of the shown thread starts (null: the oldest item is shown). */
  private olderCursor: string | null = null;
  private loadingOlder = false;
  /** The cursor of the last event of the current stream, when the server runs it as a run (§16.2). */
  private cursor: string | null = null;

  constructor(private readonly s: Session, private readonly host: StreamHost) {}

  get isStreaming(): boolean {
    return this.ctrl !== null;
  }

  /**
   * The stop button: our stream is closed at once (nothing more is shown), and a run is also stopped by request,
   * since closing the stream alone leaves a run going (docs/protocol.md §16.3).
   */
  async stop() {
    const s = this.s;
    const wasRun = this.ctrl !== null && this.cursor !== null;
    const threadId = s.threadId;
    this.abort();
    if (wasRun && threadId && s.api) await stopRun(s.api, threadId);
  }

  abort() {
    if (this.ctrl) {
      this.ctrl.abort();
      this.ctrl = null;
    }
  }

  /** Shows an empty new thread. */
  clear() {
    this.abort();
    this.s.threadId = null;
    this.olderCursor = null;
    this.s.state = initialState();
    this.s.loadSeq++;
    this.host.resetView();
    this.host.render();
  }

  async loadThread(threadId: string, announce: boolean) {
    const s = this.s;
    if (!s.api) return;
    const seq = ++s.loadSeq;
    s.threadId = threadId;
    if (announce) {
      this.olderCursor = null;
      s.state = { ...initialState(), thread: { id: threadId, created_at: '' } };
      this.host.resetView();
      this.host.setLoading(true);
      this.host.render();
      s.emit('chatkit.thread.change', { threadId });
    }
    s.emit('chatkit.thread.load.start', { threadId });
    try {
      const thread = await s.api.request<Thread>('threads.get_by_id', { thread_id: threadId });
      let items = thread.items?.data ?? [];
      let older: string | null = null;
      if (thread.items?.has_more) {
        // A long thread: show its newest page; older pages load as the user scrolls up (loadOlder).
        const page = await s.api.request<ItemPage>('items.list', { thread_id: threadId, order: 'desc', limit: PAGE_SIZE });
        items = (page.data ?? []).slice().reverse();
        older = page.has_more && page.after ? page.after : null;
      }
      if (seq !== s.loadSeq) return;
      const next = stateFromThread({ ...thread, items: { data: items, has_more: false } });
      if (!announce && next.items.length) {
        // fetchUpdates: keep the older pages already shown before the newest page.
        const at = s.state.items.findIndex((i) => i.id === next.items[0].id);
        if (at > 0) { next.items = s.state.items.slice(0, at).concat(next.items); older = this.olderCursor; }
      }
      s.state = next;
      this.olderCursor = older;
      if (announce) this.host.resetView();
      this.host.render();
      if (announce) this.host.scrollToBottom(true);
      // A reply is still being written (a reload, another tab): follow it live from what is stored.
      if (activeRunOf(thread) && !this.ctrl) void this.run('threads.resume_run', { thread_id: threadId });
        } catch (e) {
      if (seq === s.loadSeq) {
        s.state = { ...s.state, error: { code: 'request', message: s.t.requestError, allow_retry: false } };
        this.host.render();
      }
      s.emitError(e);
    } finally {
      if (seq === s.loadSeq) this.host.setLoading(false);
      s.emit('chatkit.thread.load.end', { threadId });
    }
  }

  get hasOlder(): boolean {
    return this.olderCursor !== null;
  }

  /** Loads the next older page of the shown thread and puts it above the items shown. */
  async loadOlder(): Promise<boolean> {
    const s = this.s;
    const cursor = this.olderCursor;
    const threadId = s.threadId;
    if (!s.api || !cursor || !threadId || this.loadingOlder) return false;
    this.loadingOlder = true;
    const seq = s.loadSeq;
    try {
      const page = await s.api.request<ItemPage>('items.list', { thread_id: threadId, order: 'desc', limit: PAGE_SIZE, after: cursor });
      if (seq !== s.loadSeq || this.olderCursor !== cursor) return false;
      const shown = new Set(s.state.items.map((i) => i.id));
      const older = stateFromThread({ id: threadId, created_at: '', items: { data: (page.data ?? []).slice().reverse(), has_more: false } }).items.filter((i) => !shown.has(i.id));
      this.olderCursor = page.has_more && page.after ? page.after : null;
      s.state = { ...s.state, items: older.concat(s.state.items) };
      return true;
    } catch (e) {
      s.emitError(e);
      return false;
    } finally {
      this.loadingOlder = false;
    }
  }

  async run(type: string, params: Dict): Promise<void> {
    const s = this.s;
    if (!s.api) throw new Error('ChatKit: setOptions() must be called first');
    if (this.ctrl) return this.refuse(type);
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    const seq = s.loadSeq;
    s.state = { ...s.state, error: null, notices: [], streamOptions: null, progress: null };
    this.host.render();
    s.emit('chatkit.response.start', undefined);
    s.log('request.start', { type });
    this.cursor = null;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          for await (const ev of s.api.stream(type, params, ctrl.signal)) {
            if (ctrl.signal.aborted || seq !== s.loadSeq) break;
            this.cursor = cursorOf(ev) ?? this.cursor;
            this.handleEvent(ev as StreamEvent);
          }
          break;
        } catch (e: any) {
          // A dropped connection to a run: re-attach after the last event we applied (docs/protocol.md §16.5).
          const resumable = (this.cursor !== null || type === 'threads.resume_run') && s.threadId !== null;
          if (ctrl.signal.aborted || e?.name === 'AbortError' || !resumable || attempt >= MAX_REATTACH) throw e;
          if (runIsGone(e)) {
            // The run ended meanwhile and its journal is gone: the thread as stored is its end state.
            if (this.ctrl === ctrl) this.ctrl = null;
            void this.loadThread(s.threadId!, false);
            break;
          }
          s.log('stream.reattach', { attempt, after: this.cursor });
          await sleep(reattachDelay(attempt), ctrl.signal);
          type = 'threads.resume_run';
          params = this.cursor ? { thread_id: s.threadId, after: this.cursor } : { thread_id: s.threadId };
        }
      }
    } catch (e: any) {
      if (!(ctrl.signal.aborted || e?.name === 'AbortError')) {
        if (seq === s.loadSeq) {
          s.state = { ...s.state, error: { code: 'request', message: s.t.requestError, allow_retry: false, afterItemId: this.lastItemId() } };
        }
        s.emitError(e);
      }
    } finally {
      if (this.ctrl === ctrl) this.ctrl = null;
      if (seq === s.loadSeq) this.dropOptimistic();
      s.state = { ...s.state, progress: null, streamOptions: null, pending: [] };
      this.host.render();
      s.log('request.end', { type, aborted: ctrl.signal.aborted });
      s.emit('chatkit.response.end', undefined);
    }
    if (seq === s.loadSeq && !ctrl.signal.aborted) await this.maybeRunClientTool();
  }

  /**
   * A message or action while a reply streams is refused, visibly: ChatKit.js turns its send button into a
   * stop button while responding and takes no second request, so neither do we; but nothing is dropped
   * silently: the page gets a chatkit.error and the user sees why.
   */
  private refuse(type: string) {
    const message = this.s.t.responseInProgress;
    this.s.log('stream.blocked', { type });
    this.s.emitError(new Error(message));
    this.host.toast(message);
  }

  private lastItemId(): string | null {
    const items = this.s.state.items;
    return items.length ? items[items.length - 1].id : null;
  }

  private handleEvent(ev: StreamEvent) {
    const s = this.s;
    if (!ev || typeof ev !== 'object') return;
    if (ev.type === 'thread.item.done' && ev.item?.type === 'user_message') { this.echoed = true; this.dropOptimistic(); }
    const before = s.state;
    s.state = reduce(s.state, ev);
    switch (ev.type) {
      case 'thread.created':
        // A replayed run (§16.5) repeats the thread.created of the thread already shown.
        if (s.threadId === ev.thread.id) break;
        s.threadId = ev.thread.id;
        s.emit('chatkit.thread.change', { threadId: ev.thread.id });
        break;
      case 'client_effect':
        s.emit('chatkit.effect', ev.data === undefined ? { name: ev.name } : { name: ev.name, data: ev.data });
        break;
      case 'error':
        s.emitError(new Error(ev.message ?? ev.code));
        break;
      case 'thread.updated':
        this.host.threadsChanged();
        break;
    }
    if (before !== s.state) {
      const nearBottom = this.host.isNearBottom();
      this.host.render();
      // thread.autoScroll (off by default, as in ChatKit.js): follow the reply while the user is at the bottom.
      const follow = s.opts.thread?.autoScroll === true && nearBottom;
      if (follow || ev.type === 'thread.item.done' && ev.item.type === 'user_message') this.host.scrollToBottom();
    }
  }

  private async maybeRunClientTool() {
    const s = this.s;
    const last = s.state.items[s.state.items.length - 1];
    if (!last || last.type !== 'client_tool_call' || last.status !== 'pending' || this.handledToolCalls.has(last.id) || !s.threadId) return;
    this.handledToolCalls.add(last.id);
    const handler = s.opts.onClientTool;
    let result: unknown;
    try {
      if (typeof handler !== 'function') throw new Error(`No onClientTool handler for "${last.name}"`);
      result = await handler({ name: last.name, params: last.arguments ?? {} });
    } catch (e: any) {
      s.emitError(e);
      result = { error: String(e?.message ?? e) };
    }
    if (result === undefined) result = null;
    s.state = {
      ...s.state,
      items: s.state.items.map((i) => (i.id === last.id ? { ...i, status: 'completed', output: result } : i)),
    };
    this.host.render();
    await this.run('threads.add_client_tool_output', { thread_id: s.threadId, result });
  }

  async submit(content: UserContent[], attachments: Attachment[], reply: string | null, inference: Dict) {
    const s = this.s;
    if (this.isStreaming) return this.refuse('threads.add_user_message');
    const attachmentIds = attachments.map((a) => a.id);
    const hasText = content.some((c) => (c.type === 'input_text' ? c.text.trim() !== '' : true));
    if (!hasText && !attachmentIds.length) return;
    const input = { content, attachments: attachmentIds, quoted_text: reply ?? undefined, inference_options: inference };
    if (reply == null) delete (input as any).quoted_text;
    // Show the message right away; the server's echo (thread.item.done) replaces it.
    const local: ThreadItem = {
      id: nextId('local_user'), thread_id: s.threadId ?? '', created_at: new Date().toISOString(), type: 'user_message',
      content, attachments: attachments.map((a) => ({ ...a })), inference_options: inference, ...(reply != null ? { quoted_text: reply } : {}),
    };
    this.optimisticId = local.id;
    s.state = { ...s.state, items: [...s.state.items, local] };
    this.host.scrollToBottom();
    this.echoed = false;
    if (s.threadId) await this.run('threads.add_user_message', { thread_id: s.threadId, input });
    else await this.run('threads.create', { input });
    // The server never accepted the message (request failed): give the text back to the user.
    if (!this.echoed && this.host.composerIsEmpty()) this.host.restoreComposer(content);
  }

  /** Drops the optimistic user message, if it is still shown. */
  private dropOptimistic() {
    const s = this.s;
    const id = this.optimisticId;
    if (!id) return;
    this.optimisticId = null;
    if (s.state.items.some((i) => i.id === id)) s.state = { ...s.state, items: s.state.items.filter((i) => i.id !== id) };
  }

  async retry(itemId: string) {
    const s = this.s;
    if (!s.threadId || this.isStreaming) return;
    const idx = s.state.items.findIndex((i) => i.id === itemId);
    if (idx < 0) return;
    // The server deletes every newer item without events: prune the view ourselves.
    s.state = { ...s.state, items: s.state.items.slice(0, idx + 1), error: null };
    this.host.render();
    s.log('message.retry', { itemId });
    await this.run('threads.retry_after_item', { thread_id: s.threadId, item_id: itemId });
  }

  async widgetAction(action: ActionConfig, item: ThreadItem): Promise<void> {
    const s = this.s;
    const a = { type: action.type, payload: action.payload };
    s.log('widget.action', { type: action.type, handler: action.handler ?? 'server' });
    try {
      if (action.handler === 'client') {
        const fn = s.opts.widgets?.onAction;
        if (typeof fn === 'function') await fn(a.payload === undefined ? { type: a.type } : a, { id: item.id, widget: item.widget });
        return;
      }
      if (!s.threadId || !s.api) return;
      const wire = { type: a.type, payload: a.payload ?? null };
      if (action.streaming === false) {
        const res = await s.api.request<{ updated_item?: ThreadItem }>('threads.sync_custom_action', { thread_id: s.threadId, item_id: item.id, action: wire });
        if (res?.updated_item) {
          s.state = reduce(s.state, { type: 'thread.item.replaced', item: res.updated_item });
          this.host.render();
        }
        return;
      }
      await this.run('threads.custom_action', { thread_id: s.threadId, item_id: item.id, action: wire });
    } catch (e) {
      s.emitError(e);
    }
  }
}

/** The id of the user message at or before `itemId` (or before the end), which a retry resends. */
export function userMessageBefore(items: ThreadItem[], itemId: string | null | undefined): string | null {
  let idx = itemId ? items.findIndex((i) => i.id === itemId) : items.length - 1;
  if (idx < 0) idx = items.length - 1;
  for (let i = idx; i >= 0; i--) if (items[i].type === 'user_message') return items[i].id;
  return null;
}
