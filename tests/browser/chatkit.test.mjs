// Browser tests for <openai-chatkit> against the real demo host (BASE_URL).
// Run through run.sh, which starts the demo (with its offline assistant) and sets BASE_URL.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, ART, launchChromium } from './support.mjs';


/** Per-test time limit (the whole run is bounded by run.sh). */
const T = { timeout: 120000 };

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

/** The pages the running test opened: closed after it, and any uncaught error in them fails it. */
const opened = [];

async function newPage(options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  opened.push({ context, errors });
  return { page, context, errors };
}

afterEach(async () => {
  const done = opened.splice(0);
  await Promise.all(done.map((t) => t.context.close().catch(() => {})));
  assert.deepEqual(done.flatMap((t) => t.errors), [], 'uncaught errors in the page');
});

/** Opens a page in a fresh context and records every ChatKit request body. */
async function open(path = '/?theme=light', { viewport = { width: 1200, height: 820 }, locale = 'en-US' } = {}) {
  const { page, context, errors } = await newPage({ viewport, locale });
  const requests = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST') return;
    const url = new URL(r.url());
    if (url.pathname !== '/chatkit') return;
    let body = null;
    try { body = r.postDataJSON(); } catch { /* ignore */ }
    requests.push({ body, headers: r.headers() });
  });
  await page.goto(BASE + path);
  await page.waitForFunction(() => window.demo?.events?.some((e) => e.name === 'chatkit.ready'), null, { timeout: 15000 });
  return { page, context, requests, errors };
}

const ck = (page, sel) => page.locator(`openai-chatkit ${sel}`);
const count = (page, name) => page.evaluate((n) => window.demo.events.filter((e) => e.name === n).length, name);
const eventNames = (page) => page.evaluate(() => window.demo.events.map((e) => e.name));

/** Waits until at least `minEnds` responses have ended and none is running or about to start. */
async function waitIdle(page, minEnds) {
  await page.waitForFunction((n) => {
    const ev = window.demo.events;
    const starts = ev.filter((e) => e.name === 'chatkit.response.start').length;
    const ends = ev.filter((e) => e.name === 'chatkit.response.end').length;
    // A pending client tool call starts another stream (with its output) as soon as the page has answered it.
    const toolPending = document.querySelector('openai-chatkit').shadowRoot.querySelector('.ck-tool-call[data-status="pending"]');
    return ends >= n && starts === ends && !toolPending;
  }, minEnds, { timeout: 30000 });
}

async function type(page, text) {
  const ed = ck(page, '.ck-editor');
  await ed.click();
  await ed.pressSequentially(text, { delay: 5 });
}

async function send(page, text) {
  const ends = await count(page, 'chatkit.response.end');
  await type(page, text);
  await page.keyboard.press('Enter');
  await waitIdle(page, ends + 1);
}

const bodiesOf = (requests, type) => requests.filter((r) => r.body?.type === type).map((r) => r.body);

/** True for a POST of a ChatKit request of that type. */
function isChatKit(request, type) {
  if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/chatkit') return false;
  try { return request.postDataJSON()?.type === type; } catch { return false; }
}

/** The response to the next ChatKit request of that type, once its body has arrived. */
async function chatKitResponse(page, type, action) {
  const [response] = await Promise.all([page.waitForResponse((r) => isChatKit(r.request(), type), { timeout: 30000 }), action()]);
  await response.finished();
  return response;
}

/** Resolves with the next ChatKit request of that type once it is over, finished or failed (a stopped stream fails). */
function requestEnd(page, type) {
  return new Promise((resolve) => {
    const onEnd = (r) => {
      if (!isChatKit(r, type)) return;
      page.off('requestfinished', onEnd);
      page.off('requestfailed', onEnd);
      resolve(r);
    };
    page.on('requestfinished', onEnd);
    page.on('requestfailed', onEnd);
  });
}

