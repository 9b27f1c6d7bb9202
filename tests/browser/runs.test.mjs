// Browser tests for runs (docs/protocol.md §16) against the demo host (BASE_URL, SQLite): a reload mid-reply
// continues live to its end, two tabs follow one run, and the stop button stops a run by request.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launchChromium } from './support.mjs';
import { SLOW, ck, replyText, startSlowReply, threadIdOf, waitFor } from './runs-support.mjs';

const T = { timeout: 120000 };

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

const contexts = [];
const errors = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  assert.deepEqual(errors.splice(0), [], 'uncaught errors in the page');
});

/** A page of the demo in `context` (a fresh one by default: a new anonymous user), recording ChatKit request types. */
async function open(context) {
  if (!context) { context = await browser.newContext({ viewport: { width: 1200, height: 820 }, locale: 'en-US' }); contexts.push(context); }
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  const requests = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST' || new URL(r.url()).pathname !== '/chatkit') return;
    try { requests.push({ type: r.postDataJSON()?.type, headers: r.headers() }); } catch { /* ignore */ }
  });
  await page.goto(BASE + '/?theme=light');
  await page.waitForFunction(() => window.demo?.events?.some((e) => e.name === 'chatkit.ready'), null, { timeout: 15000 });
  return { page, context, requests };
}

describe('runs on the demo page', () => {
  it('a reload mid-reply shows what is stored, then continues live to the end of the reply', T, async () => {
    const { page, requests } = await open();
    await startSlowReply(page);
    assert.equal(requests[0].headers['chatkit-resumable'], '1', 'the element declares it can resume');
    const threadId = await threadIdOf(page);
    const before = await replyText(page);
    assert.ok(before.length < SLOW.length, 'reloaded before the reply ended');

    await page.reload();
    await page.waitForFunction(() => window.demo?.events?.some((e) => e.name === 'chatkit.ready'), null, { timeout: 15000 });
    await waitFor(async () => requests.some((r) => r.type === 'threads.resume_run'), 'the element to re-attach to the run');
    assert.equal(await threadIdOf(page), threadId);
    await waitFor(async () => (await replyText(page)) === SLOW, 'the whole slow reply after the reload');
    assert.deepEqual(await ck(page, '.ck-item-user_message').allInnerTexts(), ['please be slow']);
    assert.equal(await ck(page, '.ck-item-assistant_message').count(), 1, 'one reply, not a duplicate');
    await waitFor(async () => (await ck(page, '.ck-send.ck-stop').count()) === 0, 'the stop button to go away');
  });

  it('two tabs follow one run to its end', T, async () => {
    const first = await open();
    await startSlowReply(first.page);
    const threadId = await threadIdOf(first.page);

    // A second tab of the same user opens the thread while the reply is being written.
    const second = await open(first.context);
    await second.page.evaluate((id) => document.querySelector('openai-chatkit').setThreadId(id), threadId);
    await waitFor(async () => second.requests.some((r) => r.type === 'threads.resume_run'), 'the second tab to follow the run');
    await waitFor(async () => (await replyText(first.page)) === SLOW, 'the first tab to show the whole reply');
    await waitFor(async () => (await replyText(second.page)) === SLOW, 'the second tab to show the whole reply');
    assert.equal(await ck(second.page, '.ck-item-assistant_message').count(), 1);
  });

  it('the stop button stops the run on the server; a reload shows the stopped reply, not a continued one', T, async () => {
    const { page, requests } = await open();
    await startSlowReply(page);
    const threadId = await threadIdOf(page);
    await ck(page, '.ck-send.ck-stop').click();
    await waitFor(async () => requests.some((r) => r.type === 'threads.stop_run'), 'threads.stop_run');
    const stopped = await replyText(page);
    assert.ok(stopped.length < SLOW.length && SLOW.startsWith(stopped), `a beginning of the slow reply: ${stopped}`);

    // Time for more words, had the run gone on.
    await new Promise((r) => setTimeout(r, 1500));
    await page.reload();
    await page.waitForFunction((id) => window.demo?.events?.some((e) => e.name === 'chatkit.thread.load.end' && e.detail.threadId === id), threadId, { timeout: 15000 });
    const reloaded = await replyText(page);
    assert.ok(reloaded.length < SLOW.length && SLOW.startsWith(reloaded), `the stopped reply, not continued: ${reloaded}`);
    assert.ok(reloaded.split(' ').length <= stopped.split(' ').length + 2, `stopped where the user stopped it (${stopped} / ${reloaded})`);
    assert.equal(requests.filter((r) => r.type === 'threads.resume_run').length, 0, 'nothing to re-attach to');
  });
});
