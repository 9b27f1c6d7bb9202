// HTTP client for the ChatKit protocol: one POST endpoint, JSON or SSE responses.
import { rememberApiUrl } from './assets';
import { originOf } from './images';
import { readSse } from './sse';
import type { Attachment, StreamEvent } from './types';

export interface ApiConfig {
  url: string;
  domainKey?: string;
  fetch?: typeof fetch;
  uploadStrategy?: { type: 'two_phase' } | { type: 'direct'; uploadUrl: string };
}

export const STREAMING_TYPES = new Set([
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
  'threads.resume_run',
]);

/** The request header that declares this client can resume runs. */
export const RESUMABLE_HEADER = 'ChatKit-Resumable';

export class HttpError extends Error {
  constructor(public status: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export class ChatKitApi {
  constructor(private cfg: ApiConfig, private locale: () => string) {
    // Locale tables and extra icons are also served below the endpoint (MapChatKit): remember where it is.
    rememberApiUrl(cfg.url);
  }

  private get fetcher(): typeof fetch {
    const f = this.cfg.fetch;
    return f ? (input, init) => f(input, init) : (input, init) => fetch(input, init);
  }

  private headers(extra?: Record<string, string>): Record<string, string> {
    // We re-attach to runs and stop them by request (docs/protocol.md §16); servers without runs ignore this.
    const h: Record<string, string> = { 'Accept-Language': this.locale(), [RESUMABLE_HEADER]: '1', ...extra };
    if (this.cfg.domainKey) h['X-ChatKit-Domain-Key'] = this.cfg.domainKey;
    return h;
  }

  /** Whether `url` is on the API's own origin, the only one our custom fetch and headers may reach. */
  private isApiOrigin(url: string): boolean {
    const api = originOf(this.cfg.url);
    return api !== null && originOf(url) === api;
  }

  private async post(type: string, params: unknown, signal?: AbortSignal): Promise<Response> {
    const res = await this.fetcher(this.cfg.url, {
      method: 'POST',
      headers: this.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ type, params: params ?? {}, metadata: {} }),
      signal,
    });
    if (!res.ok) {
      let text = '';
      try { text = await res.text(); } catch { /* ignore */ }
      throw new HttpError(res.status, `${type} failed with HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    }
    return res;
  }

  /** Sends a non-streaming request and returns the parsed JSON response. */
  async request<T = any>(type: string, params: unknown, signal?: AbortSignal): Promise<T> {
    const res = await this.post(type, params, signal);
    const text = await res.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Sends a streaming request and yields its events. */
  async *stream(type: string, params: unknown, signal?: AbortSignal): AsyncGenerator<StreamEvent> {
    const res = await this.post(type, params, signal);
    if (!res.body) {
      // Environments without streaming bodies: parse everything at once.
      const text = await res.text();
      const stream = new Response(text).body!;
      yield* readSse(stream);
      return;
    }
    yield* readSse(res.body);
  }

  /** Uploads a file with the configured strategy and returns the attachment. */
  async upload(file: File, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<Attachment> {
    const strategy = this.cfg.uploadStrategy;
    if (!strategy) throw new Error('api.uploadStrategy is required for attachments');
    if (strategy.type === 'direct') {
      const json = await this.sendFile(strategy.uploadUrl, 'POST', {}, file, onProgress, signal);
      return JSON.parse(json) as Attachment;
    }
    const att = await this.request<Attachment>(
      'attachments.create',
      { name: file.name, size: file.size, mime_type: file.type || 'application/octet-stream' },
      signal,
    );
    const d = att.upload_descriptor;
    if (d) await this.sendFile(d.url, d.method || 'PUT', d.headers ?? {}, file, onProgress, signal);
    else onProgress?.(1);
    return att;
  }

  private async sendFile(
    url: string, method: string, headers: Record<string, string>, file: File,
    onProgress?: (f: number) => void, signal?: AbortSignal,
  ): Promise<string> {
    const form = new FormData();
    form.append('file', file, file.name);
    // The integration's custom fetch and our headers (its credentials, the domain key) only go to the API's
    // origin; an upload URL elsewhere gets just the headers its descriptor names, through the plain browser APIs.
    const own = this.isApiOrigin(url);
    const sent = own ? this.headers(headers) : { ...headers };
    if ((own && this.cfg.fetch) || typeof XMLHttpRequest === 'undefined') {
      const send = own ? this.fetcher : (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init);
      const res = await send(url, { method, headers: sent, body: form, signal });
      if (!res.ok) throw new HttpError(res.status, `Upload failed with HTTP ${res.status}`);
      onProgress?.(1);
      return res.text();
    }
    return new Promise<string>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      for (const [k, v] of Object.entries(sent)) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) { onProgress?.(1); resolve(xhr.responseText); }
        else reject(new HttpError(xhr.status, `Upload failed with HTTP ${xhr.status}`));
      };
      xhr.onerror = () => reject(new Error('Upload failed (network error)'));
      xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(form);
    });
  }
}
