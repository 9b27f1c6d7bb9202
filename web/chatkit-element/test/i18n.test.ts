// @vitest-environment jsdom
// The string tables against the published SupportedLocale list, and locale resolution, direction and formatting.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentLanguage, directionOf, fmt, formatDate, formatPercent, hasStrings, loadStrings, resolveLocale, stringsFor, tableFor, TABLES } from '../src/i18n';
import { rememberApiUrl } from '../src/assets';
import { unionOf } from './types';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../locales');
const read = (id: string) => JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as Record<string, string>;
const en = read('en');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const placeholders = (s: string) => [...s.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();

describe('string tables', () => {
  const supported = unionOf('SupportedLocale');
  const translated = unionOf('TranslatedLocale');
  const all = [...new Set([...supported, ...translated])];

  it('reads the published lists (about sixty locales)', () => {
    expect(translated.length).toBeGreaterThan(55);
    expect(supported).toContain('en');
    expect(supported).toContain('zh-Hant');
  });

  it('has exactly one table for each distinct language of the types, and no other', () => {
    const wanted = new Set(all.map(tableFor));
    expect([...wanted].sort()).toEqual([...TABLES].sort());
    expect(files).toEqual([...TABLES].sort());
  });

  it('gives every locale of the types its own table (only English falls back to English)', () => {
    for (const loc of all) {
      if (loc === 'en') continue;
      expect(tableFor(loc), loc).not.toBe('en');
    }
  });

  it.each(files.filter((f) => f !== 'en'))('%s has every key of the English table, no other, all translated', (id) => {
    const t = read(id);
    expect(Object.keys(t)).toEqual(Object.keys(en));
    for (const [k, v] of Object.entries(t)) {
      expect(typeof v === 'string' && v.trim().length > 0, `${id}.${k}`).toBe(true);
      expect(placeholders(v), `${id}.${k}`).toEqual(placeholders(en[k]));
    }
    // Whole sentences cannot coincide with English in a translated table.
    for (const k of ['greeting', 'send', 'streamError', 'noThreads', 'toggleSidebar', 'noOptions', 'invalidFormat']) expect(t[k], `${id}.${k}`).not.toBe(en[k]);
  });

  it('maps regional tags to the variant tables', () => {
    expect(tableFor('zh-TW')).toBe('zh-Hant');
    expect(tableFor('zh-HK')).toBe('zh-Hant');
    expect(tableFor('zh-Hant')).toBe('zh-Hant');
    expect(tableFor('zh-CN')).toBe('zh');
    expect(tableFor('es-419')).toBe('es-419');
    expect(tableFor('es-MX')).toBe('es-419');
    expect(tableFor('es-ES')).toBe('es');
    expect(tableFor('fr-CA')).toBe('fr-CA');
    expect(tableFor('fr-FR')).toBe('fr');
    expect(tableFor('pt-BR')).toBe('pt');
    expect(tableFor('pt-PT')).toBe('pt-PT');
    expect(tableFor('nb-NO')).toBe('nb');
    expect(tableFor('no')).toBe('nb');
    expect(tableFor('fil')).toBe('tl');
    expect(tableFor('he')).toBe('en');
    expect(tableFor('not a locale')).toBe('en');
  });
});

describe('locale resolution, direction, formatting', () => {
  it('keeps the configured locale (canonical) for Accept-Language, else the browser\'s', () => {
    expect(resolveLocale('zh-hant')).toBe('zh-Hant');
    expect(resolveLocale('pt_br')).toBe('pt-BR');
    expect(resolveLocale('he')).toBe('he');
    expect(resolveLocale(undefined)).toBe(resolveLocale(navigator.language));
    expect(resolveLocale('not a locale')).toBe(resolveLocale(navigator.language));
  });

  it('writes Arabic and Urdu right to left, judged by the table shown', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ar-EG')).toBe('rtl');
    expect(directionOf('ur')).toBe('rtl');
    expect(directionOf('fr')).toBe('ltr');
    expect(directionOf('he')).toBe('ltr'); // no Hebrew table: the English shown is left to right
    expect(contentLanguage('he')).toBe('en');
    expect(contentLanguage('fr-CA')).toBe('fr-CA');
    expect(contentLanguage('en-GB')).toBe('en-GB');
  });

  it('formats numbers, percentages and dates the locale\'s way', () => {
    expect(fmt('{n} Dateien', { n: 1234 }, 'de')).toBe('1.234 Dateien');
    expect(fmt('{n} files', { n: 1234 }, 'en')).toBe('1,234 files');
    expect(fmt('{name}', { name: 'a.txt' }, 'de')).toBe('a.txt');
    expect(formatPercent(0.42, 'fr')).toMatch(/^42\s%$/); // a (narrow) no-break space before the sign
    expect(formatPercent(0.42, 'en')).toBe('42%');
    const d = new Date(Date.UTC(2025, 5, 1, 12));
    expect(formatDate(d, 'de', { dateStyle: 'long', timeZone: 'UTC' })).toBe('1. Juni 2025');
    expect(formatDate(d, 'ja', { dateStyle: 'long', timeZone: 'UTC' })).toBe('2025年6月1日');
    expect(formatDate('not a date', 'de')).toBe('not a date');
  });
});

describe('loading a table', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches the table once from beside the endpoint and shows English until it arrives', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      calls.push(String(url));
      const m = /\/locales\/([A-Za-z-]+)\.json$/.exec(String(url));
      return m ? new Response(readFileSync(join(dir, `${m[1]}.json`), 'utf8')) : new Response('', { status: 404 });
    }));
    rememberApiUrl('/custom/chatkit');
    expect(hasStrings('it-IT')).toBe(false);
    expect(stringsFor('it-IT').send).toBe(en.send);
    const [a, b] = await Promise.all([loadStrings('it-IT'), loadStrings('it')]);
    expect(a?.send).toBe('Invia messaggio');
    expect(b).toBe(a);
    expect(stringsFor('it-CH').send).toBe('Invia messaggio');
    expect(calls.filter((u) => u.endsWith('/it.json'))).toEqual([new URL('/custom/chatkit/locales/it.json', location.href).href]);
  });

  it('stays in English when the table cannot be had', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('nope', { status: 404 })));
    rememberApiUrl('/chatkit');
    expect(await loadStrings('sw')).toBeNull();
    expect(stringsFor('sw').send).toBe(en.send);
  });
});
