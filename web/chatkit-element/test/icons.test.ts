// Every icon name of the published types and of the server's IconName draws a glyph of its own, with words for a label.
// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberApiUrl } from '../src/assets';
import { hasIcon, headerIconLabel, icon, iconLabel, iconSvg } from '../src/icons';
import type { Strings } from '../src/i18n';
import { serverIconNames, unionOf } from './types';

const locales = join(dirname(fileURLToPath(import.meta.url)), '../locales');
const table = (id: string) => JSON.parse(readFileSync(join(locales, `${id}.json`), 'utf8')) as Strings;
const fallback = iconSvg('vendor:nothing-draws-this', 16);
const inner = (svg: string) => svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
const WORDS = /^\p{Lu}\p{Ll}*( \p{Ll}+)*$/u;

const header = unionOf('HeaderIcon');
const chatkit = unionOf('ChatKitIcon');
const widget = unionOf('WidgetIcon', 'widgets.d.ts');
const server = serverIconNames();

describe('icon names', () => {
  it('reads the published lists', () => {
    expect(header.length).toBe(46);
    expect(chatkit.length).toBeGreaterThan(60);
    expect(widget).toContain('dot');
    expect(server).toContain('clock');
  });

  it.each([...new Set([...header, ...chatkit, ...widget, ...server])])('%s draws its own glyph and has a word label', (name) => {
    expect(hasIcon(name)).toBe(true);
    const svg = iconSvg(name, 16);
    expect(svg).not.toContain('data-icon-fallback');
    expect(inner(svg)).not.toBe(inner(fallback));
    expect(inner(svg)).toMatch(/<(path|circle|rect|line|polyline|polygon|ellipse) /);
    const label = iconLabel(name);
    expect(label).toMatch(WORDS);
    expect(label).not.toBe(name); // "Open book", not "book-open"
  });

  it('labels header buttons with localized words for what they do', () => {
    const en = table('en');
    const de = table('de');
    for (const name of header) {
      const l = headerIconLabel(name, en);
      expect(l, name).toMatch(/^\p{Lu}[\p{L} ]*$/u);
      expect(l, name).not.toContain('-');
      expect(headerIconLabel(name, de), name).not.toBe(name);
    }
    expect(headerIconLabel('settings-cog', de)).toBe('Einstellungen');
    expect(headerIconLabel('sidebar-left', table('ar'))).toBe('إظهار الشريط الجانبي أو إخفاؤه');
  });

  it('is decorative unless given a label, then an image with that name', () => {
    expect(iconSvg('search')).toContain('aria-hidden="true"');
    const labelled = iconSvg('search', 16, 'Search "all"');
    expect(labelled).toContain('role="img"');
    expect(labelled).toContain('aria-label="Search &quot;all&quot;"');
    expect(labelled).not.toContain('aria-hidden');
  });

  it('draws solid variants filled and distinct from their outlines', () => {
    expect(inner(iconSvg('star-filled'))).not.toBe(inner(iconSvg('star')));
    expect(iconSvg('star-filled')).toContain('fill="currentColor"');
    expect(inner(iconSvg('check-circle-filled'))).not.toBe(inner(iconSvg('check-circle')));
  });

  it('spells out lucide: and vendor: names as words', () => {
    expect(iconLabel('lucide:arrow-right')).toBe('Arrow right');
    expect(iconLabel('vendor:acme_logo')).toBe('Acme logo');
    expect(hasIcon('lucide:bot')).toBe(true); // bundled under its Lucide name
    expect(iconSvg('vendor:acme')).toContain('data-icon-fallback');
  });
});

describe('lucide: names the bundle lacks', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('render a placeholder that is drawn once the server sends the glyph', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      calls.push(String(url));
      return String(url).endsWith('/icons/lucide/arrow-big-right.json')
        ? new Response(JSON.stringify([['path', { d: 'M6 9h6V5l7 7-7 7v-4H6V9z' }], ['script', { src: 'x' }]]))
        : new Response('', { status: 404 });
    }));
    rememberApiUrl('/chatkit');
    const host = document.createElement('openai-chatkit');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.append(icon('lucide:arrow-big-right', 16), icon('lucide:arrow-big-right', 20));
    expect(root.querySelectorAll('svg[data-ck-lucide="arrow-big-right"]').length).toBe(2);
    await vi.waitFor(() => expect(root.querySelectorAll('svg[data-ck-lucide]').length).toBe(0));
    const drawn = root.querySelectorAll('svg path');
    expect(drawn.length).toBe(2);
    expect(drawn[0].getAttribute('d')).toBe('M6 9h6V5l7 7-7 7v-4H6V9z');
    expect(root.querySelector('script')).toBeNull(); // only SVG shapes are drawn
    expect(calls.filter((u) => u.includes('arrow-big-right'))).toHaveLength(1);
    expect(hasIcon('lucide:arrow-big-right')).toBe(true);

    // A name the server does not know ends as the fallback.
    root.append(icon('lucide:not-a-lucide-icon', 16));
    await vi.waitFor(() => expect(root.querySelector('svg[data-icon-fallback]')).not.toBeNull());
    host.remove();
  });
});
