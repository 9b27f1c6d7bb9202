import { describe, expect, it } from 'vitest';
import { applyUpdate, initialState, reduce, stateFromThread, type ChatState } from '../src/reducer';
import type { StreamEvent, ThreadItem } from '../src/types';
import { list, readJson } from './fixtures';

const item = (over: Partial<ThreadItem>): ThreadItem => ({ id: 'i1', thread_id: 't1', created_at: '2025-01-01T00:00:00', type: 'assistant_message', content: [], ...over });
const run = (events: StreamEvent[], s: ChatState = initialState()) => events.reduce(reduce, s);
const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === 'object') { Object.freeze(o); for (const v of Object.values(o)) deepFreeze(v); }
  return o;
};

describe('catalog events', () => {
  const files = list('catalog/events');
  it('has every event type of docs/protocol.md §5.1', () => {
    const types = new Set(files.map((f) => readJson(`catalog/events/${f}`).type));
    for (const t of ['thread.created', 'thread.updated', 'thread.item.added', 'thread.item.updated', 'thread.item.done', 'thread.item.removed', 'thread.item.replaced', 'stream_options', 'progress_update', 'client_effect', 'error', 'notice']) {
      expect(types.has(t), t).toBe(true);
    }
  });

  it('never mutates the previous state', () => {
    let s = deepFreeze(initialState());
    s = deepFreeze(reduce(s, { type: 'thread.item.added', item: item({ id: 'msg_2b3c4d5e' }) }));
    for (const f of files) {
      const next = reduce(s, readJson(`catalog/events/${f}`));
      expect(next).toBeDefined();
    }
  });

  it('thread.created / thread.updated set metadata without the item page', () => {
    const created = readJson('catalog/events/thread.created.json');
    let s = reduce(initialState(), created);
    expect(s.thread?.id).toBe('thr_4f2a9c1b');
    expect(s.thread).not.toHaveProperty('items');
    s = reduce(s, readJson('catalog/events/thread.updated.json'));
    expect(s.thread?.title).toBe('Trip planning');
    expect(s.thread?.status).toEqual({ type: 'locked', reason: 'Escalated to support' });
    expect(s.thread?.allowed_image_domains).toEqual(['images.example.com']);
  });

  it('thread.item.added appends and marks pending; done replaces in place and clears pending', () => {
    const added = readJson('catalog/events/thread.item.added.json');
    let s = reduce(initialState(), { type: 'progress_update', text: 'x' });
    s = reduce(s, added);
    expect(s.items).toEqual([added.item]);
    expect(s.pending).toEqual([added.item.id]);
    expect(s.progress).toBeNull();
    const done = readJson('catalog/events/thread.item.done.json');
    s = reduce(s, done);
    expect(s.items).toEqual([done.item]);
    expect(s.pending).toEqual([]);
  });

  it('thread.item.done of a new item appends it', () => {
    const done = readJson('catalog/events/thread.item.done.json');
    const s = run([{ type: 'thread.item.done', item: item({ id: 'first' }) }, done]);
    expect(s.items.map((i) => i.id)).toEqual(['first', done.item.id]);
  });

  it('thread.item.removed removes the item', () => {
    const removed = readJson('catalog/events/thread.item.removed.json');
    const s = run([{ type: 'thread.item.added', item: item({ id: removed.item_id }) }, { type: 'thread.item.done', item: item({ id: 'other' }) }, removed]);
    expect(s.items.map((i) => i.id)).toEqual(['other']);
    expect(s.pending).toEqual([]);
  });

  it('thread.item.replaced replaces in place (upsert)', () => {
    const replaced = readJson('catalog/events/thread.item.replaced.json');
    const s = run([
      { type: 'thread.item.done', item: item({ id: 'a' }) },
      { type: 'thread.item.done', item: item({ id: replaced.item.id, type: 'structured_input', status: 'pending', inputs: [] }) },
      { type: 'thread.item.done', item: item({ id: 'b' }) },
      replaced,
    ]);
    expect(s.items.map((i) => i.id)).toEqual(['a', replaced.item.id, 'b']);
    expect(s.items[1]).toEqual(replaced.item);
    expect(run([replaced]).items).toEqual([replaced.item]);
  });

  it('thread.item.updated applies the update to the item', () => {
    const upd = readJson('catalog/events/thread.item.updated.json');
    const s = run([{ type: 'thread.item.added', item: item({ id: upd.item_id }) }, upd]);
    expect(s.items[0].content).toEqual([{ annotations: [], text: 'Hel', type: 'output_text' }]);
  });

  it('thread.item.updated for an unknown item is ignored', () => {
    const s0 = initialState();
    expect(reduce(s0, readJson('catalog/events/thread.item.updated.json'))).toBe(s0);
  });

  it('stream_options, progress_update, notice, error, client_effect', () => {
    let s = reduce(initialState(), readJson('catalog/events/stream_options.json'));
    expect(s.streamOptions).toEqual({ allow_cancel: true });
    s = reduce(s, readJson('catalog/events/progress_update.json'));
    expect(s.progress).toEqual({ icon: 'search', text: 'Searching tickets...' });
    s = reduce(s, readJson('catalog/events/progress_update.no_icon.json'));
    expect(s.progress).toEqual({ text: 'Working...' });
    s = reduce(s, readJson('catalog/events/notice.json'));
    expect(s.notices).toEqual([{ level: 'warning', message: "You've used 90 of 100 messages. [Upgrade](https://example.com/upgrade)", title: 'Heads up' }]);
    s = reduce(s, { type: 'thread.item.done', item: item({ id: 'u1', type: 'user_message' }) });
    s = reduce(s, readJson('catalog/events/error.custom.json'));
    expect(s.error).toEqual({ code: 'custom', message: 'You have reached your daily limit.', allow_retry: false, afterItemId: 'u1' });
    expect(s.progress).toBeNull();
    s = reduce(s, readJson('catalog/events/error.stream_error.json'));
    expect(s.error).toMatchObject({ code: 'stream.error', allow_retry: true });
    expect(reduce(s, readJson('catalog/events/client_effect.json'))).toBe(s);
  });

  it('hidden context items are never shown', () => {
    for (const f of ['hidden_context_item.json', 'sdk_hidden_context.json']) {
      const hidden = readJson(`catalog/items/${f}`);
      expect(run([{ type: 'thread.item.done', item: hidden }]).items).toEqual([]);
      expect(stateFromThread({ id: 't', created_at: '', items: { data: [hidden], has_more: false } }).items).toEqual([]);
    }
  });

  it('unknown event types are ignored', () => {
    const s = initialState();
    expect(reduce(s, { type: 'something.new' } as any)).toBe(s);
  });
});

