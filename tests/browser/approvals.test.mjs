// Browser test: a tool that needs approval (the offline demo's "delete file", run by the real ChatClientResponder
// with a scripted model) shows an approval card; Approve completes the turn, Deny tells the model it was denied.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, ART, launchChromium } from './support.mjs';

const T = { timeout: 120000 };

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

const opened = [];
afterEach(async () => {
  const done = opened.splice(0);
  await Promise.all(done.map((t) => t.context.close().catch(() => {})));
  assert.deepEqual(done.flatMap((t) => t.errors), [], 'uncaught errors in the page');
});

async function open() {
  const context = await browser.newContext({ viewport: { width: 1200, height: 820 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  opened.push({ context, errors });
  const actions = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST' || new URL(r.url()).pathname !== '/chatkit') return;
    try { const body = r.postDataJSON(); if (body?.type === 'threads.custom_action') actions.push(body); } catch { /* not JSON */ }
  });
  await page.goto(BASE + '/?theme=light');
  await page.waitForFunction(() => window.demo?.events?.some((e) => e.name === 'chatkit.ready'), null, { timeout: 15000 });
  return { page, actions };
}

const ck = (page, sel) => page.locator(`openai-chatkit ${sel}`);
const ends = (page) => page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.response.end').length);

async function waitIdle(page, minEnds) {
  await page.waitForFunction((n) => {
    const ev = window.demo.events;
    const starts = ev.filter((e) => e.name === 'chatkit.response.start').length;
    const done = ev.filter((e) => e.name === 'chatkit.response.end').length;
    return done >= n && starts === done;
  }, minEnds, { timeout: 30000 });
}

async function send(page, text) {
  const before = await ends(page);
  const ed = ck(page, '.ck-editor');
  await ed.click();
  await ed.pressSequentially(text, { delay: 5 });
  await page.keyboard.press('Enter');
  await waitIdle(page, before + 1);
}

/** Asks for the deletion and returns the approval card once it shows. */
async function ask(page) {
  await send(page, 'please delete file notes.txt');
  const card = ck(page, '.ck-item-widget').last();
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /Allow this action\?/);
  assert.match(text, /Run delete_file/);
  assert.match(text, /notes\.txt/);
  return card;
}

async function click(page, card, actionType) {
  const before = await ends(page);
  await card.locator(`[data-action-type="${actionType}"]`).click();
  await waitIdle(page, before + 1);
}

describe('tool approvals', () => {
  it('Approve runs the tool and completes the turn', T, async () => {
    const { page, actions } = await open();
    const card = await ask(page);
    const cardId = await card.getAttribute('data-item-id');
    await page.screenshot({ path: join(ART, 'approval-pending.png') });

    await click(page, card, 'chatkit.tool_approval.approve');

    assert.equal(actions.length, 1);
    assert.equal(actions[0].params.item_id, cardId);
    const answered = ck(page, `.ck-item-widget[data-item-id="${cardId}"]`);
    await answered.filter({ hasText: 'Approved' }).waitFor();
    assert.equal(await answered.locator('[data-action-type]').count(), 0, 'the answered card has no buttons');
    await ck(page, '.ck-item-assistant_message').filter({ hasText: 'Done: Deleted notes.txt' }).waitFor();
    await page.screenshot({ path: join(ART, 'approval-approved.png') });
  });

  it('Deny tells the model the call was denied', T, async () => {
    const { page } = await open();
    const card = await ask(page);
    const cardId = await card.getAttribute('data-item-id');

    await click(page, card, 'chatkit.tool_approval.deny');

    await ck(page, `.ck-item-widget[data-item-id="${cardId}"]`).filter({ hasText: 'Denied' }).waitFor();
    await ck(page, '.ck-item-assistant_message').filter({ hasText: 'You denied the deletion' }).waitFor();
    assert.equal(await ck(page, '.ck-item-assistant_message').filter({ hasText: 'Done:' }).count(), 0);
  });
});
