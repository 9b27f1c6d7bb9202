import { describe, expect, it } from 'vitest';
import { readSse, SseParser } from '../src/sse';
import { list, readJson } from './fixtures';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({ start(c) { for (const x of chunks) c.enqueue(enc.encode(x)); c.close(); } });
}
async function collect(chunks: string[]) {
  const out: any[] = [];
  for await (const e of readSse(streamOf(chunks))) out.push(e);
  return out;
}

describe('SSE parsing', () => {
  for (const f of list('exchanges')) {
    const ex = readJson(`exchanges/${f}`);
    if (ex.response_kind !== 'sse') continue;
    it(`${f}: sse_raw parses to the recorded events (whole and byte-split)`, async () => {
      expect(await collect([ex.sse_raw])).toEqual(ex.events);
      const bytes = ex.sse_raw as string;
      const pieces: string[] = [];
      for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.slice(i, i + 7));
      expect(await collect(pieces)).toEqual(ex.events);
    });
  }

  it('handles CRLF, comments, multi-line data and a missing final blank line', () => {
    const p = new SseParser();
    const out = [...p.push(': hello\r\ndata: {"a":\r\ndata: 1}\r\n\r\nevent: x\nid: 3\ndata: {"b":2}\n\ndata: {"c":3}'), ...p.end()];
    expect(out.map((x) => JSON.parse(x))).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('keeps multi-byte UTF-8 split across chunks intact', async () => {
    const enc = new TextEncoder().encode('data: {"t":"héllo — ✓"}\n\n');
    const s = new ReadableStream<Uint8Array>({ start(c) { for (let i = 0; i < enc.length; i++) c.enqueue(enc.slice(i, i + 1)); c.close(); } });
    const out: any[] = [];
    for await (const e of readSse(s)) out.push(e);
    expect(out).toEqual([{ t: 'héllo — ✓' }]);
  });

  it('an empty stream yields nothing', async () => {
    expect(await collect([''])).toEqual([]);
  });
});