describe('catalog updates (docs/protocol.md §5.2)', () => {
  it('covers every update variant', () => {
    const types = list('catalog/updates').map((f) => readJson(`catalog/updates/${f}`).type).sort();
    expect(types).toEqual([
      'assistant_message.content_part.added', 'assistant_message.content_part.annotation_added', 'assistant_message.content_part.done',
      'assistant_message.content_part.text_delta', 'generated_image.updated', 'widget.component.updated', 'widget.root.updated',
      'widget.streaming_text.value_delta', 'workflow.task.added', 'workflow.task.updated',
    ]);
  });

  it('content_part.added replaces the part at content_index (padding if needed)', () => {
    const u = readJson('catalog/updates/assistant_message.content_part.added.json');
    expect(applyUpdate(item({}), u).content).toEqual([u.content]);
    const padded = applyUpdate(item({}), { ...u, content_index: 2 });
    expect(padded.content).toEqual([{ annotations: [], text: '', type: 'output_text' }, { annotations: [], text: '', type: 'output_text' }, u.content]);
  });

  it('text_delta appends, padding missing parts', () => {
    const u = readJson('catalog/updates/assistant_message.content_part.text_delta.json');
    const once = applyUpdate(item({}), u);
    expect(once.content).toEqual([{ annotations: [], text: 'Hel', type: 'output_text' }]);
    expect(applyUpdate(once, { ...u, delta: 'lo' }).content![0].text).toBe('Hello');
  });

  it('annotation_added inserts at annotation_index or appends when beyond the end', () => {
    const u = readJson('catalog/updates/assistant_message.content_part.annotation_added.json');
    const a = (t: string) => ({ type: 'annotation', source: { type: 'url', title: t, url: `https://${t}` } });
    const base = item({ content: [{ annotations: [a('x'), a('y')], text: 'Hello', type: 'output_text' }] });
    expect(applyUpdate(base, u).content![0].annotations.map((x: any) => x.source.title)).toEqual(['Example', 'x', 'y']);
    expect(applyUpdate(base, { ...u, annotation_index: 1 }).content![0].annotations.map((x: any) => x.source.title)).toEqual(['x', 'Example', 'y']);
    expect(applyUpdate(base, { ...u, annotation_index: 9 }).content![0].annotations.map((x: any) => x.source.title)).toEqual(['x', 'y', 'Example']);
  });

  it('content_part.done replaces the part with its final state', () => {
    const u = readJson('catalog/updates/assistant_message.content_part.done.json');
    const base = item({ content: [{ annotations: [], text: 'Hel', type: 'output_text' }] });
    expect(applyUpdate(base, u).content).toEqual([u.content]);
  });

  it('workflow.task.added appends (ignoring task_index); task.updated replaces at task_index', () => {
    const wf = readJson('catalog/items/workflow.json');
    const added = readJson('catalog/updates/workflow.task.added.json');
    const n = wf.workflow.tasks.length;
    const after = applyUpdate(wf, { ...added, task_index: 0 });
    expect(after.workflow!.tasks.length).toBe(n + 1);
    expect(after.workflow!.tasks[n]).toEqual(added.task);
    const upd = readJson('catalog/updates/workflow.task.updated.json');
    const replaced = applyUpdate(after, upd);
    expect(replaced.workflow!.tasks[0]).toEqual(upd.task);
    expect(replaced.workflow!.tasks.slice(1)).toEqual(after.workflow!.tasks.slice(1));
    expect(wf.workflow.tasks.length).toBe(n); // input untouched
  });

  it('widget.root.updated replaces the whole widget', () => {
    const w = readJson('catalog/items/widget.json');
    const u = readJson('catalog/updates/widget.root.updated.json');
    expect(applyUpdate(w, u).widget).toEqual(u.widget);
  });

  it('widget.component.updated replaces the node with that id, at any depth', () => {
    const u = readJson('catalog/updates/widget.component.updated.json');
    const w = item({ type: 'widget', widget: { type: 'Card', children: [{ type: 'Col', children: [{ type: 'Text', id: 'status_text', value: 'Working' }, { type: 'Text', id: 'other', value: 'x' }] }] } });
    const next = applyUpdate(w, u);
    expect(next.widget!.children[0].children).toEqual([u.component, { type: 'Text', id: 'other', value: 'x' }]);
    // Transition holds a single child object
    const t = item({ type: 'widget', widget: { type: 'Basic', children: [{ type: 'Transition', children: { type: 'Text', id: 'status_text', value: 'a' } }] } });
    expect(applyUpdate(t, u).widget!.children[0].children).toEqual(u.component);
  });

  it('widget.streaming_text.value_delta appends to the node value', () => {
    const u = readJson('catalog/updates/widget.streaming_text.value_delta.json');
    const w = item({ type: 'widget', widget: { type: 'Card', children: [{ type: 'Markdown', id: 'body', value: 'A young', streaming: true }] } });
    expect(applyUpdate(w, u).widget!.children[0].value).toBe('A young wizard.');
    const unknown = applyUpdate(w, { ...u, component_id: 'nope' });
    expect(unknown.widget).toEqual(w.widget);
  });

  it('generated_image.updated sets image and progress', () => {
    const pending = readJson('catalog/items/generated_image.pending.json');
    const u = readJson('catalog/updates/generated_image.updated.json');
    const next = applyUpdate(pending, u);
    expect(next.image).toEqual(u.image);
    expect(next.progress).toBe(0.33);
  });

  it('updates of the wrong item type leave the item unchanged', () => {
    const message = deepFreeze(item({ content: [{ annotations: [], text: 'Hello', type: 'output_text' }] }));
    const widgetUpdate = readJson('catalog/updates/widget.root.updated.json');
    expect(applyUpdate(message, widgetUpdate)).toBe(message);
    const widget = deepFreeze(readJson('catalog/items/widget.json'));
    const delta = readJson('catalog/updates/assistant_message.content_part.text_delta.json');
    expect(applyUpdate(widget, delta)).toBe(widget);
    const workflow = deepFreeze(readJson('catalog/items/workflow.json'));
    expect(applyUpdate(workflow, readJson('catalog/updates/generated_image.updated.json'))).toBe(workflow);
    // Through the reducer: the state is left as it was, and the message still renders its text.
    const s = deepFreeze(run([{ type: 'thread.item.done', item: message }]));
    const next = reduce(s, { type: 'thread.item.updated', item_id: message.id, update: widgetUpdate });
    expect(next).toBe(s);
    expect(next.items).toEqual([{ ...message }]);
    expect(next.items[0]).not.toHaveProperty('widget');
  });
});

