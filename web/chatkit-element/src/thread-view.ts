// The thread view: the start screen, the items (rendered once per item id and again only when that item
// or how it is shown changed), and the tail (notices, progress, errors).
import { h } from './dom';
import { icon } from './icons';
import { ItemRenderers, type ItemFlags } from './items';
import { renderMarkdown } from './markdown';
import type { Session } from './session';
import { userMessageBefore, type StreamController } from './stream';
import type { ThreadItem, UserContent } from './types';

interface RenderedItem {
  key: string; ref: ThreadItem; el: HTMLElement; generation: number; pending: boolean;
  update?(item: ThreadItem, f: ItemFlags): void;
}

export interface ThreadViewParts {
  app: HTMLElement; scroller: HTMLElement; start: HTMLElement; list: HTMLElement; tail: HTMLElement; preview: HTMLElement;
  /** A polite live region: each finished assistant message is read out once, through it. */
  announcer: HTMLElement;
}

export class ThreadView {
  private rendered = new Map<string, RenderedItem>();
  private feedback = new Map<string, 'positive' | 'negative'>();
  /** Workflow panels the user opened or closed themselves. */
  private userOpen = new Map<string, boolean>();
  private announced = new Set<string>();
  /** Bumped when options that change how items look changed: every item is rendered again. */
  private generation = 0;
  /** Shown above the items while an older page loads. */
  private readonly olderHint: HTMLElement;
  private startSig = '';
  private tailSig = '';
  readonly items: ItemRenderers;

  constructor(
    private readonly s: Session,
    private readonly stream: StreamController,
    private readonly parts: ThreadViewParts,
    private readonly host: { sendPrompt(content: UserContent[]): void; toast(message: string): void },
  ) {
    this.items = new ItemRenderers(s, stream, {
      preview: parts.preview,
      frame: parts.app,
      feedbackGiven: (id) => this.feedback.get(id),
      sendFeedback: (item, kind) => void this.sendFeedback(item, kind),
    });
    this.olderHint = h('div', { class: 'ck-older', role: 'status', hidden: true });
    parts.list.before(this.olderHint);
    parts.scroller.addEventListener('scroll', () => void this.loadOlderNearTop(), { passive: true });
    parts.list.addEventListener('click', (e) => {
      const summary = (e.target as Element | null)?.closest?.('summary.ck-workflow-summary');
      const details = summary?.parentElement as HTMLDetailsElement | undefined;
      const id = summary?.closest<HTMLElement>('.ck-item')?.dataset.itemId;
      // The click toggles the panel right after this: remember the state it toggles to.
      if (details && id) this.userOpen.set(id, !details.open);
    });
  }

  /** Options that change how items look changed: render every item again, keeping what the user typed. */
  invalidate() {
    this.generation++;
    this.startSig = '';
    this.tailSig = '';
  }

  /** Forgets every rendered item (a different thread, or options that change how items look). */
  reset() {
    this.rendered.clear();
    this.parts.list.textContent = '';
    this.startSig = '';
    this.tailSig = '';
  }

  render() {
    this.renderStart();
    this.renderItems();
    this.renderTail();
  }

  private renderStart() {
    const s = this.parts.start;
    const show = !this.s.threadId && this.s.state.items.length === 0;
    s.hidden = !show;
    this.parts.app.classList.toggle('ck-empty', show);
    if (!show) { this.startSig = ''; return; }
    const sig = JSON.stringify([this.s.opts.startScreen ?? null, this.s.locale]);
    if (sig === this.startSig) return;
    this.startSig = sig;
    s.textContent = '';
    const cfg = this.s.opts.startScreen ?? {};
    s.append(h('h2', { class: 'ck-greeting', text: cfg.greeting ?? this.s.t.greeting }));
    const prompts: any[] = cfg.prompts ?? [];
    if (prompts.length) {
      const list = h('div', { class: 'ck-prompts' });
      for (const p of prompts) {
        const b = h('button', { type: 'button', class: 'ck-prompt' }, icon(p.icon ?? 'sparkle', 16), h('span', { text: p.label }));
        b.addEventListener('click', () => this.host.sendPrompt(typeof p.prompt === 'string' ? [{ type: 'input_text', text: p.prompt }] : p.prompt));
        list.append(b);
      }
      s.append(list);
    }
  }

