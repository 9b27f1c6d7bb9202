// @vitest-environment jsdom
// Incremental rendering: streamed deltas append to the nodes already there, equal options change nothing on
// screen, and each finished message is announced once.
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(async () => {
  (globalThis as any).requestAnimationFrame ??= (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0);
  (document as any).execCommand ??= () => false;
  await import('../src/index');
});

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const json = (o: unknown) => new Response(JSON.stringify(o), { headers: { 'Content-Type': 'application/json' } });
const thread = { id: 'thr_1', created_at: '2025-06-01T12:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } };

/** A streamed response the test feeds event by event. */
function controlledStream() {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => { ctrl = c; } });
  const enc = new TextEncoder();
  return {
    response: new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    push: async (e: unknown) => { ctrl.enqueue(enc.encode(`data: ${JSON.stringify(e)}\n\n`)); await tick(20); },
    end: async () => { ctrl.close(); await tick(20); },
  };
}

function mount(fetch: (body: any) => Response | Promise<Response>, extra: Record<string, unknown> = {}) {
  const el = document.createElement('openai-chatkit') as any;
  document.body.append(el);
  const options = { api: { url: '/chatkit', domainKey: 'test', fetch: async (_u: string, init: RequestInit) => fetch(JSON.parse(String(init.body))) }, ...extra };
  el.setOptions(options);
  return { el, root: el.shadowRoot as ShadowRoot, options };
}

const delta = (text: string) => ({ type: 'thread.item.updated', item_id: 'msg_1', update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: text } });
const assistant = (text: string) => ({ id: 'msg_1', thread_id: 'thr_1', created_at: '2025-06-01T12:00:01', type: 'assistant_message', content: [{ type: 'output_text', text, annotations: [] }] });

describe('incremental rendering', () => {
  it('appends each delta to the DOM already there and announces the finished message once', async () => {
    const s = controlledStream();
    const { el, root } = mount(() => s.response);
    await tick(50);
    const announcer = root.querySelector('.ck-sr-only')!;
    const said: string[] = [];
    new MutationObserver(() => said.push(announcer.textContent ?? '')).observe(announcer, { childList: true, characterData: true, subtree: true });
    const sent = el.sendUserMessage({ text: 'hi' });
    await s.push({ type: 'thread.created', thread });
    await s.push({ type: 'thread.item.added', item: assistant('') });
    await s.push(delta('First paragraph'));
    const item = root.querySelector('.ck-item-assistant_message')!;
    const md = item.querySelector('.ck-markdown')!;
    // Even the paragraph still being written keeps its element; its text grows.
    const opening = md.querySelector('p')!;
    expect(opening.textContent).toBe('First paragraph');
    await s.push(delta(' goes on.\n\nSecond'));
    const first = md.querySelector('p')!;
    expect(first).toBe(opening);
    expect(first.textContent).toBe('First paragraph goes on.');
    await s.push(delta(' paragraph.'));
    await s.push(delta('\n\nThird.'));
    // The same nodes: the item, its Markdown container and the finished first paragraph.
    expect(root.querySelector('.ck-item-assistant_message')).toBe(item);
    expect(item.querySelector('.ck-markdown')).toBe(md);
    expect(md.querySelector('p')).toBe(first);
    expect(Array.from(md.querySelectorAll('p')).map((p) => p.textContent)).toEqual(['First paragraph goes on.', 'Second paragraph.', 'Third.']);
    expect(said).toEqual([]);
    await s.push({ type: 'thread.item.done', item: assistant('First paragraph goes on.\n\nSecond paragraph.\n\nThird.') });
    await s.end();
    await sent;
    expect(md.querySelector('p')).toBe(first);
    expect(said.filter((t) => t)).toEqual(['First paragraph goes on.\n\nSecond paragraph.\n\nThird.']);
    // The list is not itself live (it would read every delta).
    expect(root.querySelector('.ck-items')!.getAttribute('aria-live')).toBe('off');
    el.remove();
  });

  it('setOptions with equal options keeps rendered items, typed form text and open workflow panels', async () => {
    const widget = { id: 'w_1', thread_id: 'thr_1', created_at: '2025-06-01T12:00:02', type: 'widget', widget: { type: 'Card', asForm: true, children: [{ type: 'Input', name: 'city', placeholder: 'City' }] } };
    const workflow = { id: 'wf_1', thread_id: 'thr_1', created_at: '2025-06-01T12:00:03', type: 'workflow', workflow: { type: 'custom', expanded: false, tasks: [{ type: 'custom', title: 'Step one' }], summary: { title: 'Did things' } } };
    const full = { ...thread, title: 'T', items: { data: [assistant('Hello'), widget, workflow], has_more: false } };
    const { el, root, options } = mount((b) => json(b.type === 'threads.get_by_id' ? full : { data: [], has_more: false }));
    await el.setThreadId('thr_1');
    await tick(20);
    const input = root.querySelector<HTMLInputElement>('.ck-item-widget input[name="city"]')!;
    input.value = 'Lisbon';
    const summary = root.querySelector<HTMLElement>('.ck-item-workflow summary')!;
    summary.click();
    const details = root.querySelector<HTMLDetailsElement>('.ck-item-workflow details')!;
    expect(details.open).toBe(true);
    const items = Array.from(root.querySelectorAll('.ck-item'));
    const sendBtn = root.querySelector('.ck-send');
    const historyBtn = root.querySelector('.ck-history-btn');
    // What @openai/chatkit-react does on an ordinary re-render: equal options, new function identities.
    el.setOptions({ ...options, api: { ...options.api, fetch: (...a: any[]) => (options.api.fetch as any)(...a) } });
    await tick(20);
    expect(Array.from(root.querySelectorAll('.ck-item'))).toEqual(items);
    expect(root.querySelectorAll('.ck-item').length).toBe(3);
    items.forEach((it, i) => expect(root.querySelectorAll('.ck-item')[i]).toBe(it));
    expect(root.querySelector('.ck-item-widget input[name="city"]')).toBe(input);
    expect(input.value).toBe('Lisbon');
    expect(root.querySelector('.ck-item-workflow details')).toBe(details);
    expect(details.open).toBe(true);
    expect(root.querySelector('.ck-send')).toBe(sendBtn);
    expect(root.querySelector('.ck-history-btn')).toBe(historyBtn);

    // Changed options that affect items (the colour scheme) redraw them, keeping the typed text and the panel.
    el.setOptions({ ...options, theme: 'dark' });
    await tick(20);
    const redrawn = root.querySelector<HTMLInputElement>('.ck-item-widget input[name="city"]')!;
    expect(redrawn).not.toBe(input);
    expect(redrawn.value).toBe('Lisbon');
    expect(root.querySelector<HTMLDetailsElement>('.ck-item-workflow details')!.open).toBe(true);
    // ... but not the header, whose options did not change.
    expect(root.querySelector('.ck-history-btn')).toBe(historyBtn);
    el.remove();
  });
});
