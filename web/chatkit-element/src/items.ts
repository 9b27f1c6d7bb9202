// One render function per thread item type. Each returns the item's content; the thread view wraps it,
// keys it by item id and decides when it needs rendering again.
import { copyText, iconButton } from './controls';
import { h } from './dom';
import { fmt, formatPercent } from './i18n';
import { icon, iconSvg } from './icons';
import { blockedImage, isLoadableImage } from './images';
import { renderMarkdown, withCitations } from './markdown';
import { finishMarkdown, MarkdownStream } from './markdown-stream';
import type { Session } from './session';
import { userMessageBefore, type StreamController } from './stream';
import type { Attachment, Dict, Source, ThreadItem, WidgetNode } from './types';
import { WidgetRenderer, widgetStrings } from './widgets';

export interface Entity {
  title: string;
  id: string;
  icon?: string;
  interactive?: boolean;
  group?: string;
  data?: Record<string, string>;
}

export interface ItemFlags { pending: boolean; endOfTurn: boolean; isLast: boolean; userOpen?: boolean }

export interface ItemHost {
  /** The floating element entity previews are shown in, and the element's frame it is placed against. */
  readonly preview: HTMLElement;
  readonly frame: HTMLElement;
  feedbackGiven(itemId: string): 'positive' | 'negative' | undefined;
  sendFeedback(item: ThreadItem, kind: 'positive' | 'negative'): void;
}

type Renderer = (item: ThreadItem, f: ItemFlags) => HTMLElement | ItemView | null;

/** Content that updates itself in place when its item changes (instead of being rendered anew). */
interface ItemView { el: HTMLElement; update(item: ThreadItem, f: ItemFlags): void }

/** A rendered item: its element, and how to update it in place if it can be. */
export interface RenderedView { el: HTMLElement; update?(item: ThreadItem, f: ItemFlags): void }

export class ItemRenderers {
  private readonly byType: Record<string, Renderer> = {
    user_message: (item) => this.userMessage(item),
    assistant_message: () => this.assistantMessage(),
    widget: (item) => this.widgetItem(item),
    workflow: (item, f) => this.workflow(item, f),
    task: (item) => (item.task ? h('div', { class: 'ck-task-standalone' }, this.task(item.task)) : null),
    client_tool_call: (item) => this.toolCall(item),
    structured_input: (item) => this.structuredInput(item),
    generated_image: (item) => this.generatedImage(item),
  };

  constructor(private readonly s: Session, private readonly stream: StreamController, private readonly host: ItemHost) {}

  render(item: ThreadItem, f: ItemFlags): RenderedView {
    const wrap = h('div', { class: `ck-item ck-item-${item.type}`, dataset: { itemId: item.id, itemType: item.type } });
    const renderer = this.byType[item.type];
    // end_of_turn and unknown item types render nothing.
    if (!renderer) { wrap.hidden = true; return { el: wrap }; }
    try {
      const content = renderer(item, f);
      if (content instanceof HTMLElement) wrap.append(content);
      else if (content) {
        const view = content;
        const update = (next: ThreadItem, flags: ItemFlags) => {
          try { view.update(next, flags); } catch (e) { this.s.emitError(e); }
        };
        update(item, f);
        wrap.append(view.el);
        return { el: wrap, update };
      }
    } catch (e) {
      this.s.emitError(e);
    }
    return { el: wrap };
  }

  private get t() { return this.s.t; }

  private userMessage(item: ThreadItem): HTMLElement {
    const bubble = h('div', { class: 'ck-user-bubble' });
    for (const c of item.content ?? []) {
      if (c.type === 'input_text') bubble.append(document.createTextNode(c.text));
      else if (c.type === 'input_tag') bubble.append(this.tag(c));
    }
    const col = h('div', { class: 'ck-user' });
    if (item.quoted_text) col.append(h('div', { class: 'ck-quote', text: item.quoted_text }));
    if (item.attachments?.length) {
      const row = h('div', { class: 'ck-user-attachments' });
      for (const a of item.attachments) row.append(this.attachmentPreview(a));
      col.append(row);
    }
    if ((item.content ?? []).length) col.append(bubble);
    return col;
  }

