// Roots and containers: Card, ListView, ListViewItem, Basic, Box, Row, Col, Form, Spacer, Divider, Transition.
import type { Basic, Box, Card, Col, Divider, Form, ListView, ListViewItem, Row, Spacer, Transition } from './types';
import type { Scope } from './context';
import { el, isAction, list, str } from './dom';
import { boxStyle, border, color, len, spacing } from './style';
import { renderStatus } from './content';

export function renderCard(n: Card, s: Scope): HTMLElement {
  const card = n.asForm ? el('form', 'ck-w-card') : el('div', 'ck-w-card');
  card.classList.add(`ck-w-card-${/^(sm|md|lg|full)$/.test(str(n.size)) ? n.size : 'md'}`);
  if (n.status) card.append(renderStatus(n.status, s));
  const body = el('div', 'ck-w-card-body');
  body.style.display = 'flex';
  body.style.flexDirection = 'column';
  body.style.gap = '8px';
  if (n.padding != null) spacing(body.style, 'padding', n.padding);
  const bg = color(n.background, s.scheme);
  if (bg) card.style.background = bg;
  border(card.style, n.border, s.scheme);
  const form = n.asForm ? card : s.form;
  s.children(body, n.children, form);
  card.append(body);
  if (n.collapsed) body.hidden = true;
  if (n.confirm || n.cancel) {
    const footer = el('div', 'ck-w-card-footer');
    const cancel = n.cancel, confirm = n.confirm;
    if (cancel && isAction(cancel.action)) {
      const b = el('button', 'ck-btn ck-btn-secondary', str(cancel.label));
      b.type = 'button';
      b.addEventListener('click', () => s.fire(cancel.action, b, 'confirm', null));
      footer.append(b);
    }
    if (confirm && isAction(confirm.action)) {
      const b = el('button', 'ck-btn ck-btn-primary', str(confirm.label));
      b.type = n.asForm ? 'submit' : 'button';
      if (!n.asForm) b.addEventListener('click', () => s.fire(confirm.action, b, 'confirm', s.form));
      footer.append(b);
    }
    card.append(footer);
  }
  if (n.asForm) onSubmit(card as HTMLFormElement, isAction(n.confirm?.action) ? n.confirm!.action : undefined, s);
  return card;
}

/** How many rows `limit: "auto"` shows: a handful, never hiding a single row behind "Show more". */
export const AUTO_LIST_LIMIT = 5;

export function renderListView(n: ListView, s: Scope): HTMLElement {
  const lv = el('div', 'ck-w-listview');
  lv.setAttribute('role', 'list');
  if (n.status) lv.append(renderStatus(n.status, s));
  const items = list(n.children).filter((c) => c?.type === 'ListViewItem');
  let limit = typeof n.limit === 'number' ? Math.max(0, n.limit) : Infinity;
  if (n.limit === 'auto' && items.length > AUTO_LIST_LIMIT + 1) limit = AUTO_LIST_LIMIT;
  const rows = items.map((item) => renderListViewItem(item, s));
  lv.append(...rows);
  if (rows.length > limit) {
    rows.slice(limit).forEach((r) => (r.hidden = true));
    const more = el('button', 'ck-w-showmore', s.strings.showMore);
    more.type = 'button';
    more.addEventListener('click', () => {
      rows.forEach((r) => (r.hidden = false));
      more.remove();
      // The button is gone: keep keyboard users where they were, on the first row it revealed.
      const first = rows[limit];
      const target = (first.querySelector('button, input, textarea, [tabindex]') as HTMLElement | null) ?? first;
      if (target === first && !first.hasAttribute('tabindex')) first.tabIndex = -1;
      target.focus();
    });
    lv.append(more);
  }
  return lv;
}

export function renderListViewItem(n: ListViewItem, s: Scope): HTMLElement {
  const li = el('div', 'ck-w-listitem');
  li.setAttribute('role', 'listitem');
  boxStyle(li, { align: n.align, gap: n.gap }, s.scheme, 'row');
  if (!n.align) li.style.alignItems = 'center';
  if (n.gap == null) li.style.gap = '12px';
  s.children(li, n.children, s.form);
  const action = n.onClickAction;
  if (isAction(action)) {
    li.dataset.actionType = action.type;
    li.classList.add('ck-clickable');
    li.tabIndex = 0;
    li.setAttribute('role', 'button');
    const go = () => s.fire(action, li, 'click', s.form);
    li.addEventListener('click', go);
    li.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); go(); } });
  }
  return li;
}