  private renderItems() {
    const list = this.parts.list;
    const items = this.s.state.items;
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
      const pending = this.s.state.pending.includes(item.id);
      const endOfTurn = item.type === 'assistant_message' && nextMessageType[idx] !== 'assistant_message';
      const assistant = item.type === 'assistant_message';
      const flags: ItemFlags = { pending, endOfTurn, isLast: idx === lastAssistantIdx, userOpen: this.userOpen.get(item.id) };
      const key = `${pending ? 'p' : ''}${endOfTurn ? 'e' : ''}${flags.isLast ? 'l' : ''}${assistant && this.stream.isStreaming ? 's' : ''}${this.feedback.get(item.id) ?? ''}${this.s.theme.scheme}`;
      seen.add(item.id);
      let entry = this.rendered.get(item.id);
      if (entry && entry.generation === this.generation && entry.update && (entry.key !== key || entry.ref !== item)) {
        // Updated in place: a streamed delta appends to the nodes already there.
        entry.update(item, flags);
        entry.key = key;
        entry.ref = item;
      } else if (!entry || entry.key !== key || entry.ref !== item || entry.generation !== this.generation) {
        const view = this.items.render(item, flags);
        if (entry) {
          if (entry.generation !== this.generation) carryFormState(entry.el, view.el);
          entry.el.replaceWith(view.el);
        }
        // A message that appears while a reply streams is read out when done, even if never seen pending.
        const announceLater = (entry?.pending ?? false) || pending || (!entry && this.stream.isStreaming);
        entry = { key, ref: item, el: view.el, generation: this.generation, pending: announceLater, update: view.update };
        this.rendered.set(item.id, entry);
      }
      if (assistant) this.announceWhenDone(item, entry, pending);
      const expected: Element | null = prev ? prev.nextElementSibling : list.firstElementChild;
      if (expected !== entry.el) list.insertBefore(entry.el, expected);
      prev = entry.el;
    });
    for (const [id, entry] of this.rendered) {
      if (!seen.has(id)) { entry.el.remove(); this.rendered.delete(id); }
    }
  }

  /** Reads a finished assistant message out once: the list itself is not live, so deltas are not read. */
  private announceWhenDone(item: ThreadItem, entry: RenderedItem, pending: boolean) {
    if (pending) { entry.pending = true; return; }
    if (!entry.pending || this.announced.has(item.id)) return;
    entry.pending = false;
    this.announced.add(item.id);
    const text = (item.content ?? []).map((c: any) => c.text ?? '').join('\n\n').trim();
    if (text) this.parts.announcer.textContent = text;
  }

  private renderTail() {
    const tail = this.parts.tail;
    const t = this.s.t;
    const st = this.s.state;
    const sig = JSON.stringify([st.notices, st.progress, st.error, this.stream.isStreaming, st.pending.length > 0, this.s.locale, st.error ? st.items.length : 0]);
    if (sig === this.tailSig) return;
    this.tailSig = sig;
    tail.textContent = '';
    for (const n of st.notices) {
      const md = h('div', { class: 'ck-markdown' });
      renderMarkdown(md, n.message, this.s.allowedImageDomains);
      tail.append(h('div', { class: `ck-notice ck-notice-${n.level}`, role: n.level === 'danger' ? 'alert' : 'status' }, icon(n.level === 'info' ? 'info' : 'alert', 16), h('div', {}, n.title ? h('strong', { text: n.title }) : null, md)));
    }
    if (st.progress && this.stream.isStreaming) {
      tail.append(h('div', { class: 'ck-progress ck-shimmer', role: 'status' }, icon(st.progress.icon ?? 'sparkle', 14), h('span', { text: st.progress.text })));
    } else if (this.stream.isStreaming && !st.pending.length) {
      tail.append(h('div', { class: 'ck-typing', role: 'status', 'aria-label': t.thinking }, h('span'), h('span'), h('span')));
    }
    if (st.error) {
      const msg = st.error.code === 'custom' && st.error.message ? st.error.message : st.error.code === 'request' ? (st.error.message ?? t.requestError) : t.streamError;
      const box = h('div', { class: 'ck-error', role: 'alert' }, icon('alert', 16), h('span', { class: 'ck-error-text', text: msg }));
      if (st.error.allow_retry) {
        const target = userMessageBefore(st.items, st.error.afterItemId);
        if (target) {
          const b = h('button', { type: 'button', class: 'ck-btn ck-btn-secondary ck-error-retry' }, icon('reload', 14), t.retry);
          b.addEventListener('click', () => void this.stream.retry(target));
          box.append(b);
        }
      }
      tail.append(box);
    }
  }

  private async sendFeedback(item: ThreadItem, kind: 'positive' | 'negative') {
    const s = this.s;
    if (!s.api || !s.threadId || this.feedback.has(item.id)) return;
    this.feedback.set(item.id, kind);
    this.renderItems();
    try {
      await s.api.request('items.feedback', { thread_id: s.threadId, item_ids: [item.id], kind });
      this.host.toast(s.t.feedbackThanks);
      s.log('message.feedback', { itemId: item.id, kind });
    } catch (e) {
      this.feedback.delete(item.id);
      this.renderItems();
      s.emitError(e);
    }
  }

  isNearBottom(): boolean {
    const s = this.parts.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 120;
  }

  /** Scrolls to the newest item: smoothly after a message, at once (instant) when a thread opens. */
  scrollToBottom(instant = false) {
    const s = this.parts.scroller;
    requestAnimationFrame(() => {
      scrollTop(s, s.scrollHeight, instant);
      // A first page that does not fill the view: load older ones until it does.
      void this.loadOlderNearTop();
    });
  }

  /** Near the top of a thread with older pages: loads one above, keeping what is on screen where it is. */
  private async loadOlderNearTop() {
    const sc = this.parts.scroller;
    if (!this.stream.hasOlder || sc.scrollTop > 400 || !this.olderHint.hidden) return;
    this.olderHint.textContent = this.s.t.loadingOlder;
    this.olderHint.hidden = false;
    const loaded = await this.stream.loadOlder().finally(() => { this.olderHint.hidden = true; });
    if (!loaded) return;
    // Measured after the hint is gone, so only the new items move the view.
    const fromBottom = sc.scrollHeight - sc.scrollTop;
    this.renderItems();
    scrollTop(sc, sc.scrollHeight - fromBottom, true);
    requestAnimationFrame(() => void this.loadOlderNearTop());
  }
}

