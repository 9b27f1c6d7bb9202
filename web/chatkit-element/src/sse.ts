// Minimal Server-Sent-Events parser for the ChatKit framing (`data: {json}\n\n`).
// Tolerates CRLF, multi-line `data:` fields, comments and other SSE fields.

export interface SseEvent { data: string; id?: string }

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private id: string | undefined;

  /** Feeds a decoded text chunk; returns the payloads of the completed events. */
  push(chunk: string): string[] {
    return this.pushEvents(chunk).map((e) => e.data);
  }

  /** Feeds a decoded text chunk; returns the completed events with their `id` field, if they had one. */
  pushEvents(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const sepLen = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      // A lone trailing '\r' might be the first half of '\r\n': wait for more input.
      if (sepLen === 1 && this.buffer[nl] === '\r' && nl === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(nl + sepLen);
      this.line(line, out);
    }
    return out;
  }

  /** Flushes an event left unterminated at the end of the stream. */
  end(): string[] {
    return this.endEvents().map((e) => e.data);
  }

  endEvents(): SseEvent[] {
    const out: SseEvent[] = [];
    if (this.buffer.length) this.line(this.buffer, out);
    this.buffer = '';
    this.dispatch(out);
    return out;
  }

  private dispatch(out: SseEvent[]) {
    if (this.data.length) out.push(this.id === undefined ? { data: this.data.join('\n') } : { data: this.data.join('\n'), id: this.id });
    this.data = [];
    this.id = undefined;
  }

  private line(line: string, out: SseEvent[]) {
    if (line === '') {
      this.dispatch(out);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    // Run cursors (docs/protocol.md §16.2); an id holding NUL is ignored, as the SSE standard says.
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

/** Reads a fetch body as a sequence of parsed JSON events. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<any> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const e of parser.pushEvents(decoder.decode(value, { stream: true }))) yield withCursor(e);
    }
    for (const e of parser.pushEvents(decoder.decode())) yield withCursor(e);
    for (const e of parser.endEvents()) yield withCursor(e);
  } finally {
    reader.releaseLock?.();
  }
}

/** The SSE id of the frame an event came in (a run's cursor), kept out of the event's own fields. */
export const CURSOR: unique symbol = Symbol('chatkit.cursor');

function withCursor(e: SseEvent): any {
  const parsed = parseJson(e.data);
  if (e.id !== undefined && parsed && typeof parsed === 'object') Object.defineProperty(parsed, CURSOR, { value: e.id, enumerable: false });
  return parsed;
}

function parseJson(payload: string): any {
  try {
    return JSON.parse(payload);
  } catch {
    return { type: 'chatkit.invalid', raw: payload };
  }
}
