// @vitest-environment jsdom
// Every image content can name is held to the thread's allowed_image_domains, not only Markdown images.
import { describe, expect, it, vi } from 'vitest';
import { isLoadableImage } from '../src/images';
import { WidgetRenderer } from '../src/widgets';

const renderer = (allowedImageDomains?: string[], apiUrl?: string) => new WidgetRenderer({
  scheme: 'light', allowedImageDomains, apiUrl, strings: { showMore: 'More' }, action: async () => {}, reportError: vi.fn(),
});

const srcs = (root: ParentNode) => Array.from(root.querySelectorAll('img')).map((i) => i.getAttribute('src'));

describe('image policy', () => {
  it('allows inline images, the page and API origins and allowed domains only', () => {
    const policy = { allowedDomains: ['images.example.com'], apiUrl: 'https://api.example.org/chatkit' };
    expect(isLoadableImage('data:image/png;base64,AAAA', policy)).toBe(true);
    expect(isLoadableImage('https://cdn.images.example.com/a.png', policy)).toBe(true);
    expect(isLoadableImage('https://api.example.org/chatkit/attachments/atc_1/preview', policy)).toBe(true);
    expect(isLoadableImage(`${location.origin}/logo.png`, policy)).toBe(true);
    expect(isLoadableImage('/logo.png', policy)).toBe(true);
    expect(isLoadableImage('https://tracker.example.net/pixel.gif', policy)).toBe(false);
    expect(isLoadableImage('//tracker.example.net/pixel.gif', policy)).toBe(false);
    expect(isLoadableImage('https://images.example.com.tracker.example.net/p.gif', policy)).toBe(false);
    expect(isLoadableImage('data:image/svg+xml;base64,AAAA', policy)).toBe(false);
    expect(isLoadableImage('javascript:alert(1)', policy)).toBe(false);
  });

  it('a widget Image outside the allowed domains is not loaded', () => {
    const node = { type: 'Card', children: [
      { type: 'Image', src: 'https://tracker.example.net/pixel.gif', alt: 'px' },
      { type: 'Image', src: 'https://images.example.com/ok.png' },
    ] };

    const blocked = renderer().render(node as any);
    const allowed = renderer(['images.example.com']).render(node as any);

    expect(srcs(blocked)).toEqual([]);
    expect(blocked.querySelector('.ck-blocked-image')?.textContent).toBe('[px]');
    expect(srcs(allowed)).toEqual(['https://images.example.com/ok.png']);
  });

  it('a status favicon outside the allowed domains is not loaded', () => {
    const node = { type: 'Card', status: { text: 'Searching', favicon: 'https://tracker.example.net/f.ico' }, children: [] };
    expect(srcs(renderer().render(node as any))).toEqual([]);
    expect(srcs(renderer(['tracker.example.net']).render(node as any))).toEqual(['https://tracker.example.net/f.ico']);
  });
});
