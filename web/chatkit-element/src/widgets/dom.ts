// Small DOM and value helpers shared by the render functions.
import type { ActionConfig } from './types';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

export function isAction(a: unknown): a is ActionConfig {
  return !!a && typeof a === 'object' && typeof (a as ActionConfig).type === 'string';
}

/** A prop value when it is one of the allowed strings, else undefined. */
export function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

export const str = (v: unknown, fallback = ''): string => (v == null ? fallback : String(v));
export const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** Change actions carry the new value; an authored payload key `value` wins. */
export function withValue(action: ActionConfig, value: unknown): ActionConfig {
  const payload = action.payload && typeof action.payload === 'object' ? { ...action.payload } : {};
  if (!('value' in payload)) payload.value = value;
  return { ...action, payload };
}

/** Sets data-* attributes for the control props the stylesheet keys on (variant, size, gutter). */
export function controlData(e: HTMLElement, n: { variant?: unknown; size?: unknown; gutterSize?: unknown }) {
  if (typeof n.variant === 'string') e.dataset.variant = n.variant;
  if (typeof n.size === 'string') e.dataset.size = n.size;
  if (typeof n.gutterSize === 'string') e.dataset.gutter = n.gutterSize;
}

/**
 * The outer box of a popup-backed form control (select, date picker) and the hidden input that carries its value to
 * the form: empty means null, not "", for these controls.
 */
export function popupControlShell(n: { name?: unknown; pill?: unknown; block?: unknown; variant?: unknown; size?: unknown; gutterSize?: unknown }, cls: string) {
  const wrap = el('div', cls);
  controlData(wrap, n);
  if (n.pill) wrap.classList.add('ck-pill');
  if (n.block) wrap.classList.add('ck-block');
  const hidden = el('input');
  hidden.type = 'hidden';
  hidden.name = str(n.name);
  hidden.dataset.nullable = '';
  return { wrap, hidden };
}

/** Keeps a popup (in the top layer when the browser has popovers) next to its anchor, on the given side. */
export function placePopup(popup: HTMLElement, anchor: HTMLElement, side: string, align: string) {
  const a = anchor.getBoundingClientRect();
  const w = popup.offsetWidth, h = popup.offsetHeight, gap = 4;
  const vw = window.innerWidth, vh = window.innerHeight;
  const along = (start: number, size: number, pop: number) =>
    align === 'center' ? start + size / 2 - pop / 2 : align === 'end' ? start + size - pop : start;
  let top: number, left: number;
  if (side === 'left' || side === 'right') {
    left = side === 'left' ? a.left - w - gap : a.right + gap;
    top = along(a.top, a.height, h);
  } else {
    top = side === 'top' ? a.top - h - gap : a.bottom + gap;
    left = along(a.left, a.width, w);
    // Flip to the other side when there is no room, as popovers do.
    if (side !== 'top' && top + h > vh && a.top - h - gap >= 0) top = a.top - h - gap;
    else if (side === 'top' && top < 0 && a.bottom + gap + h <= vh) top = a.bottom + gap;
  }
  popup.style.left = `${Math.round(Math.max(4, Math.min(left, vw - w - 4)))}px`;
  popup.style.top = `${Math.round(Math.max(4, Math.min(top, vh - h - 4)))}px`;
}

/** Opens a popup: into the top layer when supported, so no card's overflow clips it. */
export function showPopup(popup: HTMLElement) {
  popup.hidden = false;
  const p = popup as HTMLElement & { showPopover?: () => void };
  if (typeof p.showPopover === 'function' && popup.isConnected) {
    try { p.showPopover(); } catch { /* already open */ }
  }
}

export function hidePopup(popup: HTMLElement) {
  const p = popup as HTMLElement & { hidePopover?: () => void };
  if (typeof p.hidePopover === 'function') {
    try { p.hidePopover(); } catch { /* not open */ }
  }
  popup.hidden = true;
}
