// Widget renderer: WidgetNode JSON -> DOM (docs/widgets.md §7). All text goes through
// textContent or the sanitizing Markdown renderer; unknown components render nothing.
import type { WidgetNode } from './types';
import { iconSvg } from './icons';
import { renderMarkdown } from './markdown';
import { blockedImage, isLoadableImage } from './images';

export interface ActionConfig {
  type: string;
  payload?: any;
  handler?: 'server' | 'client';
  loadingBehavior?: 'auto' | 'none' | 'self' | 'container';
  streaming?: boolean;
}

export interface WidgetContext {
  scheme: 'light' | 'dark';
  allowedImageDomains?: string[];
  /** The ChatKit API URL: images from its origin are allowed besides the allowed domains. */
  apiUrl?: string;
  /** Fires an action; the returned promise settles when it was handled. */
  action(action: ActionConfig, origin: { element: HTMLElement; binding: 'click' | 'submit' | 'change' | 'confirm' }): Promise<void>;
  reportError?(message: string): void;
  strings: { showMore: string };
}

const SPACING_UNIT = 4;
const RADIUS: Record<string, string> = {
  '2xs': '2px', xs: '4px', sm: '6px', md: '8px', lg: '12px', xl: '16px', '2xl': '20px', '3xl': '24px', '4xl': '32px',
  full: '9999px', '100%': '100%', none: '0',
};
const HUES: Record<string, string> = {
  red: '#ef4444', orange: '#f97316', amber: '#f59e0b', yellow: '#eab308', lime: '#84cc16', green: '#22c55e',
  emerald: '#10b981', teal: '#14b8a6', cyan: '#06b6d4', sky: '#0ea5e9', blue: '#3b82f6', indigo: '#6366f1',
  violet: '#8b5cf6', purple: '#a855f7', fuchsia: '#d946ef', pink: '#ec4899', rose: '#f43f5e', gray: '#737373',
  slate: '#64748b', zinc: '#71717a', neutral: '#737373', stone: '#78716c',
};
const TOKENS: Record<string, string> = {
  prose: 'var(--ck-text)', primary: 'var(--ck-text)', emphasis: 'var(--ck-text-strong)', secondary: 'var(--ck-text-secondary)',
  tertiary: 'var(--ck-text-tertiary)', success: 'var(--ck-success)', warning: 'var(--ck-warning)', danger: 'var(--ck-danger)',
  info: 'var(--ck-info)', discovery: 'var(--ck-discovery)', caution: 'var(--ck-warning)',
  surface: 'var(--ck-surface)', 'surface-secondary': 'var(--ck-surface-2)', 'surface-tertiary': 'var(--ck-surface-3)',
  'surface-elevated': 'var(--ck-surface-elevated)', 'surface-elevated-secondary': 'var(--ck-surface-2)',
  default: 'var(--ck-border)', subtle: 'var(--ck-border-subtle)', strong: 'var(--ck-border-strong)',
  'alpha-10': 'var(--ck-border)',
};

/** Resolves a colour prop (token, primitive, CSS string or ThemeColor) to CSS. */
export function color(v: any, scheme: 'light' | 'dark'): string | undefined {
  if (v == null) return undefined;
  if (typeof v === 'object') return color(scheme === 'dark' ? v.dark : v.light, scheme);
  const s = String(v);
  if (TOKENS[s]) return TOKENS[s];
  const m = /^([a-z]+)-(\d{2,3})$/.exec(s);
  if (m && HUES[m[1]]) {
    const shade = Number(m[2]);
    const base = HUES[m[1]];
    if (shade === 500) return base;
    if (shade < 500) return `color-mix(in srgb, ${base} ${Math.max(8, Math.round((shade / 500) * 100))}%, white)`;
    return `color-mix(in srgb, ${base} ${Math.max(10, Math.round(100 - ((shade - 500) / 450) * 80))}%, black)`;
  }
  if (HUES[s]) return HUES[s];
  return safeCss(s);
}

