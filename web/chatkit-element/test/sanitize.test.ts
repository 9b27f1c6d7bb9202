// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isAllowedImage, renderMarkdownToHtml, withCitations, CITE_OPEN, CITE_CLOSE } from '../src/markdown';

const render = (md: string, domains?: string[]) => {
  const div = document.createElement('div');
  div.innerHTML = renderMarkdownToHtml(md, domains);
  return div;
};
const noHandlers = (div: HTMLElement) => {
  for (const el of Array.from(div.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) expect(a.name.startsWith('on'), `${el.tagName} ${a.name}`).toBe(false);
  }
};

describe('Markdown sanitizer', () => {
  it('renders ordinary Markdown', () => {
    const d = render('# Title\n\nSome **bold** and `code` and [a link](https://example.com).\n\n- one\n- two');
    expect(d.querySelector('h1')?.textContent).toBe('Title');
    expect(d.querySelector('strong')?.textContent).toBe('bold');
    const a = d.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.com');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toContain('noopener');
    expect(d.querySelectorAll('li').length).toBe(2);
  });

  it('never creates script elements', () => {
    const d = render('Hello <script>alert(1)</script>\n\n<script src="https://evil.example/x.js"></script>\n\n```html\n<script>x()</script>\n```');
    expect(d.querySelector('script')).toBeNull();
    expect(d.textContent).toContain('<script>alert(1)</script>'); // shown as inert text
  });

  it('strips event handlers from raw HTML and images', () => {
    const d = render('<img src=x onerror="alert(1)">\n\n<div onclick="alert(2)">hi</div>\n\n<a href="https://example.com" onmouseover="alert(3)">x</a>\n\n<svg onload="alert(4)"></svg>');
    noHandlers(d);
    expect(d.querySelector('img')).toBeNull();
    expect(d.querySelector('svg')).toBeNull();
  });

  it('removes javascript:, vbscript: and data: link targets', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>', 'java\tscript:alert(1)']) {
      const d = render(`[click](${href.includes(' ') ? `<${href}>` : href})`);
      const a = d.querySelector('a');
      if (a) {
        const h = a.getAttribute('href') ?? '';
        expect(h.replace(/\s/g, '').toLowerCase().startsWith('javascript:'), href).toBe(false);
        expect(h.toLowerCase().startsWith('vbscript:'), href).toBe(false);
        expect(h.toLowerCase().startsWith('data:'), href).toBe(false);
      }
    }
    const ref = render('[x][1]\n\n[1]: javascript:alert(1)');
    expect(ref.querySelector('a')?.getAttribute('href') ?? '').not.toMatch(/javascript/i);
  });

  it('only allows images from the allowed domains', () => {
    const md = '![ok](https://images.example.com/a.png) ![sub](https://cdn.images.example.com/b.png) ![bad](https://evil.example/c.png) ![tricky](https://images.example.com.evil.example/d.png) ![data](data:image/png;base64,AAAA)';
    const d = render(md, ['images.example.com']);
    const srcs = Array.from(d.querySelectorAll('img')).map((i) => i.getAttribute('src'));
    expect(srcs).toEqual(['https://images.example.com/a.png', 'https://cdn.images.example.com/b.png']);
    expect(d.querySelectorAll('.ck-blocked-image').length).toBe(3);
    expect(render('![x](https://images.example.com/a.png)').querySelector('img')).toBeNull();
  });

  it('isAllowedImage checks scheme and host suffix', () => {
    expect(isAllowedImage('https://a.com/x.png', ['a.com'])).toBe(true);
    expect(isAllowedImage('https://b.a.com/x.png', ['a.com'])).toBe(true);
    expect(isAllowedImage('https://ba.com/x.png', ['a.com'])).toBe(false);
    expect(isAllowedImage('javascript:alert(1)//a.com', ['a.com'])).toBe(false);
    expect(isAllowedImage('https://a.com/x.png', undefined)).toBe(false);
  });

  it('drops style/iframe/form elements and style attributes', () => {
    const d = render('<style>*{display:none}</style><iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name=a></form><p style="position:fixed">x</p>');
    expect(d.querySelector('style, iframe, form, input, [style]')).toBeNull();
  });

  it('keeps chatkit-link deeplinks (handled by the element)', () => {
    const a = render('[open](chatkit-link://open_order?id=42)').querySelector('a')!;
    expect(a.getAttribute('data-deeplink')).toBe('chatkit-link://open_order?id=42');
    expect(a.hasAttribute('target')).toBe(false);
  });

  it('inserts citation markers at annotation offsets, in order', () => {
    const out = withCitations('Revenue grew 12%.', [{ index: 16, n: 2 }, { index: 16, n: 1 }, { index: 7, n: 3 }]);
    expect(out).toBe(`Revenue${CITE_OPEN}3${CITE_CLOSE} grew 12%${CITE_OPEN}1${CITE_CLOSE}${CITE_OPEN}2${CITE_CLOSE}.`);
    expect(withCitations('abc', [{ n: 1 }])).toBe('abc');
  });
});
