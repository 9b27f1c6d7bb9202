// Markdown -> sanitized DOM. Raw HTML in the Markdown source is shown as text (never
// parsed), and the produced HTML goes through DOMPurify as a second line of defence:
// no scripts, no event handlers, only http(s)/mailto/chatkit-link URLs, images only from
// the thread's allowed_image_domains.
import { Marked } from 'marked';
import createDOMPurify from 'dompurify';

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML blocks/inline HTML are rendered as escaped text.
    html(token: { text: string }) {
      return escapeHtml(token.text);
    },
  },
});

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const SAFE_URL = /^(?:https?:|mailto:|chatkit-link:|#|\/(?!\/)|\.{0,2}\/|[^a-z:]*$)/i;
const URI_REGEXP = /^(?:(?:https?|mailto|chatkit-link):|[^a-z]|[a-z+.\-]+(?:[^a-z+.\-:]|$))/i;

let purifier: ReturnType<typeof createDOMPurify> | null = null;

function getPurifier() {
  if (!purifier) purifier = createDOMPurify(window as any);
  return purifier;
}

/** Post-processes sanitized DOM: link targets and image domains. */
function postProcess(root: DocumentFragment | HTMLElement, allowed: string[] | undefined) {
  for (const a of Array.from(root.querySelectorAll('a'))) {
    const href = (a.getAttribute('href') ?? '').trim();
    if (!SAFE_URL.test(href)) a.removeAttribute('href');
    if (/^chatkit-link:/i.test(href)) {
      a.setAttribute('data-deeplink', href);
      a.removeAttribute('target');
    } else if (a.hasAttribute('href')) {
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
    }
  }
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    if (!isAllowedImage(src, allowed)) {
      const alt = img.getAttribute('alt') ?? '';
      const span = img.ownerDocument.createElement('span');
      span.className = 'ck-blocked-image';
      span.textContent = alt ? `[${alt}]` : '[image]';
      img.replaceWith(span);
    } else {
      img.setAttribute('loading', 'lazy');
      img.setAttribute('referrerpolicy', 'no-referrer');
    }
  }
}

/** True when `src` is an absolute http(s) URL whose host is (a subdomain of) an allowed domain. */
export function isAllowedImage(src: string, allowed: string[] | undefined): boolean {
  if (!allowed || !allowed.length) return false;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  return allowed.some((d) => {
    const dom = d.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^\*\./, '');
    return host === dom || host.endsWith('.' + dom);
  });
}

export const CITE_OPEN = '\uE000';
export const CITE_CLOSE = '\uE001';

/** Markdown -> sanitized DOM fragment. */
export function renderMarkdownFragment(src: string, allowedImageDomains?: string[]): DocumentFragment {
  const raw = marked.parse(src ?? '') as string;
  const frag = getPurifier().sanitize(raw, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'class', 'id'],
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: URI_REGEXP,
    ADD_ATTR: ['target'],
    RETURN_DOM_FRAGMENT: true,
  }) as unknown as DocumentFragment;
  postProcess(frag, allowedImageDomains);
  return frag;
}

/** Markdown -> sanitized HTML string. */
export function renderMarkdownToHtml(src: string, allowedImageDomains?: string[]): string {
  const div = document.createElement('div');
  div.append(renderMarkdownFragment(src, allowedImageDomains));
  return div.innerHTML;
}

/**
 * Renders Markdown into `target`, replacing citation placeholders
 * (CITE_OPEN + n + CITE_CLOSE) with clickable superscript markers.
 */
export function renderMarkdown(
  target: HTMLElement,
  src: string,
  allowedImageDomains?: string[],
  onCite?: (n: number) => HTMLElement,
): void {
  target.textContent = '';
  target.append(renderMarkdownFragment(src, allowedImageDomains));
  if (!onCite || !src.includes(CITE_OPEN)) return;
  const walker = target.ownerDocument.createTreeWalker(target, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  const re = new RegExp(`${CITE_OPEN}(\\d+)${CITE_CLOSE}`, 'g');
  for (const node of nodes) {
    const text = node.data;
    if (!text.includes(CITE_OPEN)) continue;
    const frag = target.ownerDocument.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(re)) {
      if (m.index! > last) frag.append(text.slice(last, m.index));
      frag.append(onCite(Number(m[1])));
      last = m.index! + m[0].length;
    }
    if (last < text.length) frag.append(text.slice(last));
    node.replaceWith(frag);
  }
}

/** Inserts citation placeholders into the text at the annotations' character offsets. */
export function withCitations(text: string, indexes: { index?: number; n: number }[]): string {
  const positioned = indexes.filter((a) => typeof a.index === 'number').sort((a, b) => b.index! - a.index! || b.n - a.n);
  let out = text;
  const seen = new Set<string>();
  for (const a of positioned) {
    const key = `${a.index}:${a.n}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = Math.max(0, Math.min(out.length, a.index!));
    out = out.slice(0, at) + CITE_OPEN + a.n + CITE_CLOSE + out.slice(at);
  }
  return out;
}
