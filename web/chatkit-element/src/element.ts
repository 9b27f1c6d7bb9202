// The <openai-chatkit> custom element: same public contract as ChatKit.js
// (setOptions, imperative methods, chatkit.* DOM events), talking the ChatKit protocol
// to a self-hosted server. This class is the public shell: it builds the frame and wires the parts
// (stream controller, thread view, composer, history panel), which do the work.
import { ChatKitApi, type ApiConfig } from './api';
import { Composer, type ComposerValue } from './composer';
import { h } from './dom';
import { renderHeader } from './header';
import { HistoryPanel } from './history';
import { resolveLocale, stringsFor } from './i18n';
import { Session, type Options } from './session';
import { StreamController } from './stream';
import { STYLES } from './styles';
import { applyTheme } from './theme';
import { ThreadView } from './thread-view';
import type { Attachment, Dict, UserContent } from './types';

export type { Entity } from './items';
export { fileAccepted, maxSizeFor, mimeMatches } from './uploads';

interface Frame {
  app: HTMLElement; header: HTMLElement; title: HTMLElement; left: HTMLElement; right: HTMLElement;
  toast: HTMLElement;
}

export class OpenAIChatKitElement extends HTMLElement {
  private readonly s = new Session(this);
  private readonly stream: StreamController;
  private readonly sr: ShadowRoot;
  private frame: Frame | null = null;
  private view!: ThreadView;
  private composer!: Composer;
  private history!: HistoryPanel;
  private readyFired = false;
  /** What the header and composer were last drawn from, and what the items were drawn with. */
  private drawn = { header: '', composer: '', items: '' };

  constructor() {
    super();
    this.sr = this.attachShadow({ mode: 'open' });
    this.stream = new StreamController(this.s, {
      render: () => this.renderAll(),
      resetView: () => this.view.reset(),
      setLoading: (on) => this.frame!.app.classList.toggle('ck-is-loading', on),
      isNearBottom: () => this.view.isNearBottom(),
      scrollToBottom: (instant) => this.view.scrollToBottom(instant),
      threadsChanged: () => this.history.refresh(),
      composerIsEmpty: () => this.composer.isEmpty(),
      restoreComposer: (content) => this.composer.restore(content),
      toast: (m) => this.toast(m),
    });
  }

  /** The options last given to setOptions. */
  private get opts(): Options {
    return this.s.opts;
  }

  connectedCallback() {
    this.build();
    if (this.s.hasOptions) this.renderAll();
  }

  // ---------------------------------------------------------------- public API

  setOptions(options: Options): void {
    this.build();
    const s = this.s;
    const prev = s.opts;
    s.opts = { ...(options ?? {}) };
    const first = !s.hasOptions;
    s.hasOptions = true;
    const api = s.opts.api ?? {};
    s.api = new ChatKitApi(
      { url: api.url, domainKey: api.domainKey, fetch: api.fetch, uploadStrategy: api.uploadStrategy } as ApiConfig,
      () => s.locale,
    );
    if (!api.url) s.emitError(new Error('ChatKit: api.url is required (hosted api.getClientSecret is not supported by this build)'));
    s.locale = resolveLocale(s.opts.locale);
    s.t = stringsFor(s.locale);
    s.theme = applyTheme(this, s.opts.theme);
    const app = this.frame!.app;
    app.setAttribute('aria-label', s.opts.frameTitle ?? s.t.chat);
    app.lang = s.locale;
    this.composer.optionsChanged();
    // @openai/chatkit-react calls setOptions on every React render: options equal to the last ones change
    // nothing on screen, and changed ones redraw only the parts they affect (never the user's input).
    const itemsSig = signature([s.locale, s.theme.scheme, s.opts.threadItemActions, s.opts.api?.url, s.opts.entities?.onRequestPreview, s.opts.thread]);
    if (!first && itemsSig !== this.drawn.items) this.view.invalidate();
    this.drawn.items = itemsSig;
    this.renderAll();
    if (first) {
      // Like ChatKit.js (whose frame loads asynchronously), announce readiness and the initial
      // thread after the current task, so listeners attached right after setOptions() (e.g. by
      // @openai/chatkit-react's effects) see these events.
      setTimeout(() => {
        this.readyFired = true;
        s.emit('chatkit.ready', undefined);
        const initial = s.opts.initialThread ?? null;
        if (initial && s.threadId === null && !this.stream.isStreaming) void this.setThreadId(initial);
        else if (!initial) s.emit('chatkit.thread.change', { threadId: s.threadId });
      }, 30);
    } else if (prev.initialThread !== s.opts.initialThread && s.opts.initialThread && s.opts.initialThread !== s.threadId && !s.threadId) {
      void this.setThreadId(s.opts.initialThread);
    }
    s.log('options.set', { first });
  }

  async focusComposer(): Promise<void> {
    this.composer?.focus();
  }

  async setThreadId(threadId: string | null): Promise<void> {
    this.build();
    this.stream.abort();
    if (threadId === null) {
      this.stream.clear();
      this.s.emit('chatkit.thread.change', { threadId: null });
      return;
    }
    await this.stream.loadThread(threadId, true);
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
    await this.stream.submit(content, params.attachments ?? [], params.reply ?? null, inference);
  }

  async setComposerValue(params: ComposerValue): Promise<void> {
    this.build();
    this.composer.setValue(params);
  }

  async sendCustomAction(action: { type: string; payload?: Dict }, itemId?: string): Promise<void> {
    if (!this.s.threadId) throw new Error('sendCustomAction requires an active thread');
    await this.stream.run('threads.custom_action', { thread_id: this.s.threadId, item_id: itemId ?? null, action: { type: action.type, payload: action.payload ?? null } });
  }

