// The composer's "@" entity search and "/" command menu.
import { h } from './dom';
import type { EditorField } from './editor';
import { icon } from './icons';
import type { Entity } from './items';
import type { Session } from './session';

interface MenuEntry { title: string; icon?: string; group?: string; description?: string; pick: () => void | Promise<void> }

export interface MentionHost {
  attachmentsEnabled(): boolean;
  openFilePicker(): void;
  setTool(id: string | null): void;
  contentChanged(): void;
}

export class Mentions {
  private mention: { query: string; results: MenuEntry[]; active: number; node: Text; start: number; seq: number } | null = null;

  constructor(
    private readonly s: Session,
    private readonly editor: EditorField,
    private readonly menu: HTMLElement,
    private readonly host: MentionHost,
  ) {}

  get isOpen(): boolean {
    return this.mention !== null && !this.menu.hidden;
  }

  /** Handles the menu's keys; true when the key was used. */
  onKeydown(e: KeyboardEvent): boolean {
    if (!this.mention || this.menu.hidden) return false;
    const n = this.mention.results.length;
    if (e.key === 'ArrowDown' && n) { e.preventDefault(); this.mention.active = (this.mention.active + 1) % n; this.renderMenu(); return true; }
    if (e.key === 'ArrowUp' && n) { e.preventDefault(); this.mention.active = (this.mention.active - 1 + n) % n; this.renderMenu(); return true; }
    if ((e.key === 'Enter' || e.key === 'Tab') && n) { e.preventDefault(); void this.mention.results[this.mention.active].pick(); return true; }
    if (e.key === 'Escape') { e.preventDefault(); this.close(); return true; }
    return false;
  }

  async check() {
    const sel = this.editor.selection();
    const node = sel?.anchorNode;
    if (!sel || !node || node.nodeType !== Node.TEXT_NODE || !this.editor.el.contains(node)) return this.close();
    const before = (node as Text).data.slice(0, sel.anchorOffset);
    const search = this.s.opts.entities?.onTagSearch;
    const tag = typeof search === 'function' ? /(?:^|\s)@([^\s@]{0,40})$/.exec(before) : null;
    const cmds = this.s.opts.commands?.enabled ? /(?:^|\s)\/([^\s/]{0,40})$/.exec(before) : null;
    const m = tag ?? cmds;
    if (!m) return this.close();
    const query = m[1];
    const start = sel.anchorOffset - query.length - 1;
    const seq = (this.mention?.seq ?? 0) + 1;
    this.mention = { query, results: this.mention?.results ?? [], active: 0, node: node as Text, start, seq };
    try {
      const results: MenuEntry[] = tag ? ((await search(query)) ?? []).map((e: Entity) => this.entityEntry(e)) : await this.commandEntries(query);
      if (!this.mention || this.mention.seq !== seq) return;
      this.mention.results = results.slice(0, 30);
      this.mention.active = 0;
      this.renderMenu(tag ? this.s.t.mentions : this.s.t.commands);
    } catch (e) {
      this.s.emitError(e);
    }
  }

  private entityEntry(ent: Entity): MenuEntry {
    return { title: ent.title, icon: ent.icon ?? 'profile', group: ent.group, pick: () => this.insertTag(ent) };
  }

  private async commandEntries(query: string): Promise<MenuEntry[]> {
    const t = this.s.t;
    const q = query.toLowerCase();
    const out: MenuEntry[] = [];
    const onSearch = this.s.opts.commands?.onSearch;
    if (typeof onSearch === 'function') {
      const found: any[] = (await onSearch(query)) ?? [];
      for (const c of found) out.push(this.commandEntry(c));
    }
    // Built-in composer actions that apply to this configuration.
    const builtins: MenuEntry[] = [];
    if (this.host.attachmentsEnabled()) builtins.push({ title: t.attach, icon: 'paperclip', group: t.composerActions, pick: () => { this.clearTrigger(); this.host.openFilePicker(); } });
    for (const tool of this.s.opts.composer?.tools ?? []) {
      builtins.push({ title: tool.label, icon: tool.icon, group: t.tools, pick: () => { this.clearTrigger(); this.host.setTool(tool.id); } });
    }
    out.push(...builtins.filter((b) => b.title.toLowerCase().includes(q)));
    return out;
  }