export function renderBasic(n: Basic, s: Scope): HTMLElement {
  const e = el('div', 'ck-w-basic');
  boxStyle(e, n, s.scheme, n.direction ?? 'col');
  s.children(e, n.children);
  return e;
}

function box(kind: 'box' | 'row' | 'col', n: Box | Row | Col, s: Scope, dir: 'row' | 'col'): HTMLElement {
  const e = el('div', `ck-w-${kind}`);
  boxStyle(e, n, s.scheme, dir);
  if (kind === 'row' && !n.align) e.style.alignItems = 'center';
  s.children(e, n.children);
  return e;
}

export const renderBox = (n: Box, s: Scope) => box('box', n, s, n.direction ?? 'col');
export const renderRow = (n: Row, s: Scope) => box('row', n, s, 'row');
export const renderCol = (n: Col, s: Scope) => box('col', n, s, 'col');

export function renderForm(n: Form, s: Scope): HTMLElement {
  const f = el('form', 'ck-w-form');
  boxStyle(f, n, s.scheme, n.direction ?? 'col');
  s.children(f, n.children, f);
  const action = isAction(n.onSubmitAction) ? n.onSubmitAction : undefined;
  if (action) f.dataset.actionType = action.type;
  onSubmit(f, action, s);
  return f;
}

function onSubmit(form: HTMLFormElement, action: Form['onSubmitAction'], s: Scope) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const submitter = (e as SubmitEvent).submitter as HTMLElement | null;
    if (action) s.fire(action, submitter ?? form, 'submit', form);
  });
}

export function renderSpacer(n: Spacer): HTMLElement {
  const e = el('div', 'ck-w-spacer');
  e.style.flex = '1 1 auto';
  if (n.minSize != null) { e.style.minWidth = len(n.minSize) ?? ''; e.style.minHeight = len(n.minSize) ?? ''; }
  return e;
}

export function renderDivider(n: Divider, s: Scope): HTMLElement {
  const e = el('hr', 'ck-w-divider');
  const c = color(n.color, s.scheme);
  if (c) e.style.borderColor = c;
  if (n.size != null) e.style.borderTopWidth = len(n.size) ?? '';
  if (n.spacing != null) { const l = len(n.spacing, true); if (l) { e.style.marginTop = l; e.style.marginBottom = l; } }
  // Flush: out to the edges of the padded container (its padding is in --ck-w-pad-l/r).
  if (n.flush) e.classList.add('ck-flush');
  return e;
}

/** What each Transition last showed, per item: a change of its child animates from the old height. */
const lastShown = new Map<string, { sig: string; el: WeakRef<HTMLElement> | null }>();
const MAX_REMEMBERED = 200;

export function renderTransition(n: Transition, s: Scope): HTMLElement {
  const e = el('div', 'ck-w-transition');
  const child = Array.isArray(n.children) ? n.children[0] : n.children;
  s.children(e, child);
  const key = s.transitionKey();
  if (!key) return e;
  const sig = JSON.stringify(child ?? null);
  const prev = lastShown.get(key);
  lastShown.delete(key);
  lastShown.set(key, { sig, el: typeof WeakRef === 'function' ? new WeakRef(e) : null });
  if (lastShown.size > MAX_REMEMBERED) lastShown.delete(lastShown.keys().next().value!);
  if (prev && prev.sig !== sig) {
    const old = prev.el?.deref();
    const from = old?.isConnected ? old.offsetHeight : null;
    e.classList.add('ck-w-entering');
    // Animate once the new content is in the document and has a height of its own.
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 16);
    frame(() => {
      e.classList.remove('ck-w-entering');
      if (typeof e.animate !== 'function' || window.matchMedia?.('(prefers-reduced-motion: reduce)')?.matches) return;
      const to = e.offsetHeight;
      const frames: Keyframe[] = from != null && from !== to
        ? [{ height: `${from}px`, opacity: 0.2 }, { height: `${to}px`, opacity: 1 }]
        : [{ opacity: 0, transform: 'translateY(4px)' }, { opacity: 1, transform: 'none' }];
      e.animate(frames, { duration: 220, easing: 'ease-out' });
    });
  }
  return e;
}
