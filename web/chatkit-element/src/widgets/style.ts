// Props -> inline CSS. Every value from a server passes through safeCss or a fixed table, so a widget cannot
// break out of a declaration or load a URL through CSS.
import type { BoxProps } from './types';

type Scheme = 'light' | 'dark';
const SPACING_UNIT = 4;
export const RADIUS: Record<string, string> = {
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
export function color(v: any, scheme: Scheme): string | undefined {
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
export function safeCss(s: string): string | undefined {
  if (/[;{}<>\\]|url\s*\(|expression|@import/i.test(s)) return undefined;
  return s;
}

/** A length: numbers are px (or spacing units when `unit`), strings are CSS. */
export function len(v: any, unit = false): string | undefined {
  if (v == null) return undefined;
  if (typeof v === 'number') return unit ? `${v * SPACING_UNIT}px` : `${v}px`;
  return safeCss(String(v));
}

/** Applies padding or margin; padding also tells flush children how far the edges are (--ck-w-pad-*). */
export function spacing(style: CSSStyleDeclaration, prop: 'padding' | 'margin', v: any) {
  if (v == null) return;
  const sides: Record<string, any> = typeof v === 'object'
    ? { top: v.top ?? v.y, bottom: v.bottom ?? v.y, left: v.left ?? v.x, right: v.right ?? v.x }
    : { top: v, bottom: v, left: v, right: v };
  for (const [side, val] of Object.entries(sides)) {
    const l = len(val, true);
    if (!l) continue;
    style.setProperty(`${prop}-${side}`, l);
    if (prop === 'padding' && (side === 'left' || side === 'right')) style.setProperty(`--ck-w-pad-${side[0]}`, l);
  }
}

export function border(style: CSSStyleDeclaration, v: any, scheme: Scheme) {
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

export const aspect = (v: unknown) => String(v).replace(/[^0-9./ ]/g, '');

/** The layout props of Box, Row, Col, Form, Basic and ListViewItem. */
export function boxStyle(e: HTMLElement, n: BoxProps & { direction?: string }, scheme: Scheme, dir?: 'row' | 'col') {
  const s = e.style;
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
  if (n.aspectRatio != null) s.aspectRatio = aspect(n.aspectRatio);
}

export function sizeProps(s: CSSStyleDeclaration, n: any) {
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

const TEXT_SIZES: Record<string, Record<string, string>> = {
  text: { xs: '12px', sm: '13px', md: '15px', lg: '17px', xl: '20px' },
  title: { sm: '15px', md: '17px', lg: '20px', xl: '24px', '2xl': '28px', '3xl': '32px', '4xl': '36px', '5xl': '44px' },
  caption: { sm: '11px', md: '12px', lg: '13px' },
};
const WEIGHTS: Record<string, string> = { normal: '400', medium: '500', semibold: '600', bold: '700' };

/** Typography of Text, Title, Caption and Label. */
export function textStyle(e: HTMLElement, n: any, kind: 'text' | 'title' | 'caption', scheme: Scheme) {
  const sz = TEXT_SIZES[kind][n.size];
  if (sz) e.style.fontSize = sz;
  const c = color(n.color, scheme);
  if (c) e.style.color = c;
  const w = WEIGHTS[n.weight];
  if (w) e.style.fontWeight = w;
  if (n.textAlign) e.style.textAlign = n.textAlign === 'end' ? 'end' : n.textAlign === 'center' ? 'center' : 'start';
  if (n.italic) e.style.fontStyle = 'italic';
  if (n.lineThrough) e.style.textDecoration = 'line-through';
  if (n.width != null) e.style.width = len(n.width) ?? '';
  if (n.truncate) e.classList.add('ck-truncate');
  if (typeof n.maxLines === 'number') { e.classList.add('ck-clamp'); e.style.setProperty('-webkit-line-clamp', String(n.maxLines)); }
  if (typeof n.minLines === 'number') e.style.minHeight = `${n.minLines * 1.4}em`;
}
