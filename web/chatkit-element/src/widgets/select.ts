// Select: a select-only combobox with a listbox popup (the WAI-ARIA pattern). The focus stays on the combobox and
// aria-activedescendant names the highlighted option; arrows, Home/End, PageUp/PageDown, Enter/Space, Escape, Tab
// and typeahead work as in a native select. The value travels in a hidden input, so forms collect it.
import type { Select, SelectOption } from './types';
import type { Scope } from './context';
import { el, hidePopup, isAction, list, placePopup, popupControlShell, showPopup, str, withValue } from './dom';

const CHEVRON = '<svg class="ck-w-chevron" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="m6 9 6 6 6-6"/></svg>';
const CROSS = '<svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" aria-hidden="true"><path d="M18 6 6 18M6 6l12 12"/></svg>';

export function renderSelect(n: Select, s: Scope): HTMLElement {
  const options: SelectOption[] = list(n.options)
    .filter((o) => o && typeof o === 'object')
    .map((o) => ({ value: str(o.value), label: str(o.label ?? o.value), disabled: !!o.disabled, description: o.description ? str(o.description) : undefined }));
  const { wrap, hidden } = popupControlShell(n, 'ck-w-select');
  const listId = s.id('ck-listbox');
  const trigger = el('button', 'ck-w-trigger ck-w-select-trigger');
  trigger.type = 'button';
  trigger.setAttribute('role', 'combobox');
  trigger.setAttribute('aria-haspopup', 'listbox');
  trigger.setAttribute('aria-expanded', 'false');
  trigger.setAttribute('aria-controls', listId);
  trigger.setAttribute('aria-label', str(n.placeholder ?? n.name));
  if (n.disabled) trigger.disabled = true;
  const shown = el('span', 'ck-w-select-value');
  trigger.append(shown);
  trigger.insertAdjacentHTML('beforeend', CHEVRON);
  const box = el('div', 'ck-w-listbox ck-w-popup');
  box.id = listId;
  box.setAttribute('role', 'listbox');
  box.setAttribute('popover', 'manual');
  box.hidden = true;
  box.tabIndex = -1;
  const rows = options.map((o, i) => {
    const r = el('div', 'ck-w-option');
    r.id = `${listId}-${i}`;
    r.setAttribute('role', 'option');
    r.dataset.value = o.value;
    r.append(el('span', 'ck-w-option-label', o.label));
    if (o.description) r.append(el('span', 'ck-w-option-desc', o.description));
    if (o.disabled) r.setAttribute('aria-disabled', 'true');
    return r;
  });
  if (rows.length) box.append(...rows);
  else box.append(el('div', 'ck-w-option ck-w-empty', s.strings.noOptions));
  wrap.append(hidden, trigger, box);

  let value: string | null = null;
  let active = -1;
  const enabled = (i: number) => i >= 0 && i < options.length && !options[i].disabled;
  const indexOf = (v: string | null) => options.findIndex((o) => o.value === v);

  let clear: HTMLButtonElement | null = null;
  if (n.clearable) {
    wrap.classList.add('ck-w-clearable');
    clear = el('button', 'ck-w-clear');
    clear.type = 'button';
    clear.setAttribute('aria-label', s.strings.clear);
    clear.innerHTML = CROSS;
    clear.addEventListener('click', () => { choose(null); trigger.focus(); });
    wrap.insertBefore(clear, box);
  }

  function show(v: string | null) {
    value = v;
    hidden.value = v ?? '';
    const o = options[indexOf(v)];
    shown.textContent = o ? o.label : str(n.placeholder);
    shown.classList.toggle('ck-placeholder', !o);
    rows.forEach((r, i) => r.setAttribute('aria-selected', String(options[i] === o)));
    if (clear) clear.hidden = v == null || !!n.disabled;
  }

  function choose(v: string | null) {
    const changed = v !== value;
    show(v);
    close();
    const action = n.onChangeAction;
    if (changed && isAction(action)) s.fire(withValue(action, v), trigger, 'change');
  }

  function highlight(i: number) {
    if (!enabled(i)) return;
    rows[active]?.classList.remove('ck-active');
    active = i;
    rows[i].classList.add('ck-active');
    trigger.setAttribute('aria-activedescendant', rows[i].id);
    rows[i].scrollIntoView?.({ block: 'nearest' });
  }

  /** The next enabled option from `from` going `step` (±1), stopping at the ends. */
  function step(from: number, by: number): number {
    let best = from;
    for (let i = from + Math.sign(by), left = Math.abs(by); i >= 0 && i < options.length && left > 0; i += Math.sign(by)) {
      if (enabled(i)) { best = i; left--; }
    }
    return best;
  }

  // A re-render can drop the widget while the popup is open: then stop following the page.
  const place = () => (trigger.isConnected ? placePopup(box, trigger, 'bottom', 'start') : close());
  function open(at?: number) {
    if (trigger.disabled || isOpen()) { if (at != null) highlight(at); return; }
    box.style.minWidth = `${trigger.offsetWidth}px`;
    showPopup(box);
    trigger.setAttribute('aria-expanded', 'true');
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    const sel = indexOf(value);
    highlight(at ?? (enabled(sel) ? sel : step(-1, 1)));
  }
  function close() {
    if (!isOpen()) return;
    hidePopup(box);
    trigger.setAttribute('aria-expanded', 'false');
    trigger.removeAttribute('aria-activedescendant');
    rows[active]?.classList.remove('ck-active');
    active = -1;
    window.removeEventListener('scroll', place, true);
    window.removeEventListener('resize', place);
  }
  const isOpen = () => trigger.getAttribute('aria-expanded') === 'true';

  // Typeahead: typed characters within half a second form a prefix; one repeated character cycles.
  let typed = '';
  let typedAt = 0;
  const fold = (t: string) => t.toLocaleLowerCase(s.locale);
  function typeahead(ch: string) {
    const now = Date.now();
    typed = now - typedAt > 500 ? ch : typed + ch;
    typedAt = now;
    const prefix = fold(typed.length > 1 && [...typed].every((c) => c === typed[0]) ? typed[0] : typed);
    const start = isOpen() ? active : indexOf(value);
    const from = typed.length === 1 || prefix.length === 1 ? start + 1 : Math.max(start, 0);
    for (let k = 0; k < options.length; k++) {
      const i = (from + k) % options.length;
      if (enabled(i) && fold(options[i].label).startsWith(prefix)) { open(i); return; }
    }
  }

  trigger.addEventListener('click', () => (isOpen() ? close() : open()));
  trigger.addEventListener('blur', () => close());
  trigger.addEventListener('keydown', (e) => {
    const openNow = isOpen();
    let handled = true;
    switch (e.key) {
      case 'ArrowDown': if (openNow && !e.altKey) highlight(step(active, 1)); else open(); break;
      case 'ArrowUp':
        if (openNow && e.altKey) choose(enabled(active) ? options[active].value : value);
        else if (openNow) highlight(step(active, -1)); else open();
        break;
      case 'Home': open(step(-1, 1)); break;
      case 'End': open(step(options.length, -1)); break;
      case 'PageDown': if (openNow) highlight(step(active, 10)); else handled = false; break;
      case 'PageUp': if (openNow) highlight(step(active, -10)); else handled = false; break;
      case 'Enter': case ' ':
        if (e.key === ' ' && Date.now() - typedAt < 500 && typed) { typeahead(' '); break; }
        if (openNow) choose(enabled(active) ? options[active].value : value); else open();
        break;
      case 'Escape': if (openNow) close(); else handled = false; break;
      case 'Tab': if (openNow && enabled(active)) choose(options[active].value); handled = false; break;
      default:
        if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) typeahead(e.key);
        else handled = false;
    }
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  });
  // A button clicks on Space's keyup; the keydown above already acted on it.
  trigger.addEventListener('keyup', (e) => { if (e.key === ' ') e.preventDefault(); });
  // Options never take focus: a pointer press must not blur the combobox.
  box.addEventListener('mousedown', (e) => e.preventDefault());
  rows.forEach((r, i) => {
    r.addEventListener('click', () => { if (enabled(i)) { choose(options[i].value); trigger.focus(); } });
    r.addEventListener('mousemove', () => { if (active !== i) highlight(i); });
  });

  show(n.defaultValue != null && indexOf(str(n.defaultValue)) >= 0 ? str(n.defaultValue) : null);
  s.field(hidden.name, trigger);
  return wrap;
}
