// Minimal Server-Sent-Events parser for the ChatKit framing (`data: {json}\n\n`).
// Tolerates CRLF, multi-line `data:` fields, comments and other SSE fields.

export class SseParser {
  private buffer = '';
  private data: string[] = [];

  /** Feeds a decoded text chunk; returns the payloads of the completed events. */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const out: string[] = [];
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
    const out: string[] = [];
    if (this.buffer.length) this.line(this.buffer, out);
    this.buffer = '';
    if (this.data.length) out.push(this.data.join('\n'));
    this.data = [];
    return out;
  }

  private line(line: string, out: string[]) {
    if (line === '') {
      if (this.data.length) out.push(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
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
      for (const payload of parser.push(decoder.decode(value, { stream: true }))) yield parseJson(payload);
    }
    for (const payload of parser.push(decoder.decode())) yield parseJson(payload);
    for (const payload of parser.end()) yield parseJson(payload);
  } finally {
    reader.releaseLock?.();
  }
}

function parseJson(payload: string): any {
  try {
    return JSON.parse(payload);
  } catch {
    return { type: 'chatkit.invalid', raw: payload };
  }
}
