// Browser tests for the Blazor demo pages, where the ChatKit.Blazor component drives <openai-chatkit> from C#:
// /blazor (interactive Server rendering) and /blazor-wasm (interactive WebAssembly), the same page in both.
// Run through run.sh, which starts the demo and sets BASE_URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, ART, launchChromium } from './support.mjs';


const T = { timeout: 120000 };
const EVENTS = ['chatkit.ready', 'chatkit.error', 'chatkit.log', 'chatkit.response.start', 'chatkit.response.end',
  'chatkit.thread.change', 'chatkit.thread.load.start', 'chatkit.thread.load.end', 'chatkit.tool.change',
  'chatkit.effect', 'chatkit.deeplink', 'chatkit.history.open', 'chatkit.history.close'];

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

/**
 * Opens /blazor in a fresh context. The page's own script records every chatkit.* event the element dispatches
 * (window capture phase, as they do not bubble) in window.__seen, to compare with what Blazor received.
 */
async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 820 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.addInitScript((names) => {
    window.__seen = [];
    for (const name of names) {
      window.addEventListener(name, (e) => {
        const d = e.detail;
        window.__seen.push({ name, detail: d && d.error instanceof Error ? { message: d.error.message } : d });
      }, true);
    }
  }, EVENTS);
  const requests = [];
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (r.method() !== 'POST' || new URL(r.url()).pathname !== '/chatkit') return;
    let body = null;
    try { body = r.postDataJSON(); } catch { /* not JSON */ }
    requests.push({ body, headers: r.headers() });
  });
  await page.goto(BASE + path);
  // Blazor renders the event log: ready has gone element -> JS module -> .NET -> back to the DOM
  // (WebAssembly first downloads the runtime).
  await page.locator('#blazor-events li[data-name="chatkit.ready"]').waitFor({ timeout: 90000 });
  return { page, context, requests, errors, close: () => context.close() };
}

const ck = (page, sel) => page.locator(`openai-chatkit ${sel}`);
const blazorEvents = (page) => page.$$eval('#blazor-events li', (els) => els.map((e) => ({ name: e.dataset.name, detail: e.dataset.detail ?? null })));
const blazorCount = async (page, name) => (await blazorEvents(page)).filter((e) => e.name === name).length;
const bodiesOf = (requests, type) => requests.filter((r) => r.body?.type === type).map((r) => r.body);