  private attachmentPreview(a: Attachment): HTMLElement {
    if (a.type === 'image' && a.preview_url && isLoadableImage(a.preview_url, this.s.imagePolicy)) {
      return h('figure', { class: 'ck-att-image', title: a.name }, h('img', { src: a.preview_url, alt: a.name, loading: 'lazy', referrerpolicy: 'no-referrer' }));
    }
    return h('div', { class: 'ck-att-file', title: a.name }, icon('document', 16), h('span', { class: 'ck-att-name', text: a.name }));
  }

  private tag(c: { id: string; text: string; data?: Dict; group?: string | null; interactive?: boolean }): HTMLElement {
    const entity: Entity = { id: c.id, title: c.text, group: c.group ?? undefined, interactive: !!c.interactive, data: c.data as any };
    const tag = h(c.interactive ? 'button' : 'span', { class: 'ck-tag' + (c.interactive ? ' ck-interactive' : ''), type: c.interactive ? 'button' : undefined, dataset: { tagId: c.id } }, '@' + c.text);
    if (c.interactive) this.wireEntity(tag, entity);
    return tag;
  }

  private wireEntity(el: HTMLElement, entity: Entity) {
    el.addEventListener('click', () => this.s.opts.entities?.onClick?.(entity));
    const preview = this.s.opts.entities?.onRequestPreview;
    if (typeof preview !== 'function') return;
    const show = async () => {
      try {
        const res = await preview(entity);
        if (!res?.preview) return;
        const p = this.host.preview;
        p.textContent = '';
        p.append(this.widgetRenderer(null).render(res.preview));
        const r = el.getBoundingClientRect();
        const frame = this.host.frame.getBoundingClientRect();
        p.style.left = `${Math.max(8, r.left - frame.left)}px`;
        p.style.top = `${r.bottom - frame.top + 6}px`;
        p.hidden = false;
      } catch (e) { this.s.emitError(e); }
    };
    const hide = () => { this.host.preview.hidden = true; };
    el.addEventListener('mouseenter', show);
    el.addEventListener('focus', show);
    el.addEventListener('mouseleave', hide);
    el.addEventListener('blur', hide);
  }

  /** An assistant message that updates in place: deltas append to its Markdown, the sources and actions
   * below it are redrawn only when they change. */
  private assistantMessage(): ItemView {
    const box = h('div', { class: 'ck-assistant' });
    const parts: { md: MarkdownStream; shown: string; final: boolean }[] = [];
    let trailer: HTMLElement[] = [];
    let trailerSig = '';
    const update = (item: ThreadItem, f: ItemFlags) => {
      const sources: Source[] = [];
      const numberOf = (s: Source) => {
        const k = sourceKey(s);
        let n = sources.findIndex((x) => sourceKey(x) === k);
        if (n < 0) { sources.push(s); n = sources.length - 1; }
        return n + 1;
      };
      const texts = (item.content ?? []).filter((p: any) => p?.type === 'output_text');
      texts.forEach((part: any, i: number) => {
        let slot = parts[i];
        if (!slot) {
          slot = { md: new MarkdownStream(), shown: '', final: false };
          parts.push(slot);
          const next = parts[i - 1]?.md.el.nextSibling ?? box.firstChild;
          box.insertBefore(slot.md.el, next);
        }
        const anns = (part.annotations ?? []).map((a: any) => ({ index: a.index, n: numberOf(a.source) }));
        const text = part.text ?? '';
        if (anns.length) {
          slot.md.renderCited(withCitations(text, anns), this.s.allowedImageDomains, (n) => this.citation(sources[n - 1], n));
        } else if (slot.shown !== text || slot.final !== !f.pending) {
          slot.md.update(text, this.s.allowedImageDomains);
          if (!f.pending) finishMarkdown(slot.md, text, this.s.allowedImageDomains);
        }
        slot.shown = text;
        slot.final = !f.pending;
      });
      for (const gone of parts.splice(texts.length)) gone.md.el.remove();
      box.classList.toggle('ck-streaming', f.pending);
      const sig = JSON.stringify([sources, f, this.host.feedbackGiven(item.id) ?? null, this.stream.isStreaming]);
      if (sig !== trailerSig) {
        trailerSig = sig;
        for (const el of trailer) el.remove();
        trailer = [];
        if (sources.length) trailer.push(this.sources(sources));
        if (!f.pending && f.endOfTurn) trailer.push(this.messageActions(item, f.isLast));
        box.append(...trailer);
      }
    };
    return { el: box, update };
  }

