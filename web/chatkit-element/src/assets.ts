// Where the element's lazily loaded assets (locale tables, extra Lucide icons) live: beside the script itself when
// it was loaded by a <script src>, else below the ChatKit endpoint, where MapChatKit serves them too.

/** The directory of the script that defined the element, captured while it runs (null for module imports). */
const scriptBase: string | null = (() => {
  if (typeof document === 'undefined') return null;
  // A classic script is document.currentScript; a module is not, so look for the <script src=".../chatkit.js">.
  const src = (document.currentScript as HTMLScriptElement | null)?.src ||
    Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]')).map((s) => s.src).find((u) => /\/chatkit\.js([?#]|$)/.test(u));
  return src ? src.replace(/[^/]*([?#].*)?$/, '') : null;
})();

let apiBase: string | null = null;

/** Remembers the ChatKit endpoint, the second place assets are looked for. */
export function rememberApiUrl(url: string | undefined): void {
  if (!url || typeof location === 'undefined') return;
  try {
    apiBase = new URL(url.replace(/\/*$/, '/'), location.href).href;
  } catch {
    apiBase = null;
  }
}

/** The asset directories to try, most specific first (each ends with "/"). */
export function assetBases(): string[] {
  const out: string[] = [];
  for (const b of [scriptBase, apiBase]) if (b && !out.includes(b)) out.push(b);
  return out;
}

/** Fetches `path` (relative to an asset directory) as JSON from the first directory that has it; null if none does. */
export async function fetchAsset<T>(path: string): Promise<T | null> {
  if (typeof fetch === 'undefined') return null;
  for (const base of assetBases()) {
    try {
      const res = await fetch(base + path, { credentials: 'same-origin' });
      if (res.ok) return (await res.json()) as T;
    } catch {
      // Try the next place; a missing asset only means English strings or a placeholder icon.
    }
  }
  return null;
}
