// UI strings for every locale of ChatKit.js's `SupportedLocale`. English is bundled; every other table is a small JSON
// asset (web/chatkit-element/locales, copied beside chatkit.js by the build and served by MapChatKit) fetched on first
// use, so sixty-odd languages do not weigh on every page. Until a table arrives the element shows English.
import en from '../locales/en.json';
import { assetBases, fetchAsset } from './assets';

export type Strings = typeof en;

/** Every string table: language codes, plus the regional variants whose words differ. */
export const TABLES = [
  'am', 'ar', 'bg', 'bn', 'bs', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'es-419', 'et', 'fi', 'fr', 'fr-CA', 'gu', 'hi',
  'hr', 'hu', 'hy', 'id', 'is', 'it', 'ja', 'ka', 'kk', 'kn', 'ko', 'lt', 'lv', 'mk', 'ml', 'mn', 'mr', 'ms', 'my', 'nb',
  'nl', 'pa', 'pl', 'pt', 'pt-PT', 'ro', 'ru', 'sk', 'sl', 'so', 'sq', 'sr', 'sv', 'sw', 'ta', 'te', 'th', 'tl', 'tr',
  'uk', 'ur', 'vi', 'zh', 'zh-Hant',
] as const;
const TABLE_SET = new Set<string>(TABLES);

/** Languages written right to left (of those above: Arabic and Urdu; the rest in case tables are added). */
const RTL = new Set(['ar', 'ur', 'he', 'fa', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

const loaded = new Map<string, Strings>([['en', en]]);
const loading = new Map<string, Promise<Strings | null>>();

function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The table that shows `locale`: the variant when one exists (Latin-American Spanish, Canadian French, European
 * Portuguese, Traditional Chinese), else the language's; 'en' when there is none.
 */
export function tableFor(locale: string): string {
  const tag = canonical(locale);
  if (!tag) return 'en';
  let loc: Intl.Locale;
  try {
    loc = new Intl.Locale(tag);
  } catch {
    return 'en';
  }
  const lang = loc.language;
  const region = loc.region;
  if (lang === 'zh') {
    const script = loc.script ?? (region === 'TW' || region === 'HK' || region === 'MO' ? 'Hant' : 'Hans');
    return script === 'Hant' ? 'zh-Hant' : 'zh';
  }
  if (lang === 'es' && region && region !== 'ES') return 'es-419';
  if (lang === 'fr' && region === 'CA') return 'fr-CA';
  if (lang === 'pt' && region && region !== 'BR') return 'pt-PT';
  if (lang === 'no' || lang === 'nn') return 'nb';
  if (lang === 'fil') return 'tl';
  return TABLE_SET.has(lang) ? lang : 'en';
}

/**
 * The locale the element runs in: the configured one (it also goes out as Accept-Language, even when no table
 * translates it), else the browser's, else English.
 */
export function resolveLocale(requested?: string | null): string {
  const configured = requested ? canonical(requested) : null;
  if (configured) return configured;
  const browser = typeof navigator !== 'undefined' && navigator.language ? canonical(navigator.language) : null;
  return browser ?? 'en';
}

/** The strings for `locale` if its table is here, else English (the table may still be on its way). */
export function stringsFor(locale: string): Strings {
  return loaded.get(tableFor(locale)) ?? en;
}

/** Whether `locale`'s own table is here (always for English and for locales without a table). */
export function hasStrings(locale: string): boolean {
  return loaded.has(tableFor(locale));
}

/** Fetches `locale`'s table once; resolves to it, or null when it cannot be had (the element stays in English). */
export function loadStrings(locale: string): Promise<Strings | null> {
  const id = tableFor(locale);
  const have = loaded.get(id);
  if (have) return Promise.resolve(have);
  let p = loading.get(id);
  if (!p) {
    p = fetchAsset<Partial<Strings>>(`locales/${id}.json`).then((table) => {
      if (!table || typeof table !== 'object') {
        loading.delete(id); // not cached: a later call (e.g. once the endpoint is known) tries again
        return null;
      }
      // A key missing from an older asset shows in English rather than as "undefined".
      const full = { ...en, ...table } as Strings;
      loaded.set(id, full);
      return full;
    });
    loading.set(id, p);
  }
  return p;
}

/** The language of the text shown for `locale`: the locale itself, or English when no table translates it. */
export function contentLanguage(locale: string): string {
  return tableFor(locale) === 'en' && !/^en(-|$)/i.test(locale) ? 'en' : locale;
}

/** "rtl" for right-to-left scripts, judged by the table actually shown. */
export function directionOf(locale: string): 'rtl' | 'ltr' {
  return RTL.has(tableFor(locale).split('-')[0]) ? 'rtl' : 'ltr';
}

/** Fills `{name}` placeholders; numbers are written the locale's way (digits, separators). */
export function fmt(s: string, vars: Record<string, string | number>, locale?: string): string {
  return s.replace(/\{(\w+)\}/g, (_, k) => {
    const v = vars[k];
    if (typeof v === 'number') return formatNumber(v, locale);
    return String(v ?? '');
  });
}

export function formatNumber(n: number, locale?: string, options?: Intl.NumberFormatOptions): string {
  try {
    return new Intl.NumberFormat(locale, options).format(n);
  } catch {
    return String(n);
  }
}

/** A fraction (0..1) as a percentage in the locale's style ("42 %", "٤٢٪"). */
export function formatPercent(fraction: number, locale?: string): string {
  return formatNumber(fraction, locale, { style: 'percent', maximumFractionDigits: 0 });
}

/** A date (Date, ISO string or epoch milliseconds) in the locale's style; the input unchanged if it is not a date. */
export function formatDate(value: Date | string | number, locale?: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  try {
    return new Intl.DateTimeFormat(locale, options).format(d);
  } catch {
    return d.toISOString();
  }
}

// Start fetching the browser's table while the page sets up, so an element that follows the browser's language
// usually has its strings before its first render.
if (typeof navigator !== 'undefined' && navigator.language && tableFor(navigator.language) !== 'en' && assetBases().length) {
  void loadStrings(navigator.language);
}