/** Only lets through CSS values that cannot break out of a declaration. */
function safeCss(s: string): string | undefined {
  if (/[;{}<>\\]|url\s*\(|expression|@import/i.test(s)) return undefined;
  return s;
}

function len(v: any, unit = false): string | undefined {
  if (v == null) return undefined;
  if (typeof v === 'number') return unit ? `${v * SPACING_UNIT}px` : `${v}px`;
  return safeCss(String(v));
}

function spacing(style: CSSStyleDeclaration, prop: 'padding' | 'margin', v: any) {
  if (v == null) return;
  if (typeof v !== 'object') {
    const l = len(v, true);
    if (l) style.setProperty(prop, l);
    return;
  }
  const sides: Record<string, any> = { top: v.y ?? v.top, bottom: v.y ?? v.bottom, left: v.x ?? v.left, right: v.x ?? v.right };
  if (v.top != null) sides.top = v.top;
  if (v.bottom != null) sides.bottom = v.bottom;
  if (v.left != null) sides.left = v.left;
  if (v.right != null) sides.right = v.right;
  for (const [side, val] of Object.entries(sides)) {
    const l = len(val, true);
    if (l) style.setProperty(`${prop}-${side}`, l);
  }
}

function border(style: CSSStyleDeclaration, v: any, scheme: 'light' | 'dark') {
  if (v == null) return;
  const one = (b: any) =>
    typeof b === 'number' ? `${b}px solid var(--ck-border)` : b && typeof b === 'object' && 'size' in b
      ? `${Number(b.size) || 0}px ${/^(solid|dashed|dotted|double|groove|ridge|inset|outset)$/.test(b.style) ? b.style : 'solid'} ${color(b.color, scheme) ?? 'var(--ck-border)'}`
      : undefined;
  const all = one(v);
  if (all) { style.border = all; return; }
  if (typeof v === 'object') {
    const map: Record<string, any> = { top: v.y ?? v.top, bottom: v.y ?? v.bottom, left: v.x ?? v.left, right: v.x ?? v.right };
    for (const [side, val] of Object.entries(map)) {
      const b = one(val);
      if (b) style.setProperty(`border-${side}`, b);
    }
  }
}

const ALIGN: Record<string, string> = { start: 'flex-start', center: 'center', end: 'flex-end', baseline: 'baseline', stretch: 'stretch' };
const JUSTIFY: Record<string, string> = {
  start: 'flex-start', center: 'center', end: 'flex-end', between: 'space-between', around: 'space-around', evenly: 'space-evenly', stretch: 'stretch',
};

function boxStyle(el: HTMLElement, n: WidgetNode, scheme: 'light' | 'dark', dir?: 'row' | 'col') {
  const s = el.style;
  const d = n.direction ?? dir;
  if (d) {
    s.display = 'flex';
    s.flexDirection = d === 'row' ? 'row' : 'column';
  }
  if (n.align && ALIGN[n.align]) s.alignItems = ALIGN[n.align];
  if (n.justify && JUSTIFY[n.justify]) s.justifyContent = JUSTIFY[n.justify];
  if (n.wrap && /^(nowrap|wrap|wrap-reverse)$/.test(n.wrap)) s.flexWrap = n.wrap;
  if (n.flex != null) s.flex = typeof n.flex === 'number' ? `${n.flex} ${n.flex} 0%` : safeCss(String(n.flex)) ?? '';
  if (n.gap != null) s.gap = len(n.gap, true) ?? '';
  sizeProps(s, n);
  spacing(s, 'padding', n.padding);
  spacing(s, 'margin', n.margin);
  border(s, n.border, scheme);
  if (n.radius && RADIUS[n.radius]) s.borderRadius = RADIUS[n.radius];
  const bg = color(n.background, scheme);
  if (bg) s.background = bg;
  if (n.aspectRatio != null) s.aspectRatio = String(n.aspectRatio).replace(/[^0-9./ ]/g, '');
}

function sizeProps(s: CSSStyleDeclaration, n: WidgetNode) {
  if (n.size != null) { s.width = len(n.size) ?? ''; s.height = len(n.size) ?? ''; s.flexShrink = '0'; }
  if (n.width != null) s.width = len(n.width) ?? '';
  if (n.height != null) s.height = len(n.height) ?? '';
  if (n.minSize != null) { s.minWidth = len(n.minSize) ?? ''; s.minHeight = len(n.minSize) ?? ''; }
  if (n.maxSize != null) { s.maxWidth = len(n.maxSize) ?? ''; s.maxHeight = len(n.maxSize) ?? ''; }
  if (n.minWidth != null) s.minWidth = len(n.minWidth) ?? '';
  if (n.minHeight != null) s.minHeight = len(n.minHeight) ?? '';
  if (n.maxWidth != null) s.maxWidth = len(n.maxWidth) ?? '';
  if (n.maxHeight != null) s.maxHeight = len(n.maxHeight) ?? '';
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

function isAction(a: any): a is ActionConfig {
  return a && typeof a === 'object' && typeof a.type === 'string';
}

/** Sets `obj[a][b]...` for a dotted path unless a value is already there. */
export function setPath(obj: Record<string, any>, path: string, value: any): boolean {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i];
    if (cur[k] == null) cur[k] = {};
    else if (typeof cur[k] !== 'object') return false;
    cur = cur[k];
  }
  const last = parts[parts.length - 1];
  if (Object.prototype.hasOwnProperty.call(cur, last)) return false;
  cur[last] = value;
  return true;
}

/** Collects the named controls of a form element into a nested object. */
export function collectForm(form: HTMLElement): Record<string, any> {
  const values: Record<string, any> = {};
  const controls = form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[name]');
  const seen = new Set<string>();
  controls.forEach((c) => {
    const name = c.getAttribute('name')!;
    if (c instanceof HTMLInputElement && c.type === 'checkbox') return void setPath(values, name, c.checked);
    if (c instanceof HTMLInputElement && c.type === 'radio') {
      if (c.checked) setPath(values, name, c.value);
      else if (!seen.has(name)) setPath(values, name, undefined), deletePath(values, name);
      seen.add(name);
      return;
    }
    if (c instanceof HTMLInputElement && c.type === 'number') return void setPath(values, name, c.value === '' ? null : Number(c.value));
    setPath(values, name, c.value);
  });
  return values;
}

