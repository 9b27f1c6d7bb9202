// The <openai-chatkit> custom element: same public contract as ChatKit.js
// (setOptions, imperative methods, chatkit.* DOM events), talking the ChatKit protocol
// to a self-hosted server.
import { ChatKitApi, HttpError, type ApiConfig } from './api';
import { h } from './dom';
import { fmt, resolveLocale, stringsFor, type Strings } from './i18n';
import { icon, iconSvg } from './icons';
import { renderMarkdown, withCitations } from './markdown';
import { blockedImage, isLoadableImage, type ImagePolicy } from './images';
import { initialState, reduce, stateFromThread, type ChatState } from './reducer';
import { STYLES } from './styles';
import { applyTheme, type ResolvedTheme } from './theme';
import type { Attachment, Dict, Source, StreamEvent, Thread, ThreadItem, UserContent, WidgetNode } from './types';
import { WidgetRenderer, type ActionConfig } from './widgets';

export interface Entity {
  title: string;
  id: string;
  icon?: string;
  interactive?: boolean;
  group?: string;
  data?: Record<string, string>;
}

type Options = Record<string, any>;

interface PendingUpload {
  localId: string;
  name: string;
  mime: string;
  previewUrl?: string;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  attachment?: Attachment;
  abort?: AbortController;
}

interface RenderedItem { key: string; el: HTMLElement }

interface MenuEntry { title: string; icon?: string; group?: string; description?: string; pick: () => void | Promise<void> }

let localIds = 0;
const nextId = (p: string) => `${p}_${Date.now().toString(36)}${(localIds++).toString(36)}`;

export class OpenAIChatKitElement extends HTMLElement {
  private opts: Options = {};
  private hasOptions = false;
  private api: ChatKitApi | null = null;
  private state: ChatState = initialState();
  private threadId: string | null = null;
  private streamCtrl: AbortController | null = null;
  private loadSeq = 0;
  private readyFired = false;
  private locale = 'en';
  private t: Strings = stringsFor('en');
  private theme: ResolvedTheme = { scheme: 'light' };
  private rendered = new Map<string, RenderedItem>();
  private uploads: PendingUpload[] = [];
  private selectedTool: string | null = null;
  private selectedModel: string | null = null;
  private replyText: string | null = null;
  private feedbackGiven = new Map<string, 'positive' | 'negative'>();
  private historyOpen = false;
  private historyThreads: Thread[] = [];
  private historyAfter: string | undefined;
  private historyHasMore = false;
  private mention: { query: string; results: MenuEntry[]; active: number; node: Text; start: number; seq: number } | null = null;
  private handledToolCalls = new Set<string>();
  private optimisticId: string | null = null;
  private echoed = true;
  private sr: ShadowRoot;
  private els!: {
    app: HTMLElement; header: HTMLElement; title: HTMLElement; left: HTMLElement; right: HTMLElement;
    scroller: HTMLElement; list: HTMLElement; start: HTMLElement; tail: HTMLElement;
    composerWrap: HTMLElement; composer: HTMLFormElement; editor: HTMLElement; attachRow: HTMLElement; reply: HTMLElement;
    toolbar: HTMLElement; sendBtn: HTMLButtonElement; fileInput: HTMLInputElement; disclaimer: HTMLElement;
    history: HTMLElement; historyList: HTMLElement; mentionMenu: HTMLElement; banner: HTMLElement; toast: HTMLElement;
    dropHint: HTMLElement; preview: HTMLElement;
  };

  constructor() {
    super();
    this.sr = this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    if (!this.els) this.build();
    if (this.hasOptions) this.renderAll();
  }

  // ---------------------------------------------------------------- public API

  setOptions(options: Options): void {
    if (!this.els) this.build();
    const prev = this.opts;
    this.opts = { ...(options ?? {}) };
    const first = !this.hasOptions;
    this.hasOptions = true;
    const api = this.opts.api ?? {};
    this.api = new ChatKitApi(
      { url: api.url, domainKey: api.domainKey, fetch: api.fetch, uploadStrategy: api.uploadStrategy } as ApiConfig,
      () => this.locale,
    );
    if (!api.url) this.emitError(new Error('ChatKit: api.url is required (hosted api.getClientSecret is not supported by this build)'));
    this.locale = resolveLocale(this.opts.locale);
    this.t = stringsFor(this.locale);
    this.theme = applyTheme(this, this.opts.theme);
    this.els.app.setAttribute('aria-label', this.opts.frameTitle ?? this.t.chat);
    this.els.app.lang = this.locale;
    // Keep composer selections that are still valid.
    const models: any[] = this.opts.composer?.models ?? [];
    if (!models.some((m) => m.id === this.selectedModel)) this.selectedModel = models.find((m) => m.default)?.id ?? models[0]?.id ?? null;
    const tools: any[] = this.opts.composer?.tools ?? [];
    if (this.selectedTool && !tools.some((t) => t.id === this.selectedTool)) this.setTool(null);
    this.rendered.clear();
    this.els.list.textContent = '';
    this.renderAll();
    if (first) {
      // Like ChatKit.js (whose frame loads asynchronously), announce readiness and the initial
      // thread after the current task, so listeners attached right after setOptions() (e.g. by
      // @openai/chatkit-react's effects) see these events.
      setTimeout(() => {
        this.readyFired = true;
        this.emit('chatkit.ready', undefined);
        const initial = this.opts.initialThread ?? null;
        if (initial && this.threadId === null && !this.isStreaming) void this.setThreadId(initial);
        else if (!initial) this.emit('chatkit.thread.change', { threadId: this.threadId });
      }, 30);
    } else if (prev.initialThread !== this.opts.initialThread && this.opts.initialThread && this.opts.initialThread !== this.threadId && !this.threadId) {
      void this.setThreadId(this.opts.initialThread);
    }
    this.log('options.set', { first });
  }

  async focusComposer(): Promise<void> {
    this.els?.editor.focus();
    this.placeCaretAtEnd();
  }

  async setThreadId(threadId: string | null): Promise<void> {
    if (!this.els) this.build();
    this.abortStream();
    if (threadId === null) {
      this.threadId = null;
      this.state = initialState();
      this.loadSeq++;
      this.rendered.clear();
      this.els.list.textContent = '';
      this.renderAll();
      this.emit('chatkit.thread.change', { threadId: null });
      return;
    }
    await this.loadThread(threadId, true);
  }

  async sendUserMessage(params: {
    text?: string; content?: UserContent[]; reply?: string; attachments?: Attachment[]; newThread?: boolean;
    toolChoice?: { id: string }; model?: string;
  }): Promise<void> {
    const content: UserContent[] = params.content ?? (params.text != null ? [{ type: 'input_text', text: params.text }] : []);
    const inference: Dict = {};
    if (params.toolChoice) inference.tool_choice = params.toolChoice;
    if (params.model) inference.model = params.model;
    if (params.newThread) await this.setThreadId(null);
    await this.submit(content, params.attachments ?? [], params.reply ?? null, inference);
  }

  async setComposerValue(params: {
    text?: string; content?: UserContent[]; reply?: string; attachments?: Attachment[]; files?: File[];
    selectedToolId?: string | null; selectedModelId?: string;
  }): Promise<void> {
    if (!this.els) this.build();
    if (params.content) this.setEditorContent(params.content);
    else if (params.text != null) this.setEditorContent([{ type: 'input_text', text: params.text }]);
    if (params.reply !== undefined) this.replyText = params.reply || null;
    if (params.attachments) {
      for (const a of params.attachments) {
        this.uploads.push({ localId: nextId('up'), name: a.name, mime: a.mime_type, previewUrl: a.type === 'image' ? (a as any).preview_url : undefined, progress: 1, status: 'done', attachment: a });
      }
    }
    if (params.files) for (const f of params.files) this.addFile(f);
    if (params.selectedToolId !== undefined) this.setTool(params.selectedToolId);
    if (params.selectedModelId !== undefined) this.selectedModel = params.selectedModelId;
    this.renderComposer();
  }

  async sendCustomAction(action: { type: string; payload?: Dict }, itemId?: string): Promise<void> {
    if (!this.threadId) throw new Error('sendCustomAction requires an active thread');
    await this.runStream('threads.custom_action', { thread_id: this.threadId, item_id: itemId ?? null, action: { type: action.type, payload: action.payload ?? null } });
  }

  async showHistory(): Promise<void> {
    if (!this.els) this.build();
    if (this.historyOpen) return;
    this.historyOpen = true;
    this.renderHistoryShell();
    this.emit('chatkit.history.open', undefined);
    await this.loadHistory(true);
  }

  async hideHistory(): Promise<void> {
    if (!this.historyOpen) return;
    this.historyOpen = false;
    this.renderHistoryShell();
    this.emit('chatkit.history.close', undefined);
  }

  async fetchUpdates(): Promise<void> {
    if (!this.threadId || this.streamCtrl) return;
    await this.loadThread(this.threadId, false);
  }

