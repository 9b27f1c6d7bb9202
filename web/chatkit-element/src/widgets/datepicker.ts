// DatePicker: a button showing the chosen date (or the placeholder) that opens a calendar dialog on the given
// side and alignment. Values are ISO 8601 date-times: the calendar date at midnight UTC, e.g.
// 2025-06-01T00:00:00.000Z; a value read from the server keeps the calendar date it spells (its YYYY-MM-DD
// part), whatever its offset, so no time zone moves a date by a day. min and max bound the selectable days.
import type { DatePicker } from './types';
import type { Scope } from './context';
import { el, hidePopup, isAction, oneOf, placePopup, popupControlShell, showPopup, str, withValue } from './dom';
import { iconSvg } from '../icons';

const DAY = 86_400_000;

/** The calendar day a date string names, as a UTC midnight timestamp; null when it names none. */
export function parseDay(v: unknown): number | null {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim()) : null;
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return new Date(t).getUTCDate() === +m[3] ? t : null;
}

/** The value a DatePicker sends for a day. */
export const isoOf = (day: number) => new Date(day).toISOString();

function format(locale: string | undefined, opts: Intl.DateTimeFormatOptions) {
  try { return new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' }); } catch { return new Intl.DateTimeFormat(undefined, { ...opts, timeZone: 'UTC' }); }
}

/** The first day of the week for the locale (0 = Sunday), Monday when the browser cannot say. */
function firstWeekday(locale: string | undefined): number {
  try {
    const l = new Intl.Locale(locale ?? navigator.language) as any;
    const info = typeof l.getWeekInfo === 'function' ? l.getWeekInfo() : l.weekInfo;
    if (info && typeof info.firstDay === 'number') return info.firstDay % 7;
  } catch { /* unknown locale */ }
  return 1;
}

export function renderDatePicker(n: DatePicker, s: Scope): HTMLElement {
  const side = oneOf(n.side, ['top', 'bottom', 'left', 'right'] as const) ?? 'bottom';
  const align = oneOf(n.align, ['start', 'center', 'end'] as const) ?? 'start';
  const min = parseDay(n.min), max = parseDay(n.max);
  const inRange = (d: number) => (min == null || d >= min) && (max == null || d <= max);
  const clamp = (d: number) => (min != null && d < min ? min : max != null && d > max ? max : d);
  const long = format(s.locale, { dateStyle: 'full' });

  const { wrap, hidden } = popupControlShell(n, 'ck-w-date');
  const dialogId = s.id('ck-calendar');
  const trigger = el('button', 'ck-w-trigger ck-w-date-trigger');
  trigger.type = 'button';
  trigger.setAttribute('aria-haspopup', 'dialog');
  trigger.setAttribute('aria-expanded', 'false');
  trigger.setAttribute('aria-controls', dialogId);
  if (n.disabled) trigger.disabled = true;
  const shown = el('span', 'ck-w-date-value');
  shown.id = s.id('ck-date-value');
  trigger.dataset.valueId = shown.id;
  trigger.insertAdjacentHTML('beforeend', iconSvg('calendar', 16));
  trigger.append(shown);

  const pop = el('div', 'ck-w-calendar ck-w-popup');
  pop.id = dialogId;
  pop.setAttribute('role', 'dialog');
  pop.setAttribute('aria-label', s.strings.chooseDate);
  pop.setAttribute('popover', 'manual');
  pop.dataset.side = side;
  pop.dataset.align = align;
  pop.hidden = true;
  const head = el('div', 'ck-w-cal-head');
  const prev = el('button', 'ck-w-cal-nav');
  const next = el('button', 'ck-w-cal-nav');
  prev.type = next.type = 'button';
  prev.setAttribute('aria-label', s.strings.previousMonth);
  next.setAttribute('aria-label', s.strings.nextMonth);
  prev.innerHTML = iconSvg('chevron-left', 16);
  next.innerHTML = iconSvg('chevron-right', 16);
  const title = el('div', 'ck-w-cal-title');
  title.id = s.id('ck-cal-title');
  title.setAttribute('aria-live', 'polite');
  head.append(prev, title, next);
  const grid = el('table', 'ck-w-cal-grid');
  grid.setAttribute('role', 'grid');
  grid.setAttribute('aria-labelledby', title.id);
  pop.append(head, grid);
  wrap.append(hidden, trigger, pop);

  let clear: HTMLButtonElement | null = null;
  if (n.clearable) {
    wrap.classList.add('ck-w-clearable');
    clear = el('button', 'ck-w-clear');
    clear.type = 'button';
    clear.setAttribute('aria-label', s.strings.clear);
    clear.innerHTML = '<svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" aria-hidden="true"><path d="M18 6 6 18M6 6l12 12"/></svg>';
    clear.addEventListener('click', () => { choose(null); trigger.focus(); });
    wrap.insertBefore(clear, pop);
  }

  let value: number | null = null;
  let focusDay = 0;
  const weekStart = firstWeekday(s.locale);
  const monthTitle = format(s.locale, { month: 'long', year: 'numeric' });
  const dayShort = format(s.locale, { weekday: 'short' }), dayLong = format(s.locale, { weekday: 'long' });
  const medium = format(s.locale, { dateStyle: 'medium' });

  function show(v: number | null) {
    value = v;
    hidden.value = v == null ? '' : isoOf(v);
    shown.textContent = v == null ? str(n.placeholder) : medium.format(v);
    shown.classList.toggle('ck-placeholder', v == null);
    if (clear) clear.hidden = v == null || !!n.disabled;
  }

  function choose(v: number | null) {
    const changed = v !== value;
    show(v);
    close(true);
    const action = n.onChangeAction;
    if (changed && isAction(action)) s.fire(withValue(action, v == null ? null : isoOf(v)), trigger, 'change');
  }

  /** Draws the month holding `focusDay`, with that day in the tab order. */
  function draw() {
    const f = new Date(focusDay);
    const y = f.getUTCFullYear(), m = f.getUTCMonth();
    const first = Date.UTC(y, m, 1), days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    title.textContent = monthTitle.format(first);
    prev.disabled = min != null && first - DAY < min;
    next.disabled = max != null && first + days * DAY > max;
    grid.textContent = '';
    const headRow = el('tr');
    for (let i = 0; i < 7; i++) {
      const d = Date.UTC(2024, 0, 7 + ((weekStart + i) % 7)); // 7 January 2024 was a Sunday
      const th = el('th', '', dayShort.format(d));
      th.abbr = dayLong.format(d);
      th.scope = 'col';
      headRow.append(th);
    }
    const thead = el('thead');
    thead.append(headRow);
    const tbody = el('tbody');
    let row = el('tr');
    const lead = (new Date(first).getUTCDay() - weekStart + 7) % 7;
    for (let i = 0; i < lead; i++) row.append(el('td'));
    for (let d = 1; d <= days; d++) {
      const day = Date.UTC(y, m, d);
      const b = el('button', 'ck-w-day', String(d));
      b.type = 'button';
      b.dataset.date = isoOf(day).slice(0, 10);
      b.tabIndex = day === focusDay ? 0 : -1;
      b.setAttribute('aria-label', long.format(day));
      if (day === value) b.setAttribute('aria-selected', 'true');
      if (!inRange(day)) b.setAttribute('aria-disabled', 'true');
      if (day === todayUtc()) b.setAttribute('aria-current', 'date');
      const cell = el('td');
      cell.append(b);
      row.append(cell);
      if (row.children.length === 7) { tbody.append(row); row = el('tr'); }
    }
    if (row.children.length) tbody.append(row);
    grid.append(thead, tbody);
  }

  function moveTo(day: number, focus = true) {
    focusDay = day;
    draw();
    if (focus) (grid.querySelector(`[data-date="${isoOf(day).slice(0, 10)}"]`) as HTMLElement | null)?.focus();
  }

  // A re-render can drop the widget while the calendar is open: then stop following the page.
  const place = () => (trigger.isConnected ? placePopup(pop, trigger, side, align) : close(false));
  const isOpen = () => trigger.getAttribute('aria-expanded') === 'true';
  let listening: Node | null = null; // where the outside-press listener is (the root the widget was in)
  const outside = (e: Event) => { if (!e.composedPath().includes(wrap)) close(false); };
  function open() {
    if (trigger.disabled || isOpen()) return;
    showPopup(pop);
    trigger.setAttribute('aria-expanded', 'true');
    moveTo(value ?? clamp(todayUtc()), false);
    place();
    (grid.querySelector('[tabindex="0"]') as HTMLElement | null)?.focus();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    listening = wrap.getRootNode();
    listening.addEventListener('pointerdown', outside, true);
  }
  function close(refocus: boolean) {
    if (!isOpen()) return;
    hidePopup(pop);
    trigger.setAttribute('aria-expanded', 'false');
    window.removeEventListener('scroll', place, true);
    window.removeEventListener('resize', place);
    listening?.removeEventListener('pointerdown', outside, true);
    listening = null;
    if (refocus) trigger.focus();
  }

  trigger.addEventListener('click', () => (isOpen() ? close(false) : open()));
  trigger.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || (e.key === 'ArrowUp' && !isOpen())) { e.preventDefault(); open(); }
  });
  prev.addEventListener('click', () => { const d = new Date(focusDay); moveTo(clamp(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)), false); });
  next.addEventListener('click', () => { const d = new Date(focusDay); moveTo(clamp(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)), false); });
  grid.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest?.('.ck-w-day') as HTMLElement | null;
    const day = b ? parseDay(b.dataset.date) : null;
    if (day != null && inRange(day)) choose(day);
  });
  pop.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(true); return; }
    if (!(e.target as HTMLElement).classList?.contains('ck-w-day')) return;
    const d = new Date(focusDay);
    const month = (by: number) => {
      // Same day of a month `by` away, or that month's last day when it is shorter.
      const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + by + 1, 0)).getUTCDate();
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + by, Math.min(d.getUTCDate(), last));
    };
    const weekday = (d.getUTCDay() - weekStart + 7) % 7;
    const target: Record<string, number> = {
      ArrowLeft: focusDay - DAY, ArrowRight: focusDay + DAY, ArrowUp: focusDay - 7 * DAY, ArrowDown: focusDay + 7 * DAY,
      Home: focusDay - weekday * DAY, End: focusDay + (6 - weekday) * DAY,
      PageUp: month(e.shiftKey ? -12 : -1), PageDown: month(e.shiftKey ? 12 : 1),
    };
    if (document.dir === 'rtl' || getComputedStyle(pop).direction === 'rtl') [target.ArrowLeft, target.ArrowRight] = [target.ArrowRight, target.ArrowLeft];
    // Keyboard moves stop at min and max, so the focus never lands on a month with nothing to pick.
    if (e.key in target) { e.preventDefault(); moveTo(clamp(target[e.key])); return; }
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); if (inRange(focusDay)) choose(focusDay); }
  });
  pop.addEventListener('focusout', (e) => {
    const to = e.relatedTarget as Node | null;
    if (to && !wrap.contains(to)) close(false);
  });

  show(parseDay(n.defaultValue));
  s.field(hidden.name, trigger);
  return wrap;
}

function todayUtc(): number {
  const now = new Date();
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()); // the user's today, as a calendar day
}
