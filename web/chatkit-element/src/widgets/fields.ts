// Text fields and toggles: Input, Textarea, Checkbox, RadioGroup.
import type { Checkbox, Input, RadioGroup, Textarea } from './types';
import type { Scope } from './context';
import { controlData, el, isAction, list, str, withValue } from './dom';

type Field = HTMLInputElement | HTMLTextAreaElement;

function common(f: Field, n: Input | Textarea) {
  f.name = str(n.name);
  if (n.defaultValue != null) f.value = str(n.defaultValue);
  if (n.placeholder) f.placeholder = str(n.placeholder);
  if (n.required) f.required = true;
  if (n.disabled) f.disabled = true;
  if (n.autoFocus) f.autofocus = true;
  if (n.autoSelect) f.addEventListener('focus', () => f.select());
  if (!n.allowAutofillExtensions) f.autocomplete = 'off';
  controlData(f, n);
  // Without a linked Label the placeholder (or the name) is the accessible name; a Label replaces it.
  f.setAttribute('aria-label', str(n.placeholder ?? n.name));
}

export function renderInput(n: Input, s: Scope): HTMLElement {
  const i = el('input', 'ck-w-input');
  i.type = /^(number|email|text|password|tel|url)$/.test(str(n.inputType)) ? n.inputType! : 'text';
  common(i, n);
  if (n.pattern) patternCheck(i, str(n.pattern), s.strings.invalidFormat);
  if (n.pill) i.classList.add('ck-pill');
  s.field(i.name, i);
  return i;
}

export function renderTextarea(n: Textarea, s: Scope): HTMLElement {
  const t = el('textarea', 'ck-w-textarea');
  common(t, n);
  const rows = typeof n.rows === 'number' && n.rows > 0 ? Math.floor(n.rows) : 3;
  t.rows = rows;
  if (n.pattern) patternCheck(t, str(n.pattern), s.strings.invalidFormat);
  if (n.autoResize) autoGrow(t, rows, typeof n.maxRows === 'number' && n.maxRows > 0 ? Math.floor(n.maxRows) : undefined);
  s.field(t.name, t);
  return t;
}

/**
 * Grows a textarea with its content from `minRows` up to `maxRows` lines (then it scrolls). Heights are in
 * lines of the textarea's own line height, so the limit holds whatever the font size.
 */
export function autoGrow(t: HTMLTextAreaElement, minRows: number, maxRows?: number) {
  t.classList.add('ck-autoresize');
  if (maxRows) t.dataset.maxRows = String(maxRows);
  const fit = () => {
    const cs = getComputedStyle(t);
    const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.4 || 20;
    const chrome = (parseFloat(cs.paddingTop) || 0) + (parseFloat(cs.paddingBottom) || 0) + (parseFloat(cs.borderTopWidth) || 0) + (parseFloat(cs.borderBottomWidth) || 0);
    t.style.height = 'auto';
    const content = t.scrollHeight - (parseFloat(cs.paddingTop) || 0) - (parseFloat(cs.paddingBottom) || 0);
    const lines = Math.max(minRows, Math.ceil(content / line - 0.01));
    const shown = maxRows ? Math.min(lines, maxRows) : lines;
    t.style.height = `${Math.ceil(shown * line + chrome)}px`;
    t.style.overflowY = maxRows && lines > maxRows ? 'auto' : 'hidden';
  };
  t.addEventListener('input', fit);
  // Size to the initial value once the field is laid out.
  t.addEventListener('focus', fit, { once: true });
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => { if (t.isConnected) fit(); });
}

/**
 * Applies a `pattern` (the whole value must match, as HTML's pattern attribute does). Inputs use the attribute;
 * a textarea has none, so it reports the mismatch through the same constraint validation.
 */
export function patternCheck(f: Field, pattern: string, message: string) {
  if (f instanceof HTMLInputElement) { f.pattern = pattern; return; }
  let re: RegExp;
  try { re = new RegExp(`^(?:${pattern})$`, 'v'); } catch {
    try { re = new RegExp(`^(?:${pattern})$`, 'u'); } catch { return; } // an invalid pattern checks nothing, as in HTML
  }
  f.dataset.pattern = pattern;
  const check = () => {
    const bad = f.value !== '' && !re.test(f.value);
    f.setCustomValidity(bad ? message : '');
    if (bad) f.setAttribute('aria-invalid', 'true'); else f.removeAttribute('aria-invalid');
  };
  f.addEventListener('input', check);
  check();
}

export function renderCheckbox(n: Checkbox, s: Scope): HTMLElement {
  const l = el('label', 'ck-w-checkbox');
  const c = el('input');
  c.type = 'checkbox';
  c.name = str(n.name);
  c.checked = !!n.defaultChecked;
  if (n.disabled) c.disabled = true;
  if (n.required) c.required = true;
  l.append(c, el('span', '', str(n.label)));
  const action = n.onChangeAction;
  if (isAction(action)) c.addEventListener('change', () => s.fire(withValue(action, c.checked), c, 'change'));
  s.field(c.name, c);
  return l;
}

export function renderRadioGroup(n: RadioGroup, s: Scope): HTMLElement {
  const g = el('div', 'ck-w-radiogroup');
  g.setAttribute('role', 'radiogroup');
  g.setAttribute('aria-label', str(n.ariaLabel ?? n.name));
  g.dataset.direction = n.direction === 'row' ? 'row' : 'col';
  if (n.required) g.setAttribute('aria-required', 'true');
  // Radios group by name across the whole shadow root, so two widgets (or two items of one thread) with the
  // same field name would uncheck each other: each group gets its own name and keeps the field in data-field.
  const groupName = s.id('ck-radio');
  const action = n.onChangeAction;
  for (const opt of list(n.options)) {
    const l = el('label', 'ck-w-radio');
    const r = el('input');
    r.type = 'radio';
    r.name = groupName;
    r.dataset.field = str(n.name);
    r.value = str(opt?.value);
    r.checked = n.defaultValue != null && str(n.defaultValue) === r.value;
    if (n.disabled || opt?.disabled) r.disabled = true;
    if (n.required) r.required = true;
    if (isAction(action)) r.addEventListener('change', () => { if (r.checked) s.fire(withValue(action, r.value), r, 'change'); });
    l.append(r, el('span', '', str(opt?.label)));
    g.append(l);
  }
  s.field(str(n.name), g);
  return g;
}
