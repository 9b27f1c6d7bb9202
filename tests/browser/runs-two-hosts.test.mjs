// browser-tests: two-hosts
// Browser tests for runs (docs/protocol.md §16) across two demo hosts on one PostgreSQL (docs/scale-out.md "Runs"):
// run.sh starts hosts A and B (BASE_URL_A, BASE_URL_B) for this file because of the marker line above. One browser
// context is one anonymous user on both hosts: they share the Data Protection key ring, and cookies ignore ports.
// A reply started on host A is followed live from host B (after a reload there, and in a second tab), the stop
// button on host B stops it, and when host A dies mid-reply host B closes the run once its lease lapses (run.sh starts
// the hosts with a short ChatKit:Postgres:RunLeaseDuration and gives the process group of host A in HOST_A_PID).
// The kill test runs last: host A stays dead.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ART, HOST_A, HOST_B, launchChromium } from './support.mjs';
import { SLOW, ck, replyText, startSlowReply, threadIdOf, waitFor, words } from './runs-support.mjs';

const HOST_A_PID = Number(process.env.HOST_A_PID) || 0;

let browser;
before(async () => {
  assert.ok(HOST_A && HOST_B, 'BASE_URL_A and BASE_URL_B name no hosts: run this file through tests/browser/run.sh');
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

const contexts = [];
const pages = [];
const logs = [];
const errors = [];
afterEach(async () => {
  pages.splice(0);
  logs.splice(0);
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  assert.deepEqual(errors.splice(0), [], 'uncaught errors in the page');
});

/** A test that saves a screenshot of every page it opened when it fails. */
function test(name, fn, options = {}) {
  it(name, { timeout: 120000, ...options }, async () => {
    try {
      await fn();
    } catch (e) {
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await Promise.all(pages.map((p, i) => p.screenshot({ path: join(ART, `two-hosts-${slug}-${i}.png`) }).catch(() => {})));
      const requests = logs.map((l, i) => ({ page: i, opened_on: l.host, requests: l.requests.map(({ request, ...rest }) => rest) }));
      writeFileSync(join(ART, `two-hosts-${slug}-requests.json`), JSON.stringify(requests, null, 2));
      throw e;
    }
  });
}

const ready = (page) => page.waitForFunction(() => window.demo?.events?.some((e) => e.name === 'chatkit.ready'), null, { timeout: 15000 });

/**
 * A page of the demo on `host` in `context` (a fresh one by default: a new anonymous user), recording the type and
 * host of each ChatKit request.
 */
async function open(host, context) {
  if (!context) { context = await browser.newContext({ viewport: { width: 1200, height: 820 }, locale: 'en-US' }); contexts.push(context); }
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (e) => errors.push(e.message));
  const requests = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() !== 'POST' || url.pathname !== '/chatkit') return;
    try { requests.push({ type: r.postDataJSON()?.type, host: url.origin, at: new Date().toISOString(), request: r }); } catch { /* ignore */ }
  });
  // The answers, for the failure report (a follow that ends at once shows here).
  page.on('response', (res) => {
    const entry = requests.find((e) => e.request === res.request());
    if (entry) entry.status = res.status();
  });
  page.on('requestfailed', (r) => {
    const entry = requests.find((e) => e.request === r);
    if (entry) entry.failure = r.failure()?.errorText;
  });
  logs.push({ host, requests });
  await page.goto(host + '/?theme=light');
  await ready(page);
  return { page, context, requests };
}

const sent = (requests, type, host) => requests.some((r) => r.type === type && r.host === host);

/**
 * Watches the reply on `page` until it is the whole slow reply and returns every distinct text seen on the way.
 * Each must be a beginning of the reply (a replayed or duplicated delta would break that); the partial ones seen show
 * whether the page followed the reply live or only loaded it at the end.
 */