function deletePath(obj: Record<string, any>, path: string) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) { cur = cur?.[parts[i]]; if (!cur) return; }
  delete cur[parts[parts.length - 1]];
}

/** Merges collected form values into an action payload (authored keys win). */
export function mergePayload(payload: any, values: Record<string, any>, onConflict?: (k: string) => void): any {
  const base = payload && typeof payload === 'object' && !Array.isArray(payload) ? JSON.parse(JSON.stringify(payload)) : payload == null ? {} : payload;
  if (typeof base !== 'object' || Array.isArray(base)) return base;
  const walk = (src: Record<string, any>, prefix: string) => {
    for (const [k, v] of Object.entries(src)) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, p);
      else if (!setPath(base, p, v)) onConflict?.(p);
    }
  };
  walk(values, '');
  return base;
}

export class WidgetRenderer {
  constructor(private ctx: WidgetContext) {}

  private get imagePolicy() {
    return { allowedDomains: this.ctx.allowedImageDomains, apiUrl: this.ctx.apiUrl };
  }

  render(root: WidgetNode): HTMLElement {
    const wrap = el('div', 'ck-widget');
    wrap.setAttribute('data-widget-root', root?.type ?? '');
    if (root?.theme === 'dark' || root?.theme === 'light') wrap.setAttribute('data-theme', root.theme);
    const node = this.node(root, null);
    if (node) wrap.append(node);
    return wrap;
  }

  private children(parent: HTMLElement, kids: any, form: HTMLElement | null) {
    const list = Array.isArray(kids) ? kids : kids && typeof kids === 'object' ? [kids] : [];
    for (const k of list) {
      const c = this.node(k, form);
      if (c) parent.append(c);
    }
  }

  private fire(action: ActionConfig, element: HTMLElement, binding: 'click' | 'submit' | 'change' | 'confirm', form: HTMLElement | null) {
    let a: ActionConfig = { ...action };
    if (form) {
      a.payload = mergePayload(action.payload, collectForm(form), (k) => this.ctx.reportError?.(`Form field "${k}" collides with the action payload; the form value was ignored.`));
    }
    const lb = action.loadingBehavior ?? 'auto';
    const mode = lb === 'auto' ? (binding === 'change' ? 'none' : binding === 'confirm' || binding === 'submit' ? 'container' : 'self') : lb;
    const container = element.closest('.ck-widget') as HTMLElement | null;
    const target = mode === 'self' ? element : mode === 'container' ? container : null;
    if (target) {
      target.classList.add('ck-loading');
      target.setAttribute('aria-busy', 'true');
    }
    this.ctx.action(a, { element, binding }).finally(() => {
      if (target) {
        target.classList.remove('ck-loading');
        target.removeAttribute('aria-busy');
      }
    });
  }

  private submitHandler(formEl: HTMLFormElement, action: ActionConfig | undefined) {
    formEl.addEventListener('submit', (e) => {
      e.preventDefault();
      const submitter = (e as SubmitEvent).submitter as HTMLElement | null;
      if (!action) return;
      this.fire(action, submitter ?? formEl, 'submit', formEl);
    });
  }

