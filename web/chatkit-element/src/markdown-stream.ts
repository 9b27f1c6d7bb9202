// Markdown that grows while a message streams. The text is cut at the last block boundary (a blank line
// outside a code fence): blocks before it are rendered once and never touched again; only the open block
// after it is rendered again per delta, and that rendering is patched onto its nodes (same element, longer
// text). So a delta appends to the DOM already there instead of rebuilding it.
import { renderMarkdown, renderMarkdownFragment } from './markdown';

export class MarkdownStream {
  readonly el: HTMLElement;
  private text = '';
  /** Length of the text whose blocks are rendered for good. */
  private frozen = 0;
  /** The nodes the open block rendered to. */
  private open: Node[] = [];
  /** Rendered with citations (all at once): the next plain delta starts over. */
  private cited = '';

  constructor(className = 'ck-markdown') {
    this.el = document.createElement('div');
    this.el.className = className;
  }

  /** Shows `text`; appends when it extends what is shown. */
  update(text: string, allowedImageDomains?: string[]) {
    if (this.cited || !text.startsWith(this.text)) this.reset();
    else if (text === this.text) return;
    this.text = text;
    const boundary = lastBlockBoundary(text);
    if (boundary > this.frozen) {
      // The open block (and perhaps more) is complete now: patch its final rendering on and freeze it.
      const done = Array.from(renderMarkdownFragment(text.slice(this.frozen, boundary), allowedImageDomains).childNodes);
      patchNodes(this.el, this.open, done, null);
      this.open = [];
      this.frozen = boundary;
    }
    const rest = text.slice(this.frozen);
    const next = rest.trim() ? Array.from(renderMarkdownFragment(rest, allowedImageDomains).childNodes) : [];
    // The open block's new rendering is patched onto its nodes, so even the paragraph being written keeps
    // its element and its text node grows.
    this.open = patchNodes(this.el, this.open, next, null);
  }

  /** Shows text with citation markers, rendered as a whole (annotations arrive once a message is done). */
  renderCited(src: string, allowedImageDomains: string[] | undefined, onCite: (n: number) => HTMLElement) {
    if (this.cited === src) return;
    const whole = document.createElement('div');
    renderMarkdown(whole, src, allowedImageDomains, onCite);
    this.open = patchNodes(this.el, Array.from(this.el.childNodes), Array.from(whole.childNodes), null);
    this.text = '';
    this.frozen = 0;
    this.cited = src;
  }

  /** Patches the whole text's rendering onto what is shown (see finishMarkdown); a later delta re-renders
   * from the start, patching again. */
  patchWhole(nodes: Node[]) {
    this.open = patchNodes(this.el, Array.from(this.el.childNodes), nodes, null);
    this.frozen = 0;
  }

  private reset() {
    this.el.textContent = '';
    this.text = '';
    this.frozen = 0;
    this.open = [];
    this.cited = '';
  }
}

/** The offset just past the last blank line that is not inside a fenced code block (0 if none). */
export function lastBlockBoundary(text: string): number {
  let inFence = false;
  let fence = '';
  let boundary = 0;
  let pos = 0;
  let prevBlank = false;
  for (const line of text.split('\n')) {
    const end = pos + line.length + 1;
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (m) {
      if (!inFence) { inFence = true; fence = m[1][0]; }
      else if (m[1][0] === fence) inFence = false;
    }
    const blank = line.trim() === '';
    // A blank line that ends a block, and is itself followed by more text (so the line is complete).
    if (!inFence && blank && !prevBlank && end <= text.length && pos > 0) boundary = end;
    prevBlank = blank;
    pos = end;
  }
  return boundary;
}

/** Once the message is complete: if rendering it block by block differs from rendering it whole (a list or
 * reference link spanning blank lines), patch the whole rendering on, keeping every node that still fits. */
export function finishMarkdown(md: MarkdownStream, text: string, allowedImageDomains?: string[]) {
  const whole = document.createElement('div');
  whole.append(renderMarkdownFragment(text, allowedImageDomains));
  if (whole.innerHTML !== md.el.innerHTML) md.patchWhole(Array.from(whole.childNodes));
}

/** Makes `old` (children of `parent`, in order, followed by `before`) look like `next`, reusing every node
 * of the same kind in the same place; returns the resulting nodes. */
function patchNodes(parent: Node, old: Node[], next: Node[], before: Node | null): Node[] {
  const out: Node[] = [];
  const anchor = old.length ? old[old.length - 1].nextSibling : before;
  next.forEach((n, i) => {
    const o = old[i];
    if (o && sameKind(o, n)) {
      patchNode(o, n);
      out.push(o);
    } else {
      if (o) parent.replaceChild(n, o);
      else parent.insertBefore(n, anchor);
      out.push(n);
    }
  });
  for (const gone of old.slice(next.length)) gone.parentNode?.removeChild(gone);
  return out;
}

function sameKind(a: Node, b: Node): boolean {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName;
}

function patchNode(o: Node, n: Node) {
  if (o.nodeType === Node.TEXT_NODE || o.nodeType === Node.COMMENT_NODE) {
    if ((o as CharacterData).data !== (n as CharacterData).data) (o as CharacterData).data = (n as CharacterData).data;
    return;
  }
  if (!(o instanceof Element) || !(n instanceof Element)) return;
  for (const a of Array.from(o.attributes)) if (!n.hasAttribute(a.name)) o.removeAttribute(a.name);
  for (const a of Array.from(n.attributes)) if (o.getAttribute(a.name) !== a.value) o.setAttribute(a.name, a.value);
  patchNodes(o, Array.from(o.childNodes), Array.from(n.childNodes), null);
}