async function followToEnd({ page, requests }, who, timeout = 30000) {
  const seen = [];
  const t0 = Date.now();
  for (;;) {
    const text = await replyText(page);
    if (text !== (seen.at(-1) ?? '')) {
      assert.ok(SLOW.startsWith(text), `${who} shows a beginning of the slow reply, not: ${text}`);
      seen.push(text);
    }
    if (text === SLOW) return seen;
    if (Date.now() - t0 > timeout) {
      const resumed = requests.some((r) => r.type === 'threads.resume_run');
      assert.fail(`${who} did not get to the end of the reply; it shows: "${text}" (texts seen: ${seen.length}; ${resumed ? 'it sent' : 'it never sent'} threads.resume_run)`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asserts that `seen` (from followToEnd) holds at least two partial replies: the page watched the reply grow. */
function assertLive(seen, who) {
  const partial = seen.filter((t) => t.length > 0 && t.length < SLOW.length);
  assert.ok(partial.length >= 2, `${who} followed the reply live (partial texts seen: ${JSON.stringify(partial)})`);
}

describe('runs across two hosts on one PostgreSQL', () => {
  test('a reload on host B mid-reply shows the reply so far, then follows it live from host A to its end', async () => {
    const tab = await open(HOST_A);
    const { page, requests } = tab;
    await startSlowReply(page);
    const threadId = await threadIdOf(page);
    assert.ok(threadId, 'the thread has an id');
    assert.ok((await replyText(page)).length < SLOW.length, 'left host A before the reply ended');

    // The same tab, reloaded through the other host: the demo page reopens the thread it had open (its id is kept
    // per tab, and per origin, so it is handed over as the reload on host A would have read it).
    await page.addInitScript((id) => sessionStorage.setItem('demo-thread', id), threadId);
    await page.goto(HOST_B + '/?theme=light');
    await ready(page);
    await page.waitForFunction((id) => window.demo.events.some((e) => e.name === 'chatkit.thread.load.end' && e.detail.threadId === id), threadId, { timeout: 15000 });
    const seen = await followToEnd(tab, 'host B');
    assert.ok(sent(requests, 'threads.resume_run', HOST_B), 'host B re-attached to the run (threads.resume_run)');
    assertLive(seen, 'host B');
    assert.deepEqual(await ck(page, '.ck-item-user_message').allInnerTexts(), ['please be slow']);
    assert.equal(await ck(page, '.ck-item-assistant_message').count(), 1, 'one reply, not a duplicate');
    await waitFor(async () => (await ck(page, '.ck-send.ck-stop').count()) === 0, 'the stop button to go away');
  });

  test('two tabs, one on each host, follow one run to its end', async () => {
    const first = await open(HOST_A);
    await startSlowReply(first.page);
    const threadId = await threadIdOf(first.page);

    // A second tab of the same user, on the other host, opens the thread while the reply is being written.
    const second = await open(HOST_B, first.context);
    await second.page.evaluate((id) => document.querySelector('openai-chatkit').setThreadId(id), threadId);
    const [seenA, seenB] = await Promise.all([followToEnd(first, 'the tab on host A'), followToEnd(second, 'the tab on host B')]);
    assert.ok(sent(second.requests, 'threads.resume_run', HOST_B), 'the tab on host B followed the run (threads.resume_run)');
    assertLive(seenA, 'the tab on host A');
    assertLive(seenB, 'the tab on host B');
    for (const { page } of [first, second]) {
      assert.equal(await ck(page, '.ck-item-assistant_message').count(), 1, 'one reply, not a duplicate');
    }
  });

  test('the stop button on host B stops the run started on host A; a reload on either host shows the stopped reply', async () => {
    const first = await open(HOST_A);
    await startSlowReply(first.page);
    const threadId = await threadIdOf(first.page);
    const second = await open(HOST_B, first.context);
    await second.page.evaluate((id) => document.querySelector('openai-chatkit').setThreadId(id), threadId);
    await waitFor(async () => sent(second.requests, 'threads.resume_run', HOST_B), 'the tab on host B to follow the run (threads.resume_run)');

    await ck(second.page, '.ck-send.ck-stop').click();
    await waitFor(async () => sent(second.requests, 'threads.stop_run', HOST_B), 'threads.stop_run on host B');
    // The tab that started the run sees its stream end: the run stopped on host A, not just host B's view of it.
    await waitFor(async () => (await ck(first.page, '.ck-send.ck-stop').count()) === 0, 'the run to stop on host A');
    await waitFor(async () => (await ck(second.page, '.ck-send.ck-stop').count()) === 0, 'the stop button to go away on host B');
    const stopped = await replyText(first.page);
    assert.ok(stopped.length < SLOW.length && SLOW.startsWith(stopped), `host A shows a beginning of the slow reply: ${stopped}`);

    // Time for more words, had the run gone on.
    await new Promise((r) => setTimeout(r, 1500));
    for (const [who, tab] of [['host A', first], ['host B', second]]) {
      const before = tab.requests.length;
      await tab.page.reload();
      await tab.page.waitForFunction((id) => window.demo?.events?.some((e) => e.name === 'chatkit.thread.load.end' && e.detail.threadId === id), threadId, { timeout: 15000 });
      const reloaded = await replyText(tab.page);
      assert.ok(reloaded.length < SLOW.length && SLOW.startsWith(reloaded), `${who}: the stopped reply, not continued: ${reloaded}`);
      assert.ok(words(reloaded) <= words(stopped) + 2, `${who}: stopped where the user stopped it (${stopped} / ${reloaded})`);
      assert.equal(tab.requests.slice(before).filter((r) => r.type === 'threads.resume_run').length, 0, `${who}: nothing to re-attach to`);
      assert.equal(await ck(tab.page, '.ck-item-assistant_message').count(), 1, `${who}: one reply`);
    }
  });

  // Last: host A stays dead for the rest of the file.
  test('host A killed mid-reply: a tab following on B and a tab reloaded on B both show the interrupted notice once its lease lapses, and the checkpointed reply after a reload; the thread carries on on B', async () => {
    const first = await open(HOST_A);
    await startSlowReply(first.page);
    const threadId = await threadIdOf(first.page);
    const second = await open(HOST_B, first.context);
    await second.page.evaluate((id) => document.querySelector('openai-chatkit').setThreadId(id), threadId);
    await waitFor(async () => sent(second.requests, 'threads.resume_run', HOST_B), 'the tab on host B to follow the run (threads.resume_run)');
    // Past the run's first checkpoint (the first delta after 2 s): the thread then holds part of the reply.
    await waitFor(async () => words(await replyText(second.page)) >= 30, 'host B to show 30 words of the reply');
    assert.ok((await replyText(second.page)).length < SLOW.length, 'host A is killed before the reply ends');

    process.kill(-HOST_A_PID, 'SIGKILL');
    // The tab that was on host A reloads through host B at once, while host A's lease still runs.
    await first.page.addInitScript((id) => sessionStorage.setItem('demo-thread', id), threadId);
    await first.page.goto(HOST_B + '/?theme=light');
    await ready(first.page);

    const notice = async (page) => (await ck(page, '.ck-item-task').allInnerTexts()).some((t) => t.includes('interrupted'));
    const tabs = [['the tab following on host B', second], ['the tab reloaded on host B', first]];
    // Both streams end with the notice once the lease of host A lapses (host B finds the run abandoned, by a follower,
    // a load or its sweep; whoever closes it publishes the notice to every follower).
    for (const [who, tab] of tabs) {
      await waitFor(() => notice(tab.page), `the interrupted notice in ${who}, without a reload (once the lease of host A lapses)`);
      await waitFor(async () => (await ck(tab.page, '.ck-send.ck-stop').count()) === 0, `the run to end in ${who}`);
      const text = await replyText(tab.page);
      assert.ok(text.length > 0 && text.length < SLOW.length && SLOW.startsWith(text), `${who} shows a beginning of the slow reply: ${text}`);
      assert.equal(await ck(tab.page, '.ck-item-assistant_message').count(), 1, `${who}: one reply`);
    }

    // A reload on host B shows what the thread holds: the reply up to its last checkpoint, and the notice.
    const stored = [];
    for (const [who, tab] of tabs) {
      const before = tab.requests.length;
      await tab.page.reload();
      await tab.page.waitForFunction((id) => window.demo?.events?.some((e) => e.name === 'chatkit.thread.load.end' && e.detail.threadId === id), threadId, { timeout: 15000 });
      const text = await replyText(tab.page);
      assert.ok(text.length > 0 && text.length < SLOW.length && SLOW.startsWith(text), `${who}: the checkpointed reply: ${text}`);
      assert.ok(await notice(tab.page), `${who}: the notice is stored in the thread`);
      assert.equal(await ck(tab.page, '.ck-item-assistant_message').count(), 1, `${who}: one reply`);
      assert.equal(tab.requests.slice(before).filter((r) => r.type === 'threads.resume_run').length, 0, `${who}: nothing to re-attach to`);
      stored.push(text);
    }
    assert.equal(stored[0], stored[1], 'both tabs show the same stored reply');

    // The thread takes a new turn on host B.
    const ed = ck(second.page, '.ck-editor');
    await ed.click();
    await ed.pressSequentially('hello again', { delay: 5 });
    await second.page.keyboard.press('Enter');
    await waitFor(async () => (await ck(second.page, '.ck-item-assistant_message').count()) === 2, 'a reply to the new message on host B');
    await waitFor(async () => (await ck(second.page, '.ck-send.ck-stop').count()) === 0, 'the new reply to end');
  }, { skip: HOST_A_PID ? false : 'needs HOST_A_PID: a host run.sh started' });
});
