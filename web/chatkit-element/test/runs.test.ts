// @vitest-environment jsdom
// Runs (docs/protocol.md §16): the capability header, SSE cursors, re-attach on load and after a drop, stop by request.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SseParser, readSse } from '../src/sse';
import { cursorOf, reattachDelay } from '../src/runs';

beforeAll(async () => {
  (globalThis as any).requestAnimationFrame ??= (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0);
  (document as any).execCommand ??= () => false;
  await import('../src/index');
});

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const enc = new TextEncoder();
const RUN = 'run_0123456789abcdef0123456789abcdef';
const frame = (seq: number, e: unknown) => `id: ${RUN}.${seq}\ndata: ${JSON.stringify(e)}\n\n`;
const json = (o: unknown, status = 200) => new Response(JSON.stringify(o), { status, headers: { 'Content-Type': 'application/json' } });

const T = 'thr_1';
const user = { type: 'user_message', id: 'msg_u', thread_id: T, created_at: '2025-01-01T00:00:00Z', content: [{ type: 'input_text', text: 'Hi' }], attachments: [], inference_options: {} };
const added = { type: 'thread.item.added', item: { type: 'assistant_message', id: 'msg_a', thread_id: T, created_at: '2025-01-01T00:00:01Z', content: [] } };
const delta = (d: string) => ({ type: 'thread.item.updated', item_id: 'msg_a', update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: d } });
const done = (text: string) => ({ type: 'thread.item.done', item: { ...added.item, content: [{ type: 'output_text', text, annotations: [] }] } });
const runEvents = (text: string[]) => [
  { type: 'thread.created', thread: { id: T, created_at: '2025-01-01T00:00:00Z', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } } },
  { type: 'thread.item.done', item: user },
  { type: 'stream_options', stream_options: { allow_cancel: true } },
  added,
  ...text.map(delta),
  done(text.join('')),
];

/** A streamed body: the frames, then (optionally) a network failure instead of a clean end. */
function body(frames: string[], fail = false): Response {
  const stream = new ReadableStream<Uint8Array>({
    async start(c) {
      for (const f of frames) c.enqueue(enc.encode(f));
      await tick(5);
      if (fail) c.error(new TypeError('network error'));
      else c.close();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}

function mount(routes: Record<string, (body: any, n: number) => Response | Promise<Response>>) {
  const el = document.createElement('openai-chatkit') as any;
  document.body.append(el);
  const calls: any[] = [];
  const counts: Record<string, number> = {};
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const b = JSON.parse(String(init.body));
    calls.push({ body: b, headers: init.headers });
    counts[b.type] = (counts[b.type] ?? 0) + 1;
    const route = routes[b.type];
    return route ? route(b, counts[b.type]) : new Response('no route', { status: 400 });
  });
  el.setOptions({ api: { url: '/chatkit', domainKey: 'test', fetch } });
  return { el, calls, root: el.shadowRoot as ShadowRoot };
}

const replyText = (root: ShadowRoot) => Array.from(root.querySelectorAll('.ck-item-assistant_message')).map((e) => e.textContent?.trim());

describe('SSE cursors', () => {
  it('keeps the id of each frame apart from its event, and none for frames without one', async () => {
    const p = new SseParser();
    expect(p.pushEvents('id: a.1\ndata: {"x":1}\n\ndata: {"x":2}\n\n')).toEqual([{ data: '{"x":1}', id: 'a.1' }, { data: '{"x":2}' }]);
    expect(p.push('id: a.3\ndata: 3\n\n')).toEqual(['3']);
    const events: any[] = [];
    for await (const e of readSse(body([frame(7, { type: 'x' }), 'data: {"type":"y"}\n\n']).body!)) events.push(e);
    expect(events).toEqual([{ type: 'x' }, { type: 'y' }]);
    expect(cursorOf(events[0])).toBe(`${RUN}.7`);
    expect(cursorOf(events[1])).toBeNull();
    expect(Object.keys(events[0])).toEqual(['type']);
  });

  it('backs off between re-attach attempts, bounded', () => {
    expect([0, 1, 2, 3, 10].map(reattachDelay)).toEqual([250, 500, 1000, 2000, 4000]);
  });
});

describe('<openai-chatkit> and runs', () => {
  it('declares the capability and re-attaches after a network drop from its last event, without duplicates', async () => {
    const events = runEvents(['Hel', 'lo', ' there']);
    const frames = events.map((e, i) => frame(i + 1, e));
    const { el, calls, root } = mount({
      // The connection drops after the first delta (frame 5).
      'threads.create': () => body(frames.slice(0, 5), true),
      'threads.resume_run': (b) => body(frames.slice(Number(b.params.after.split('.').pop()))),
    });
    await tick(20);
    await el.sendUserMessage({ text: 'Hi' });
    await tick(400);
    expect(calls[0].headers['ChatKit-Resumable']).toBe('1');
    const resume = calls.find((c) => c.body.type === 'threads.resume_run');
    expect(resume.body.params).toEqual({ thread_id: T, after: `${RUN}.5` });
    expect(replyText(root)).toEqual(['Hello there']);
    el.remove();
  });

  it('opening a thread with an active run shows what is stored, then follows the run to its end', async () => {
    const stored = { ...added.item, content: [{ type: 'output_text', text: 'Hel', annotations: [] }] };
    const events = runEvents(['Hel', 'lo']);
    const { el, calls, root } = mount({
      'threads.get_by_id': () => json({ id: T, created_at: '2025-01-01T00:00:00Z', status: { type: 'active' }, metadata: {}, items: { data: [user, stored], has_more: false }, active_run: { id: RUN } }),
      'threads.resume_run': () => body(events.map((e, i) => frame(i + 1, e))),
    });
    await el.setThreadId(T);
    await tick(50);
    expect(calls.map((c) => c.body.type)).toEqual(['threads.get_by_id', 'threads.resume_run']);
    expect(calls[1].body.params).toEqual({ thread_id: T });
    expect(replyText(root)).toEqual(['Hello']);
    expect(root.querySelectorAll('.ck-item-user_message').length).toBe(1);
    el.remove();
  });

  it('the stop button stops a run by request', async () => {
    const events = runEvents(['Hel']).slice(0, 5);
    let release: () => void = () => {};
    const { el, calls, root } = mount({
      'threads.create': () => new Response(new ReadableStream<Uint8Array>({
        start(c) {
          events.forEach((e, i) => c.enqueue(enc.encode(frame(i + 1, e))));
          release = () => c.close();
        },
      }), { headers: { 'Content-Type': 'text/event-stream' } }),
      'threads.stop_run': () => { release(); return json({}); },
    });
    await tick(20);
    const sending = el.sendUserMessage({ text: 'Hi' });
    await tick(50);
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await sending;
    expect(calls.map((c) => c.body.type)).toEqual(['threads.create', 'threads.stop_run']);
    expect(calls[1].body.params).toEqual({ thread_id: T });
    el.remove();
  });
});
