// Which image URLs the element lets the browser load. Content a thread can carry (widgets, generated images,
// attachment previews, favicons) goes through here, like Markdown images do, so a model or tool output cannot
// make the browser fetch a tracking pixel from an arbitrary host.
import { isAllowedImage } from './markdown';

export interface ImagePolicy {
  /** The thread's allowed_image_domains. */
  allowedDomains?: string[];
  /** The ChatKit API URL: images from its origin (the server's own previews) are always allowed. */
  apiUrl?: string;
}

const INLINE_IMAGE = /^data:image\/(png|jpe?g|gif|webp)[;,]/i;

/** The origin of `url` resolved against the page, or null when it is not http(s). */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, document.baseURI);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * True when `src` may be loaded: inline data images, local blob: previews, the page's and the API's own origin,
 * and http(s) URLs on an allowed domain. Everything else is blocked.
 */
export function isLoadableImage(src: string | undefined | null, policy: ImagePolicy): boolean {
  if (!src) return false;
  const s = src.trim();
  if (INLINE_IMAGE.test(s)) return true;
  if (/^blob:/i.test(s)) return true;
  const origin = originOf(s);
  if (!origin) return false;
  if (origin === location.origin || origin === originOf(policy.apiUrl)) return true;
  return isAllowedImage(new URL(s, document.baseURI).href, policy.allowedDomains);
}

/** The placeholder shown instead of a blocked image. */
export function blockedImage(alt: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'ck-blocked-image';
  span.textContent = alt ? `[${alt}]` : '[image]';
  return span;
}
