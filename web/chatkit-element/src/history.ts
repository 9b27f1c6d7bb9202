// The history panel: the user's threads, newest first, with open, rename, delete and paging.
import { iconButton } from './controls';
import { h } from './dom';
import type { Session } from './session';
import type { Thread } from './types';

export interface HistoryHost {
  openThread(threadId: string | null): Promise<void>;
  /** The current thread's title changed. */
  titleChanged(): void;
}

export class HistoryPanel {
  private open = false;
  private threads: Thread[] = [];
  private after: string | undefined;
  private hasMore = false;
  /** Where the focus was when the panel opened: it goes back there when the panel closes. */
  private returnFocus: HTMLElement | null = null;

  constructor(
    private readonly s: Session,
    private readonly panel: HTMLElement,
    private readonly list: HTMLElement,
    private readonly app: HTMLElement,
    private readonly host: HistoryHost,
  ) {
    app.addEventListener('pointerdown', (e) => {
      // Clicking outside the open history panel closes it.
      const path = e.composedPath();
      if (this.open && !path.includes(panel) && !path.some((n) => (n as HTMLElement)?.classList?.contains('ck-history-btn'))) void this.hide();
    });
    app.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.open) { e.preventDefault(); void this.hide(); }
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  async show() {
    if (this.open) return;
    this.open = true;
    const root = this.panel.getRootNode() as ShadowRoot;
    this.returnFocus = (root.activeElement as HTMLElement | null) ?? null;
    this.render();
    // A dialog: the focus moves into it (its close button, until the threads are listed).
    this.panel.querySelector<HTMLElement>('.ck-history-close')?.focus();
    this.s.emit('chatkit.history.open', undefined);
    await this.load(true);
    if (this.open && this.panel.contains(root.activeElement)) this.list.querySelector<HTMLElement>('.ck-current .ck-history-open, .ck-history-open')?.focus();
  }

  async hide() {
    if (!this.open) return;
    this.open = false;
    const hadFocus = this.panel.contains((this.panel.getRootNode() as ShadowRoot).activeElement);
    this.render();
    const back = this.returnFocus?.isConnected ? this.returnFocus : this.app.querySelector<HTMLElement>('.ck-history-btn');
    this.returnFocus = null;
    if (hadFocus || !(this.panel.getRootNode() as ShadowRoot).activeElement) back?.focus();
    this.s.emit('chatkit.history.close', undefined);
  }

  /** Threads changed on the server (a title): reload the list if it is shown. */
  refresh() {
    if (this.open) void this.load(true);
  }

  render() {
    const t = this.s.t;
    const panel = this.panel;
    panel.hidden = !this.open;
    this.app.classList.toggle('ck-with-history', this.open);
    // While the dialog is open the rest of the frame is out of reach (and dimmed): no focus, no clicks.
    for (const el of this.app.querySelectorAll<HTMLElement>(':scope > .ck-scroller, :scope > .ck-composer-wrap')) el.inert = this.open;
    if (!this.open) return;
    if (!panel.firstChild) {
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-label', t.history);
      const head = h('div', { class: 'ck-history-head' }, h('h2', { text: t.history }), iconButton('close', t.closeHistory, () => void this.hide(), 'ck-icon-btn ck-history-close'));
      panel.append(head, this.list);
    }
    this.renderList();
  }

  private async load(reset: boolean) {
    const api = this.s.api;
    if (!api) return;
    try {
      const page = await api.request<{ data: Thread[]; has_more: boolean; after?: string }>('threads.list', { limit: 20, order: 'desc', after: reset ? null : this.after ?? null });
      this.threads = reset ? page.data ?? [] : this.threads.concat(page.data ?? []);
      this.after = page.after;
      this.hasMore = !!page.has_more;
      this.renderList();
    } catch (e) {
      this.s.emitError(e);
    }
  }

  private renderList() {
    const t = this.s.t;
    const list = this.list;
    list.textContent = '';
    const hcfg = this.s.opts.history ?? {};
    if (!this.threads.length) list.append(h('p', { class: 'ck-muted ck-history-empty', text: t.noThreads }));
    for (const th of this.threads) {
      const current = th.id === this.s.threadId;
      const row = h('div', { class: 'ck-history-row' + (current ? ' ck-current' : ''), dataset: { threadId: th.id } });
      const open = h('button', { type: 'button', class: 'ck-history-open', text: th.title || t.untitled });
      if (current) open.setAttribute('aria-current', 'true');
      open.addEventListener('click', () => { void this.hide(); void this.host.openThread(th.id); });
      row.append(open);
      if (hcfg.showRename !== false) {
        row.append(iconButton('write', `${t.rename}: ${th.title || t.untitled}`, () => this.startRename(row, th), 'ck-icon-btn ck-history-rename'));
      }
      if (hcfg.showDelete !== false) {
        const del = iconButton('trash', `${t.delete}: ${th.title || t.untitled}`, () => {
          if (!del.classList.contains('ck-confirm')) {
            del.classList.add('ck-confirm');
            del.innerHTML = '';
            del.textContent = t.delete + '?';
            del.setAttribute('aria-label', t.confirmDelete);
            return;
          }
          void this.deleteThread(th.id);
        }, 'ck-icon-btn ck-history-delete');
        row.append(del);
      }
      list.append(row);
    }
    if (this.hasMore) {
      const more = h('button', { type: 'button', class: 'ck-btn ck-btn-secondary ck-history-more', text: t.loadMore });
      more.addEventListener('click', () => void this.load(false));
      list.append(more);
    }
  }

  private startRename(row: HTMLElement, th: Thread) {
    const s = this.s;
    row.textContent = '';
    const input = h('input', { class: 'ck-input ck-rename-input', value: th.title ?? '', 'aria-label': s.t.renamePrompt }) as HTMLInputElement;
    const done = async (save: boolean) => {
      if (save && s.api) {
        try {
          const updated = await s.api.request<Thread>('threads.update', { thread_id: th.id, title: input.value.trim() });
          th.title = updated?.title ?? input.value.trim();
          if (th.id === s.threadId && s.state.thread) {
            s.state = { ...s.state, thread: { ...s.state.thread, title: th.title } };
            this.host.titleChanged();
          }
          s.log('thread.rename', { threadId: th.id });
        } catch (e) { s.emitError(e); }
      }
      this.renderList();
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); void done(true); }
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); void done(false); }
    });
    row.append(input, iconButton('check', s.t.save, () => void done(true), 'ck-icon-btn ck-rename-save'));
    input.focus();
    input.select();
  }

  private async deleteThread(id: string) {
    const s = this.s;
    if (!s.api) return;
    try {
      await s.api.request('threads.delete', { thread_id: id });
      this.threads = this.threads.filter((t) => t.id !== id);
      s.log('thread.delete', { threadId: id });
      if (id === s.threadId) await this.host.openThread(null);
      this.renderList();
    } catch (e) {
      s.emitError(e);
    }
  }
}
