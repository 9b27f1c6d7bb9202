// @vitest-environment jsdom
// Element-level tests: a fake `api.fetch` replays the recorded fixture exchanges.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readJson } from './fixtures';

beforeAll(async () => {
  // jsdom lacks these; the element only needs them to exist.
  (globalThis as any).requestAnimationFrame ??= (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0);
  (document as any).execCommand ??= () => false;
  await import('../src/index');
});

const sse = (events: unknown[]) => new Response(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join(''), { headers: { 'Content-Type': 'text/event-stream' } });
const json = (o: unknown) => new Response(JSON.stringify(o), { headers: { 'Content-Type': 'application/json' } });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function mount(routes: Record<string, (body: any) => Response>, extra: Record<string, unknown> = {}) {
  const el = document.createElement('openai-chatkit') as any;
  document.body.append(el);
  const calls: any[] = [];
  const events: { name: string; detail: any }[] = [];
  for (const n of ['chatkit.ready', 'chatkit.error', 'chatkit.response.start', 'chatkit.response.end', 'chatkit.thread.change', 'chatkit.effect', 'chatkit.thread.load.start', 'chatkit.thread.load.end', 'chatkit.tool.change', 'chatkit.log']) {
    el.addEventListener(n, (e: CustomEvent) => events.push({ name: n, detail: e.detail }));
  }
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    if (typeof init.body !== 'string') {
      calls.push({ url, method: init.method, form: init.body, headers: init.headers });
      return routes[`upload ${url}`]?.(init.body) ?? new Response('no upload route', { status: 404 });
    }
    const body = JSON.parse(String(init.body));
    calls.push({ url, body, headers: init.headers });
    const route = routes[body.type];
    if (!route) return new Response('no route', { status: 400 });
    return route(body);
  });
  el.setOptions({ api: { url: '/chatkit', domainKey: 'test', fetch }, locale: 'de', ...extra });
  return { el, calls, events, root: el.shadowRoot as ShadowRoot };
}

