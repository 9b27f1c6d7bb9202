// Maps the ChatKit.js `theme` option onto CSS custom properties of the host element.
export interface ResolvedTheme { scheme: 'light' | 'dark' }

const SET = Symbol('ck-theme-props');

export function applyTheme(host: HTMLElement, theme: any): ResolvedTheme {
  const t = typeof theme === 'string' ? { colorScheme: theme } : theme ?? {};
  const scheme: 'light' | 'dark' = t.colorScheme === 'dark' ? 'dark' : 'light';
  const props: Record<string, string> = {};
  const c = t.color ?? {};
  if (c.accent?.primary) {
    props['--ck-accent'] = c.accent.primary;
    const level = [0, 1, 2, 3].includes(c.accent.level) ? c.accent.level : 1;
    props['--ck-accent-soft'] = `color-mix(in srgb, ${c.accent.primary} ${8 + level * 6}%, transparent)`;
  }
  if (c.grayscale && typeof c.grayscale.hue === 'number') {
    const hue = c.grayscale.hue;
    const sat = Math.max(0, Math.min(9, c.grayscale.tint ?? 0)) * 3;
    const shade = Math.max(-4, Math.min(4, c.grayscale.shade ?? 0));
    const L = (light: number, dark: number) => `hsl(${hue} ${sat}% ${(scheme === 'dark' ? dark + shade : light - shade)}%)`;
    props['--ck-bg'] = L(100, 9);
    props['--ck-surface'] = L(100, 9);
    props['--ck-surface-2'] = L(96, 14);
    props['--ck-surface-3'] = L(92, 19);
    props['--ck-surface-elevated'] = L(100, 16);
    props['--ck-border'] = L(88, 24);
    props['--ck-border-subtle'] = L(93, 18);
    props['--ck-border-strong'] = L(75, 36);
    props['--ck-text-secondary'] = L(38, 72);
    props['--ck-text-tertiary'] = L(45, 62); // 4.5:1 or more on the surfaces above
  }
  if (c.surface?.background) {
    props['--ck-bg'] = c.surface.background;
    props['--ck-surface'] = c.surface.background;
  }
  if (c.surface?.foreground) {
    props['--ck-text'] = c.surface.foreground;
    props['--ck-text-strong'] = c.surface.foreground;
  }
  const radius: Record<string, [string, string]> = { pill: ['24px', '999px'], round: ['16px', '12px'], soft: ['10px', '8px'], sharp: ['2px', '2px'] };
  if (t.radius && radius[t.radius]) {
    props['--ck-radius'] = radius[t.radius][0];
    props['--ck-radius-control'] = radius[t.radius][1];
  }
  const density: Record<string, string> = { compact: '0.75', normal: '1', spacious: '1.3' };
  if (t.density && density[t.density]) props['--ck-space'] = density[t.density];
  const ty = t.typography ?? {};
  if (typeof ty.baseSize === 'number') props['--ck-font-size'] = `${ty.baseSize}px`;
  if (ty.fontFamily) props['--ck-font'] = ty.fontFamily;
  if (ty.fontFamilyMono) props['--ck-font-mono'] = ty.fontFamilyMono;
  if (Array.isArray(ty.fontSources) && ty.fontSources.length) injectFonts(ty.fontSources);

  const prev: string[] = (host as any)[SET] ?? [];
  for (const p of prev) host.style.removeProperty(p);
  for (const [k, v] of Object.entries(props)) host.style.setProperty(k, v);
  (host as any)[SET] = Object.keys(props);
  host.setAttribute('data-color-scheme', scheme);
  return { scheme };
}

function injectFonts(sources: any[]) {
  const css = sources
    .filter((f) => f && typeof f.family === 'string' && typeof f.src === 'string')
    .map((f) => {
      const q = (s: string) => JSON.stringify(String(s));
      return `@font-face{font-family:${q(f.family)};src:url(${q(f.src)});` +
        (f.weight != null ? `font-weight:${String(f.weight).replace(/[^0-9a-z ]/gi, '')};` : '') +
        (f.style ? `font-style:${String(f.style).replace(/[^a-z]/gi, '')};` : '') +
        `font-display:${String(f.display ?? 'swap').replace(/[^a-z]/gi, '')};` +
        (f.unicodeRange ? `unicode-range:${String(f.unicodeRange).replace(/[^0-9a-fA-FuU+\-, ?]/g, '')};` : '') + '}';
    })
    .join('\n');
  let el = document.getElementById('openai-chatkit-fonts') as HTMLStyleElement | null;
  if (!el) {
    el = document.createElement('style');
    el.id = 'openai-chatkit-fonts';
    document.head.append(el);
  }
  el.textContent = css;
}
