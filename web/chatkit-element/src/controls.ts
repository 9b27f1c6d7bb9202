// Small controls shared by the element's parts.
import { h } from './dom';
import { iconSvg } from './icons';

export function iconButton(iconName: string, label: string, onClick: () => void, cls = 'ck-icon-btn'): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls, 'aria-label': label, title: label, html: iconSvg(iconName, 18) }) as HTMLButtonElement;
  b.addEventListener('click', onClick);
  return b;
}

export async function copyText(text: string) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    try { document.execCommand('copy'); } catch { /* ignore */ }
    ta.remove();
  }
}