/** Waits until the locator's text is exactly `expected`. */
async function waitForText(locator, expected, timeout = 15000) {
  const t0 = Date.now();
  let text;
  while ((text = await locator.innerText()) !== expected) {
    if (Date.now() - t0 > timeout) assert.fail(`expected the text ${JSON.stringify(expected)}, still ${JSON.stringify(text)} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The text blocks (paragraphs, code, raw text) of an item's Markdown, whitespace collapsed, citation marks left out. */
const blocksOf = (item) => item.locator('.ck-markdown').first().evaluate((md) => Array.from(md.childNodes).map((n) => {
  const copy = n.cloneNode(true);
  copy.querySelectorAll?.('.ck-cite').forEach((c) => c.remove());
  return copy.textContent.replace(/\s+/g, ' ').trim();
}).filter((t) => t.length > 0));
const lastReplyBlocks = (page) => blocksOf(ck(page, '.ck-item-assistant_message').last());

/** What the demo's offline assistant says (samples/ChatKit.Demo: OfflineAssistant, DemoReplies), as rendered text. */
const OFFLINE = {
  intro: "I'm the offline demo assistant: no model is configured, so I answer from a script. Set OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_MODEL) to chat with a real model.",
  suggestions: 'Try asking for a widget, a client tool, an error, a slow reply, or a markdown attack.',
  thought: 'No model is configured, so the offline demo assistant answers from a script.',
  error: 'The offline assistant was asked to fail. Press retry to try again.',
  slow: 'This reply streams slowly on purpose, one word at a time, so that you can try the stop button ' +
    'while it is still arriving. If you stop it now, the part you already saw is kept in the thread, ' +
    'and the next reply starts fresh. Words keep coming for a few more seconds so there is plenty of ' +
    'time to press stop before the end of this deliberately long and slow demonstration message.',
  markdownAttack: [
    'Here is some hostile Markdown that must render inert:',
    '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">',
    'click me',
    '[tracker]',
  ],
  source: { title: 'ChatKit protocol', url: 'https://github.com/openai/chatkit-python' },
};

/** The offline assistant's default answer to a message, paragraph by paragraph. */
const defaultReply = (said, { mentioned, attachments } = {}) => [
  OFFLINE.intro,
  `You said: ${said}`,
  ...(mentioned ? [`You mentioned: ${mentioned}.`] : []),
  ...(attachments ? [`Attachments: ${attachments}.`] : []),
  OFFLINE.suggestions,
];

const threadIdOf = (page) => page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.thread.change').at(-1)?.detail.threadId);

describe('openai-chatkit on the demo page', () => {
  it('sends a message and renders the streamed Markdown reply with workflow, sources and events', T, async () => {
    const t = await open();
    const { page, requests } = t;
    await send(page, 'Hello from the browser test');
    const user = ck(page, '.ck-item-user_message .ck-user-bubble').first();
    assert.equal(await user.innerText(), 'Hello from the browser test');
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('Hello from the browser test'));
    assert.equal(await ck(page, '.ck-item-workflow').count(), 1, 'workflow/reasoning item rendered');
    assert.equal(await ck(page, '.ck-item-workflow .ck-task-content').evaluate((e) => e.textContent.trim()), OFFLINE.thought);
    const sources = await ck(page, '.ck-item-assistant_message .ck-sources a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), title: a.querySelector('.ck-source-title')?.textContent })));
    assert.deepEqual(sources, [{ href: OFFLINE.source.url, title: OFFLINE.source.title }], 'url annotation rendered as a numbered source');
    const create = bodiesOf(requests, 'threads.create')[0];
    assert.ok(create, 'threads.create sent');
    assert.deepEqual(create.params.input.content, [{ type: 'input_text', text: 'Hello from the browser test' }]);
    assert.deepEqual(create.params.input.attachments, []);
    assert.equal(create.params.input.inference_options.model, 'offline-fast');
    assert.ok(requests.every((r) => r.headers['accept-language'] === 'en-US'), 'Accept-Language carries the locale');
    const change = await page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.thread.change').map((e) => e.detail.threadId));
    const created = change.filter((id) => id !== null);
    assert.equal(created.length, 1, `one thread.change for the new thread: ${JSON.stringify(change)}`);
    const threadId = created[0];
    assert.equal(change.at(-1), threadId);
    assert.match(threadId, /^\S+$/);
    const effects = await page.evaluate(() => window.demo.effects);
    assert.deepEqual(effects, [{ name: 'demo.toast', data: { message: 'Reply finished', threadId } }], 'client_effect demo.toast surfaced as chatkit.effect');
    // Second turn goes to threads.add_user_message on the same thread.
    await send(page, 'And a second message');
    const add = bodiesOf(requests, 'threads.add_user_message');
    assert.equal(add.length, 1);
    assert.equal(add[0].params.thread_id, threadId);
    assert.equal(await ck(page, '.ck-item-user_message').count(), 2);
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('And a second message'));
  });

  it('opens history, switches threads, renames and deletes', T, async () => {
    const t = await open();
    const { page, requests } = t;
    await send(page, 'First thread message');
    await ck(page, '.ck-new-chat').click();
    await ck(page, '.ck-start').waitFor();
    await send(page, 'Second thread message');
    await ck(page, '.ck-history-btn').click();
    await ck(page, '.ck-history-row').nth(1).waitFor();
    assert.ok(await count(page, 'chatkit.history.open') >= 1);
    assert.ok(bodiesOf(requests, 'threads.list').length >= 1, 'threads.list sent');
    const rows = ck(page, '.ck-history-row');
    const ids = await rows.evaluateAll((els) => els.map((e) => e.dataset.threadId));
    const current = await page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.thread.change').at(-1).detail.threadId);
    const other = ids.find((id) => id !== current);
    assert.ok(other, 'another thread is listed');
    const loadsBefore = await count(page, 'chatkit.thread.load.end');
    await ck(page, `.ck-history-row[data-thread-id="${other}"] .ck-history-open`).click();
    await page.waitForFunction((n) => window.demo.events.filter((e) => e.name === 'chatkit.thread.load.end').length > n, loadsBefore);
    await ck(page, '.ck-item-user_message').first().waitFor();
    assert.equal(await ck(page, '.ck-item-user_message').first().innerText(), 'First thread message');
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('First thread message'), 'the stored reply is shown');
    assert.ok(bodiesOf(requests, 'threads.get_by_id').some((b) => b.params.thread_id === other));
    const loadStart = await page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.thread.load.start').at(-1).detail);
    assert.deepEqual(loadStart, { threadId: other });

    // Rename
    await page.evaluate(() => document.getElementById('chatkit').showHistory());
    const row = ck(page, `.ck-history-row[data-thread-id="${other}"]`);
    await row.hover();
    await row.locator('.ck-history-rename').click();
    const input = ck(page, '.ck-rename-input');
    await input.fill('Renamed by test');
    await input.press('Enter');
    await ck(page, `.ck-history-row[data-thread-id="${other}"] .ck-history-open`).filter({ hasText: 'Renamed by test' }).waitFor();
    assert.deepEqual(bodiesOf(requests, 'threads.update').at(-1).params, { thread_id: other, title: 'Renamed by test' });

    // Delete (two-step confirm)
    const row2 = ck(page, `.ck-history-row[data-thread-id="${other}"]`);
    await row2.hover();
    await row2.locator('.ck-history-delete').click();
    await row2.locator('.ck-history-delete').click();
    await ck(page, `.ck-history-row[data-thread-id="${other}"]`).waitFor({ state: 'detached' });
    assert.deepEqual(bodiesOf(requests, 'threads.delete').at(-1).params, { thread_id: other });
    // The deleted thread was the open one: back to the start screen.
    await ck(page, '.ck-start').waitFor();
    await page.keyboard.press('Escape');
    assert.ok(await count(page, 'chatkit.history.close') >= 1);
  });

  it('retries after an error and from the message actions', T, async () => {
    const t = await open();
    const { page, requests } = t;
    await send(page, 'please raise an error');
    const err = ck(page, '.ck-error');
    await err.waitFor();
    assert.match(await err.innerText(), new RegExp(OFFLINE.error.replace(/[.]/g, '\\.')));
    const errorsSeen = await page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.error').map((e) => e.detail.error));
    assert.deepEqual(errorsSeen, [OFFLINE.error], 'chatkit.error fired for the error event');
    const userId = await ck(page, '.ck-item-user_message').last().getAttribute('data-item-id');
    const ends = await count(page, 'chatkit.response.end');
    await ck(page, '.ck-error-retry').click();
    await waitIdle(page, ends + 1);
    const retry = bodiesOf(requests, 'threads.retry_after_item').at(-1);
    assert.equal(retry.params.item_id, userId);
    // The same message fails the same way again: the error is shown once, and no reply appeared.
    assert.equal(await ck(page, '.ck-error').count(), 1);
    assert.match(await ck(page, '.ck-error').innerText(), new RegExp(OFFLINE.error.replace(/[.]/g, '\\.')));
    assert.equal(await count(page, 'chatkit.error'), 2);
    assert.equal(await ck(page, '.ck-item-user_message').count(), 1);
    assert.equal(await ck(page, '.ck-item-assistant_message').count(), 0);

    await ck(page, '.ck-new-chat').click();
    await ck(page, '.ck-start').waitFor();
    await send(page, 'A normal question');
    const before = await ck(page, '.ck-item-assistant_message').last().getAttribute('data-item-id');
    const uid = await ck(page, '.ck-item-user_message').last().getAttribute('data-item-id');
    const e2 = await count(page, 'chatkit.response.end');
    await ck(page, '.ck-action-retry').last().click();
    await waitIdle(page, e2 + 1);
    assert.equal(bodiesOf(requests, 'threads.retry_after_item').at(-1).params.item_id, uid);
    // Everything after the retried message is the new answer: one workflow and one reply, the old ones gone.
    const itemsAfter = (id) => page.evaluate((uid) => {
      const items = Array.from(document.getElementById('chatkit').shadowRoot.querySelectorAll('.ck-item:not([hidden])'));
      const at = items.findIndex((e) => e.dataset.itemId === uid);
      return at < 0 ? null : items.slice(at + 1).map((e) => ({ id: e.dataset.itemId, type: Array.from(e.classList).find((c) => c.startsWith('ck-item-')) }));
    }, id);
    const shown = await itemsAfter(uid);
    assert.deepEqual(shown.map((i) => i.type), ['ck-item-workflow', 'ck-item-assistant_message'], JSON.stringify(shown));
    assert.equal(await ck(page, `.ck-item[data-item-id="${before}"]`).count(), 0, 'the old reply is gone');
    assert.notEqual(shown[1].id, before);
    assert.deepEqual(await blocksOf(ck(page, `.ck-item[data-item-id="${shown[1].id}"]`)), defaultReply('A normal question'));
    assert.equal(await ck(page, '.ck-item-user_message').count(), 1);
    // The server replaced them too: reloading the thread shows the same items.
    await page.evaluate(() => document.getElementById('chatkit').fetchUpdates());
    assert.deepEqual(await itemsAfter(uid), shown);
  });

  it('sends feedback for a response', T, async () => {
    const t = await open();
    const { page, requests } = t;
    await send(page, 'Rate this answer');
    const itemId = await ck(page, '.ck-item-assistant_message').last().getAttribute('data-item-id');
    const response = await chatKitResponse(page, 'items.feedback', () => ck(page, '.ck-action-feedback-positive').last().click());
    assert.equal(response.status(), 200);
    await ck(page, '.ck-action-feedback-positive[aria-pressed="true"]').waitFor();
    const fb = bodiesOf(requests, 'items.feedback');
    assert.equal(fb.length, 1);
    assert.deepEqual(fb[0].params, { thread_id: await threadIdOf(page), item_ids: [itemId], kind: 'positive' });
    assert.equal(await ck(page, '.ck-action-feedback-negative').last().isDisabled(), true);
  });

  it('widget actions: server streaming update in place, sync action, client action, form values', T, async () => {
    const t = await open();
    const { page, requests } = t;
    await send(page, 'show me a widget');
    const widget = ck(page, '.ck-item-widget').last();
    await widget.waitFor();
    const counter = widget.locator('[data-widget-id="counter"]');
    assert.equal(await counter.innerText(), 'Count: 0');
    assert.equal(await widget.locator('[data-widget-id="note"]').innerText(), 'No note yet.');
    const widgetId = await widget.getAttribute('data-item-id');
    await page.screenshot({ path: join(ART, 'widget-light.png') });

    // Server streaming action -> threads.custom_action -> widget updated in place
    const ends = await count(page, 'chatkit.response.end');
    await widget.locator('[data-action-type="demo.increment"]').click();
    await waitIdle(page, ends + 1);
    const ca = bodiesOf(requests, 'threads.custom_action').at(-1);
    assert.equal(ca.params.action.type, 'demo.increment');
    assert.deepEqual(ca.params.action.payload, { by: 1 });
    assert.equal(ca.params.item_id, widgetId);
    const w2 = ck(page, `.ck-item-widget[data-item-id="${widgetId}"]`);
    const counter2 = w2.locator('[data-widget-id="counter"]');
    await waitForText(counter2, 'Count: 1');
    assert.equal(await ck(page, '.ck-item-widget').count(), 1, 'widget replaced, not duplicated');

    // streaming:false -> threads.sync_custom_action, answered with the re-rendered widget
    const sync = await chatKitResponse(page, 'threads.sync_custom_action', () => w2.locator('[data-action-type="demo.reset"]').click());
    assert.equal(sync.status(), 200);
    assert.equal(sync.request().postDataJSON().params.action.type, 'demo.reset');
    await waitForText(counter2, 'Count: 0');
    assert.equal(await ck(page, '.ck-item-widget').count(), 1);

    // handler:"client" -> widgets.onAction, nothing sent (checked below: the form's request is the next one)
    const sent = requests.length;
    await ck(page, `.ck-item-widget[data-item-id="${widgetId}"] [data-action-type="demo.client"]`).click();
    await page.waitForFunction(() => window.demo.clientActions.length > 0);
    const ca2 = await page.evaluate(() => window.demo.clientActions);
    assert.equal(ca2.length, 1);
    assert.deepEqual(ca2[0].action, { type: 'demo.client', payload: { count: 0 } });
    assert.equal(ca2[0].itemId, widgetId);

    // Form: values merged into the payload by name
    const e3 = await count(page, 'chatkit.response.end');
    const form = ck(page, `.ck-item-widget[data-item-id="${widgetId}"] :is(form, .ck-w-card):has(input[name="note"])`).last();
    await form.locator('input[name="note"]').fill('remember the milk');
    await form.locator('button[data-action-type="demo.note"], button[type="submit"]').first().click();
    await waitIdle(page, e3 + 1);
    const note = bodiesOf(requests, 'threads.custom_action').at(-1);
    assert.equal(note.params.action.type, 'demo.note');
    assert.equal(note.params.action.payload.note, 'remember the milk');
    await waitForText(w2.locator('[data-widget-id="note"]'), 'Note: remember the milk');
    assert.equal(await counter2.innerText(), 'Count: 0');
    // The only request since the client action is the form's: the client action did not reach the server.
    assert.deepEqual(requests.slice(sent).map((r) => r.body?.params?.action?.type ?? r.body?.type), ['demo.note']);
  });

  it('runs a client tool round trip', T, async () => {
    const t = await open();
    const { page, requests } = t;
    await send(page, 'run the client tool please');
    await waitFor(() => bodiesOf(requests, 'threads.add_client_tool_output').length > 0);
    await waitIdle(page, 2);
    const calls = await page.evaluate(() => window.demo.toolCalls);
    assert.deepEqual(calls, [{ name: 'get_browser_info', params: { fields: ['userAgent', 'language'] } }]);
    const out = bodiesOf(requests, 'threads.add_client_tool_output');
    assert.equal(out.length, 1);
    assert.equal(out[0].params.thread_id, await threadIdOf(page));
    const userAgent = await page.evaluate(() => navigator.userAgent);
    assert.deepEqual(out[0].params.result, { userAgent, language: 'en-US' });
    await ck(page, '.ck-tool-call[data-status="completed"]').waitFor();
    // The reply quotes the tool output: a sentence, then the JSON in a code block.
    assert.deepEqual((await lastReplyBlocks(page))[0], 'Your browser answered the get_browser_info tool with:');
    const quoted = await ck(page, '.ck-item-assistant_message').last().locator('.ck-markdown pre code').innerText();
    assert.deepEqual(JSON.parse(quoted), { userAgent, language: 'en-US' });
  });

  it('inserts an @-mention tag and sends it as input_tag', T, async () => {
    const t = await open();
    const { page, requests } = t;
    await type(page, 'Tell me about @Ada');
    await ck(page, '.ck-mention-option').first().waitFor();
    assert.match(await ck(page, '.ck-mention-menu').innerText(), /Ada Lovelace/);
    await page.keyboard.press('Enter');
    await ck(page, '.ck-editor .ck-tag').waitFor();
    const ends = await count(page, 'chatkit.response.end');
    await page.keyboard.type('please');
    await page.keyboard.press('Enter');
    await waitIdle(page, ends + 1);
    const content = bodiesOf(requests, 'threads.create').at(-1).params.input.content;
    const tag = content.find((c) => c.type === 'input_tag');
    assert.ok(tag, JSON.stringify(content));
    assert.equal(tag.id, 'person_ada');
    assert.equal(tag.text, 'Ada Lovelace');
    assert.equal(tag.group, 'People');
    assert.deepEqual(tag.data, { role: 'Mathematician' });
    assert.equal(content[0].type, 'input_text');
    assert.match(content[0].text, /Tell me about/);
    // Rendered as a tag in the user message, echoed in the reply, clickable (entities.onClick)
    const chip = ck(page, '.ck-item-user_message .ck-tag');
    assert.match(await chip.innerText(), /Ada Lovelace/);
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('Tell me about @Ada Lovelace please', { mentioned: 'Ada Lovelace (person_ada)' }));
    await chip.hover(); // entities.onRequestPreview -> Basic widget popover
    await ck(page, '.ck-preview').filter({ hasText: 'Mathematician' }).waitFor();
    await chip.click();
    await page.waitForFunction(() => window.demo.entityClicks.length > 0);
  });

  it('"/" command menu: onSearch, onSelect returning an entity or a submenu', T, async () => {
    const t = await open();
    const { page, requests } = t;
    await type(page, '/ment');
    await ck(page, '.ck-mention-option').filter({ hasText: 'Mention Ada' }).waitFor();
    await page.keyboard.press('Enter');
    await ck(page, '.ck-editor .ck-tag').filter({ hasText: 'Ada Lovelace' }).waitFor();
    await page.keyboard.type(' and /peo');
    await ck(page, '.ck-mention-option').filter({ hasText: 'People' }).first().waitFor();
    await ck(page, '.ck-mention-option').filter({ hasText: 'People' }).first().click();
    await ck(page, '.ck-mention-option').filter({ hasText: 'Alan Turing' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await ck(page, '.ck-editor .ck-tag').nth(1).waitFor();
    const ends = await count(page, 'chatkit.response.end');
    await page.keyboard.press('Enter');
    await waitIdle(page, ends + 1);
    const tags = bodiesOf(requests, 'threads.create').at(-1).params.input.content.filter((c) => c.type === 'input_tag').map((c) => c.id);
    assert.deepEqual(tags, ['person_ada', 'person_alan']);
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('@Ada Lovelace and @Alan Turing', { mentioned: 'Ada Lovelace (person_ada), Alan Turing (person_alan)' }));
  });

  it('switches theme (light/dark) and saves screenshots', T, async () => {
    const t = await open('/?theme=light');
    const { page } = t;
    await send(page, 'Show me something pretty');
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('Show me something pretty'));
    const host = page.locator('openai-chatkit');
    assert.equal(await host.getAttribute('data-color-scheme'), 'light');
    const bgLight = await ck(page, '.ck-app').evaluate((e) => getComputedStyle(e).backgroundColor);
    await page.screenshot({ path: join(ART, 'chat-light.png') });
    await page.click('#theme-toggle');
    await page.waitForFunction(() => document.getElementById('chatkit').getAttribute('data-color-scheme') === 'dark');
    const bgDark = await ck(page, '.ck-app').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.notEqual(bgLight, bgDark);
    // The thread survives the options replacement
    assert.equal(await ck(page, '.ck-item-assistant_message').count(), 1);
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('Show me something pretty'));
    await page.screenshot({ path: join(ART, 'chat-dark.png') });
    await ck(page, '.ck-new-chat').click();
    await page.screenshot({ path: join(ART, 'start-dark.png') });
  });

  it('setOptions replaces (does not merge) options; locale switches UI language and Accept-Language', T, async () => {
    const t = await open();
    const { page, requests } = t;
    assert.ok(await ck(page, '.ck-tool-toggle').count() >= 1);
    assert.ok(await ck(page, '.ck-model-select').count() === 1);
    await page.evaluate(() => document.getElementById('chatkit').setOptions({
      api: { url: '/chatkit', domainKey: 'local-dev' },
      locale: 'fr',
      startScreen: { greeting: 'Bonjour, test !' },
      history: { enabled: false },
    }));
    assert.equal(await ck(page, '.ck-greeting').innerText(), 'Bonjour, test !');
    assert.equal(await ck(page, '.ck-tool-toggle').count(), 0, 'tools gone');
    assert.equal(await ck(page, '.ck-model-select').count(), 0, 'models gone');
    assert.equal(await ck(page, '.ck-attach-btn').count(), 0, 'attachments gone');
    assert.equal(await ck(page, '.ck-history-btn').count(), 0, 'history gone');
    assert.equal(await ck(page, '.ck-prompt').count(), 0, 'prompts gone');
    // The French table is fetched on first use (English until it arrives).
    await page.waitForFunction(() => document.querySelector('openai-chatkit').shadowRoot.querySelector('.ck-editor')?.getAttribute('data-placeholder') === "Écrire à l'IA", null, { timeout: 15000 });
    assert.equal(await page.locator('openai-chatkit').getAttribute('data-color-scheme'), 'light');
    await send(page, 'Salut');
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('Salut'));
    assert.equal(requests.at(-1).headers['accept-language'], 'fr');
    assert.equal(bodiesOf(requests, 'threads.create').at(-1).params.input.inference_options.model, undefined);
  });

  it('fires every documented event', T, async () => {
    const t = await open();
    const { page } = t;
    await ck(page, '.ck-tool-toggle').first().click(); // chatkit.tool.change
    await send(page, 'first'); // response.start/end, thread.change, effect, log
    const threadId = await page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.thread.change').at(-1).detail.threadId);
    await page.evaluate(() => document.getElementById('chatkit').fetchUpdates());
    await page.evaluate((id) => document.getElementById('chatkit').setThreadId(id), threadId); // load.start/end
    await send(page, 'now an error'); // chatkit.error
    // chatkit.deeplink: a chatkit-link:// link in (Markdown) disclaimer text
    await page.evaluate(() => {
      const el = document.getElementById('chatkit');
      el.setOptions({ ...window.demo.options(), disclaimer: { text: '[Open order](chatkit-link://open_order?id=42)' } });
    });
    await ck(page, '.ck-disclaimer a').click();
    await page.evaluate(() => document.getElementById('chatkit').showHistory());
    await page.evaluate(() => document.getElementById('chatkit').hideHistory());
    const names = new Set(await eventNames(page));
    for (const n of ['chatkit.ready', 'chatkit.error', 'chatkit.log', 'chatkit.response.start', 'chatkit.response.end', 'chatkit.thread.change',
      'chatkit.thread.load.start', 'chatkit.thread.load.end', 'chatkit.tool.change', 'chatkit.effect', 'chatkit.deeplink', 'chatkit.history.open', 'chatkit.history.close']) {
      assert.ok(names.has(n), `missing ${n}`);
    }
    const deeplink = await page.evaluate(() => window.demo.events.find((e) => e.name === 'chatkit.deeplink').detail);
    assert.deepEqual(deeplink, { name: 'open_order', data: { id: '42' } });
    const tool = await page.evaluate(() => window.demo.events.find((e) => e.name === 'chatkit.tool.change').detail);
    assert.deepEqual(tool, { toolId: 'web_search' });
    const errors = await page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.error').map((e) => e.detail));
    assert.deepEqual(errors, [{ error: OFFLINE.error }]);
  });

  it('imperative methods: focusComposer, setComposerValue, sendUserMessage, sendCustomAction, setThreadId, fetchUpdates', T, async () => {
    const t = await open();
    const { page, requests } = t;
    const el = 'document.getElementById("chatkit")';
    await page.evaluate(`${el}.focusComposer()`);
    assert.equal(await page.evaluate(() => document.querySelector('openai-chatkit').shadowRoot.activeElement?.className), 'ck-editor');
    await page.evaluate(`${el}.setComposerValue({ text: 'prefilled', selectedToolId: 'deep_research', selectedModelId: 'offline-smart' })`);
    assert.equal(await ck(page, '.ck-editor').innerText(), 'prefilled');
    assert.equal(await ck(page, '.ck-model-select').inputValue(), 'offline-smart');
    assert.deepEqual(await page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.tool.change').at(-1).detail), { toolId: 'deep_research' });
    const ends = await count(page, 'chatkit.response.end');
    await page.keyboard.press('Enter');
    await waitIdle(page, ends + 1);
    const sent = bodiesOf(requests, 'threads.create').at(-1).params.input;
    assert.deepEqual(sent.inference_options, { tool_choice: { id: 'deep_research' }, model: 'offline-smart' });
    assert.equal(await ck(page, '.ck-tool-chip').count(), 1, 'persistent tool stays selected');
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('prefilled'));
    const threadId = await page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.thread.change').at(-1).detail.threadId);

    await page.evaluate(`${el}.sendUserMessage({ content: [{ type: 'input_text', text: 'via ' }, { type: 'input_tag', id: 'doc_q2', text: 'Q2 Plan', data: { path: '/docs/q2-plan.md' } }], toolChoice: { id: 'image' }, model: 'offline-fast' })`);
    await waitIdle(page, ends + 2);
    const add = bodiesOf(requests, 'threads.add_user_message').at(-1).params;
    assert.equal(add.thread_id, threadId);
    assert.equal(add.input.content[1].type, 'input_tag');
    assert.deepEqual(add.input.inference_options, { tool_choice: { id: 'image' }, model: 'offline-fast' });
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('via @Q2 Plan', { mentioned: 'Q2 Plan (doc_q2)' }));

    await page.evaluate(`${el}.sendCustomAction({ type: 'demo.ping', payload: { n: 1 } })`);
    await waitIdle(page, ends + 3);
    const action = bodiesOf(requests, 'threads.custom_action').at(-1).params;
    assert.deepEqual(action, { thread_id: threadId, item_id: null, action: { type: 'demo.ping', payload: { n: 1 } } });
    await ck(page, '.ck-notice').filter({ hasText: 'demo.ping' }).waitFor();
    assert.equal(await ck(page, '.ck-notice').innerText(), 'The demo received the action demo.ping.');

    await page.evaluate(`${el}.sendUserMessage({ text: 'in a new thread', newThread: true })`);
    await waitIdle(page, ends + 4);
    const created = bodiesOf(requests, 'threads.create');
    assert.equal(created.length, 2, 'newThread: true creates a thread');
    assert.equal(await ck(page, '.ck-item-user_message').count(), 1);
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('in a new thread'));

    await page.evaluate(`${el}.setThreadId(null)`);
    await ck(page, '.ck-start').waitFor();
    await page.evaluate((id) => document.getElementById('chatkit').setThreadId(id), threadId);
    await ck(page, '.ck-item-user_message').nth(1).waitFor();
    const loads = bodiesOf(requests, 'threads.get_by_id').length;
    await page.evaluate(`${el}.fetchUpdates()`);
    assert.equal(bodiesOf(requests, 'threads.get_by_id').length, loads + 1);
    assert.equal(await ck(page, '.ck-item-user_message').count(), 2);
  });

  it('is keyboard-usable and every control has an accessible name', T, async () => {
    const t = await open();
    const { page } = t;
    // Start-screen prompt reachable and activatable with the keyboard
    await ck(page, '.ck-prompt').first().focus();
    const ends = await count(page, 'chatkit.response.end');
    await page.keyboard.press('Enter');
    await waitIdle(page, ends + 1);
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('Tell me about ChatKit for .NET'));
    await send(page, 'show me a widget');
    await ck(page, '.ck-item-widget').waitFor();
    const unnamed = await page.evaluate(() => {
      const root = document.querySelector('openai-chatkit').shadowRoot;
      return Array.from(root.querySelectorAll('button, [role="button"], input:not([type="hidden"]):not([hidden]), select, textarea, [contenteditable="true"]'))
        .filter((e) => !(e.getAttribute('aria-label') || e.textContent.trim() || e.getAttribute('title') || e.getAttribute('placeholder') || e.closest('label')))
        .map((e) => e.outerHTML.slice(0, 120));
    });
    assert.deepEqual(unnamed, []);
    assert.equal(await ck(page, '.ck-editor').getAttribute('role'), 'combobox'); // it owns the mention list (aria-expanded, aria-controls)
    assert.equal(await ck(page, '.ck-items').getAttribute('role'), 'log');
    // Keyboard: Escape closes history; Shift+Enter inserts a newline instead of sending
    await ck(page, '.ck-history-btn').focus();
    await page.keyboard.press('Enter');
    await ck(page, '.ck-history').waitFor();
    await page.keyboard.press('Escape');
    await ck(page, '.ck-history').waitFor({ state: 'hidden' });
    await ck(page, '.ck-editor').click();
    await page.keyboard.type('line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    assert.match(await ck(page, '.ck-editor').innerText(), /line one\s*\n\s*line two/);
  });

  it('stops a slow stream with the stop button', T, async () => {
    const t = await open();
    const { page } = t;
    const ends = await count(page, 'chatkit.response.end');
    const streamEnd = requestEnd(page, 'threads.create');
    await type(page, 'please be slow');
    await page.keyboard.press('Enter');
    await ck(page, '.ck-send.ck-stop').waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('openai-chatkit').shadowRoot.querySelector('.ck-item-assistant_message .ck-markdown');
      return el && el.textContent.length > 5;
    }, null, { timeout: 15000 });
    const t0 = Date.now();
    await ck(page, '.ck-send.ck-stop').click();
    await waitIdle(page, ends + 1);
    assert.ok(Date.now() - t0 < 3000, 'stream ended promptly after stop');
    const partial = (await lastReplyBlocks(page)).join(' ');
    assert.ok(partial.length > 0 && partial.length < OFFLINE.slow.length && OFFLINE.slow.startsWith(partial), `a beginning of the slow reply: ${partial}`);
    // Once the stream's request is over (the stop aborts it) nothing more can arrive.
    const ended = await streamEnd;
    assert.notEqual(ended.failure(), null, 'the stop aborted the stream request');
    assert.equal((await lastReplyBlocks(page)).join(' '), partial, 'no more deltas after stop');
    assert.equal(await ck(page, '.ck-send.ck-stop').count(), 0);
  });

  it('after a stop, reloading the page shows the stopped reply exactly as it was on screen, not continued', T, async () => {
    const { page, requests } = await open();
    const streamEnd = requestEnd(page, 'threads.create');
    await type(page, 'please be slow');
    // The page itself presses stop as soon as a few words are shown, and records the text on screen at that moment.
    await page.evaluate(() => {
      const root = document.getElementById('chatkit').shadowRoot;
      window.__stoppedAt = new Promise((resolve, reject) => {
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error('the slow reply never showed 8 words')); }, 60000);
        const observer = new MutationObserver(() => {
          const md = Array.from(root.querySelectorAll('.ck-item-assistant_message .ck-markdown')).at(-1);
          const stop = root.querySelector('.ck-send.ck-stop');
          const text = (md?.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (!stop || text.split(' ').length < 8) return;
          observer.disconnect();
          clearTimeout(timer);
          stop.click();
          resolve(text);
        });
        observer.observe(root, { subtree: true, childList: true, characterData: true });
      });
    });
    await page.keyboard.press('Enter');
    const shown = await page.evaluate(() => window.__stoppedAt);
    assert.ok(shown.length < OFFLINE.slow.length && OFFLINE.slow.startsWith(shown), `a beginning of the slow reply: ${shown}`);
    assert.notEqual((await streamEnd).failure(), null, 'the stop aborted the stream request');
    await page.waitForFunction(() => window.demo.events.some((e) => e.name === 'chatkit.response.end'));
    assert.equal((await lastReplyBlocks(page)).join(' '), shown, 'nothing more arrived after the stop');
    const threadId = await threadIdOf(page);

    // The server stores the stopped reply when it sees the client go away: wait until it has, then reload.
    const stored = async () => (await page.evaluate(async (id) => {
      const res = await fetch('/chatkit', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-ChatKit-Domain-Key': 'local-dev' }, body: JSON.stringify({ type: 'threads.get_by_id', params: { thread_id: id } }) });
      return (await res.json()).items.data.filter((i) => i.type === 'assistant_message').map((i) => i.content.map((c) => c.text).join(''));
    }, threadId));
    await waitFor(async () => (await stored()).length > 0, 15000);
    const requestsBeforeReload = requests.length;
    await page.reload();
    await page.waitForFunction((id) => window.demo?.events?.some((e) => e.name === 'chatkit.thread.load.end' && e.detail.threadId === id), threadId, { timeout: 15000 });
    assert.deepEqual(await ck(page, '.ck-item-user_message').allInnerTexts(), ['please be slow']);
    assert.equal(await ck(page, '.ck-item-assistant_message').count(), 1);
    assert.equal((await lastReplyBlocks(page)).join(' '), shown, 'the reloaded reply is the text shown when stopped');
    assert.equal(await ck(page, '.ck-send.ck-stop').count(), 0, 'nothing is streaming after the reload');
    assert.deepEqual(requests.slice(requestsBeforeReload).map((r) => r.body?.type).filter((type) => type !== 'threads.get_by_id' && type !== 'items.list'), [], 'the reload only loads the thread');

    // Not continued: the thread's next turn answers the new message, and the stopped reply stays as it was.
    await send(page, 'And now something else');
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('And now something else'));
    await page.evaluate(() => document.getElementById('chatkit').fetchUpdates());
    const replies = ck(page, '.ck-item-assistant_message');
    assert.equal(await replies.count(), 2);
    assert.equal((await blocksOf(replies.first())).join(' '), shown);
    assert.deepEqual((await stored())[0].replace(/\s+/g, ' ').trim(), shown, 'the stored text is the text shown');
  });

  it('renders malicious Markdown from the server inert', T, async () => {
    const t = await open();
    const { page } = t;
    const blocked = [];
    page.on('request', (r) => { if (!r.url().startsWith(BASE)) blocked.push(r.url()); });
    await send(page, 'markdown attack');
    assert.deepEqual(await lastReplyBlocks(page), OFFLINE.markdownAttack, 'the markup is shown as text');
    await imagesSettled(page);
    const report = await page.evaluate(() => {
      const root = document.querySelector('openai-chatkit').shadowRoot;
      const all = Array.from(root.querySelectorAll('*'));
      return {
        pwned: window.__pwned ?? null,
        scripts: root.querySelectorAll('script').length,
        handlers: all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}.${a.name}`)),
        jsLinks: Array.from(root.querySelectorAll('[href],[src]')).map((e) => e.getAttribute('href') ?? e.getAttribute('src')).filter((u) => /^\s*(javascript|vbscript|data:text)/i.test(u)),
        imgs: Array.from(root.querySelectorAll('.ck-markdown img')).map((i) => i.getAttribute('src')),
        text: root.querySelector('.ck-item-assistant_message:last-of-type')?.textContent ?? '',
      };
    });
    assert.equal(report.pwned, null);
    assert.equal(report.scripts, 0);
    assert.deepEqual(report.handlers, []);
    assert.deepEqual(report.jsLinks, []);
    for (const src of report.imgs) assert.ok(!/evil|^x$/.test(src), `image ${src} should have been blocked`);
    assert.deepEqual(blocked.filter((u) => !u.startsWith('data:')), [], 'no request left the demo origin');
  });

  it('renders a hostile widget payload inert (all widget components)', T, async () => {
    const t = await open();
    const { page } = t;
    // Hostile server output cannot be produced by the demo, so this one test feeds a crafted
    // stream through the element's own `api.fetch` override (part of the public contract).
    await page.evaluate(() => {
      const el = document.getElementById('chatkit');
      const hostile = {
        type: 'Card', asForm: true, status: { text: '<img src=x onerror=window.__pwned=1>', favicon: 'javascript:alert(1)' },
        confirm: { label: 'OK', action: { type: 'x' } }, cancel: { label: 'No', action: { type: 'y' } },
        children: [
          { type: 'Title', value: '<script>window.__pwned=2</script>' },
          { type: 'Text', value: '<img src=x onerror="window.__pwned=3">', color: 'red;background:url(javascript:alert(1))' },
          { type: 'Markdown', value: '<script>window.__pwned=4</script>[x](javascript:window.__pwned=5) ![i](https://evil.example/a.png)' },
          { type: 'Image', src: 'javascript:window.__pwned=6', alt: 'bad' },
          { type: 'Button', label: '<b>bold</b>', iconStart: '"><script>window.__pwned=7</script>', onClickAction: { type: 'z', handler: 'client' } },
          { type: 'Box', background: 'url(javascript:alert(1))', children: [{ type: 'Caption', value: 'caption' }, { type: 'Badge', label: 'b', color: 'success' }, { type: 'Icon', name: 'check' }] },
          { type: 'Row', children: [{ type: 'Spacer' }, { type: 'Divider' }, { type: 'Label', value: 'L', fieldName: 'n' }] },
          { type: 'Col', children: [{ type: 'Input', name: 'n' }, { type: 'Textarea', name: 't' }, { type: 'Select', name: 's', options: [{ value: 'a', label: '<i>a</i>' }] }] },
          { type: 'Checkbox', name: 'c', label: 'check' }, { type: 'RadioGroup', name: 'r', options: [{ value: '1', label: 'one' }] },
          { type: 'DatePicker', name: 'd' }, { type: 'Transition', children: { type: 'Text', value: 'in transition' } },
          { type: 'Chart', data: [{ m: 'Jan', v: 3 }, { m: 'Feb', v: 5 }], series: [{ type: 'bar', dataKey: 'v', label: '<script>' }, { type: 'line', dataKey: 'v' }], xAxis: 'm' },
          { type: 'ListView', children: [{ type: 'ListViewItem', children: [{ type: 'Text', value: 'nested root' }] }] },
          { type: 'script', value: 'window.__pwned=8' }, { type: 'iframe', src: 'https://evil.example' }, { type: 'TotallyUnknown', children: [{ type: 'Text', value: 'hidden' }] },
        ],
      };
      const real = window.fetch.bind(window);
      const opts = window.demo.options();
      opts.api.fetch = async (url, init) => {
        const body = JSON.parse(init.body);
        if (body.type !== 'threads.create') return real(url, init);
        const ev = [
          { type: 'thread.created', thread: { id: 'thr_hostile', created_at: '2025-01-01T00:00:00', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } } },
          { type: 'thread.item.done', item: { id: 'msg_w', thread_id: 'thr_hostile', created_at: '2025-01-01T00:00:01', type: 'widget', widget: hostile } },
        ];
        return new Response(ev.map((e) => `data: ${JSON.stringify(e)}\n\n`).join(''), { headers: { 'Content-Type': 'text/event-stream' } });
      };
      el.setOptions(opts);
    });
    await send(page, 'hostile widget please');
    await ck(page, '.ck-item-widget .ck-w-card').waitFor();
    await imagesSettled(page);
    const r = await page.evaluate(() => {
      const root = document.querySelector('openai-chatkit').shadowRoot;
      const w = root.querySelector('.ck-item-widget');
      const all = Array.from(w.querySelectorAll('*'));
      return {
        pwned: window.__pwned ?? null,
        scripts: w.querySelectorAll('script, iframe').length,
        handlers: all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
        badUrls: all.map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? '').filter((u) => /javascript:/i.test(u)),
        badStyles: all.map((e) => e.getAttribute('style') ?? '').filter((s) => /javascript|url\(/i.test(s)),
        text: w.textContent,
        hasChart: !!w.querySelector('svg.ck-chart-svg rect'),
        hasHidden: w.textContent.includes('hidden'),
      };
    });
    assert.equal(r.pwned, null);
    assert.equal(r.scripts, 0);
    assert.deepEqual(r.handlers, []);
    assert.deepEqual(r.badUrls, []);
    assert.deepEqual(r.badStyles, []);
    assert.ok(r.text.includes('<script>window.__pwned=2</script>'), 'markup is shown as text');
    assert.ok(r.hasChart, 'chart rendered as inline SVG');
    assert.equal(r.hasHidden, false, 'unknown components render nothing');
    await page.screenshot({ path: join(ART, 'hostile-widget.png'), fullPage: false });
  });

  it('uploads an attachment (direct strategy) and sends it', T, async () => {
    const t = await open();
    const { page, requests } = t;
    const uploads = recordUploads(page);
    await ck(page, 'input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello attachment') });
    await waitFor(() => uploads.length === 1);
    const [upload] = await Promise.all(uploads);
    assert.equal(upload.status, 200, `POST /chatkit/upload answered ${upload.status}: ${JSON.stringify(upload.body)}`);
    assert.equal(upload.body.name, 'notes.txt');
    assert.equal(upload.body.mime_type, 'text/plain');
    await ck(page, '.ck-upload-done').waitFor({ timeout: 15000 });
    const ends = await count(page, 'chatkit.response.end');
    await type(page, 'see attached');
    await page.keyboard.press('Enter');
    await waitIdle(page, ends + 1);
    const input = bodiesOf(requests, 'threads.create').at(-1).params.input;
    assert.deepEqual(input.attachments, [upload.body.id]);
    await ck(page, '.ck-item-user_message .ck-att-file').filter({ hasText: 'notes.txt' }).waitFor();
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('see attached', { attachments: 'notes.txt (text/plain)' }));
  });

  it('attaches files by drag and drop and by paste, with previews and remove', T, async () => {
    const t = await open();
    const { page, requests } = t;
    const uploads = recordUploads(page);
    const dropped = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
      dt.items.add(new File([png], 'pixel.png', { type: 'image/png' }));
      return dt;
    });
    const composer = ck(page, '.ck-composer');
    await composer.dispatchEvent('dragenter', { dataTransfer: dropped });
    await ck(page, '.ck-drop-hint').waitFor();
    await composer.dispatchEvent('drop', { dataTransfer: dropped });
    await waitFor(() => uploads.length === 1);
    const image = await uploads[0];
    assert.deepEqual([image.status, image.body.name, image.body.mime_type], [200, 'pixel.png', 'image/png'], JSON.stringify(image));
    await ck(page, '.ck-upload-done img').waitFor({ timeout: 15000 });
    // Paste a text file into the composer
    await ck(page, '.ck-editor').click();
    await page.evaluate(() => {
      const ed = document.querySelector('openai-chatkit').shadowRoot.querySelector('.ck-editor');
      const dt = new DataTransfer();
      dt.items.add(new File(['pasted text'], 'pasted.txt', { type: 'text/plain' }));
      ed.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await waitFor(() => uploads.length === 2);
    const pasted = await uploads[1];
    assert.deepEqual([pasted.status, pasted.body.name, pasted.body.mime_type], [200, 'pasted.txt', 'text/plain'], JSON.stringify(pasted));
    await page.waitForFunction(() => document.querySelector('openai-chatkit').shadowRoot.querySelectorAll('.ck-upload-done').length === 2, null, { timeout: 15000 });
    // Remove the pasted one
    await ck(page, '.ck-upload[title="pasted.txt"] .ck-upload-remove').click();
    assert.equal(await ck(page, '.ck-upload').count(), 1);
    const ends = await count(page, 'chatkit.response.end');
    await type(page, 'what is in this image');
    await page.keyboard.press('Enter');
    await waitIdle(page, ends + 1);
    const input = bodiesOf(requests, 'threads.create').at(-1).params.input;
    assert.deepEqual(input.attachments, [image.body.id]);
    await ck(page, '.ck-item-user_message .ck-att-image img').waitFor();
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('what is in this image', { attachments: 'pixel.png (image/png)' }));
  });

  it('the bundle also loads as a classic <script async> (how ChatKit.js pages include it)', T, async () => {
    const { page } = await newPage();
    // A throwaway same-origin page that includes the bundle the ChatKit.js way.
    await page.route(BASE + '/__classic.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><openai-chatkit id="c" style="display:block;height:400px"></openai-chatkit><script src="/chatkit/chatkit.js" async></script>' }));
    await page.goto(BASE + '/__classic.html');
    await page.waitForFunction(() => !!customElements.get('openai-chatkit'));
    await page.evaluate(() => document.getElementById('c').setOptions({ api: { url: '/chatkit', domainKey: 'local-dev' }, startScreen: { greeting: 'Classic script' } }));
    await page.locator('openai-chatkit .ck-greeting').filter({ hasText: 'Classic script' }).waitFor();
  });

  it('the React page (chatkit-react 1.6.1, unmodified) does a full turn', T, async () => {
    const t = await open('/react.html');
    const { page, requests } = t;
    await send(page, 'Hello from React');
    assert.deepEqual(await lastReplyBlocks(page), defaultReply('Hello from React'));
    assert.ok(bodiesOf(requests, 'threads.create').length === 1);
    const names = new Set(await eventNames(page));
    for (const n of ['chatkit.response.start', 'chatkit.response.end', 'chatkit.thread.change']) assert.ok(names.has(n), n);
    const handled = await page.evaluate(() => window.demo.reactHandlers);
    assert.ok(handled.onResponseEnd >= 1, 'chatkit-react onResponseEnd handler called');
    assert.ok(handled.onThreadChange >= 1, 'chatkit-react onThreadChange handler called');
    await page.screenshot({ path: join(ART, 'react.png') });
  });
});

/** Records the answers to POST /chatkit/upload (the demo's direct upload strategy): one promise of { status, body } each. */
function recordUploads(page) {
  const uploads = [];
  page.on('response', (r) => {
    if (r.request().method() !== 'POST' || new URL(r.url()).pathname !== '/chatkit/upload') return;
    uploads.push(r.text().then((text) => {
      let body = text;
      try { body = JSON.parse(text); } catch { /* not JSON: kept as text for the failure message */ }
      return { status: r.status(), body };
    }));
  });
  return uploads;
}

/** Waits until every image in the element has loaded or failed, so that any error handler has had its chance to run. */
async function imagesSettled(page) {
  await page.evaluate(async () => {
    const images = Array.from(document.getElementById('chatkit').shadowRoot.querySelectorAll('img'));
    await Promise.all(images.filter((i) => !i.complete).map((i) => new Promise((resolve) => {
      i.addEventListener('load', resolve, { once: true });
      i.addEventListener('error', resolve, { once: true });
    })));
  });
}

async function waitFor(fn, timeout = 15000) {
  const t0 = Date.now();
  while (!(await fn())) {
    if (Date.now() - t0 > timeout) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 50));
  }
}