  node(n: any, form: HTMLElement | null): HTMLElement | null {
    if (!n || typeof n !== 'object' || typeof n.type !== 'string') return null;
    const scheme = this.ctx.scheme;
    let e: HTMLElement | null = null;
    switch (n.type) {
      case 'Card': {
        const card = n.asForm ? el('form', 'ck-w-card') : el('div', 'ck-w-card');
        const size = /^(sm|md|lg|full)$/.test(n.size) ? n.size : 'md';
        card.classList.add(`ck-w-card-${size}`);
        if (n.status) card.append(this.status(n.status));
        const body = el('div', 'ck-w-card-body');
        body.style.display = 'flex';
        body.style.flexDirection = 'column';
        body.style.gap = '8px';
        if (n.padding != null) spacing(body.style, 'padding', n.padding);
        const bg = color(n.background, scheme);
        if (bg) card.style.background = bg;
        border(card.style, n.border, scheme);
        const f = n.asForm ? card : form;
        this.children(body, n.children, f);
        card.append(body);
        if (n.collapsed) body.hidden = true;
        if (n.confirm || n.cancel) {
          const footer = el('div', 'ck-w-card-footer');
          if (n.cancel && isAction(n.cancel.action)) {
            const b = el('button', 'ck-btn ck-btn-secondary', String(n.cancel.label ?? ''));
            b.type = 'button';
            b.addEventListener('click', () => this.fire(n.cancel.action, b, 'confirm', null));
            footer.append(b);
          }
          if (n.confirm && isAction(n.confirm.action)) {
            const b = el('button', 'ck-btn ck-btn-primary', String(n.confirm.label ?? ''));
            if (n.asForm) {
              b.type = 'submit';
            } else {
              b.type = 'button';
              b.addEventListener('click', () => this.fire(n.confirm.action, b, 'confirm', form));
            }
            footer.append(b);
          }
          card.append(footer);
        }
        if (n.asForm) this.submitHandler(card as HTMLFormElement, n.confirm?.action);
        e = card;
        break;
      }
      case 'ListView': {
        const lv = el('div', 'ck-w-listview');
        lv.setAttribute('role', 'list');
        if (n.status) lv.append(this.status(n.status));
        const items = (Array.isArray(n.children) ? n.children : []).filter((c: any) => c?.type === 'ListViewItem');
        const limit = typeof n.limit === 'number' ? n.limit : Infinity;
        const rendered: HTMLElement[] = [];
        for (const item of items) {
          const li = this.listItem(item, form);
          rendered.push(li);
          lv.append(li);
        }
        if (rendered.length > limit) {
          rendered.slice(limit).forEach((r) => (r.hidden = true));
          const more = el('button', 'ck-w-showmore', this.ctx.strings.showMore);
          more.type = 'button';
          more.addEventListener('click', () => { rendered.forEach((r) => (r.hidden = false)); more.remove(); });
          lv.append(more);
        }
        e = lv;
        break;
      }
      case 'ListViewItem':
        e = this.listItem(n, form);
        break;
      case 'Basic': {
        e = el('div', 'ck-w-basic');
        boxStyle(e, n, scheme, n.direction ?? 'col');
        this.children(e, n.children, form);
        break;
      }
      case 'Box':
      case 'Row':
      case 'Col': {
        e = el('div', `ck-w-${n.type.toLowerCase()}`);
        boxStyle(e, n, scheme, n.type === 'Row' ? 'row' : n.type === 'Col' ? 'col' : n.direction ?? 'col');
        if (n.type === 'Row' && !n.align) e.style.alignItems = 'center';
        this.children(e, n.children, form);
        break;
      }
      case 'Form': {
        const f = el('form', 'ck-w-form');
        f.noValidate = false;
        boxStyle(f, n, scheme, n.direction ?? 'col');
        this.children(f, n.children, f);
        this.submitHandler(f, isAction(n.onSubmitAction) ? n.onSubmitAction : undefined);
        if (isAction(n.onSubmitAction)) f.dataset.actionType = n.onSubmitAction.type;
        e = f;
        break;
      }
      case 'Spacer': {
        e = el('div', 'ck-w-spacer');
        e.style.flex = '1 1 auto';
        if (n.minSize != null) { e.style.minWidth = len(n.minSize) ?? ''; e.style.minHeight = len(n.minSize) ?? ''; }
        break;
      }
      case 'Divider': {
        e = el('hr', 'ck-w-divider');
        const c = color(n.color, scheme);
        if (c) e.style.borderColor = c;
        if (n.size != null) e.style.borderTopWidth = len(n.size) ?? '';
        if (n.spacing != null) { const l = len(n.spacing, true); if (l) { e.style.marginTop = l; e.style.marginBottom = l; } }
        if (n.flush) e.classList.add('ck-flush');
        break;
      }
      case 'Transition': {
        e = el('div', 'ck-w-transition');
        this.children(e, n.children, form);
        break;
      }
      case 'Text': {
        if (n.editable && typeof n.editable === 'object' && n.editable.name) {
          const inp = el('input', 'ck-w-text ck-w-text-editable');
          inp.name = String(n.editable.name);
          inp.value = String(n.value ?? '');
          if (n.editable.placeholder) inp.placeholder = String(n.editable.placeholder);
          if (n.editable.required) inp.required = true;
          if (n.editable.pattern) inp.pattern = String(n.editable.pattern);
          if (n.editable.autoFocus) inp.autofocus = true;
          inp.setAttribute('aria-label', inp.name);
          this.textStyle(inp, n, 'text');
          e = inp;
        } else {
          e = el('p', 'ck-w-text', String(n.value ?? ''));
          this.textStyle(e, n, 'text');
          if (n.streaming) e.classList.add('ck-streaming');
        }
        break;
      }
      case 'Title': {
        e = el('h3', 'ck-w-title', String(n.value ?? ''));
        this.textStyle(e, n, 'title');
        break;
      }
      case 'Caption': {
        e = el('p', 'ck-w-caption', String(n.value ?? ''));
        this.textStyle(e, n, 'caption');
        break;
      }
      case 'Markdown': {
        e = el('div', 'ck-w-markdown ck-markdown');
        renderMarkdown(e, String(n.value ?? ''), this.ctx.allowedImageDomains);
        if (n.streaming) e.classList.add('ck-streaming');
        break;
      }
      case 'Label': {
        const l = el('label', 'ck-w-label', String(n.value ?? ''));
        if (n.fieldName) l.dataset.field = String(n.fieldName);
        this.textStyle(l, n, 'text');
        e = l;
        break;
      }
      case 'Badge': {
        e = el('span', 'ck-w-badge', String(n.label ?? ''));
        e.dataset.color = /^(secondary|success|danger|warning|info|discovery)$/.test(n.color) ? n.color : 'secondary';
        e.dataset.variant = /^(solid|soft|outline)$/.test(n.variant) ? n.variant : 'soft';
        e.dataset.size = /^(sm|md|lg)$/.test(n.size) ? n.size : 'sm';
        if (n.pill) e.classList.add('ck-pill');
        break;
      }
      case 'Icon': {
        e = el('span', 'ck-w-icon');
        const px = ({ xs: 12, sm: 14, md: 16, lg: 18, xl: 20, '2xl': 24, '3xl': 32 } as Record<string, number>)[n.size] ?? 16;
        e.innerHTML = iconSvg(String(n.name ?? 'dot'), px);
        const c = color(n.color, scheme);
        if (c) e.style.color = c;
        break;
      }
      case 'Image': {
        const src = String(n.src ?? '');
        if (!isLoadableImage(src, this.imagePolicy)) {
          e = blockedImage(String(n.alt ?? ''));
          break;
        }
        const img = el('img', 'ck-w-image');
        img.src = src;
        img.alt = String(n.alt ?? '');
        img.loading = 'lazy';
        img.referrerPolicy = 'no-referrer';
        sizeProps(img.style, n);
        if (/^(cover|contain|fill|scale-down|none)$/.test(n.fit)) img.style.objectFit = n.fit;
        if (typeof n.position === 'string' && /^(top|bottom|left|right|center| )+$/.test(n.position)) img.style.objectPosition = n.position;
        if (n.radius && RADIUS[n.radius]) img.style.borderRadius = RADIUS[n.radius];
        spacing(img.style, 'margin', n.margin);
        if (n.aspectRatio != null) img.style.aspectRatio = String(n.aspectRatio).replace(/[^0-9./ ]/g, '');
        if (n.frame) img.classList.add('ck-framed');
        const bg = color(n.background, scheme);
        if (bg) img.style.background = bg;
        e = img;
        break;
      }
      case 'Button': {
        const b = el('button', 'ck-btn');
        b.type = n.submit ? 'submit' : 'button';
        const style = n.style === 'secondary' ? 'secondary' : 'primary';
        b.classList.add(`ck-btn-${style}`);
        if (n.variant) b.dataset.variant = String(n.variant);
        if (n.color) b.dataset.color = String(n.color);
        if (n.size) b.dataset.size = String(n.size);
        if (n.pill) b.classList.add('ck-pill');
        if (n.block) b.classList.add('ck-block');
        if (n.uniform) b.classList.add('ck-uniform');
        if (n.disabled) b.disabled = true;
        if (n.iconStart) b.insertAdjacentHTML('beforeend', iconSvg(n.iconStart, 16));
        if (n.label != null) b.append(el('span', 'ck-btn-label', String(n.label)));
        if (n.iconEnd) b.insertAdjacentHTML('beforeend', iconSvg(n.iconEnd, 16));
        if (!n.label) b.setAttribute('aria-label', String(n.iconStart ?? n.iconEnd ?? 'button'));
        if (isAction(n.onClickAction)) {
          const action = n.onClickAction;
          b.dataset.actionType = action.type;
          if (n.submit && form) {
            // Submit buttons submit their form; if they also carry an action it fires with the form values.
            b.addEventListener('click', (ev) => {
              if (!(form as HTMLFormElement).reportValidity?.()) return;
              ev.preventDefault();
              this.fire(action, b, 'click', form);
            });
          } else {
            b.addEventListener('click', () => this.fire(action, b, 'click', form));
          }
        }
        e = b;
        break;
      }
      case 'Input': {
        const i = el('input', 'ck-w-input');
        i.name = String(n.name ?? '');
        i.type = /^(number|email|text|password|tel|url)$/.test(n.inputType) ? n.inputType : 'text';
        if (n.defaultValue != null) i.value = String(n.defaultValue);
        if (n.placeholder) i.placeholder = String(n.placeholder);
        if (n.pattern) i.pattern = String(n.pattern);
        if (n.required) i.required = true;
        if (n.disabled) i.disabled = true;
        if (n.autoFocus) i.autofocus = true;
        if (n.autoSelect) i.addEventListener('focus', () => i.select());
        if (!n.allowAutofillExtensions) i.autocomplete = 'off';
        if (n.pill) i.classList.add('ck-pill');
        if (n.variant) i.dataset.variant = String(n.variant);
        i.setAttribute('aria-label', String(n.placeholder ?? n.name ?? ''));
        e = i;
        break;
      }
      case 'Textarea': {
        const t = el('textarea', 'ck-w-textarea');
        t.name = String(n.name ?? '');
        if (n.defaultValue != null) t.value = String(n.defaultValue);
        if (n.placeholder) t.placeholder = String(n.placeholder);
        if (n.required) t.required = true;
        if (n.disabled) t.disabled = true;
        if (n.autoFocus) t.autofocus = true;
        t.rows = typeof n.rows === 'number' ? n.rows : 3;
        if (n.autoResize) t.addEventListener('input', () => { t.style.height = 'auto'; t.style.height = `${t.scrollHeight}px`; });
        t.setAttribute('aria-label', String(n.placeholder ?? n.name ?? ''));
        e = t;
        break;
      }
      case 'Select': {
        const s = el('select', 'ck-w-select');
        s.name = String(n.name ?? '');
        if (n.placeholder) {
          const o = el('option', '', String(n.placeholder));
          o.value = '';
          o.disabled = !n.clearable;
          o.selected = n.defaultValue == null;
          s.append(o);
        }
        for (const opt of Array.isArray(n.options) ? n.options : []) {
          const o = el('option', '', String(opt?.label ?? opt?.value ?? ''));
          o.value = String(opt?.value ?? '');
          if (opt?.disabled) o.disabled = true;
          if (opt?.description) o.title = String(opt.description);
          if (n.defaultValue != null && String(n.defaultValue) === o.value) o.selected = true;
          s.append(o);
        }
        if (n.disabled) s.disabled = true;
        if (n.block) s.classList.add('ck-block');
        s.setAttribute('aria-label', String(n.placeholder ?? n.name ?? ''));
        if (isAction(n.onChangeAction)) s.addEventListener('change', () => this.fire(withValue(n.onChangeAction, s.value), s, 'change', form));
        e = s;
        break;
      }
      case 'DatePicker': {
        const d = el('input', 'ck-w-input ck-w-date');
        d.type = 'date';
        d.name = String(n.name ?? '');
        const iso = (v: any) => (typeof v === 'string' ? v.slice(0, 10) : '');
        if (n.defaultValue) d.value = iso(n.defaultValue);
        if (n.min) d.min = iso(n.min);
        if (n.max) d.max = iso(n.max);
        if (n.disabled) d.disabled = true;
        if (n.block) d.classList.add('ck-block');
        d.setAttribute('aria-label', String(n.placeholder ?? n.name ?? ''));
        if (isAction(n.onChangeAction)) d.addEventListener('change', () => this.fire(withValue(n.onChangeAction, d.value), d, 'change', form));
        e = d;
        break;
      }
      case 'Checkbox': {
        const l = el('label', 'ck-w-checkbox');
        const c = el('input');
        c.type = 'checkbox';
        c.name = String(n.name ?? '');
        c.checked = !!n.defaultChecked;
        if (n.disabled) c.disabled = true;
        if (n.required) c.required = true;
        l.append(c, el('span', '', String(n.label ?? '')));
        if (isAction(n.onChangeAction)) c.addEventListener('change', () => this.fire(withValue(n.onChangeAction, c.checked), c, 'change', form));
        e = l;
        break;
      }
      case 'RadioGroup': {
        const g = el('div', 'ck-w-radiogroup');
        g.setAttribute('role', 'radiogroup');
        g.setAttribute('aria-label', String(n.ariaLabel ?? n.name ?? ''));
        g.style.display = 'flex';
        g.style.flexDirection = n.direction === 'row' ? 'row' : 'column';
        g.style.gap = n.direction === 'row' ? '12px' : '4px';
        for (const opt of Array.isArray(n.options) ? n.options : []) {
          const l = el('label', 'ck-w-radio');
          const r = el('input');
          r.type = 'radio';
          r.name = String(n.name ?? '');
          r.value = String(opt?.value ?? '');
          r.checked = n.defaultValue != null && String(n.defaultValue) === r.value;
          if (n.disabled || opt?.disabled) r.disabled = true;
          if (n.required) r.required = true;
          if (isAction(n.onChangeAction)) r.addEventListener('change', () => this.fire(withValue(n.onChangeAction, r.value), r, 'change', form));
          l.append(r, el('span', '', String(opt?.label ?? '')));
          g.append(l);
        }
        e = g;
        break;
      }
      case 'Chart':
        e = renderChart(n, scheme);
        break;
      case 'Table': {
        const t = el('table', 'ck-w-table');
        const tb = el('tbody');
        for (const row of Array.isArray(n.children) ? n.children : []) {
          if (row?.type !== 'Table.Row') continue;
          const tr = el('tr');
          for (const cell of Array.isArray(row.children) ? row.children : []) {
            if (cell?.type !== 'Table.Cell') continue;
            const td = el(row.header ? 'th' : 'td');
            if (typeof cell.colSpan === 'number') td.colSpan = cell.colSpan;
            if (typeof cell.rowSpan === 'number') td.rowSpan = cell.rowSpan;
            if (cell.align) td.style.textAlign = cell.align === 'end' ? 'right' : cell.align === 'center' ? 'center' : 'left';
            if (cell.vAlign) td.style.verticalAlign = cell.vAlign === 'end' ? 'bottom' : cell.vAlign === 'center' ? 'middle' : 'top';
            if (cell.width != null) td.style.width = len(cell.width) ?? '';
            spacing(td.style, 'padding', cell.padding);
            this.children(td, cell.children, form);
            tr.append(td);
          }
          tb.append(tr);
        }
        t.append(tb);
        e = t;
        break;
      }
      default:
        return null; // unknown components render nothing
    }
    if (e) {
      if (typeof n.id === 'string') e.dataset.widgetId = n.id;
      if (typeof n.key === 'string') e.dataset.widgetKey = n.key;
    }
    return e;
  }