  async showHistory(): Promise<void> {
    this.build();
    await this.history.show();
  }

  async hideHistory(): Promise<void> {
    await this.history?.hide();
  }

  async fetchUpdates(): Promise<void> {
    if (!this.s.threadId || this.stream.isStreaming) return;
    await this.stream.loadThread(this.s.threadId, false);
  }

  // ---------------------------------------------------------------- building the frame

  private build() {
    if (this.frame) return;
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
    // The list is not a live region (it would read every streamed delta); the announcer reads each
    // finished message once.
    const list = h('div', { class: 'ck-items', role: 'log', 'aria-live': 'off' });
    const announcer = h('div', { class: 'ck-sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const start = h('div', { class: 'ck-start' });
    const tail = h('div', { class: 'ck-tail' });
    const scroller = h('div', { class: 'ck-scroller' }, h('div', { class: 'ck-thread' }, start, list, tail));
    // A combobox: the field that owns the @-mention and "/" command list (aria-expanded, aria-controls).
    const editor = h('div', {
      class: 'ck-editor', contenteditable: 'true', tabindex: '0', role: 'combobox', 'aria-haspopup': 'listbox', 'aria-expanded': 'false',
      'aria-controls': 'ck-mention-menu', 'aria-autocomplete': 'list', spellcheck: 'true',
    });
    const attachRow = h('div', { class: 'ck-attachments' });
    const reply = h('div', { class: 'ck-reply' });
    const toolbar = h('div', { class: 'ck-toolbar' });
    const sendBtn = h('button', { class: 'ck-send', type: 'submit' }) as HTMLButtonElement;
    const fileInput = h('input', { type: 'file', multiple: true, hidden: true, tabindex: '-1' }) as HTMLInputElement;
    const mentionMenu = h('div', { class: 'ck-mention-menu', id: 'ck-mention-menu', role: 'listbox', hidden: true });
    const dropHint = h('div', { class: 'ck-drop-hint', hidden: true });
    const composer = h('form', { class: 'ck-composer' }, reply, attachRow, editor, toolbar, fileInput, mentionMenu, dropHint) as HTMLFormElement;
    const disclaimer = h('div', { class: 'ck-disclaimer' });
    const banner = h('div', { class: 'ck-banner', hidden: true });
    const composerWrap = h('div', { class: 'ck-composer-wrap' }, banner, composer, disclaimer);
    const historyList = h('div', { class: 'ck-history-list' });
    const history = h('aside', { class: 'ck-history', hidden: true });
    const toast = h('div', { class: 'ck-toast', role: 'status', 'aria-live': 'polite' });
    const preview = h('div', { class: 'ck-preview', hidden: true, role: 'tooltip' });
    app.append(header, scroller, composerWrap, history, toast, preview, announcer);
    if (style) this.sr.append(style);
    this.sr.append(app);
    this.frame = { app, header, title, left, right, toast };
    const toastFn = (m: string) => this.toast(m);
    this.composer = new Composer(this.s, this.stream, { app, composer, editor, attachRow, reply, toolbar, sendBtn, fileInput, disclaimer, mentionMenu, banner, dropHint }, this.sr, { toast: toastFn });
    this.view = new ThreadView(this.s, this.stream, { app, scroller, start, list, tail, preview, announcer }, {
      sendPrompt: (content) => void this.stream.submit(content, [], null, this.composer.inference()),
      toast: toastFn,
    });
    this.history = new HistoryPanel(this.s, history, historyList, app, {
      openThread: (id) => this.setThreadId(id),
      titleChanged: () => this.renderHeader(),
    });
    this.sr.addEventListener('click', (e) => this.onLinkClick(e));
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
        this.s.emit('chatkit.deeplink', Object.keys(data).length ? { name, data } : { name });
      } catch {
        /* malformed deeplink: ignore */
      }
    }
  }

  // ---------------------------------------------------------------- rendering

  private renderAll() {
    if (!this.frame || !this.s.hasOptions) return;
    const s = this.s;
    // The header and composer are redrawn only when something they show changed, so that
    // streaming deltas and equal options do not steal focus from (or close) their controls.
    const headerSig = signature([s.locale, s.opts.header, s.opts.history, s.state.thread?.title ?? '', this.history.isOpen]);
    if (headerSig !== this.drawn.header) { this.drawn.header = headerSig; this.renderHeader(); }
    this.view.render();
    const composerSig = signature([s.locale, s.opts.composer, s.opts.disclaimer, s.opts.entities, s.opts.commands, s.opts.api?.url]);
    this.composer.renderIfChanged(composerSig !== this.drawn.composer);
    this.drawn.composer = composerSig;
    this.history.render();
  }

  private renderHeader() {
    renderHeader(this.s, this.frame!, {
      toggleHistory: () => void (this.history.isOpen ? this.hideHistory() : this.showHistory()),
      newChat: () => { void this.setThreadId(null); void this.focusComposer(); },
    });
  }

  private toast(message: string) {
    const t = this.frame!.toast;
    t.textContent = message;
    t.classList.add('ck-show');
    clearTimeout((t as any).__timer);
    (t as any).__timer = setTimeout(() => t.classList.remove('ck-show'), 2500);
  }
}

/** A comparable form of option values: functions count as equal (React passes new closures each render,
 * and every handler is looked up when it is called). */
function signature(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v) => (typeof v === 'function' ? 'ƒ' : v === undefined ? null : v));
}