  private citation(s: Source | undefined, n: number): HTMLElement {
    const sup = h('sup', { class: 'ck-cite' });
    if (s?.type === 'url' && s.url && /^https?:/i.test(s.url)) {
      sup.append(h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer', title: s.title, text: String(n) }));
    } else sup.append(h('span', { title: s?.title ?? '', text: String(n) }));
    return sup;
  }

  private sources(sources: Source[]): HTMLElement {
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

  private messageActions(item: ThreadItem, isLast: boolean): HTMLElement {
    const cfg = this.s.opts.threadItemActions ?? {};
    const bar = h('div', { class: 'ck-msg-actions' });
    const text = (item.content ?? []).map((c: any) => c.text ?? '').join('\n\n');
    const copyBtn = iconButton('copy', this.t.copy, async () => {
      await copyText(text);
      copyBtn.innerHTML = iconSvg('check', 16);
      copyBtn.setAttribute('aria-label', this.t.copied);
      this.s.log('message.copy', { itemId: item.id });
      setTimeout(() => { copyBtn.innerHTML = iconSvg('copy', 16); copyBtn.setAttribute('aria-label', this.t.copy); }, 1500);
    }, 'ck-icon-btn ck-action-copy');
    bar.append(copyBtn);
    if (cfg.feedback) {
      const given = this.host.feedbackGiven(item.id);
      for (const kind of ['positive', 'negative'] as const) {
        const b = iconButton(kind === 'positive' ? 'thumbs-up' : 'thumbs-down', kind === 'positive' ? this.t.goodResponse : this.t.badResponse, () => this.host.sendFeedback(item, kind), `ck-icon-btn ck-action-feedback-${kind}`);
        b.setAttribute('aria-pressed', String(given === kind));
        if (given && given !== kind) b.disabled = true;
        bar.append(b);
      }
    }
    if (cfg.retry && isLast && !this.stream.isStreaming) {
      const userId = userMessageBefore(this.s.state.items, item.id);
      if (userId) bar.append(iconButton('reload', this.t.retry, () => void this.stream.retry(userId), 'ck-icon-btn ck-action-retry'));
    }
    return bar;
  }

  widgetRenderer(item: ThreadItem | null): WidgetRenderer {
    return new WidgetRenderer({
      scheme: this.s.theme.scheme,
      allowedImageDomains: this.s.allowedImageDomains,
      apiUrl: this.s.opts.api?.url,
      locale: this.s.locale,
      itemId: item?.id,
      strings: widgetStrings(this.t),
      reportError: (m) => this.s.emitError(new Error(m)),
      action: (action) => (item ? this.stream.widgetAction(action, item) : Promise.resolve()),
    });
  }

  private widgetItem(item: ThreadItem): HTMLElement {
    const box = h('div', { class: 'ck-widget-item' });
    if (item.widget && typeof item.widget === 'object') box.append(this.widgetRenderer(item).render(item.widget as WidgetNode));
    if (item.copy_text) {
      const bar = h('div', { class: 'ck-msg-actions' });
      const b = iconButton('copy', this.t.copy, async () => {
        await copyText(item.copy_text!);
        b.innerHTML = iconSvg('check', 16);
        setTimeout(() => { b.innerHTML = iconSvg('copy', 16); }, 1500);
      }, 'ck-icon-btn ck-action-copy');
      bar.append(b);
      box.append(bar);
    }
    return box;
  }

  private workflow(item: ThreadItem, f: ItemFlags): HTMLElement {
    const pending = f.pending;
    const wf = item.workflow ?? { type: 'custom', tasks: [] };
    const det = h('details', { class: `ck-workflow ck-workflow-${wf.type}` }) as HTMLDetailsElement;
    // The user's own choice (opening or closing the panel) outlives re-renders of the item.
    if (f.userOpen ?? (wf.expanded || (pending && wf.type !== 'reasoning'))) det.open = true;
    const tasks = wf.tasks ?? [];
    let label: string;
    let ic = 'sparkle';
    const sum: any = wf.summary;
    if (sum && typeof sum.duration === 'number') label = fmt(this.t.thoughtFor, { n: sum.duration }, this.s.locale);
    else if (sum && sum.title) { label = sum.title; ic = sum.icon ?? ic; }
    else if (pending) { const lt = [...tasks].reverse().find((t) => t.title); label = lt?.title ?? (wf.type === 'reasoning' ? this.t.thinking : this.t.workflow); }
    else label = wf.type === 'reasoning' ? this.t.thinking.replace('…', '') : this.t.workflow;
    const summary = h('summary', { class: 'ck-workflow-summary' + (pending ? ' ck-shimmer' : '') }, icon(wf.type === 'reasoning' ? 'lightbulb' : ic, 16), h('span', { text: label }), icon('chevron-down', 14));
    const body = h('div', { class: 'ck-workflow-tasks' });
    for (const t of tasks) body.append(this.task(t));
    det.append(summary, body);
    return det;
  }

  private task(t: any): HTMLElement {
    const row = h('div', { class: `ck-task ck-task-${t.type}`, dataset: { status: t.status_indicator ?? 'none' } });
    const indicator = t.status_indicator === 'loading' ? h('span', { class: 'ck-spinner', 'aria-label': this.t.loading }) :
      t.status_indicator === 'complete' ? icon('check-circle', 14) : icon(t.icon ?? taskIcon(t.type), 14);
    const main = h('div', { class: 'ck-task-main' });
    const title = t.title ?? (t.type === 'web_search' ? t.title_query : undefined);
    if (title) main.append(h('div', { class: 'ck-task-title', text: title }));
    if (t.type === 'web_search') {
      if (t.queries?.length) main.append(h('div', { class: 'ck-chips' }, ...t.queries.map((q: string) => h('span', { class: 'ck-chip' }, icon('search', 12), q))));
      if (t.sources?.length) main.append(this.sources(t.sources));
    } else if (t.type === 'file') {
      if (t.sources?.length) main.append(this.sources(t.sources));
    }
    if (t.content) {
      const md = h('div', { class: 'ck-markdown ck-task-content' });
      renderMarkdown(md, String(t.content), this.s.allowedImageDomains);
      main.append(md);
    }
    row.append(h('span', { class: 'ck-task-indicator' }, indicator), main);
    return row;
  }

  private toolCall(item: ThreadItem): HTMLElement {
    const done = item.status === 'completed';
    return h('div', { class: 'ck-tool-call', dataset: { status: item.status ?? 'pending' } },
      done ? icon('check-circle', 14) : h('span', { class: 'ck-spinner' }),
      h('span', { text: fmt(done ? this.t.toolDone : this.t.toolCall, { name: item.name ?? '' }) }));
  }

  private structuredInput(item: ThreadItem): HTMLElement {
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
      if (!this.s.threadId) return;
      void this.stream.run('threads.add_structured_input', { thread_id: this.s.threadId, item_id: item.id, input: { status, answers: status === 'skipped' ? {} : collect() } });
    };
    form.addEventListener('submit', (e) => { e.preventDefault(); send('answered'); });
    const skip = h('button', { type: 'button', class: 'ck-btn ck-btn-secondary', text: this.t.skip });
    skip.addEventListener('click', () => send('skipped'));
    form.append(h('div', { class: 'ck-row-end' }, skip, h('button', { type: 'submit', class: 'ck-btn ck-btn-primary', text: this.t.submit })));
    box.append(form);
    return box;
  }

  private generatedImage(item: ThreadItem): HTMLElement {
    const url = item.image?.url;
    if (url && !isLoadableImage(url, this.s.imagePolicy)) {
      return h('figure', { class: 'ck-generated-image' }, blockedImage(''));
    }
    if (url) {
      const fig = h('figure', { class: 'ck-generated-image' }, h('img', { src: url, alt: '', loading: 'lazy', referrerpolicy: 'no-referrer' }));
      if (typeof item.progress === 'number' && item.progress < 1) fig.classList.add('ck-partial');
      return fig;
    }
    const pct = typeof item.progress === 'number' ? formatPercent(item.progress, this.s.locale) : null;
    return h('div', { class: 'ck-generated-image ck-placeholder ck-shimmer', role: 'status' }, icon('images', 20), h('span', { text: this.t.generatingImage + (pct != null ? ` ${pct}` : '') }));
  }
}

function sourceKey(s: Source): string {
  return `${s.type}|${s.url ?? s.filename ?? s.id ?? ''}|${s.title}`;
}

function taskIcon(type: string): string {
  return ({ web_search: 'globe', thought: 'lightbulb', file: 'document', image: 'images' } as Record<string, string>)[type] ?? 'dot';
}