  private listItem(n: any, form: HTMLElement | null): HTMLElement {
    const li = el('div', 'ck-w-listitem');
    li.setAttribute('role', 'listitem');
    boxStyle(li, { ...n, type: 'Row' }, this.ctx.scheme, 'row');
    if (!n.align) li.style.alignItems = 'center';
    if (n.gap == null) li.style.gap = '12px';
    this.children(li, n.children, form);
    if (isAction(n.onClickAction)) {
      li.dataset.actionType = n.onClickAction.type;
      li.classList.add('ck-clickable');
      li.tabIndex = 0;
      li.setAttribute('role', 'button');
      const go = () => this.fire(n.onClickAction, li, 'click', form);
      li.addEventListener('click', go);
      li.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); go(); } });
    }
    return li;
  }

  private status(s: any): HTMLElement {
    const h = el('div', 'ck-w-status');
    if (s?.icon) h.insertAdjacentHTML('beforeend', iconSvg(String(s.icon), 14));
    else if (typeof s?.favicon === 'string' && /^https?:/i.test(s.favicon) && isLoadableImage(s.favicon, this.imagePolicy)) {
      const img = el('img', 'ck-w-favicon');
      img.src = s.favicon;
      img.alt = '';
      h.append(img);
    }
    h.append(el('span', '', String(s?.text ?? '')));
    return h;
  }

  private textStyle(e: HTMLElement, n: any, kind: 'text' | 'title' | 'caption') {
    const sizes: Record<string, Record<string, string>> = {
      text: { xs: '12px', sm: '13px', md: '15px', lg: '17px', xl: '20px' },
      title: { sm: '15px', md: '17px', lg: '20px', xl: '24px', '2xl': '28px', '3xl': '32px', '4xl': '36px', '5xl': '44px' },
      caption: { sm: '11px', md: '12px', lg: '13px' },
    };
    const sz = sizes[kind][n.size];
    if (sz) e.style.fontSize = sz;
    const c = color(n.color, this.ctx.scheme);
    if (c) e.style.color = c;
    const w = ({ normal: '400', medium: '500', semibold: '600', bold: '700' } as Record<string, string>)[n.weight];
    if (w) e.style.fontWeight = w;
    if (n.textAlign) e.style.textAlign = n.textAlign === 'end' ? 'right' : n.textAlign === 'center' ? 'center' : 'left';
    if (n.italic) e.style.fontStyle = 'italic';
    if (n.lineThrough) e.style.textDecoration = 'line-through';
    if (n.width != null) e.style.width = len(n.width) ?? '';
    if (n.truncate) e.classList.add('ck-truncate');
    if (typeof n.maxLines === 'number') { e.classList.add('ck-clamp'); e.style.setProperty('-webkit-line-clamp', String(n.maxLines)); }
    if (typeof n.minLines === 'number') e.style.minHeight = `${n.minLines * 1.4}em`;
  }
}