  // ---------------------------------------------------------------- events

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: false, composed: true }));
  }

  private log(name: string, data?: Dict) {
    this.emit('chatkit.log', data ? { name, data } : { name });
  }

  private emitError(error: unknown) {
    const err = error instanceof Error ? error : new Error(String(error));
    this.emit('chatkit.error', { error: err });
  }

  // ---------------------------------------------------------------- thread loading

  private async loadThread(threadId: string, announce: boolean) {
    if (!this.api) return;
    const seq = ++this.loadSeq;
    this.threadId = threadId;
    if (announce) {
      this.state = { ...initialState(), thread: { id: threadId, created_at: '' } };
      this.rendered.clear();
      this.els.list.textContent = '';
      this.els.app.classList.add('ck-is-loading');
      this.renderAll();
      this.emit('chatkit.thread.change', { threadId });
    }
    this.emit('chatkit.thread.load.start', { threadId });
    try {
      const thread = await this.api.request<Thread>('threads.get_by_id', { thread_id: threadId });
      let items = thread.items?.data ?? [];
      let after = thread.items?.after;
      let more = thread.items?.has_more ?? false;
      for (let pages = 0; more && after && pages < 50; pages++) {
        const page = await this.api.request<{ data: ThreadItem[]; has_more: boolean; after?: string }>('items.list', { thread_id: threadId, after, order: 'asc', limit: 50 });
        items = items.concat(page.data ?? []);
        after = page.after;
        more = page.has_more;
      }
      if (seq !== this.loadSeq) return;
      this.state = stateFromThread({ ...thread, items: { data: items, has_more: false } });
      this.rendered.clear();
      this.els.list.textContent = '';
      this.renderAll();
      this.scrollToBottom(true);
    } catch (e) {
      if (seq === this.loadSeq) {
        this.state = { ...this.state, error: { code: 'request', message: this.t.requestError, allow_retry: false } };
        this.renderAll();
      }
      this.emitError(e);
    } finally {
      if (seq === this.loadSeq) this.els.app.classList.remove('ck-is-loading');
      this.emit('chatkit.thread.load.end', { threadId });
    }
  }

  // ---------------------------------------------------------------- streaming

  private abortStream() {
    if (this.streamCtrl) {
      this.streamCtrl.abort();
      this.streamCtrl = null;
    }
  }

  private get isStreaming() {
    return this.streamCtrl !== null;
  }

  private async runStream(type: string, params: Dict): Promise<void> {
    if (!this.api) throw new Error('ChatKit: setOptions() must be called first');
    if (this.streamCtrl) {
      this.log('stream.blocked', { type });
      return;
    }
    const ctrl = new AbortController();
    this.streamCtrl = ctrl;
    const seq = this.loadSeq;
    this.state = { ...this.state, error: null, notices: [], streamOptions: null, progress: null };
    this.renderAll();
    this.emit('chatkit.response.start', undefined);
    this.log('request.start', { type });
    try {
      for await (const ev of this.api.stream(type, params, ctrl.signal)) {
        if (ctrl.signal.aborted || seq !== this.loadSeq) break;
        this.handleEvent(ev as StreamEvent);
      }
    } catch (e: any) {
      if (!(ctrl.signal.aborted || e?.name === 'AbortError')) {
        if (seq === this.loadSeq) {
          this.state = { ...this.state, error: { code: 'request', message: this.t.requestError, allow_retry: false, afterItemId: this.lastItemId() } };
        }
        this.emitError(e);
      }
    } finally {
      if (this.streamCtrl === ctrl) this.streamCtrl = null;
      if (seq === this.loadSeq) this.dropOptimistic();
      this.state = { ...this.state, progress: null, streamOptions: null, pending: [] };
      this.renderAll();
      this.log('request.end', { type, aborted: ctrl.signal.aborted });
      this.emit('chatkit.response.end', undefined);
    }
    if (seq === this.loadSeq && !ctrl.signal.aborted) await this.maybeRunClientTool();
  }

  private lastItemId(): string | null {
    const items = this.state.items;
    return items.length ? items[items.length - 1].id : null;
  }

  private handleEvent(ev: StreamEvent) {
    if (!ev || typeof ev !== 'object') return;
    if (ev.type === 'thread.item.done' && ev.item?.type === 'user_message') { this.echoed = true; this.dropOptimistic(); }
    const before = this.state;
    this.state = reduce(this.state, ev);
    switch (ev.type) {
      case 'thread.created':
        this.threadId = ev.thread.id;
        this.emit('chatkit.thread.change', { threadId: ev.thread.id });
        break;
      case 'client_effect':
        this.emit('chatkit.effect', ev.data === undefined ? { name: ev.name } : { name: ev.name, data: ev.data });
        break;
      case 'error':
        this.emitError(new Error(ev.message ?? ev.code));
        break;
      case 'thread.updated':
        if (this.historyOpen) void this.loadHistory(true);
        break;
    }
    if (before !== this.state) {
      const nearBottom = this.isNearBottom();
      this.renderAll();
      if (nearBottom || ev.type === 'thread.item.done' && ev.item.type === 'user_message') this.scrollToBottom();
    }
  }

  private async maybeRunClientTool() {
    const last = this.state.items[this.state.items.length - 1];
    if (!last || last.type !== 'client_tool_call' || last.status !== 'pending' || this.handledToolCalls.has(last.id) || !this.threadId) return;
    this.handledToolCalls.add(last.id);
    const handler = this.opts.onClientTool;
    let result: unknown;
    try {
      if (typeof handler !== 'function') throw new Error(`No onClientTool handler for "${last.name}"`);
      result = await handler({ name: last.name, params: last.arguments ?? {} });
    } catch (e: any) {
      this.emitError(e);
      result = { error: String(e?.message ?? e) };
    }
    if (result === undefined) result = null;
    this.state = {
      ...this.state,
      items: this.state.items.map((i) => (i.id === last.id ? { ...i, status: 'completed', output: result } : i)),
    };
    this.renderAll();
    await this.runStream('threads.add_client_tool_output', { thread_id: this.threadId, result });
  }

  private async submit(content: UserContent[], attachments: Attachment[], reply: string | null, inference: Dict) {
    if (this.isStreaming) return;
    const attachmentIds = attachments.map((a) => a.id);
    const hasText = content.some((c) => (c.type === 'input_text' ? c.text.trim() !== '' : true));
    if (!hasText && !attachmentIds.length) return;
    const input = { content, attachments: attachmentIds, quoted_text: reply ?? undefined, inference_options: inference };
    if (reply == null) delete (input as any).quoted_text;
    // Show the message right away; the server's echo (thread.item.done) replaces it.
    const local: ThreadItem = {
      id: nextId('local_user'), thread_id: this.threadId ?? '', created_at: new Date().toISOString(), type: 'user_message',
      content, attachments: attachments.map((a) => ({ ...a })), inference_options: inference, ...(reply != null ? { quoted_text: reply } : {}),
    };
    this.optimisticId = local.id;
    this.state = { ...this.state, items: [...this.state.items, local] };
    this.scrollToBottom(true);
    this.echoed = false;
    if (this.threadId) await this.runStream('threads.add_user_message', { thread_id: this.threadId, input });
    else await this.runStream('threads.create', { input });
    // The server never accepted the message (request failed): give the text back to the user.
    if (!this.echoed && this.readEditorContent().length === 0) this.setEditorContent(content);
  }

  /** Drops the optimistic user message, if it is still shown. */
  private dropOptimistic() {
    const id = this.optimisticId;
    if (!id) return;
    this.optimisticId = null;
    if (this.state.items.some((i) => i.id === id)) this.state = { ...this.state, items: this.state.items.filter((i) => i.id !== id) };
  }

  private async sendFromComposer() {
    if (this.isStreaming) return;
    if (this.uploads.some((u) => u.status === 'uploading')) return;
    const content = this.readEditorContent();
    const attachments = this.uploads.filter((u) => u.status === 'done' && u.attachment).map((u) => u.attachment!);
    if (!content.length && !attachments.length) return;
    const inference: Dict = {};
    if (this.selectedTool) inference.tool_choice = { id: this.selectedTool };
    if (this.selectedModel) inference.model = this.selectedModel;
    const reply = this.replyText;
    // Clear the composer before streaming so the user can keep typing.
    this.setEditorContent([]);
    for (const u of this.uploads) if (u.previewUrl?.startsWith('blob:')) URL.revokeObjectURL(u.previewUrl);
    this.uploads = [];
    this.replyText = null;
    const tool = (this.opts.composer?.tools ?? []).find((t: any) => t.id === this.selectedTool);
    if (tool && !tool.persistent) this.setTool(null);
    this.renderComposer();
    await this.submit(content, attachments, reply, inference);
  }

  private async retry(itemId: string) {
    if (!this.threadId || this.isStreaming) return;
    const idx = this.state.items.findIndex((i) => i.id === itemId);
    if (idx < 0) return;
    // The server deletes every newer item without events: prune the view ourselves.
    this.state = { ...this.state, items: this.state.items.slice(0, idx + 1), error: null };
    this.renderAll();
    this.log('message.retry', { itemId });
    await this.runStream('threads.retry_after_item', { thread_id: this.threadId, item_id: itemId });
  }

  private userMessageBefore(itemId: string | null | undefined): string | null {
    const items = this.state.items;
    let idx = itemId ? items.findIndex((i) => i.id === itemId) : items.length - 1;
    if (idx < 0) idx = items.length - 1;
    for (let i = idx; i >= 0; i--) if (items[i].type === 'user_message') return items[i].id;
    return null;
  }

  // ---------------------------------------------------------------- widget actions

  private async widgetAction(action: ActionConfig, item: ThreadItem): Promise<void> {
    const a = { type: action.type, payload: action.payload };
    this.log('widget.action', { type: action.type, handler: action.handler ?? 'server' });
    try {
      if (action.handler === 'client') {
        const fn = this.opts.widgets?.onAction;
        if (typeof fn === 'function') await fn(a.payload === undefined ? { type: a.type } : a, { id: item.id, widget: item.widget });
        return;
      }
      if (!this.threadId || !this.api) return;
      const wire = { type: a.type, payload: a.payload ?? null };
      if (action.streaming === false) {
        const res = await this.api.request<{ updated_item?: ThreadItem }>('threads.sync_custom_action', { thread_id: this.threadId, item_id: item.id, action: wire });
        if (res?.updated_item) {
          this.state = reduce(this.state, { type: 'thread.item.replaced', item: res.updated_item });
          this.renderAll();
        }
        return;
      }
      await this.runStream('threads.custom_action', { thread_id: this.threadId, item_id: item.id, action: wire });
    } catch (e) {
      this.emitError(e);
    }
  }

  // ---------------------------------------------------------------- building the DOM

  private build() {
    // Constructable stylesheets keep working under a strict CSP (no inline <style>); fall back otherwise.
    let style: HTMLStyleElement | null = null;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      this.sr.adoptedStyleSheets = [sheet];
    } catch {
      style = document.createElement('style');
      style.textContent = STYLES;
    }
    const app = h('div', { class: 'ck-app', role: 'region' });
    const left = h('div', { class: 'ck-header-side' });
    const right = h('div', { class: 'ck-header-side ck-right' });
    const title = h('div', { class: 'ck-title', 'aria-live': 'polite' });
    const header = h('header', { class: 'ck-header' }, left, title, right);
    const list = h('div', { class: 'ck-items', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    const start = h('div', { class: 'ck-start' });
    const tail = h('div', { class: 'ck-tail' });
    const scroller = h('div', { class: 'ck-scroller' }, h('div', { class: 'ck-thread' }, start, list, tail));
    const editor = h('div', { class: 'ck-editor', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', spellcheck: 'true' });
    const attachRow = h('div', { class: 'ck-attachments' });
    const reply = h('div', { class: 'ck-reply' });
    const toolbar = h('div', { class: 'ck-toolbar' });
    const sendBtn = h('button', { class: 'ck-send', type: 'submit' }) as HTMLButtonElement;
    const fileInput = h('input', { type: 'file', multiple: true, hidden: true, tabindex: '-1' }) as HTMLInputElement;
    const mentionMenu = h('div', { class: 'ck-mention-menu', role: 'listbox', hidden: true });
    const dropHint = h('div', { class: 'ck-drop-hint', hidden: true });
    const composer = h('form', { class: 'ck-composer' }, reply, attachRow, editor, toolbar, fileInput, mentionMenu, dropHint) as HTMLFormElement;
    const disclaimer = h('div', { class: 'ck-disclaimer' });
    const banner = h('div', { class: 'ck-banner', hidden: true });
    const composerWrap = h('div', { class: 'ck-composer-wrap' }, banner, composer, disclaimer);
    const historyList = h('div', { class: 'ck-history-list' });
    const history = h('aside', { class: 'ck-history', hidden: true });
    const toast = h('div', { class: 'ck-toast', role: 'status', 'aria-live': 'polite' });
    const preview = h('div', { class: 'ck-preview', hidden: true, role: 'tooltip' });
    app.append(header, scroller, composerWrap, history, toast, preview);
    if (style) this.sr.append(style);
    this.sr.append(app);
    this.els = {
      app, header, title, left, right, scroller, list, start, tail, composerWrap, composer, editor, attachRow, reply, toolbar,
      sendBtn, fileInput, disclaimer, history, historyList, mentionMenu, banner, toast, dropHint, preview,
    };
    this.wireComposer();
    this.sr.addEventListener('click', (e) => this.onLinkClick(e));
    app.addEventListener('pointerdown', (e) => {
      // Clicking outside the open history panel closes it.
      if (this.historyOpen && !e.composedPath().includes(this.els.history) && !e.composedPath().some((n) => (n as HTMLElement)?.classList?.contains('ck-history-btn'))) void this.hideHistory();
    });
    app.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.historyOpen) { e.preventDefault(); void this.hideHistory(); }
    });
  }

  private onLinkClick(e: Event) {
    const a = (e.composedPath().find((n) => n instanceof HTMLAnchorElement) as HTMLAnchorElement | undefined);
    if (!a) return;
    const deeplink = a.getAttribute('data-deeplink');
    if (deeplink) {
      e.preventDefault();
      try {
        const url = new URL(deeplink);
        const name = (url.host || url.pathname.replace(/^\/+/, '')).split('/')[0];
        const data: Dict = {};
        url.searchParams.forEach((v, k) => (data[k] = v));
        this.emit('chatkit.deeplink', Object.keys(data).length ? { name, data } : { name });
      } catch {
        /* malformed deeplink: ignore */
      }
    }
  }

  private wireComposer() {
    const { composer, editor, fileInput, sendBtn } = this.els;
    composer.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.isStreaming) {
        if (this.state.streamOptions?.allow_cancel !== false) {
          this.log('stream.cancel');
          this.abortStream();
        }
        return;
      }
      void this.sendFromComposer();
    });
    void sendBtn;
    editor.addEventListener('keydown', (e) => {
      if (this.mention && !this.els.mentionMenu.hidden) {
        const n = this.mention.results.length;
        if (e.key === 'ArrowDown' && n) { e.preventDefault(); this.mention.active = (this.mention.active + 1) % n; this.renderMentionMenu(); return; }
        if (e.key === 'ArrowUp' && n) { e.preventDefault(); this.mention.active = (this.mention.active - 1 + n) % n; this.renderMentionMenu(); return; }
        if ((e.key === 'Enter' || e.key === 'Tab') && n) { e.preventDefault(); void this.pickMention(this.mention.results[this.mention.active]); return; }
        if (e.key === 'Escape') { e.preventDefault(); this.closeMention(); return; }
      }
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        if (!this.isStreaming) void this.sendFromComposer();
      } else if (e.key === 'Enter' && e.shiftKey) {
        e.preventDefault();
        document.execCommand('insertLineBreak');
      }
    });
    editor.addEventListener('input', () => {
      this.normalizeEditor();
      this.updateSendState();
      void this.checkMention();
    });
    editor.addEventListener('blur', () => setTimeout(() => { if (!this.els.mentionMenu.matches(':hover')) this.closeMention(); }, 150));
    editor.addEventListener('paste', (e) => {
      const dt = e.clipboardData;
      if (!dt) return;
      const files = Array.from(dt.files ?? []);
      if (files.length && this.attachmentsEnabled) {
        e.preventDefault();
        for (const f of files) this.addFile(f);
        return;
      }
      const text = dt.getData('text/plain');
      e.preventDefault();
      if (text) document.execCommand('insertText', false, text);
    });
    fileInput.addEventListener('change', () => {
      for (const f of Array.from(fileInput.files ?? [])) this.addFile(f);
      fileInput.value = '';
    });
    const app = this.els.app;
    let dragDepth = 0;
    app.addEventListener('dragenter', (e) => {
      if (!this.attachmentsEnabled || !e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      dragDepth++;
      this.els.dropHint.hidden = false;
    });
    app.addEventListener('dragover', (e) => { if (this.attachmentsEnabled && e.dataTransfer?.types.includes('Files')) e.preventDefault(); });
    app.addEventListener('dragleave', () => { dragDepth = Math.max(0, dragDepth - 1); if (!dragDepth) this.els.dropHint.hidden = true; });
    app.addEventListener('drop', (e) => {
      dragDepth = 0;
      this.els.dropHint.hidden = true;
      if (!this.attachmentsEnabled || !e.dataTransfer?.files.length) return;
      e.preventDefault();
      for (const f of Array.from(e.dataTransfer.files)) this.addFile(f);
    });
  }

  // ---------------------------------------------------------------- editor content

  private normalizeEditor() {
    const ed = this.els.editor;
    if (ed.childNodes.length === 1 && ed.firstChild instanceof HTMLBRElement) ed.textContent = '';
  }

  private getSelection(): Selection | null {
    const sr = this.sr as any;
    return typeof sr.getSelection === 'function' ? sr.getSelection() : document.getSelection();
  }

  private placeCaretAtEnd() {
    const sel = this.getSelection();
    if (!sel) return;
    const range = document.createRange();
    range.selectNodeContents(this.els.editor);
    range.collapse(false);
    sel.removeAllRanges();
    sel.addRange(range);
  }

  private tagChip(tag: { id: string; text: string; data?: Dict; group?: string | null; interactive?: boolean; icon?: string }): HTMLElement {
    const chip = h('span', { class: 'ck-tag', contenteditable: 'false', dataset: { tagId: tag.id, tagText: tag.text } }, '@' + tag.text);
    (chip as any).__tag = { type: 'input_tag', id: tag.id, text: tag.text, data: tag.data ?? {}, group: tag.group ?? null, interactive: !!tag.interactive };
    return chip;
  }

  private setEditorContent(content: UserContent[]) {
    const ed = this.els.editor;
    ed.textContent = '';
    for (const c of content) {
      if (c.type === 'input_text') ed.append(document.createTextNode(c.text));
      else if (c.type === 'input_tag') ed.append(this.tagChip(c), document.createTextNode(' '));
    }
    this.updateSendState();
  }

  private readEditorContent(): UserContent[] {
    const out: UserContent[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ type: 'input_text', text });
      text = '';
    };
    const walk = (node: Node, top: boolean) => {
      node.childNodes.forEach((child, i) => {
        if (child.nodeType === Node.TEXT_NODE) text += (child as Text).data.replace(/\u00a0/g, ' ');
        else if (child instanceof HTMLBRElement) text += '\n';
        else if (child instanceof HTMLElement && (child as any).__tag) {
          flush();
          out.push({ ...(child as any).__tag });
        } else if (child instanceof HTMLElement) {
          if (top && (child.tagName === 'DIV' || child.tagName === 'P') && i > 0) text += '\n';
          walk(child, false);
        }
      });
    };
    walk(this.els.editor, true);
    flush();
    // Trim surrounding whitespace of the whole message.
    if (out.length && out[0].type === 'input_text') out[0] = { type: 'input_text', text: out[0].text.replace(/^\s+/, '') };
    const last = out[out.length - 1];
    if (last && last.type === 'input_text') out[out.length - 1] = { type: 'input_text', text: last.text.replace(/\s+$/, '') };
    return out.filter((c) => c.type !== 'input_text' || c.text !== '');
  }

  // ---------------------------------------------------------------- @-mentions and "/" commands

  private async checkMention() {
    const sel = this.getSelection();
    const node = sel?.anchorNode;
    if (!sel || !node || node.nodeType !== Node.TEXT_NODE || !this.els.editor.contains(node)) return this.closeMention();
    const before = (node as Text).data.slice(0, sel.anchorOffset);
    const search = this.opts.entities?.onTagSearch;
    const tag = typeof search === 'function' ? /(?:^|\s)@([^\s@]{0,40})$/.exec(before) : null;
    const cmds = this.opts.commands?.enabled ? /(?:^|\s)\/([^\s/]{0,40})$/.exec(before) : null;
    const m = tag ?? cmds;
    if (!m) return this.closeMention();
    const query = m[1];
    const start = sel.anchorOffset - query.length - 1;
    const seq = (this.mention?.seq ?? 0) + 1;
    this.mention = { query, results: this.mention?.results ?? [], active: 0, node: node as Text, start, seq };
    try {
      const results: MenuEntry[] = tag ? ((await search(query)) ?? []).map((e: Entity) => this.entityEntry(e)) : await this.commandEntries(query);
      if (!this.mention || this.mention.seq !== seq) return;
      this.mention.results = results.slice(0, 30);
      this.mention.active = 0;
      this.renderMentionMenu(tag ? this.t.mentions : this.t.commands);
    } catch (e) {
      this.emitError(e);
    }
  }

  private entityEntry(ent: Entity): MenuEntry {
    return { title: ent.title, icon: ent.icon ?? 'profile', group: ent.group, pick: () => this.insertTag(ent) };
  }

  private async commandEntries(query: string): Promise<MenuEntry[]> {
    const q = query.toLowerCase();
    const out: MenuEntry[] = [];
    const onSearch = this.opts.commands?.onSearch;
    if (typeof onSearch === 'function') {
      const found: any[] = (await onSearch(query)) ?? [];
      for (const c of found) out.push(this.commandEntry(c));
    }
    // Built-in composer actions that apply to this configuration.
    const builtins: MenuEntry[] = [];
    if (this.attachmentsEnabled) builtins.push({ title: this.t.attach, icon: 'paperclip', group: this.t.composerActions, pick: () => { this.clearTrigger(); this.els.fileInput.click(); } });
    for (const tool of this.opts.composer?.tools ?? []) {
      builtins.push({ title: tool.label, icon: tool.icon, group: this.t.tools, pick: () => { this.clearTrigger(); this.setTool(tool.id); } });
    }
    out.push(...builtins.filter((b) => b.title.toLowerCase().includes(q)));
    return out;
  }

  private commandEntry(c: any): MenuEntry {
    return {
      title: String(c.label ?? c.id), icon: c.icon ?? 'bolt', group: c.group, description: c.description,
      pick: async () => {
        const anchor = this.mention;
        try {
          const res = await this.opts.commands?.onSelect?.(c);
          this.log('command.select', { id: c.id });
          if (res?.type === 'entity' && res.entity) {
            if (anchor) this.mention = anchor;
            this.insertTag(res.entity);
          } else if (res?.type === 'menu' && Array.isArray(res.commands)) {
            if (anchor) {
              this.mention = { ...anchor, results: res.commands.map((x: any) => this.commandEntry(x)), active: 0, seq: anchor.seq + 1 };
              this.renderMentionMenu(this.t.commands);
            }
          } else {
            if (anchor) this.mention = anchor;
            this.clearTrigger();
          }
        } catch (e) {
          this.emitError(e);
        }
      },
    };
  }

  private renderMentionMenu(label = this.t.mentions) {
    const menu = this.els.mentionMenu;
    const m = this.mention;
    if (!m) { menu.hidden = true; return; }
    menu.textContent = '';
    menu.setAttribute('aria-label', label);
    if (!m.results.length) {
      menu.append(h('div', { class: 'ck-mention-empty', text: this.t.noResults }));
    }
    let group: string | undefined;
    m.results.forEach((entry, i) => {
      if (entry.group && entry.group !== group) {
        group = entry.group;
        menu.append(h('div', { class: 'ck-mention-group', text: entry.group }));
      }
      const opt = h('div', {
        class: 'ck-mention-option' + (i === m.active ? ' ck-active' : ''), role: 'option', 'aria-selected': String(i === m.active), id: `ck-mention-${i}`,
        onmousedown: (e: Event) => { e.preventDefault(); void this.pickMention(entry); },
      }, icon(entry.icon ?? 'dot', 14), h('span', { text: entry.title }), entry.description ? h('span', { class: 'ck-option-desc', text: entry.description }) : null);
      menu.append(opt);
    });
    menu.hidden = false;
    this.els.editor.setAttribute('aria-activedescendant', `ck-mention-${m.active}`);
  }

  private closeMention() {
    this.mention = null;
    this.els.mentionMenu.hidden = true;
    this.els.editor.removeAttribute('aria-activedescendant');
  }

  private async pickMention(entry: MenuEntry) {
    await entry.pick();
  }

  /** Removes the "@query" / "/query" trigger text and returns the text node after it. */
  private clearTrigger(): Text | null {
    const m = this.mention;
    if (!m) return null;
    const node = m.node;
    if (!this.els.editor.contains(node)) { this.closeMention(); return null; }
    const end = Math.min(node.data.length, m.start + 1 + m.query.length);
    const after = node.splitText(end);
    node.data = node.data.slice(0, m.start);
    const sel = this.getSelection();
    if (sel) {
      const r = document.createRange();
      r.setStart(after, 0);
      r.collapse(true);
      sel.removeAllRanges();
      sel.addRange(r);
    }
    this.closeMention();
    return after;
  }

  private insertTag(ent: Entity) {
    const after = this.clearTrigger();
    if (!after) return;
    const chip = this.tagChip({ id: ent.id, text: ent.title, data: ent.data ?? {}, group: ent.group ?? null, interactive: !!ent.interactive });
    const space = document.createTextNode('\u00a0');
    after.parentNode!.insertBefore(chip, after);
    after.parentNode!.insertBefore(space, after);
    const sel = this.getSelection();
    if (sel) {
      const r = document.createRange();
      r.setStart(space, 1);
      r.collapse(true);
      sel.removeAllRanges();
      sel.addRange(r);
    }
    this.updateSendState();
    this.log('tag.insert', { id: ent.id });
  }

  // ---------------------------------------------------------------- attachments

  private get attachmentsEnabled(): boolean {
    return !!this.opts.composer?.attachments?.enabled;
  }

  private addFile(file: File) {
    const cfg = this.opts.composer?.attachments ?? {};
    const maxCount = cfg.maxCount ?? 10;
    if (this.uploads.length >= maxCount) return this.toast(fmt(this.t.tooManyFiles, { n: maxCount }));
    if (!fileAccepted(file, cfg.accept)) return this.toast(fmt(this.t.fileTypeNotAllowed, { name: file.name }));
    if (file.size > maxSizeFor(file, cfg.maxSize)) return this.toast(fmt(this.t.fileTooLarge, { name: file.name }));
    const up: PendingUpload = {
      localId: nextId('up'), name: file.name, mime: file.type, progress: 0, status: 'uploading', abort: new AbortController(),
      previewUrl: file.type.startsWith('image/') && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined,
    };
    this.uploads.push(up);
    this.renderComposer();
    const api = this.api;
    if (!api) return;
    api.upload(file, (f) => { up.progress = f; this.renderAttachments(); }, up.abort!.signal).then(
      (att) => { up.attachment = att; up.status = 'done'; up.progress = 1; this.log('attachment.uploaded', { id: att.id }); this.renderComposer(); },
      (err) => {
        if (!this.uploads.includes(up)) return;
        up.status = 'error';
        this.toast(fmt(this.t.uploadFailed, { name: file.name }));
        this.emitError(err);
        this.renderComposer();
      },
    );
  }

  private removeUpload(up: PendingUpload) {
    this.uploads = this.uploads.filter((u) => u !== up);
    up.abort?.abort();
    if (up.previewUrl?.startsWith('blob:')) URL.revokeObjectURL(up.previewUrl);
    if (up.attachment && this.api) this.api.request('attachments.delete', { attachment_id: up.attachment.id }).catch(() => {});
    this.renderComposer();
    this.els.editor.focus();
  }

  // ---------------------------------------------------------------- rendering

  private lastSig = { header: '', composer: '', opts: null as Options | null };

  private renderAll() {
    if (!this.els || !this.hasOptions) return;
    // Header and composer are rebuilt only when something they show changed, so that
    // streaming deltas do not steal focus from (or close) their controls.
    const optsChanged = this.lastSig.opts !== this.opts;
    this.lastSig.opts = this.opts;
    const headerSig = `${this.state.thread?.title ?? ''}|${this.historyOpen}`;
    if (optsChanged || headerSig !== this.lastSig.header) { this.lastSig.header = headerSig; this.renderHeader(); }
    this.renderStart();
    this.renderItems();
    this.renderTail();
    const composerSig = JSON.stringify([this.state.thread?.status ?? null, this.selectedTool, this.selectedModel, this.replyText, this.uploads.map((u) => [u.localId, u.status])]);
    if (optsChanged || composerSig !== this.lastSig.composer) { this.lastSig.composer = composerSig; this.renderComposer(); }
    else this.updateSendState();
    this.renderHistoryShell();
  }

  private renderHeader() {
    const hd = this.opts.header ?? {};
    const { header, left, right, title } = this.els;
    header.hidden = hd.enabled === false;
    left.textContent = '';
    right.textContent = '';
    const historyEnabled = this.opts.history?.enabled !== false;
    if (hd.leftAction) {
      left.append(this.iconButton(hd.leftAction.icon, hd.leftAction.icon, () => hd.leftAction.onClick?.(), 'ck-header-btn'));
    } else if (historyEnabled) {
      left.append(this.iconButton('history', this.t.history, () => void (this.historyOpen ? this.hideHistory() : this.showHistory()), 'ck-header-btn ck-history-btn'));
    }
    if (hd.title?.enabled === false) title.textContent = '';
    else title.textContent = hd.title?.text ?? this.state.thread?.title ?? '';
    if (hd.rightAction) right.append(this.iconButton(hd.rightAction.icon, hd.rightAction.icon, () => hd.rightAction.onClick?.(), 'ck-header-btn'));
    right.append(this.iconButton('compose', this.t.newChat, () => { void this.setThreadId(null); void this.focusComposer(); }, 'ck-header-btn ck-new-chat'));
  }

  private iconButton(iconName: string, label: string, onClick: () => void, cls = 'ck-icon-btn'): HTMLButtonElement {
    const b = h('button', { type: 'button', class: cls, 'aria-label': label, title: label, html: iconSvg(iconName, 18) }) as HTMLButtonElement;
    b.addEventListener('click', onClick);
    return b;
  }

  private renderStart() {
    const s = this.els.start;
    const show = !this.threadId && this.state.items.length === 0;
    s.hidden = !show;
    this.els.app.classList.toggle('ck-empty', show);
    if (!show) return;
    s.textContent = '';
    const cfg = this.opts.startScreen ?? {};
    s.append(h('h2', { class: 'ck-greeting', text: cfg.greeting ?? this.t.greeting }));
    const prompts: any[] = cfg.prompts ?? [];
    if (prompts.length) {
      const list = h('div', { class: 'ck-prompts' });
      for (const p of prompts) {
        const b = h('button', { type: 'button', class: 'ck-prompt' }, icon(p.icon ?? 'sparkle', 16), h('span', { text: p.label }));
        b.addEventListener('click', () => {
          const content: UserContent[] = typeof p.prompt === 'string' ? [{ type: 'input_text', text: p.prompt }] : p.prompt;
          const inference: Dict = {};
          if (this.selectedTool) inference.tool_choice = { id: this.selectedTool };
          if (this.selectedModel) inference.model = this.selectedModel;
          void this.submit(content, [], null, inference);
        });
        list.append(b);
      }
      s.append(list);
    }
  }

  private renderItems() {
    const list = this.els.list;
    const items = this.state.items;
    const lastAssistantIdx = findLastIndex(items, (i) => i.type === 'assistant_message');
    const seen = new Set<string>();
    let prev: Element | null = null;
    // An assistant message ends its turn when the next message (user or assistant) is a user message, or there is none.
    const nextMessageType: (string | undefined)[] = new Array(items.length);
    let upcoming: string | undefined;
    for (let i = items.length - 1; i >= 0; i--) {
      nextMessageType[i] = upcoming;
      if (items[i].type === 'user_message' || items[i].type === 'assistant_message') upcoming = items[i].type;
    }
    items.forEach((item, idx) => {
      const pending = this.state.pending.includes(item.id);
      const endOfTurn = item.type === 'assistant_message' && nextMessageType[idx] !== 'assistant_message';
      const assistant = item.type === 'assistant_message';
      const flags = `${pending ? 'p' : ''}${endOfTurn ? 'e' : ''}${idx === lastAssistantIdx ? 'l' : ''}${assistant && this.isStreaming ? 's' : ''}${this.feedbackGiven.get(item.id) ?? ''}${this.theme.scheme}`;
      const key = `${keyOf(item)}|${flags}`;
      seen.add(item.id);
      let entry = this.rendered.get(item.id);
      if (!entry || entry.key !== key || (entry as any).ref !== item) {
        const el = this.renderItem(item, { pending, endOfTurn, isLast: idx === lastAssistantIdx });
        if (entry) entry.el.replaceWith(el);
        entry = { key, el };
        (entry as any).ref = item;
        this.rendered.set(item.id, entry);
      }
      const expected: Element | null = prev ? prev.nextElementSibling : list.firstElementChild;
      if (expected !== entry.el) list.insertBefore(entry.el, expected);
      prev = entry.el;
    });
    for (const [id, entry] of this.rendered) {
      if (!seen.has(id)) { entry.el.remove(); this.rendered.delete(id); }
    }
  }

  private renderItem(item: ThreadItem, f: { pending: boolean; endOfTurn: boolean; isLast: boolean }): HTMLElement {
    const wrap = h('div', { class: `ck-item ck-item-${item.type}`, dataset: { itemId: item.id, itemType: item.type } });
    try {
      switch (item.type) {
        case 'user_message': wrap.append(this.renderUserMessage(item)); break;
        case 'assistant_message': wrap.append(this.renderAssistantMessage(item, f)); break;
        case 'widget': wrap.append(this.renderWidgetItem(item)); break;
        case 'workflow': wrap.append(this.renderWorkflow(item, f.pending)); break;
        case 'task': if (item.task) wrap.append(h('div', { class: 'ck-task-standalone' }, this.renderTask(item.task))); break;
        case 'client_tool_call': wrap.append(this.renderToolCall(item)); break;
        case 'structured_input': wrap.append(this.renderStructuredInput(item)); break;
        case 'generated_image': wrap.append(this.renderGeneratedImage(item)); break;
        case 'end_of_turn': wrap.hidden = true; break;
        default: wrap.hidden = true; // unknown item types render nothing
      }
    } catch (e) {
      this.emitError(e);
    }
    return wrap;
  }

  private get allowedImageDomains(): string[] | undefined {
    return this.state.thread?.allowed_image_domains;
  }

  private get imagePolicy(): ImagePolicy {
    return { allowedDomains: this.allowedImageDomains, apiUrl: this.opts.api?.url };
  }

  private renderUserMessage(item: ThreadItem): HTMLElement {
    const bubble = h('div', { class: 'ck-user-bubble' });
    for (const c of item.content ?? []) {
      if (c.type === 'input_text') bubble.append(document.createTextNode(c.text));
      else if (c.type === 'input_tag') bubble.append(this.renderTag(c));
    }
    const col = h('div', { class: 'ck-user' });
    if (item.quoted_text) col.append(h('div', { class: 'ck-quote', text: item.quoted_text }));
    if (item.attachments?.length) {
      const row = h('div', { class: 'ck-user-attachments' });
      for (const a of item.attachments) row.append(this.renderAttachmentPreview(a));
      col.append(row);
    }
    if ((item.content ?? []).length) col.append(bubble);
    return col;
  }

  private renderAttachmentPreview(a: Attachment): HTMLElement {
    if (a.type === 'image' && a.preview_url && isLoadableImage(a.preview_url, this.imagePolicy)) {
      return h('figure', { class: 'ck-att-image', title: a.name }, h('img', { src: a.preview_url, alt: a.name, loading: 'lazy', referrerpolicy: 'no-referrer' }));
    }
    return h('div', { class: 'ck-att-file', title: a.name }, icon('document', 16), h('span', { class: 'ck-att-name', text: a.name }));
  }

  private renderTag(c: { id: string; text: string; data?: Dict; group?: string | null; interactive?: boolean }): HTMLElement {
    const entity: Entity = { id: c.id, title: c.text, group: c.group ?? undefined, interactive: !!c.interactive, data: c.data as any };
    const tag = h(c.interactive ? 'button' : 'span', { class: 'ck-tag' + (c.interactive ? ' ck-interactive' : ''), type: c.interactive ? 'button' : undefined, dataset: { tagId: c.id } }, '@' + c.text);
    if (c.interactive) this.wireEntity(tag, entity);
    return tag;
  }

  private wireEntity(el: HTMLElement, entity: Entity) {
    el.addEventListener('click', () => this.opts.entities?.onClick?.(entity));
    const preview = this.opts.entities?.onRequestPreview;
    if (typeof preview !== 'function') return;
    const show = async () => {
      try {
        const res = await preview(entity);
        if (!res?.preview) return;
        const p = this.els.preview;
        p.textContent = '';
        p.append(this.widgetRenderer(null).render(res.preview));
        const r = el.getBoundingClientRect();
        const host = this.els.app.getBoundingClientRect();
        p.style.left = `${Math.max(8, r.left - host.left)}px`;
        p.style.top = `${r.bottom - host.top + 6}px`;
        p.hidden = false;
      } catch (e) { this.emitError(e); }
    };
    const hide = () => { this.els.preview.hidden = true; };
    el.addEventListener('mouseenter', show);
    el.addEventListener('focus', show);
    el.addEventListener('mouseleave', hide);
    el.addEventListener('blur', hide);
  }

  private renderAssistantMessage(item: ThreadItem, f: { pending: boolean; endOfTurn: boolean; isLast: boolean }): HTMLElement {
    const box = h('div', { class: 'ck-assistant' });
    const sources: Source[] = [];
    const numberOf = (s: Source) => {
      const k = sourceKey(s);
      let n = sources.findIndex((x) => sourceKey(x) === k);
      if (n < 0) { sources.push(s); n = sources.length - 1; }
      return n + 1;
    };
    for (const part of item.content ?? []) {
      if (part?.type !== 'output_text') continue;
      const anns = (part.annotations ?? []).map((a: any) => ({ index: a.index, n: numberOf(a.source) }));
      const md = h('div', { class: 'ck-markdown' });
      renderMarkdown(md, withCitations(part.text ?? '', anns), this.allowedImageDomains, (n) => {
        const s = sources[n - 1];
        const sup = h('sup', { class: 'ck-cite' });
        if (s?.type === 'url' && s.url && /^https?:/i.test(s.url)) {
          sup.append(h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer', title: s.title, text: String(n) }));
        } else sup.append(h('span', { title: s?.title ?? '', text: String(n) }));
        return sup;
      });
      box.append(md);
    }
    if (f.pending) box.classList.add('ck-streaming');
    if (sources.length) box.append(this.renderSources(sources));
    if (!f.pending && f.endOfTurn) box.append(this.renderMessageActions(item, f.isLast));
    return box;
  }

  private renderSources(sources: Source[]): HTMLElement {
    const ol = h('ol', { class: 'ck-sources', 'aria-label': this.t.sources });
    sources.forEach((s, i) => {
      const li = h('li', { class: 'ck-source' });
      const num = h('span', { class: 'ck-source-num', text: String(i + 1) });
      if (s.type === 'url' && s.url && /^https?:/i.test(s.url)) {
        let host = '';
        try { host = new URL(s.url).hostname; } catch { /* ignore */ }
        li.append(h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer', class: 'ck-source-link' }, num, h('span', { class: 'ck-source-title', text: s.title }), host ? h('span', { class: 'ck-source-host', text: s.attribution ?? host }) : null));
      } else if (s.type === 'entity') {
        const ent: Entity = { id: s.id ?? '', title: s.title, icon: s.icon, interactive: !!s.interactive, group: s.group, data: s.data as any };
        const el = h(s.interactive ? 'button' : 'span', { class: 'ck-source-link', type: s.interactive ? 'button' : undefined }, num, icon(s.icon ?? 'cube', 14), h('span', { class: 'ck-source-title', text: s.inline_label ?? s.title }), s.label ? h('span', { class: 'ck-source-host', text: s.label }) : null);
        if (s.interactive) this.wireEntity(el, ent);
        li.append(el);
      } else {
        li.append(h('span', { class: 'ck-source-link' }, num, icon('document', 14), h('span', { class: 'ck-source-title', text: s.title }), s.filename ? h('span', { class: 'ck-source-host', text: s.filename }) : null));
      }
      ol.append(li);
    });
    return ol;
  }

  private renderMessageActions(item: ThreadItem, isLast: boolean): HTMLElement {
    const cfg = this.opts.threadItemActions ?? {};
    const bar = h('div', { class: 'ck-msg-actions' });
    const text = (item.content ?? []).map((c: any) => c.text ?? '').join('\n\n');
    const copyBtn = this.iconButton('copy', this.t.copy, async () => {
      await copyText(text);
      copyBtn.innerHTML = iconSvg('check', 16);
      copyBtn.setAttribute('aria-label', this.t.copied);
      this.log('message.copy', { itemId: item.id });
      setTimeout(() => { copyBtn.innerHTML = iconSvg('copy', 16); copyBtn.setAttribute('aria-label', this.t.copy); }, 1500);
    }, 'ck-icon-btn ck-action-copy');
    bar.append(copyBtn);
    if (cfg.feedback) {
      const given = this.feedbackGiven.get(item.id);
      for (const kind of ['positive', 'negative'] as const) {
        const b = this.iconButton(kind === 'positive' ? 'thumbs-up' : 'thumbs-down', kind === 'positive' ? this.t.goodResponse : this.t.badResponse, () => void this.sendFeedback(item, kind), `ck-icon-btn ck-action-feedback-${kind}`);
        b.setAttribute('aria-pressed', String(given === kind));
        if (given && given !== kind) b.disabled = true;
        bar.append(b);
      }
    }
    if (cfg.retry && isLast && !this.isStreaming) {
      const userId = this.userMessageBefore(item.id);
      if (userId) bar.append(this.iconButton('reload', this.t.retry, () => void this.retry(userId), 'ck-icon-btn ck-action-retry'));
    }
    return bar;
  }

  private async sendFeedback(item: ThreadItem, kind: 'positive' | 'negative') {
    if (!this.api || !this.threadId || this.feedbackGiven.has(item.id)) return;
    this.feedbackGiven.set(item.id, kind);
    this.renderItems();
    try {
      await this.api.request('items.feedback', { thread_id: this.threadId, item_ids: [item.id], kind });
      this.toast(this.t.feedbackThanks);
      this.log('message.feedback', { itemId: item.id, kind });
    } catch (e) {
      this.feedbackGiven.delete(item.id);
      this.renderItems();
      this.emitError(e);
    }
  }

  private widgetRenderer(item: ThreadItem | null): WidgetRenderer {
    return new WidgetRenderer({
      scheme: this.theme.scheme,
      allowedImageDomains: this.allowedImageDomains,
      apiUrl: this.opts.api?.url,
      locale: this.locale,
      itemId: item?.id,
      strings: { showMore: this.t.showMore },
      reportError: (m) => this.emitError(new Error(m)),
      action: (action) => (item ? this.widgetAction(action, item) : Promise.resolve()),
    });
  }

  private renderWidgetItem(item: ThreadItem): HTMLElement {
    const box = h('div', { class: 'ck-widget-item' });
    if (item.widget && typeof item.widget === 'object') box.append(this.widgetRenderer(item).render(item.widget as WidgetNode));
    if (item.copy_text) {
      const bar = h('div', { class: 'ck-msg-actions' });
      const b = this.iconButton('copy', this.t.copy, async () => {
        await copyText(item.copy_text!);
        b.innerHTML = iconSvg('check', 16);
        setTimeout(() => { b.innerHTML = iconSvg('copy', 16); }, 1500);
      }, 'ck-icon-btn ck-action-copy');
      bar.append(b);
      box.append(bar);
    }
    return box;
  }

  private renderWorkflow(item: ThreadItem, pending: boolean): HTMLElement {
    const wf = item.workflow ?? { type: 'custom', tasks: [] };
    const det = h('details', { class: `ck-workflow ck-workflow-${wf.type}` }) as HTMLDetailsElement;
    if (wf.expanded || (pending && wf.type !== 'reasoning')) det.open = true;
    const tasks = wf.tasks ?? [];
    let label: string;
    let ic = 'sparkle';
    const sum: any = wf.summary;
    if (sum && typeof sum.duration === 'number') label = fmt(this.t.thoughtFor, { n: sum.duration });
    else if (sum && sum.title) { label = sum.title; ic = sum.icon ?? ic; }
    else if (pending) { const lt = [...tasks].reverse().find((t) => t.title); label = lt?.title ?? (wf.type === 'reasoning' ? this.t.thinking : this.t.workflow); }
    else label = wf.type === 'reasoning' ? this.t.thinking.replace('…', '') : this.t.workflow;
    const summary = h('summary', { class: 'ck-workflow-summary' + (pending ? ' ck-shimmer' : '') }, icon(wf.type === 'reasoning' ? 'lightbulb' : ic, 16), h('span', { text: label }), icon('chevron-down', 14));
    const body = h('div', { class: 'ck-workflow-tasks' });
    for (const t of tasks) body.append(this.renderTask(t));
    det.append(summary, body);
    return det;
  }

  private renderTask(t: any): HTMLElement {
    const row = h('div', { class: `ck-task ck-task-${t.type}`, dataset: { status: t.status_indicator ?? 'none' } });
    const indicator = t.status_indicator === 'loading' ? h('span', { class: 'ck-spinner', 'aria-label': this.t.loading }) :
      t.status_indicator === 'complete' ? icon('check-circle', 14) : icon(t.icon ?? taskIcon(t.type), 14);
    const main = h('div', { class: 'ck-task-main' });
    const title = t.title ?? (t.type === 'web_search' ? t.title_query : undefined);
    if (title) main.append(h('div', { class: 'ck-task-title', text: title }));
    if (t.type === 'web_search') {
      if (t.queries?.length) main.append(h('div', { class: 'ck-chips' }, ...t.queries.map((q: string) => h('span', { class: 'ck-chip' }, icon('search', 12), q))));
      if (t.sources?.length) main.append(this.renderSources(t.sources));
    } else if (t.type === 'file') {
      if (t.sources?.length) main.append(this.renderSources(t.sources));
    }
    if (t.content) {
      const md = h('div', { class: 'ck-markdown ck-task-content' });
      renderMarkdown(md, String(t.content), this.allowedImageDomains);
      main.append(md);
    }
    row.append(h('span', { class: 'ck-task-indicator' }, indicator), main);
    return row;
  }

  private renderToolCall(item: ThreadItem): HTMLElement {
    const done = item.status === 'completed';
    return h('div', { class: 'ck-tool-call', dataset: { status: item.status ?? 'pending' } },
      done ? icon('check-circle', 14) : h('span', { class: 'ck-spinner' }),
      h('span', { text: fmt(done ? this.t.toolDone : this.t.toolCall, { name: item.name ?? '' }) }));
  }

  private renderStructuredInput(item: ThreadItem): HTMLElement {
    const inputs = item.inputs ?? [];
    const box = h('div', { class: 'ck-structured' });
    if (item.status && item.status !== 'pending') {
      for (const q of inputs) {
        const ans = q.answer;
        box.append(h('div', { class: 'ck-qa' }, h('div', { class: 'ck-q', text: q.question }),
          h('div', { class: 'ck-a' + (!ans || ans.skipped ? ' ck-muted' : ''), text: !ans || ans.skipped ? this.t.skipped : ans.values.join(', ') })));
      }
      return box;
    }
    const form = h('form', { class: 'ck-structured-form' }) as HTMLFormElement;
    inputs.forEach((q, qi) => {
      const fs = h('fieldset', { class: 'ck-question' }, h('legend', { text: q.question }));
      if (q.description) fs.append(h('p', { class: 'ck-muted', text: q.description }));
      const name = `q${qi}`;
      if (q.type === 'multiple_choice') {
        for (const o of q.options ?? []) {
          fs.append(h('label', { class: 'ck-option' }, h('input', { type: q.multiple ? 'checkbox' : 'radio', name, value: o.value }), h('span', { text: o.value })));
        }
        fs.append(h('input', { type: 'text', class: 'ck-input', name: `${name}_other`, placeholder: this.t.yourAnswer, 'aria-label': this.t.yourAnswer }));
      } else {
        fs.append(h('textarea', { class: 'ck-input', name, rows: '2', placeholder: this.t.yourAnswer, 'aria-label': q.question }));
      }
      form.append(fs);
    });
    const collect = (): Dict => {
      const answers: Dict = {};
      inputs.forEach((q, qi) => {
        const name = `q${qi}`;
        let values: string[] = [];
        if (q.type === 'multiple_choice') {
          values = Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)).map((i) => i.value);
          const other = form.querySelector<HTMLInputElement>(`input[name="${name}_other"]`)?.value.trim();
          if (other) values.push(other);
        } else {
          const v = form.querySelector<HTMLTextAreaElement>(`textarea[name="${name}"]`)?.value.trim();
          if (v) values = [v];
        }
        answers[q.id] = { values, skipped: values.length === 0 };
      });
      return answers;
    };
    const send = (status: 'answered' | 'skipped') => {
      if (!this.threadId) return;
      void this.runStream('threads.add_structured_input', { thread_id: this.threadId, item_id: item.id, input: { status, answers: status === 'skipped' ? {} : collect() } });
    };
    form.addEventListener('submit', (e) => { e.preventDefault(); send('answered'); });
    const skip = h('button', { type: 'button', class: 'ck-btn ck-btn-secondary', text: this.t.skip });
    skip.addEventListener('click', () => send('skipped'));
    form.append(h('div', { class: 'ck-row-end' }, skip, h('button', { type: 'submit', class: 'ck-btn ck-btn-primary', text: this.t.submit })));
    box.append(form);
    return box;
  }

  private renderGeneratedImage(item: ThreadItem): HTMLElement {
    const url = item.image?.url;
    if (url && !isLoadableImage(url, this.imagePolicy)) {
      return h('figure', { class: 'ck-generated-image' }, blockedImage(''));
    }
    if (url) {
      const fig = h('figure', { class: 'ck-generated-image' }, h('img', { src: url, alt: '', loading: 'lazy', referrerpolicy: 'no-referrer' }));
      if (typeof item.progress === 'number' && item.progress < 1) fig.classList.add('ck-partial');
      return fig;
    }
    const pct = typeof item.progress === 'number' ? Math.round(item.progress * 100) : null;
    return h('div', { class: 'ck-generated-image ck-placeholder ck-shimmer', role: 'status' }, icon('images', 20), h('span', { text: this.t.generatingImage + (pct != null ? ` ${pct}%` : '') }));
  }

  private renderTail() {
    const tail = this.els.tail;
    tail.textContent = '';
    const st = this.state;
    for (const n of st.notices) {
      const md = h('div', { class: 'ck-markdown' });
      renderMarkdown(md, n.message, this.allowedImageDomains);
      tail.append(h('div', { class: `ck-notice ck-notice-${n.level}`, role: n.level === 'danger' ? 'alert' : 'status' }, icon(n.level === 'info' ? 'info' : 'alert', 16), h('div', {}, n.title ? h('strong', { text: n.title }) : null, md)));
    }
    if (st.progress && this.isStreaming) {
      tail.append(h('div', { class: 'ck-progress ck-shimmer', role: 'status' }, icon(st.progress.icon ?? 'sparkle', 14), h('span', { text: st.progress.text })));
    } else if (this.isStreaming && !st.pending.length) {
      tail.append(h('div', { class: 'ck-typing', role: 'status', 'aria-label': this.t.thinking }, h('span'), h('span'), h('span')));
    }
    if (st.error) {
      const msg = st.error.code === 'custom' && st.error.message ? st.error.message : st.error.code === 'request' ? (st.error.message ?? this.t.requestError) : this.t.streamError;
      const box = h('div', { class: 'ck-error', role: 'alert' }, icon('alert', 16), h('span', { class: 'ck-error-text', text: msg }));
      if (st.error.allow_retry) {
        const target = this.userMessageBefore(st.error.afterItemId);
        if (target) {
          const b = h('button', { type: 'button', class: 'ck-btn ck-btn-secondary ck-error-retry' }, icon('reload', 14), this.t.retry);
          b.addEventListener('click', () => void this.retry(target));
          box.append(b);
        }
      }
      tail.append(box);
    }
  }

  private renderComposer() {
    if (!this.els) return;
    const cfg = this.opts.composer ?? {};
    const { editor, toolbar, fileInput, banner, composer, disclaimer, reply } = this.els;
    const status = this.state.thread?.status;
    const closed = status?.type === 'closed';
    const locked = status?.type === 'locked';
    banner.hidden = !closed;
    banner.textContent = closed ? status?.reason ?? this.t.threadClosed : '';
    composer.hidden = closed;
    const tool = (cfg.tools ?? []).find((t: any) => t.id === this.selectedTool);
    const placeholder = locked ? status?.reason ?? this.t.threadLocked : tool?.placeholderOverride ?? cfg.placeholder ?? this.t.placeholder;
    editor.setAttribute('data-placeholder', placeholder);
    editor.setAttribute('aria-label', placeholder);
    editor.setAttribute('contenteditable', locked ? 'false' : 'true');
    composer.classList.toggle('ck-disabled', !!locked);
    // Reply banner
    reply.textContent = '';
    reply.hidden = !this.replyText;
    if (this.replyText) {
      reply.append(h('span', { class: 'ck-reply-text', text: this.replyText }), this.iconButton('close', this.t.cancel, () => { this.replyText = null; this.renderComposer(); }));
    }
    this.renderAttachments();
    // Toolbar
    toolbar.textContent = '';
    const leftTools = h('div', { class: 'ck-toolbar-left' });
    if (this.attachmentsEnabled) {
      const acc = cfg.attachments?.accept;
      fileInput.accept = acc ? Object.entries(acc).flatMap(([m, exts]) => [m, ...((exts as string[]) ?? [])]).join(',') : '';
      leftTools.append(this.iconButton('plus', this.t.attach, () => fileInput.click(), 'ck-icon-btn ck-attach-btn'));
    }
    if (this.opts.entities?.onTagSearch && this.opts.entities?.showComposerMenu) {
      leftTools.append(this.iconButton('at', this.t.mentions, () => { editor.focus(); this.placeCaretAtEnd(); document.execCommand('insertText', false, ' @'); }, 'ck-icon-btn'));
    }
    const tools: any[] = cfg.tools ?? [];
    for (const t of tools.filter((x) => x.pinned)) leftTools.append(this.toolToggle(t));
    const unpinned = tools.filter((x) => !x.pinned);
    if (unpinned.length) {
      const sel = h('select', { class: 'ck-select ck-tool-select', 'aria-label': this.t.tools }) as HTMLSelectElement;
      sel.append(h('option', { value: '', text: this.t.tools }));
      for (const t of unpinned) {
        const o = h('option', { value: t.id, text: t.label }) as HTMLOptionElement;
        if (t.id === this.selectedTool) o.selected = true;
        sel.append(o);
      }
      sel.addEventListener('change', () => this.setTool(sel.value || null));
      leftTools.append(sel);
    }
    if (tool && !tool.pinned) {
      leftTools.append(h('span', { class: 'ck-chip ck-tool-chip' }, icon(tool.icon, 12), tool.shortLabel ?? tool.label, this.iconButton('close', this.t.clear, () => this.setTool(null), 'ck-chip-close')));
    }
    const right = h('div', { class: 'ck-toolbar-right' });
    const models: any[] = cfg.models ?? [];
    if (models.length) {
      const sel = h('select', { class: 'ck-select ck-model-select', 'aria-label': this.t.model }) as HTMLSelectElement;
      for (const m of models) {
        const o = h('option', { value: m.id, text: m.label, title: m.description }) as HTMLOptionElement;
        if (m.disabled) o.disabled = true;
        if (m.id === this.selectedModel) o.selected = true;
        sel.append(o);
      }
      sel.addEventListener('change', () => { this.selectedModel = sel.value; this.log('model.change', { modelId: sel.value }); });
      right.append(sel);
    }
    if (cfg.dictation?.enabled && typeof MediaRecorder !== 'undefined') right.append(this.dictationButton());
    right.append(this.els.sendBtn);
    toolbar.append(leftTools, right);
    // Disclaimer
    const disc = this.opts.disclaimer;
    disclaimer.textContent = '';
    disclaimer.hidden = !disc?.text;
    disclaimer.classList.toggle('ck-high-contrast', !!disc?.highContrast);
    if (disc?.text) renderMarkdown(disclaimer, disc.text);
    this.updateSendState();
  }

  private toolToggle(t: any): HTMLElement {
    const on = this.selectedTool === t.id;
    const b = h('button', { type: 'button', class: 'ck-tool-toggle' + (on ? ' ck-on' : ''), 'aria-pressed': String(on), title: t.label }, icon(t.icon, 14), h('span', { text: t.shortLabel ?? t.label }));
    b.addEventListener('click', () => this.setTool(on ? null : t.id));
    return b;
  }

  private setTool(id: string | null) {
    if (this.selectedTool === id) return;
    this.selectedTool = id;
    this.emit('chatkit.tool.change', { toolId: id });
    if (this.els) this.renderComposer();
  }

  private dictationButton(): HTMLElement {
    let recorder: MediaRecorder | null = null;
    const b = this.iconButton('mic', this.t.dictation, async () => {
      if (recorder) { recorder.stop(); return; }
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        const chunks: Blob[] = [];
        recorder = new MediaRecorder(stream);
        recorder.ondataavailable = (e) => chunks.push(e.data);
        recorder.onstop = async () => {
          stream.getTracks().forEach((tr) => tr.stop());
          b.classList.remove('ck-on');
          const mime = recorder?.mimeType || 'audio/webm';
          recorder = null;
          const blob = new Blob(chunks, { type: mime });
          const b64 = await blobToBase64(blob);
          const res = await this.api!.request<{ text: string }>('input.transcribe', { audio_base64: b64, mime_type: mime });
          if (res?.text) {
            this.els.editor.focus();
            this.placeCaretAtEnd();
            document.execCommand('insertText', false, res.text);
          }
        };
        recorder.start();
        b.classList.add('ck-on');
      } catch (e) {
        recorder = null;
        this.emitError(e);
      }
    }, 'ck-icon-btn ck-dictation-btn');
    return b;
  }

  private renderAttachments() {
    const row = this.els.attachRow;
    row.textContent = '';
    row.hidden = !this.uploads.length;
    for (const up of this.uploads) {
      const chip = h('div', { class: `ck-upload ck-upload-${up.status}`, title: up.name });
      if (up.previewUrl && isLoadableImage(up.previewUrl, this.imagePolicy)) chip.append(h('img', { src: up.previewUrl, alt: up.name }));
      else chip.append(icon('document', 18), h('span', { class: 'ck-att-name', text: up.name }));
      if (up.status === 'uploading') {
        const bar = h('div', { class: 'ck-upload-progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(up.progress * 100)) });
        bar.append(h('div', { class: 'ck-upload-bar' }));
        (bar.firstChild as HTMLElement).style.width = `${Math.round(up.progress * 100)}%`;
        chip.append(bar);
      }
      chip.append(this.iconButton('close', `${this.t.removeAttachment}: ${up.name}`, () => this.removeUpload(up), 'ck-upload-remove'));
      row.append(chip);
    }
    this.updateSendState();
  }

  private updateSendState() {
    const b = this.els.sendBtn;
    if (this.isStreaming) {
      const canCancel = this.state.streamOptions?.allow_cancel !== false;
      b.innerHTML = iconSvg('stop', 16);
      b.setAttribute('aria-label', this.t.stop);
      b.title = this.t.stop;
      b.classList.add('ck-stop');
      b.disabled = !canCancel;
      return;
    }
    b.classList.remove('ck-stop');
    b.innerHTML = iconSvg('arrow-up', 18);
    b.setAttribute('aria-label', this.t.send);
    b.title = this.t.send;
    const hasContent = this.els.editor.textContent!.trim() !== '' || this.els.editor.querySelector('.ck-tag') !== null || this.uploads.some((u) => u.status === 'done');
    const uploading = this.uploads.some((u) => u.status === 'uploading');
    b.disabled = !hasContent || uploading || this.state.thread?.status?.type === 'locked';
  }

  // ---------------------------------------------------------------- history

  private renderHistoryShell() {
    const panel = this.els.history;
    panel.hidden = !this.historyOpen;
    this.els.app.classList.toggle('ck-with-history', this.historyOpen);
    if (!this.historyOpen) return;
    if (!panel.firstChild) {
      panel.setAttribute('aria-label', this.t.history);
      const head = h('div', { class: 'ck-history-head' }, h('h2', { text: this.t.history }), this.iconButton('close', this.t.closeHistory, () => void this.hideHistory(), 'ck-icon-btn ck-history-close'));
      panel.append(head, this.els.historyList);
    }
    this.renderHistoryList();
  }

  private async loadHistory(reset: boolean) {
    if (!this.api) return;
    try {
      const page = await this.api.request<{ data: Thread[]; has_more: boolean; after?: string }>('threads.list', { limit: 20, order: 'desc', after: reset ? null : this.historyAfter ?? null });
      this.historyThreads = reset ? page.data ?? [] : this.historyThreads.concat(page.data ?? []);
      this.historyAfter = page.after;
      this.historyHasMore = !!page.has_more;
      this.renderHistoryList();
    } catch (e) {
      this.emitError(e);
    }
  }

  private renderHistoryList() {
    const list = this.els.historyList;
    list.textContent = '';
    const hcfg = this.opts.history ?? {};
    if (!this.historyThreads.length) list.append(h('p', { class: 'ck-muted ck-history-empty', text: this.t.noThreads }));
    for (const th of this.historyThreads) {
      const row = h('div', { class: 'ck-history-row' + (th.id === this.threadId ? ' ck-current' : ''), dataset: { threadId: th.id } });
      const open = h('button', { type: 'button', class: 'ck-history-open', text: th.title || this.t.untitled });
      if (th.id === this.threadId) open.setAttribute('aria-current', 'true');
      open.addEventListener('click', () => { void this.hideHistory(); void this.setThreadId(th.id); });
      row.append(open);
      if (hcfg.showRename !== false) {
        row.append(this.iconButton('write', `${this.t.rename}: ${th.title || this.t.untitled}`, () => this.startRename(row, th), 'ck-icon-btn ck-history-rename'));
      }
      if (hcfg.showDelete !== false) {
        const del = this.iconButton('trash', `${this.t.delete}: ${th.title || this.t.untitled}`, () => {
          if (!del.classList.contains('ck-confirm')) {
            del.classList.add('ck-confirm');
            del.innerHTML = '';
            del.textContent = this.t.delete + '?';
            del.setAttribute('aria-label', this.t.confirmDelete);
            return;
          }
          void this.deleteThread(th.id);
        }, 'ck-icon-btn ck-history-delete');
        row.append(del);
      }
      list.append(row);
    }
    if (this.historyHasMore) {
      const more = h('button', { type: 'button', class: 'ck-btn ck-btn-secondary ck-history-more', text: this.t.loadMore });
      more.addEventListener('click', () => void this.loadHistory(false));
      list.append(more);
    }
  }

  private startRename(row: HTMLElement, th: Thread) {
    row.textContent = '';
    const input = h('input', { class: 'ck-input ck-rename-input', value: th.title ?? '', 'aria-label': this.t.renamePrompt }) as HTMLInputElement;
    const done = async (save: boolean) => {
      if (save && this.api) {
        try {
          const updated = await this.api.request<Thread>('threads.update', { thread_id: th.id, title: input.value.trim() });
          th.title = updated?.title ?? input.value.trim();
          if (th.id === this.threadId && this.state.thread) {
            this.state = { ...this.state, thread: { ...this.state.thread, title: th.title } };
            this.renderHeader();
          }
          this.log('thread.rename', { threadId: th.id });
        } catch (e) { this.emitError(e); }
      }
      this.renderHistoryList();
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); void done(true); }
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); void done(false); }
    });
    row.append(input, this.iconButton('check', this.t.save, () => void done(true), 'ck-icon-btn ck-rename-save'));
    input.focus();
    input.select();
  }

  private async deleteThread(id: string) {
    if (!this.api) return;
    try {
      await this.api.request('threads.delete', { thread_id: id });
      this.historyThreads = this.historyThreads.filter((t) => t.id !== id);
      this.log('thread.delete', { threadId: id });
      if (id === this.threadId) await this.setThreadId(null);
      this.renderHistoryList();
    } catch (e) {
      this.emitError(e);
    }
  }

  // ---------------------------------------------------------------- misc UI

  private toast(message: string) {
    const t = this.els.toast;
    t.textContent = message;
    t.classList.add('ck-show');
    clearTimeout((t as any).__timer);
    (t as any).__timer = setTimeout(() => t.classList.remove('ck-show'), 2500);
  }

  private isNearBottom(): boolean {
    const s = this.els.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 120;
  }

  private scrollToBottom(_force = false) {
    const s = this.els.scroller;
    requestAnimationFrame(() => { s.scrollTop = s.scrollHeight; });
  }
}