  private commandEntry(c: any): MenuEntry {
    return {
      title: String(c.label ?? c.id), icon: c.icon ?? 'bolt', group: c.group, description: c.description,
      pick: async () => {
        const anchor = this.mention;
        try {
          const res = await this.s.opts.commands?.onSelect?.(c);
          this.s.log('command.select', { id: c.id });
          if (res?.type === 'entity' && res.entity) {
            if (anchor) this.mention = anchor;
            this.insertTag(res.entity);
          } else if (res?.type === 'menu' && Array.isArray(res.commands)) {
            if (anchor) {
              this.mention = { ...anchor, results: res.commands.map((x: any) => this.commandEntry(x)), active: 0, seq: anchor.seq + 1 };
              this.renderMenu(this.s.t.commands);
            }
          } else {
            if (anchor) this.mention = anchor;
            this.clearTrigger();
          }
        } catch (e) {
          this.s.emitError(e);
        }
      },
    };
  }

  private renderMenu(label = this.s.t.mentions) {
    const menu = this.menu;
    const m = this.mention;
    if (!m) { menu.hidden = true; return; }
    menu.textContent = '';
    menu.setAttribute('aria-label', label);
    if (!m.results.length) {
      menu.append(h('div', { class: 'ck-mention-empty', text: this.s.t.noResults }));
    }
    let group: string | undefined;
    m.results.forEach((entry, i) => {
      if (entry.group && entry.group !== group) {
        group = entry.group;
        menu.append(h('div', { class: 'ck-mention-group', text: entry.group }));
      }
      const opt = h('div', {
        class: 'ck-mention-option' + (i === m.active ? ' ck-active' : ''), role: 'option', 'aria-selected': String(i === m.active), id: `ck-mention-${i}`,
        onmousedown: (e: Event) => { e.preventDefault(); void entry.pick(); },
      }, icon(entry.icon ?? 'dot', 14), h('span', { text: entry.title }), entry.description ? h('span', { class: 'ck-option-desc', text: entry.description }) : null);
      menu.append(opt);
    });
    menu.hidden = false;
    this.editor.el.setAttribute('aria-expanded', 'true');
    if (m.results.length) this.editor.el.setAttribute('aria-activedescendant', `ck-mention-${m.active}`);
  }

  close() {
    this.mention = null;
    this.menu.hidden = true;
    this.editor.el.setAttribute('aria-expanded', 'false');
    this.editor.el.removeAttribute('aria-activedescendant');
  }

  /** Removes the "@query" / "/query" trigger text and returns the text node after it. */
  private clearTrigger(): Text | null {
    const m = this.mention;
    if (!m) return null;
    const node = m.node;
    if (!this.editor.el.contains(node)) { this.close(); return null; }
    const end = Math.min(node.data.length, m.start + 1 + m.query.length);
    const after = node.splitText(end);
    node.data = node.data.slice(0, m.start);
    this.editor.placeCaret(after, 0);
    this.close();
    return after;
  }

  private insertTag(ent: Entity) {
    const after = this.clearTrigger();
    if (!after) return;
    const chip = this.editor.tagChip({ id: ent.id, text: ent.title, data: ent.data ?? {}, group: ent.group ?? null, interactive: !!ent.interactive });
    const space = document.createTextNode('\u00a0');
    after.parentNode!.insertBefore(chip, after);
    after.parentNode!.insertBefore(space, after);
    this.editor.placeCaret(space, 1);
    this.host.contentChanged();
    this.s.log('tag.insert', { id: ent.id });
  }
}