async function waitFor(fn, timeout = 15000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

/** Waits until Blazor has seen at least `minEnds` response ends and no response is running. */
async function waitIdle(page, minEnds) {
  const idle = async () => {
    const ev = await blazorEvents(page);
    const starts = ev.filter((e) => e.name === 'chatkit.response.start').length;
    const ends = ev.filter((e) => e.name === 'chatkit.response.end').length;
    return ends >= minEnds && starts === ends;
  };
  await waitFor(idle, 30000);
  // A client tool round trip starts a second response right after the first one ends.
  await page.waitForTimeout(300);
  await waitFor(idle, 30000);
}

async function send(page, text) {
  const ends = await blazorCount(page, 'chatkit.response.end');
  const editor = ck(page, '.ck-editor');
  await editor.click();
  await editor.pressSequentially(text, { delay: 5 });
  await page.keyboard.press('Enter');
  await waitIdle(page, ends + 1);
}

const threadShownByBlazor = (page) => page.locator('#blazor-thread-id').innerText();
const elementThread = (page) => page.evaluate(() => window.__seen.filter((e) => e.name === 'chatkit.thread.change').at(-1)?.detail?.threadId ?? null);
const lastAssistantText = (page) => ck(page, '.ck-item-assistant_message').last().locator('.ck-markdown').first().innerText();

for (const [path, mode, runsIn] of [['/blazor', 'interactive Server', 'server'], ['/blazor-wasm', 'interactive WebAssembly', 'browser']]) describe(`the ChatKit Blazor component on ${path} (${mode})`, () => {
  it('prerenders a placeholder, then the interactive render shows the element', T, async () => {
    const html = await (await fetch(BASE + path)).text();
    assert.match(html, /data-chatkit-placeholder/, 'prerendered placeholder');
    assert.doesNotMatch(html, /<openai-chatkit/, 'no element (and so no interop) while prerendering');
    const t = await open(path);
    try {
      await ck(t.page, '.ck-editor').waitFor();
      assert.equal(await t.page.locator('[data-chatkit-placeholder]').count(), 0, 'placeholder replaced');
      assert.equal(await t.page.locator('openai-chatkit').count(), 1);
      assert.deepEqual(t.errors, []);
    } finally { await t.close(); }
  });

  it('runs a full turn, and the thread id Blazor shows is the element\'s', T, async () => {
    const t = await open(path);
    try {
      const { page, requests } = t;
      assert.equal(await threadShownByBlazor(page), '(new thread)');
      await send(page, 'Hello from the Blazor test');
      assert.match(await ck(page, '.ck-item-user_message .ck-user-bubble').first().innerText(), /Hello from the Blazor test/);
      assert.ok((await lastAssistantText(page)).trim().length > 0, 'assistant reply rendered');
      const create = bodiesOf(requests, 'threads.create')[0];
      assert.deepEqual(create.params.input.content, [{ type: 'input_text', text: 'Hello from the Blazor test' }]);
      assert.equal(create.params.input.inference_options.model, 'offline-fast', 'default model from the C# options');
      assert.equal(requests[0].headers['x-chatkit-domain-key'], 'local-dev', 'domain key from the C# options');

      const id = await elementThread(page);
      assert.ok(id, 'the element announced a thread');
      await waitFor(async () => (await threadShownByBlazor(page)) === id);
      await send(page, 'A second message');
      assert.equal(bodiesOf(requests, 'threads.add_user_message').at(-1).params.thread_id, id, 'the same thread on the server');
      assert.equal(await threadShownByBlazor(page), id);
      const effects = (await blazorEvents(page)).filter((e) => e.name === 'chatkit.effect');
      assert.ok(effects.some((e) => e.detail === 'demo.toast'), 'client effect reached OnEffect');
      assert.deepEqual(t.errors, []);
    } finally { await t.close(); }
  });

  it('answers the client tool from C#', T, async () => {
    const t = await open(path);
    try {
      const { page, requests } = t;
      await send(page, 'run the client tool please');
      await waitFor(() => bodiesOf(requests, 'threads.add_client_tool_output').length > 0);
      await waitIdle(page, 2);
      const out = bodiesOf(requests, 'threads.add_client_tool_output').at(-1);
      assert.equal(out.params.thread_id, await elementThread(page));
      assert.equal(out.params.result.handledBy, 'Blazor (C#)');
      assert.match(out.params.result.runtime, /\.NET/);
      assert.equal(out.params.result.runsIn, runsIn, 'the C# ran where the render mode says');
      assert.deepEqual(out.params.result.requestedFields, ['userAgent', 'language'], 'the call\'s arguments reached C#');
      assert.equal(await page.locator('#blazor-tool-calls').innerText(), '1');
      await ck(page, '.ck-tool-call[data-status="completed"]').waitFor();
      assert.match(await lastAssistantText(page), /handledBy/, 'the reply quotes the C# result');
      assert.deepEqual(t.errors, []);
    } finally { await t.close(); }
  });

  it('handles a client widget action in C# without calling the server', T, async () => {
    const t = await open(path);
    try {
      const { page, requests } = t;
      await send(page, 'Show me a widget');
      const widget = ck(page, '.ck-item-widget').first();
      await widget.waitFor();
      const itemId = await widget.getAttribute('data-item-id');
      const sent = requests.length;
      await widget.locator('[data-action-type="demo.client"]').click();
      await waitFor(async () => (await page.locator('#blazor-widget-actions').innerText()).length > 0);
      assert.equal(await page.locator('#blazor-widget-actions').innerText(), `demo.client {"count":0} on ${itemId}`);
      await page.waitForTimeout(200);
      assert.equal(requests.length, sent, 'a client action does not reach the server');
      assert.deepEqual(t.errors, []);
    } finally { await t.close(); }
  });

  it('restyles the element when C# changes the theme, keeping the thread', T, async () => {
    const t = await open(path);
    try {
      const { page, requests } = t;
      await send(page, 'Before the theme change');
      const id = await elementThread(page);
      const host = page.locator('openai-chatkit');
      assert.equal(await host.getAttribute('data-color-scheme'), 'light');
      const accent = () => host.evaluate((el) => el.style.getPropertyValue('--ck-accent'));
      assert.equal(await accent(), '#3b5bdb');
      const before = { requests: requests.length, seen: await page.evaluate(() => window.__seen.length) };

      await page.locator('#blazor-theme-toggle').click();
      await page.locator('openai-chatkit[data-color-scheme="dark"]').waitFor({ timeout: 10000 });
      assert.equal(await accent(), '#8ab4ff', 'the dark accent from the C# options');
      assert.equal(await page.locator('.blazor-demo').getAttribute('data-theme'), 'dark');
      await page.waitForTimeout(300);
      assert.equal(requests.length, before.requests, 'setOptions, not a re-create: nothing reloaded');
      const since = await page.evaluate((n) => window.__seen.slice(n).map((e) => e.name), before.seen);
      assert.ok(!since.includes('chatkit.ready') && !since.includes('chatkit.thread.change'), `no restart: ${since.join(', ')}`);
      assert.match(await ck(page, '.ck-item-user_message').first().innerText(), /Before the theme change/, 'the thread is still shown');
      assert.equal(await threadShownByBlazor(page), id);

      // The next message goes to the same thread.
      await send(page, 'After the theme change');
      assert.equal(bodiesOf(requests, 'threads.add_user_message').at(-1).params.thread_id, id);
      assert.deepEqual(t.errors, []);
    } finally { await t.close(); }
  });

  it('delivers the element\'s events to Blazor in the order they were dispatched', T, async () => {
    const t = await open(path);
    try {
      const { page } = t;
      await send(page, 'Events please');
      await send(page, 'run the client tool please');
      await page.evaluate(() => document.querySelector('openai-chatkit').showHistory());
      await page.locator('#blazor-events li[data-name="chatkit.history.open"]').waitFor();
      const seen = () => page.evaluate(() => window.__seen.map((e) => e.name));
      await waitFor(async () => (await blazorEvents(page)).length >= (await seen()).length);
      const received = (await blazorEvents(page)).map((e) => e.name);
      const dispatched = await seen();
      assert.deepEqual(received, dispatched);
      // The turn's shape, as OnXxx callbacks saw it.
      const main = received.filter((n) => n !== 'chatkit.log');
      assert.equal(main[0], 'chatkit.ready');
      const start = main.indexOf('chatkit.response.start');
      assert.ok(start > 0 && main.indexOf('chatkit.thread.change', start) > start, 'thread.change inside the first response');
      assert.ok(main.indexOf('chatkit.response.end', start) > main.indexOf('chatkit.thread.change', start));
      assert.ok(received.includes('chatkit.log'), 'OnLog received log events');
      assert.deepEqual(t.errors, []);
    } finally { await t.close(); }
  });
});