// ---------------------------------------------------------------- helpers

function findLastIndex<T>(arr: T[], f: (v: T) => boolean): number {
  for (let i = arr.length - 1; i >= 0; i--) if (f(arr[i])) return i;
  return -1;
}

function keyOf(item: ThreadItem): string {
  return item.id;
}

function sourceKey(s: Source): string {
  return `${s.type}|${s.url ?? s.filename ?? s.id ?? ''}|${s.title}`;
}

function taskIcon(type: string): string {
  return ({ web_search: 'globe', thought: 'lightbulb', file: 'document', image: 'images' } as Record<string, string>)[type] ?? 'dot';
}

async function copyText(text: string) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    try { document.execCommand('copy'); } catch { /* ignore */ }
    ta.remove();
  }
}

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}

export function mimeMatches(pattern: string, mime: string): boolean {
  if (pattern === '*' || pattern === '' || pattern === '*/*') return true;
  if (pattern.endsWith('/*')) return mime.startsWith(pattern.slice(0, -1));
  return pattern.toLowerCase() === mime.toLowerCase();
}

export function maxSizeFor(file: { type: string }, maxSize: number | Record<string, number> | undefined): number {
  const DEFAULT = 100 * 1024 * 1024;
  if (typeof maxSize === 'number') return maxSize;
  if (!maxSize) return DEFAULT;
  let fallback = DEFAULT;
  for (const [p, v] of Object.entries(maxSize)) {
    if (p === '*' || p === '') { fallback = v; continue; }
    if (mimeMatches(p, file.type)) return v;
  }
  return fallback;
}

export function fileAccepted(file: { name: string; type: string }, accept: Record<string, string[]> | undefined): boolean {
  if (!accept || !Object.keys(accept).length) return true;
  const name = file.name.toLowerCase();
  for (const [mime, exts] of Object.entries(accept)) {
    if (file.type && mimeMatches(mime, file.type)) return true;
    if ((exts ?? []).some((e) => name.endsWith(e.toLowerCase()))) return true;
  }
  return false;
}
