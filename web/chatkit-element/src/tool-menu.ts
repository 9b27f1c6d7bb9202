// The composer's menu of unpinned tools: a button that opens a menu of radio items, each with its icon,
// label and description; arrow keys, Home/End, Enter/Space and Escape work as in any menu.
import { h } from './dom';
import { icon } from './icons';

let menus = 0;

export interface ToolEntry { id: string; label: string; shortLabel?: string; icon?: string; description?: string }

export class ToolMenu {
  readonly root: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly menu: HTMLElement;
  private tools: ToolEntry[] = [];
  private selected: string | null = null;

  constructor(label: string, private readonly pick: (id: string | null) => void) {
    const id = `ck-tool-menu-${++menus}`;
    this.button = h('button', {
      type: 'button', class: 'ck-tool-menu-btn', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': id, title: label,
    }, icon('sparkle', 14), h('span', { text: label }), icon('chevron-down', 12)) as HTMLButtonElement;
    this.menu = h('div', { class: 'ck-tool-menu', role: 'menu', id, 'aria-label': label, hidden: true });
    this.root = h('div', { class: 'ck-tool-menu-wrap' }, this.button, this.menu);
    this.button.addEventListener('click', () => (this.menu.hidden ? this.open(0) : this.close(false)));
    this.button.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); this.open(e.key === 'ArrowUp' ? this.tools.length - 1 : 0); }
    });
    this.menu.addEventListener('keydown', (e) => this.onKey(e));
    this.root.addEventListener('focusout', (e) => {
      if (!this.root.contains(e.relatedTarget as Node | null) && !this.menu.hidden) this.close(false);
    });
  }

  update(tools: ToolEntry[], selected: string | null, label: string) {
    this.tools = tools;
    this.selected = selected;
    this.button.title = label;
    this.menu.setAttribute('aria-label', label);
    this.menu.textContent = '';
    for (const t of tools) {
      const on = t.id === selected;
      const item = h('div', { class: 'ck-tool-menu-item' + (on ? ' ck-on' : ''), role: 'menuitemradio', 'aria-checked': String(on), tabindex: '-1', dataset: { toolId: t.id } },
        icon(t.icon ?? 'sparkle', 16), h('span', { class: 'ck-tool-menu-label' }, h('span', { text: t.label }), t.description ? h('span', { class: 'ck-option-desc', text: t.description }) : null));
      item.addEventListener('click', () => this.choose(t.id));
      this.menu.append(item);
    }
  }

  private items(): HTMLElement[] {
    return Array.from(this.menu.querySelectorAll<HTMLElement>('[role="menuitemradio"]'));
  }

  private open(focusIndex: number) {
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    const items = this.items();
    const current = items.findIndex((i) => i.dataset.toolId === this.selected);
    items[current >= 0 ? current : Math.max(0, Math.min(focusIndex, items.length - 1))]?.focus();
  }

  private close(refocus: boolean) {
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (refocus) this.button.focus();
  }

  private choose(id: string) {
    this.close(false);
    // Choosing the selected tool again turns it off, like the pinned toggles.
    this.pick(id === this.selected ? null : id);
  }

  private onKey(e: KeyboardEvent) {
    const items = this.items();
    const at = items.indexOf(e.target as HTMLElement);
    const go = (i: number) => { e.preventDefault(); items[(i + items.length) % items.length]?.focus(); };
    switch (e.key) {
      case 'ArrowDown': return go(at + 1);
      case 'ArrowUp': return go(at - 1);
      case 'Home': return go(0);
      case 'End': return go(items.length - 1);
      case 'Enter':
      case ' ':
        e.preventDefault();
        if (at >= 0) this.choose(items[at].dataset.toolId!);
        return;
      case 'Escape':
      case 'Tab':
        if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); }
        this.close(e.key === 'Escape');
        return;
    }
  }
}
