// Text and media: Text (editable too), Title, Caption, Markdown, Label, Badge, Icon, Image, and the status header.
import type { Badge, Caption, Icon, Image, Label, Markdown, Text, Title, WidgetStatus } from './types';
import type { Scope } from './context';
import { el, oneOf, str } from './dom';
import { aspect, color, RADIUS, sizeProps, spacing, textStyle } from './style';
import { iconSvg } from '../icons';
import { renderMarkdown } from '../markdown';
import { blockedImage, isLoadableImage } from '../images';
import { autoGrow, patternCheck } from './fields';

const imagePolicy = (s: Scope) => ({ allowedDomains: s.ctx.allowedImageDomains, apiUrl: s.ctx.apiUrl });

export function renderText(n: Text, s: Scope): HTMLElement {
  const ed = n.editable;
  if (!ed || typeof ed !== 'object' || !ed.name) {
    const e = el('p', 'ck-w-text', str(n.value));
    textStyle(e, n, 'text', s.scheme);
    if (n.streaming) e.classList.add('ck-streaming');
    return e;
  }
  // Editable text joins forms under its name. It is multi-line when the node asks for more than one line
  // (minLines/maxLines) or its value already has line breaks; Enter then adds a line instead of submitting.
  const value = str(n.value);
  const lines = Math.max(Number(n.minLines) || 1, 1);
  const multi = lines > 1 || (Number(n.maxLines) || 1) > 1 || value.includes('\n');
  const f = multi ? el('textarea', 'ck-w-text ck-w-text-editable') : el('input', 'ck-w-text ck-w-text-editable');
  f.name = str(ed.name);
  f.value = value;
  if (ed.placeholder) f.placeholder = str(ed.placeholder);
  if (ed.required) f.required = true;
  if (ed.autoFocus) f.autofocus = true;
  if (ed.autoSelect) f.addEventListener('focus', () => f.select());
  f.autocomplete = (ed.autoComplete ? str(ed.autoComplete) : ed.allowAutofillExtensions ? 'on' : 'off') as AutoFill;
  f.setAttribute('aria-label', str(ed.placeholder ?? ed.name));
  if (ed.pattern) patternCheck(f, str(ed.pattern), s.strings.invalidFormat);
  textStyle(f, { ...n, minLines: undefined, maxLines: undefined, truncate: undefined }, 'text', s.scheme);
  if (f instanceof HTMLTextAreaElement) {
    f.rows = lines;
    autoGrow(f, lines, typeof n.maxLines === 'number' ? n.maxLines : undefined);
  }
  s.field(f.name, f);
  return f;
}

export function renderTitle(n: Title, s: Scope): HTMLElement {
  const e = el('h3', 'ck-w-title', str(n.value));
  textStyle(e, n, 'title', s.scheme);
  return e;
}

export function renderCaption(n: Caption, s: Scope): HTMLElement {
  const e = el('p', 'ck-w-caption', str(n.value));
  textStyle(e, n, 'caption', s.scheme);
  return e;
}

export function renderMarkdownNode(n: Markdown, s: Scope): HTMLElement {
  const e = el('div', 'ck-w-markdown ck-markdown');
  renderMarkdown(e, str(n.value), s.ctx.allowedImageDomains);
  if (n.streaming) e.classList.add('ck-streaming');
  return e;
}

/** A Label is linked to the control named `fieldName` in the same widget once the whole widget is rendered. */
export function renderLabel(n: Label, s: Scope): HTMLElement {
  const l = el('label', 'ck-w-label', str(n.value));
  textStyle(l, n, 'text', s.scheme);
  if (n.fieldName) {
    l.dataset.field = str(n.fieldName);
    s.label(l, str(n.fieldName));
  }
  return l;
}

export function renderBadge(n: Badge): HTMLElement {
  const e = el('span', 'ck-w-badge', str(n.label));
  e.dataset.color = oneOf(n.color, ['secondary', 'success', 'danger', 'warning', 'info', 'discovery'] as const) ?? 'secondary';
  e.dataset.variant = oneOf(n.variant, ['solid', 'soft', 'outline'] as const) ?? 'soft';
  e.dataset.size = oneOf(n.size, ['sm', 'md', 'lg'] as const) ?? 'sm';
  if (n.pill) e.classList.add('ck-pill');
  return e;
}

const ICON_PX: Record<string, number> = { xs: 12, sm: 14, md: 16, lg: 18, xl: 20, '2xl': 24, '3xl': 32 };

export function renderIcon(n: Icon, s: Scope): HTMLElement {
  const e = el('span', 'ck-w-icon');
  e.innerHTML = iconSvg(str(n.name, 'dot'), ICON_PX[str(n.size)] ?? 16);
  const c = color(n.color, s.scheme);
  if (c) e.style.color = c;
  return e;
}

export function renderImage(n: Image, s: Scope): HTMLElement {
  const src = str(n.src);
  if (!isLoadableImage(src, imagePolicy(s))) return blockedImage(str(n.alt));
  const img = el('img', 'ck-w-image');
  img.src = src;
  img.alt = str(n.alt);
  img.loading = 'lazy';
  img.referrerPolicy = 'no-referrer';
  sizeProps(img.style, n);
  if (oneOf(n.fit, ['cover', 'contain', 'fill', 'scale-down', 'none'] as const)) img.style.objectFit = n.fit!;
  if (typeof n.position === 'string' && /^(top|bottom|left|right|center| )+$/.test(n.position)) img.style.objectPosition = n.position;
  if (n.radius && RADIUS[n.radius]) img.style.borderRadius = RADIUS[n.radius];
  spacing(img.style, 'margin', n.margin);
  if (n.aspectRatio != null) img.style.aspectRatio = aspect(n.aspectRatio);
  if (n.frame) img.classList.add('ck-framed');
  // Flush: the image reaches the edges of its padded container (the stylesheet uses --ck-w-pad-l/r).
  if (n.flush) img.classList.add('ck-flush');
  const bg = color(n.background, s.scheme);
  if (bg) img.style.background = bg;
  return img;
}

export function renderStatus(st: WidgetStatus, s: Scope): HTMLElement {
  const h = el('div', 'ck-w-status');
  const icon = 'icon' in st ? st.icon : undefined;
  const favicon = 'favicon' in st ? st.favicon : undefined;
  if (icon) h.insertAdjacentHTML('beforeend', iconSvg(str(icon), 14));
  else if (typeof favicon === 'string' && /^https?:/i.test(favicon) && isLoadableImage(favicon, imagePolicy(s))) {
    const img = el('img', 'ck-w-favicon');
    img.src = favicon;
    img.alt = '';
    if ('frame' in st && st.frame) img.classList.add('ck-framed');
    h.append(img);
  }
  h.append(el('span', '', str(st?.text)));
  return h;
}