function withValue(action: ActionConfig, value: unknown): ActionConfig {
  // Change actions carry the new value; authored payload keys win.
  const payload = action.payload && typeof action.payload === 'object' ? { ...action.payload } : {};
  if (!('value' in payload)) payload.value = value;
  return { ...action, payload };
}

const CHART_COLORS: Record<string, string> = {
  blue: '#3b82f6', purple: '#a855f7', orange: '#f97316', green: '#22c55e', red: '#ef4444', yellow: '#eab308', pink: '#ec4899',
};
const SEQ = ['blue', 'purple', 'orange', 'green', 'red', 'yellow', 'pink'];
const SVGNS = 'http://www.w3.org/2000/svg';

/** Simple inline SVG chart: bar (grouped/stacked), line and area series. */
export function renderChart(n: any, scheme: 'light' | 'dark'): HTMLElement {
  const wrap = el('figure', 'ck-w-chart');
  const data: any[] = Array.isArray(n.data) ? n.data : [];
  const series: any[] = Array.isArray(n.series) ? n.series.filter((s: any) => s && typeof s.dataKey === 'string') : [];
  const xKey = typeof n.xAxis === 'string' ? n.xAxis : n.xAxis?.dataKey;
  const xLabels: Record<string, string> = (typeof n.xAxis === 'object' && n.xAxis?.labels) || {};
  const hideX = typeof n.xAxis === 'object' && n.xAxis?.hide;
  const W = 400, H = 200, padL = n.showYAxis === false ? 8 : 36, padB = hideX ? 8 : 24, padT = 8, padR = 8;
  const num = (v: any) => (typeof v === 'number' ? v : Number(v) || 0);
  const stacks = new Map<string, number[]>();
  let max = 0;
  data.forEach((row, i) => {
    const stackSum: Record<string, number> = {};
    for (const s of series) {
      const v = num(row?.[s.dataKey]);
      if (s.stack) { stackSum[s.stack] = (stackSum[s.stack] ?? 0) + v; max = Math.max(max, stackSum[s.stack]); }
      else max = Math.max(max, v);
    }
    void i;
  });
  void stacks;
  if (max <= 0) max = 1;
  const svg = document.createElementNS(SVGNS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', series.map((s) => s.label ?? s.dataKey).join(', '));
  svg.classList.add('ck-chart-svg');
  const plotW = W - padL - padR, plotH = H - padT - padB;
  const y = (v: number) => padT + plotH - (v / max) * plotH;
  const add = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text != null) e.textContent = text;
    svg.append(e);
    return e;
  };
  add('line', { x1: padL, y1: padT + plotH, x2: W - padR, y2: padT + plotH, stroke: 'currentColor', 'stroke-opacity': 0.2 });
  if (n.showYAxis !== false) {
    for (const f of [0, 0.5, 1]) {
      add('text', { x: padL - 4, y: y(max * f) + 4, 'text-anchor': 'end', 'font-size': 10, fill: 'currentColor', 'fill-opacity': 0.6 }, fmtNum(max * f));
      if (f > 0) add('line', { x1: padL, y1: y(max * f), x2: W - padR, y2: y(max * f), stroke: 'currentColor', 'stroke-opacity': 0.08 });
    }
  }
  const colorOf = (s: any, i: number) => {
    const c = s.color ?? SEQ[i % SEQ.length];
    return CHART_COLORS[c] ?? color(c, scheme) ?? CHART_COLORS.blue;
  };
  const bandW = data.length ? plotW / data.length : plotW;
  const bars = series.filter((s) => s.type === 'bar');
  const groups: string[] = [];
  for (const s of bars) { const g = s.stack ?? `__${s.dataKey}`; if (!groups.includes(g)) groups.push(g); }
  const gap = typeof n.barCategoryGap === 'number' ? n.barCategoryGap : Math.min(16, bandW * 0.2);
  const barW = groups.length ? Math.max(1, Math.min(40, (bandW - gap) / groups.length)) : 0;
  const groupOffset = (bandW - barW * groups.length) / 2;
  data.forEach((row, i) => {
    const base: Record<string, number> = {};
    bars.forEach((s) => {
      const si = series.indexOf(s);
      const g = s.stack ?? `__${s.dataKey}`;
      const gi = groups.indexOf(g);
      const v = num(row?.[s.dataKey]);
      const b0 = base[g] ?? 0;
      base[g] = b0 + v;
      const rect = add('rect', { x: padL + i * bandW + groupOffset + gi * barW, y: y(b0 + v), width: Math.max(1, barW - 1), height: Math.max(0, y(b0) - y(b0 + v)), fill: colorOf(s, si), rx: 2 });
      const t = document.createElementNS(SVGNS, 'title');
      t.textContent = `${s.label ?? s.dataKey}: ${v}`;
      rect.append(t);
    });
    if (!hideX && xKey) {
      const raw = String(row?.[xKey] ?? '');
      add('text', { x: padL + i * bandW + bandW / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 10, fill: 'currentColor', 'fill-opacity': 0.6 }, xLabels[raw] ?? raw);
    }
  });
  series.forEach((s, si) => {
    if (s.type !== 'line' && s.type !== 'area') return;
    const pts = data.map((row, i) => [padL + i * bandW + bandW / 2, y(num(row?.[s.dataKey]))]);
    if (!pts.length) return;
    const d = pts.map((p, i) => `${i ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' ');
    const c = colorOf(s, si);
    if (s.type === 'area') {
      add('path', { d: `${d} L${pts[pts.length - 1][0].toFixed(1)},${padT + plotH} L${pts[0][0].toFixed(1)},${padT + plotH} Z`, fill: c, 'fill-opacity': 0.2, stroke: 'none' });
    }
    add('path', { d, fill: 'none', stroke: c, 'stroke-width': 2, 'stroke-linejoin': 'round' });
  });
  wrap.append(svg);
  if (n.showLegend !== false && series.length > 1) {
    const legend = el('figcaption', 'ck-w-chart-legend');
    series.forEach((s, si) => {
      const item = el('span', 'ck-legend-item');
      const sw = el('span', 'ck-legend-swatch');
      sw.style.background = colorOf(s, si);
      item.append(sw, document.createTextNode(String(s.label ?? s.dataKey)));
      legend.append(item);
    });
    wrap.append(legend);
  }
  sizeProps(wrap.style, n);
  if (n.aspectRatio != null) wrap.style.aspectRatio = String(n.aspectRatio).replace(/[^0-9./ ]/g, '');
  return wrap;
}

function fmtNum(v: number): string {
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (Math.abs(v) >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  return String(Math.round(v * 100) / 100);
}
