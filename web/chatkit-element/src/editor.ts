// The composer's contenteditable field: reads and writes its content as ChatKit user content
// (text and @-mention tags) and places the caret, inside the shadow root.
import { h } from './dom';
import type { Dict, UserContent } from './types';

export interface TagContent { id: string; text: string; data?: Dict; group?: string | null; interactive?: boolean; icon?: string }

export class EditorField {
  constructor(readonly el: HTMLElement, private readonly root: ShadowRoot) {}

  /** The selection inside the shadow root where the browser exposes it (Chromium), else the document's. */
  selection(): Selection | null {
    const sr = this.root as any;
    return typeof sr.getSelection === 'function' ? sr.getSelection() : document.getSelection();
  }

  placeCaretAtEnd() {
    const sel = this.selection();
    if (!sel) return;
    const range = document.createRange();
    range.selectNodeContents(this.el);
    range.collapse(false);
    sel.removeAllRanges();
    sel.addRange(range);
  }

  placeCaret(node: Node, offset: number) {
    const sel = this.selection();
    if (!sel) return;
    const r = document.createRange();
    r.setStart(node, offset);
    r.collapse(true);
    sel.removeAllRanges();
    sel.addRange(r);
  }

  /** A browser leaves a lone <br> in an emptied field; drop it so the placeholder shows. */
  normalize() {
    const ed = this.el;
    if (ed.childNodes.length === 1 && ed.firstChild instanceof HTMLBRElement) ed.textContent = '';
  }

  tagChip(tag: TagContent): HTMLElement {
    const chip = h('span', { class: 'ck-tag', contenteditable: 'false', dataset: { tagId: tag.id, tagText: tag.text } }, '@' + tag.text);
    (chip as any).__tag = { type: 'input_tag', id: tag.id, text: tag.text, data: tag.data ?? {}, group: tag.group ?? null, interactive: !!tag.interactive };
    return chip;
  }

  setContent(content: UserContent[]) {
    const ed = this.el;
    ed.textContent = '';
    for (const c of content) {
      if (c.type === 'input_text') ed.append(document.createTextNode(c.text));
      else if (c.type === 'input_tag') ed.append(this.tagChip(c), document.createTextNode(' '));
    }
  }

  hasContent(): boolean {
    return this.el.textContent!.trim() !== '' || this.el.querySelector('.ck-tag') !== null;
  }

  readContent(): UserContent[] {
    const out: UserContent[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ type: 'input_text', text });
      text = '';
    };
    const walk = (node: Node, top: boolean) => {
      node.childNodes.forEach((child, i) => {
        if (child.nodeType === Node.TEXT_NODE) text += (child as Text).data.replace(/\u00a0/g, ' ');
        else if (child instanceof HTMLBRElement) text += '\n';
        else if (child instanceof HTMLElement && (child as any).__tag) {
          flush();
          out.push({ ...(child as any).__tag });
        } else if (child instanceof HTMLElement) {
          if (top && (child.tagName === 'DIV' || child.tagName === 'P') && i > 0) text += '\n';
          walk(child, false);
        }
      });
    };
    walk(this.el, true);
    flush();
    // Trim surrounding whitespace of the whole message.
    if (out.length && out[0].type === 'input_text') out[0] = { type: 'input_text', text: out[0].text.replace(/^\s+/, '') };
    const last = out[out.length - 1];
    if (last && last.type === 'input_text') out[out.length - 1] = { type: 'input_text', text: last.text.replace(/\s+$/, '') };
    return out.filter((c) => c.type !== 'input_text' || c.text !== '');
  }
}