describe('widget diff cases (docs/widgets.md §5)', () => {
  const cases = readJson('widget-diff-cases.json');
  for (const c of cases) {
    const updates = c.expected_updates ?? [];
    const silent = updates.length === 0 && JSON.stringify(c.before) !== JSON.stringify(c.after);
    it(`${c.name}: applying the expected updates to "before" yields ${silent ? 'before (silent change)' : '"after"'}`, () => {
      let w = item({ type: 'widget', widget: JSON.parse(JSON.stringify(c.before)) });
      for (const u of updates) w = applyUpdate(w, u);
      if (silent) expect(w.widget).toEqual(c.before);
      else expect(w.widget).toEqual(c.after);
    });
  }
});

describe('recorded exchanges', () => {
  const files = list('exchanges').filter((f) => readJson(`exchanges/${f}`).response_kind === 'sse');

  for (const f of files) {
    it(`${f}: every streamed item ends up exactly as its thread.item.done`, () => {
      const ex = readJson(`exchanges/${f}`);
      let s = initialState();
      for (const ev of ex.events as StreamEvent[]) {
        if (ev.type === 'thread.item.done') {
          const before = s.items.find((i) => i.id === ev.item.id);
          // Streamed assistant messages and widgets must already match the final item.
          if (before && (ev.item.type === 'assistant_message' || ev.item.type === 'widget')) expect(before).toEqual(ev.item);
        }
        s = reduce(s, ev);
      }
      for (const ev of ex.events as StreamEvent[]) {
        if (ev.type === 'thread.item.done' && !['hidden_context_item', 'sdk_hidden_context'].includes(ev.item.type)) {
          expect(s.items.find((i) => i.id === ev.item.id)).toEqual(ev.item);
        }
      }
      if (ex.events.some((e: any) => e.type === 'thread.created')) expect(s.thread?.id).toBe(ex.events[0].thread.id);
    });
  }

  it('02 streamed: progress, then text and annotation streaming', () => {
    const ex = readJson('exchanges/02-threads.add_user_message.streamed.json');
    const states = [] as ChatState[];
    ex.events.reduce((s: ChatState, e: StreamEvent) => { const n = reduce(s, e); states.push(n); return n; }, initialState());
    expect(states[2].progress).toEqual({ icon: 'sparkle', text: 'Thinking...' });
    expect(states[3].progress).toBeNull();
    expect(states[3].pending).toEqual(['msg_a6a3a450']);
    expect(states[5].items[1].content![0].text).toBe('Hello, ');
    expect(states[6].items[1].content![0].text).toBe('Hello, world!');
    expect(states[7].items[1].content![0].annotations).toHaveLength(1);
    expect(states[states.length - 1].pending).toEqual([]);
  });

  it('09 custom error followed by thread.updated', () => {
    const ex = readJson('exchanges/09-threads.add_user_message.custom_error.json');
    const s = run(ex.events);
    expect(s.error).toMatchObject({ code: 'custom', message: 'You have reached your daily limit.', allow_retry: false });
    expect(s.thread?.title).toBe('Quota check');
  });

  it('14 widget streaming applies value deltas and the final root update', () => {
    const ex = readJson('exchanges/14-threads.add_user_message.widget_streaming.json');
    const s = run(ex.events.slice(0, 4));
    const body = s.items[1].widget!.children.find((c: any) => c.id === 'body');
    expect(body.value).toBe('Dear Harry,');
  });

  it('35 client cancel: the pending assistant message holds the partial text', () => {
    const ex = readJson('exchanges/35-threads.create.client_cancels.json');
    const s = run(ex.events);
    const persisted = ex.persisted_items_after.find((i: any) => i.type === 'assistant_message');
    expect(s.items.find((i) => i.id === persisted.id)).toEqual(persisted);
    expect(s.pending.length).toBe(2);
  });

  it('26 get_by_id builds a state from the thread response', () => {
    const ex = readJson('exchanges/26-threads.get_by_id.json');
    const s = stateFromThread(ex.response);
    expect(s.thread?.title).toBe('Quota check');
    expect(s.items.length).toBe(ex.response.items.data.length);
  });
});