describe('<openai-chatkit> protocol flows (fixtures replayed through api.fetch)', () => {
  it('fires ready, creates a thread, renders the streamed reply and sends Accept-Language', async () => {
    const ex2 = readJson('exchanges/02-threads.add_user_message.streamed.json');
    const ex1 = readJson('exchanges/01-threads.create.json');
    const { el, calls, events, root } = mount({
      'threads.create': () => sse(ex1.events),
      'threads.add_user_message': () => sse(ex2.events),
    });
    await tick(50);
    expect(events.map((e) => e.name)).toContain('chatkit.ready');
    await el.sendUserMessage({ text: 'Hi there' });
    expect(calls[0].body).toEqual({ type: 'threads.create', params: { input: { content: [{ type: 'input_text', text: 'Hi there' }], attachments: [], inference_options: {} } }, metadata: {} });
    expect(calls[0].headers['Accept-Language']).toBe('de');
    expect(events.filter((e) => e.name === 'chatkit.thread.change').at(-1)!.detail).toEqual({ threadId: ex1.events[0].thread.id });
    await el.sendUserMessage({ text: 'Say hello again', model: 'gpt-4.1-mini' });
    expect(calls[1].body.params).toMatchObject({ thread_id: ex1.events[0].thread.id, input: { inference_options: { model: 'gpt-4.1-mini' } } });
    const assistants = root.querySelectorAll('.ck-item-assistant_message');
    expect(assistants.length).toBe(2);
    expect(assistants[1].querySelector('.ck-markdown')!.textContent).toContain('Hello, world!');
    expect(assistants[1].querySelector('.ck-sources a')!.getAttribute('href')).toBe('https://example.com/hello');
    expect(assistants[1].querySelector('.ck-cite')).not.toBeNull();
    const se = events.filter((e) => e.name === 'chatkit.response.start').length;
    expect(se).toBe(2);
    expect(events.filter((e) => e.name === 'chatkit.response.end').length).toBe(2);
    el.remove();
  });

  it('renders every catalog item type; hidden items stay hidden; German UI strings', async () => {
    const items = ['assistant_message', 'client_tool_call.completed', 'end_of_turn', 'generated_image', 'generated_image.pending', 'hidden_context_item', 'sdk_hidden_context', 'structured_input.answered', 'task', 'user_message', 'widget', 'workflow', 'workflow.reasoning'];
    const thread = { id: 'thr_4f2a9c1b', created_at: '2025-06-01T12:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } };
    const { el, root, events } = mount({
      'threads.create': () => sse([{ type: 'thread.created', thread }, ...items.map((n, i) => ({ type: 'thread.item.done', item: { ...readJson(`catalog/items/${n}.json`), id: `it_${i}` } }))]),
    });
    await el.sendUserMessage({ text: 'x' });
    const types = Array.from(root.querySelectorAll('.ck-item:not([hidden])')).map((e) => (e as HTMLElement).dataset.itemType);
    expect(types).toEqual(['assistant_message', 'client_tool_call', 'generated_image', 'generated_image', 'structured_input', 'task', 'user_message', 'widget', 'workflow', 'workflow']);
    expect((root.querySelector('.ck-start') as HTMLElement).hidden).toBe(true);
    expect(root.querySelector('.ck-item-generated_image.ck-item .ck-placeholder')?.textContent).toContain('Bild wird erzeugt');
    expect(root.querySelector('.ck-item-user_message .ck-tag')).not.toBeNull();
    expect(events.filter((e) => e.name === 'chatkit.error')).toEqual([]);
    el.remove();
  });

  it('answers a structured input with threads.add_structured_input', async () => {
    const pending = readJson('catalog/items/structured_input.pending.json');
    const thread = { id: pending.thread_id, created_at: '2025-06-01T12:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } };
    const { el, root, calls } = mount({
      'threads.create': () => sse([{ type: 'thread.created', thread }, { type: 'thread.item.done', item: pending }]),
      'threads.add_structured_input': () => sse([{ type: 'stream_options', stream_options: { allow_cancel: true } }, readJson('catalog/events/thread.item.replaced.json')]),
    });
    await el.sendUserMessage({ text: 'x' });
    const form = root.querySelector('.ck-structured-form') as HTMLFormElement;
    (form.querySelector('input[value="High"]') as HTMLInputElement).checked = true;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await tick(20);
    const req = calls.find((c) => c.body.type === 'threads.add_structured_input').body;
    expect(req.params).toEqual({ thread_id: pending.thread_id, item_id: pending.id, input: { status: 'answered', answers: { priority: { values: ['High'], skipped: false }, notes: { values: [], skipped: true } } } });
    expect(root.querySelector('.ck-structured-form')).toBeNull();
    expect(root.querySelector('.ck-item-structured_input')!.textContent).toContain('High');
    el.remove();
  });

  it('client tool calls: calls onClientTool and posts the result', async () => {
    const ex11 = readJson('exchanges/11-threads.add_user_message.client_tool_call.json');
    const ex12 = readJson('exchanges/12-threads.add_client_tool_output.json');
    const call = ex11.events.at(-1).item;
    const thread = { id: call.thread_id, created_at: '2025-06-01T12:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } };
    const onClientTool = vi.fn(async () => ({ ok: true, n: 1 }));
    const { el, calls, root } = mount({
      'threads.create': () => sse([{ type: 'thread.created', thread }, ...ex11.events]),
      'threads.add_client_tool_output': () => sse(ex12.events),
    }, { onClientTool });
    await el.sendUserMessage({ text: 'x' });
    await tick(20);
    expect(onClientTool).toHaveBeenCalledWith({ name: call.name, params: call.arguments });
    expect(calls.find((c) => c.body.type === 'threads.add_client_tool_output').body.params).toEqual({ thread_id: call.thread_id, result: { ok: true, n: 1 } });
    expect(root.querySelector('.ck-tool-call')!.getAttribute('data-status')).toBe('completed');
    el.remove();
  });

  it('widget actions route to custom_action / sync_custom_action / widgets.onAction', async () => {
    const thread = { id: 'thr_w', created_at: '2025-06-01T12:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } };
    const widgetItem = { id: 'msg_w', thread_id: 'thr_w', created_at: '2025-06-01T12:00:01', type: 'widget', widget: { type: 'Card', children: [
      { type: 'Text', id: 'status', value: 'Before' },
      { type: 'Button', label: 'stream', onClickAction: { type: 'a.stream', payload: { x: 1 } } },
      { type: 'Button', label: 'sync', onClickAction: { type: 'a.sync', streaming: false } },
      { type: 'Button', label: 'client', onClickAction: { type: 'a.client', handler: 'client', payload: { y: 2 } } },
    ] } };
    const sync = readJson('exchanges/18-threads.sync_custom_action.json').response.updated_item;
    const onAction = vi.fn(async () => {});
    const { el, calls, root } = mount({
      'threads.create': () => sse([{ type: 'thread.created', thread }, { type: 'thread.item.done', item: widgetItem }]),
      'threads.custom_action': () => sse([{ type: 'stream_options', stream_options: { allow_cancel: true } }, { type: 'thread.item.updated', item_id: 'msg_w', update: { type: 'widget.component.updated', component_id: 'status', component: { type: 'Text', id: 'status', value: 'After' } } }]),
      'threads.sync_custom_action': () => json({ updated_item: { ...sync, id: 'msg_w', thread_id: 'thr_w' } }),
    }, { widgets: { onAction } });
    await el.sendUserMessage({ text: 'x' });
    const btn = (label: string) => Array.from(root.querySelectorAll('.ck-item-widget button')).find((b) => b.textContent === label) as HTMLButtonElement;
    btn('stream').click();
    await tick(30);
    expect(calls.at(-1).body).toEqual({ type: 'threads.custom_action', params: { thread_id: 'thr_w', item_id: 'msg_w', action: { type: 'a.stream', payload: { x: 1 } } }, metadata: {} });
    expect(root.querySelector('[data-widget-id="status"]')!.textContent).toBe('After');
    btn('client').click();
    await tick(10);
    expect(onAction).toHaveBeenCalledWith({ type: 'a.client', payload: { y: 2 } }, { id: 'msg_w', widget: expect.objectContaining({ type: 'Card' }) });
    const before = calls.length;
    btn('sync').click();
    await tick(30);
    expect(calls.length).toBe(before + 1);
    expect(calls.at(-1).body.type).toBe('threads.sync_custom_action');
    expect(calls.at(-1).body.params.action).toEqual({ type: 'a.sync', payload: null });
    expect(root.querySelector('.ck-item-widget')!.textContent).toContain('Saved');
    el.remove();
  });

  it('shows errors with a retry button that sends threads.retry_after_item', async () => {
    const ex08 = readJson('exchanges/08-threads.add_user_message.respond_raises.json');
    const ex10 = readJson('exchanges/10-threads.retry_after_item.json');
    const user = ex08.events[0].item;
    const thread = { id: user.thread_id, created_at: '2025-06-01T12:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } };
    const { el, calls, root, events } = mount({
      'threads.create': () => sse([{ type: 'thread.created', thread }, ...ex08.events]),
      'threads.retry_after_item': () => sse(ex10.events),
    });
    await el.sendUserMessage({ text: 'x' });
    expect(root.querySelector('.ck-error')).not.toBeNull();
    expect(events.some((e) => e.name === 'chatkit.error' && e.detail.error instanceof Error)).toBe(true);
    (root.querySelector('.ck-error-retry') as HTMLButtonElement).click();
    await tick(30);
    expect(calls.at(-1).body.params).toEqual({ thread_id: user.thread_id, item_id: user.id });
    expect(root.querySelector('.ck-error')).toBeNull();
    el.remove();
  });

  it('loads a thread with setThreadId (get_by_id, then its newest page from items.list) and emits load events', async () => {
    const ex26 = readJson('exchanges/26-threads.get_by_id.json');
    // Exchange 25 is the thread's oldest page of four (has_more): get_by_id answers with it, and the element
    // asks items.list for the newest page (order desc, no cursor), which here holds the whole thread.
    const page1 = readJson('exchanges/25-items.list.asc.json').response;
    const all = ex26.response.items.data;
    const page2 = { data: all.slice(page1.data.length), has_more: false, after: null };
    const newest = { data: [...all].reverse(), has_more: false, after: null };
    expect(page1.has_more).toBe(true);
    expect(all.slice(0, page1.data.length)).toEqual(page1.data);
    expect(page2.data.length).toBeGreaterThan(0);
    const { el, calls, root, events } = mount({
      'threads.get_by_id': () => json({ ...ex26.response, items: page1 }),
      'items.list': () => json(newest),
    });
    await el.setThreadId(ex26.response.id);
    expect(calls.map((c) => c.body.type)).toEqual(['threads.get_by_id', 'items.list']);
    expect(calls[1].body.params).toEqual({ thread_id: ex26.response.id, order: 'desc', limit: 50 });
    expect(events.filter((e) => e.name.startsWith('chatkit.thread.load')).map((e) => [e.name, e.detail])).toEqual([
      ['chatkit.thread.load.start', { threadId: ex26.response.id }], ['chatkit.thread.load.end', { threadId: ex26.response.id }],
    ]);
    // The whole thread is shown, oldest first, each item once.
    const shown = Array.from(root.querySelectorAll('.ck-item:not([hidden])')).map((e) => (e as HTMLElement).dataset.itemId);
    expect(shown).toEqual(all.map((i: any) => i.id));
    const lastUser = [...page2.data].reverse().find((i: any) => i.type === 'user_message');
    const lastUserText = lastUser.content.filter((c: any) => c.type === 'input_text').map((c: any) => c.text).join('');
    expect(root.querySelector(`.ck-item[data-item-id="${lastUser.id}"]`)!.textContent).toContain(lastUserText.trim());
    expect(root.querySelector('.ck-title')!.textContent).toBe('Quota check');
    el.remove();
  });

  it('setOptions replaces options and the theme; tool selection emits chatkit.tool.change', async () => {
    const { el, root, events } = mount({}, { theme: { colorScheme: 'dark', color: { accent: { primary: '#ff0000', level: 2 } } }, composer: { tools: [{ id: 'search', label: 'Search', icon: 'search', pinned: true }] } });
    expect(el.getAttribute('data-color-scheme')).toBe('dark');
    expect(el.style.getPropertyValue('--ck-accent')).toBe('#ff0000');
    (root.querySelector('.ck-tool-toggle') as HTMLButtonElement).click();
    expect(events.filter((e) => e.name === 'chatkit.tool.change').map((e) => e.detail)).toEqual([{ toolId: 'search' }]);
    el.setOptions({ api: { url: '/x', domainKey: 'k' } });
    expect(el.getAttribute('data-color-scheme')).toBe('light');
    expect(el.style.getPropertyValue('--ck-accent')).toBe('');
    expect(root.querySelector('.ck-tool-toggle')).toBeNull();
    expect(events.filter((e) => e.name === 'chatkit.tool.change').map((e) => e.detail)).toEqual([{ toolId: 'search' }, { toolId: null }]);
    el.remove();
  });

  it('streams a widget (exchange 14), shows notices, and honours locked/closed thread status', async () => {
    const ex14 = readJson('exchanges/14-threads.add_user_message.widget_streaming.json');
    const thread = { id: 'thr_52e6b438', created_at: '2025-06-01T12:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } };
    const locked = readJson('catalog/events/thread.updated.json');
    const { el, root } = mount({
      'threads.create': () => sse([{ type: 'thread.created', thread }, ...ex14.events, readJson('catalog/events/notice.json'), locked]),
    });
    await el.sendUserMessage({ text: 'Draft a letter' });
    const final = ex14.events.at(-1).item;
    const body = root.querySelector('.ck-item-widget .ck-w-markdown')!;
    expect(body.textContent).toContain(final.widget.children.find((c: any) => c.id === 'body').value.split('\n')[0].slice(0, 10));
    const notice = root.querySelector('.ck-notice-warning')!;
    expect(notice.textContent).toContain('Heads up');
    expect(notice.querySelector('a')!.getAttribute('href')).toBe('https://example.com/upgrade');
    const editor = root.querySelector('.ck-editor') as HTMLElement;
    expect(editor.getAttribute('contenteditable')).toBe('false');
    expect(editor.getAttribute('data-placeholder')).toBe('Escalated to support');
    expect(root.querySelector('.ck-title')!.textContent).toBe('Trip planning');
    el.remove();
  });

  it('emits chatkit.deeplink for chatkit-link:// links and opens history via showHistory()', async () => {
    const page = readJson('exchanges/29-threads.list.json').response;
    const { el, root, calls } = mount({ 'threads.list': () => json(page) }, { disclaimer: { text: '[go](chatkit-link://open_order?id=7)' } });
    const got: any[] = [];
    el.addEventListener('chatkit.deeplink', (e: CustomEvent) => got.push(e.detail));
    (root.querySelector('.ck-disclaimer a') as HTMLAnchorElement).click();
    expect(got).toEqual([{ name: 'open_order', data: { id: '7' } }]);
    await el.showHistory();
    expect(calls.at(-1).body).toEqual({ type: 'threads.list', params: { limit: 20, order: 'desc', after: null }, metadata: {} });
    expect(root.querySelectorAll('.ck-history-row').length).toBe(page.data.length);
    await el.hideHistory();
    expect((root.querySelector('.ck-history') as HTMLElement).hidden).toBe(true);
    el.remove();
  });

  it('loads generated images only from inline data, its own origins or the allowed image domains', async () => {
    const base = readJson('catalog/items/generated_image.json');
    const thread = { id: 'thr_img', created_at: '2025-06-01T12:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false }, allowed_image_domains: ['images.example.com'] };
    const image = (id: string, url: string) => ({ type: 'thread.item.done', item: { ...base, id, thread_id: 'thr_img', image: { ...base.image, id, url } } });
    const { el, root } = mount({
      'threads.create': () => sse([{ type: 'thread.created', thread },
        image('gi_1', 'https://tracker.example.net/pixel.gif'),
        image('gi_2', 'https://images.example.com/cat.png'),
        image('gi_3', 'data:image/png;base64,AAAA')]),
    });
    await el.sendUserMessage({ text: 'x' });
    const loaded = Array.from(root.querySelectorAll('.ck-generated-image img')).map((i) => i.getAttribute('src'));
    expect(loaded).toEqual(['https://images.example.com/cat.png', 'data:image/png;base64,AAAA']);
    expect(root.querySelectorAll('.ck-generated-image .ck-blocked-image').length).toBe(1);
    el.remove();
  });

  it('uploads attachments with the two_phase strategy (attachments.create, then the descriptor URL)', async () => {
    const att = readJson('exchanges/03-attachments.create.image.json').response;
    const thread = { id: 'thr_a', created_at: '2025-06-01T12:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } };
    const { el, calls, root } = mount({
      'attachments.create': () => json(att),
      [`upload ${att.upload_descriptor.url}`]: () => new Response('', { status: 200 }),
      'threads.create': () => sse([{ type: 'thread.created', thread }]),
    }, { composer: { attachments: { enabled: true, maxCount: 2, maxSize: { 'image/*': 1000, '*': 10 }, accept: { 'image/*': ['.png'] } } } });
    el.setOptions({ ...el['opts'], api: { ...el['opts'].api, uploadStrategy: { type: 'two_phase' } } });
    // The descriptor's URL is on another origin: it is reached with the browser's own fetch, not api.fetch.
    const direct: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('XMLHttpRequest', undefined);
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => { direct.push({ url, init }); return new Response('', { status: 200 }); }));
    try {
      await el.setComposerValue({ text: 'look', files: [new File([new Uint8Array(20)], 'photo.png', { type: 'image/png' })] });
      await tick(30);
    } finally {
      vi.unstubAllGlobals();
    }
    const create = calls.find((c) => c.body?.type === 'attachments.create');
    expect(create.body.params).toEqual({ name: 'photo.png', size: 20, mime_type: 'image/png' });
    expect(calls.find((c) => c.url === att.upload_descriptor.url)).toBeUndefined();
    const upload = direct.find((c) => c.url === att.upload_descriptor.url)!;
    expect(upload.init.method).toBe('POST');
    expect(upload.init.headers).toEqual({ Authorization: 'Bearer upload-token' });
    expect((upload.init.body as FormData).get('file')).toBeInstanceOf(File);
    expect(root.querySelectorAll('.ck-upload-done').length).toBe(1);
    // Limits: too large, wrong type
    await el.setComposerValue({ files: [new File([new Uint8Array(2000)], 'big.png', { type: 'image/png' }), new File(['x'], 'a.txt', { type: 'text/plain' })] });
    expect(root.querySelectorAll('.ck-upload').length).toBe(1);
    (root.querySelector('form.ck-composer') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await tick(30);
    const sent = calls.find((c) => c.body?.type === 'threads.create').body.params.input;
    expect(sent.attachments).toEqual([att.id]);
    expect(sent.content).toEqual([{ type: 'input_text', text: 'look' }]);
    expect(root.querySelectorAll('.ck-upload').length).toBe(0);
    el.remove();
  });

  it('uploads attachments with the direct strategy (multipart field "file")', async () => {
    const att = { id: 'atc_1', name: 'notes.txt', mime_type: 'text/plain', type: 'file' };
    const { el, calls, root } = mount({ 'upload /upload': () => json(att) }, { composer: { attachments: { enabled: true } } });
    el.setOptions({ ...el['opts'], api: { ...el['opts'].api, uploadStrategy: { type: 'direct', uploadUrl: '/upload' } } });
    await el.setComposerValue({ files: [new File(['hello'], 'notes.txt', { type: 'text/plain' })] });
    await tick(30);
    const upload = calls.find((c) => c.url === '/upload');
    expect(upload.method).toBe('POST');
    expect(((upload.form as FormData).get('file') as File).name).toBe('notes.txt');
    expect(root.querySelector('.ck-upload-done')!.getAttribute('title')).toBe('notes.txt');
    el.remove();
  });

  it('shows the user message optimistically and gives the text back when the request fails', async () => {
    let release!: (r: Response) => void;
    const { el, root, events } = mount({ 'threads.create': () => new Response('boom', { status: 500 }) });
    const ex1 = readJson('exchanges/01-threads.create.json');
    // First: a slow successful request shows the message before the server echoes it.
    el.setOptions({ ...el['opts'], api: { ...el['opts'].api, fetch: () => new Promise<Response>((r) => (release = r)) } });
    const p = el.sendUserMessage({ text: 'Hi there' });
    await tick(5);
    expect(root.querySelector('.ck-item-user_message')!.textContent).toContain('Hi there');
    expect((root.querySelector('.ck-start') as HTMLElement).hidden).toBe(true);
    release(sse(ex1.events));
    await p;
    expect(Array.from(root.querySelectorAll('.ck-item-user_message')).map((e) => (e as HTMLElement).dataset.itemId)).toEqual([ex1.events[1].item.id]);
    // Then: a failing request removes it, shows an error and restores the composer text.
    el.setOptions({ ...el['opts'], api: { ...el['opts'].api, fetch: async () => new Response('boom', { status: 500 }) } });
    await el.sendUserMessage({ text: 'Second' });
    expect(root.querySelectorAll('.ck-item-user_message').length).toBe(1);
    expect(root.querySelector('.ck-error')).not.toBeNull();
    expect(root.querySelector('.ck-editor')!.textContent).toBe('Second');
    expect(events.some((e) => e.name === 'chatkit.error')).toBe(true);
    el.remove();
  });
});