function findLastIndex<T>(arr: T[], f: (v: T) => boolean): number {
  for (let i = arr.length - 1; i >= 0; i--) if (f(arr[i])) return i;
  return -1;
}

/** Copies what the user typed or chose into the same-named controls of a re-rendered item. */
function carryFormState(from: HTMLElement, to: HTMLElement) {
  const controls = (el: HTMLElement) => Array.from(el.querySelectorAll<HTMLInputElement>('input[name], textarea[name], select[name]'));
  const next = new Map<string, HTMLInputElement[]>();
  for (const c of controls(to)) next.set(c.name, [...(next.get(c.name) ?? []), c]);
  const seen = new Map<string, number>();
  for (const c of controls(from)) {
    const i = seen.get(c.name) ?? 0;
    seen.set(c.name, i + 1);
    const target = next.get(c.name)?.[i];
    if (!target || target.type !== c.type) continue;
    if (c.type === 'checkbox' || c.type === 'radio') target.checked = c.checked;
    else if (c.type !== 'file') target.value = c.value;
  }
}

/** Scrolls, smoothly as the stylesheet says unless `instant` (a thread opening, a page put above). */
function scrollTop(el: HTMLElement, top: number, instant: boolean) {
  if (!instant) { el.scrollTop = top; return; }
  const behavior = el.style.scrollBehavior;
  el.style.scrollBehavior = 'auto';
  el.scrollTop = top;
  el.style.scrollBehavior = behavior;
}
