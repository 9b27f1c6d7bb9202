// Browser tests for how <openai-chatkit> renders and behaves (issue #18 items 1, 5, 6, 7): incremental
// rendering, long threads, the composer's dictation and tool menu, auto-scroll, requests while a reply
// streams, and accessibility (axe-core over the demo page). Run through run.sh (see chatkit.test.mjs).
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BASE, ART, launchChromium } from './support.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const T = { timeout: 120000 };

let browser;
before(async () => {
  // A fake microphone, granted without a prompt: dictation records a test tone.
  browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
});
after(async () => { await browser?.close(); });

const opened = [];
afterEach(async () => {
  const done = opened.splice(0);
  await Promise.all(done.map((t) => t.context.close().catch(() => {})));
  assert.deepEqual(done.flatMap((t) => t.errors), [], 'uncaught errors in the page');
});

/** Opens the demo page in a fresh context; `init` runs in the page before its scripts. */
async function open(path = '/?theme=light', { viewport = { width: 1200, height: 820 }, init } = {}) {
  const context = await browser.newContext({ viewport, locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  opened.push({ context, errors });
  const requests = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST' || new URL(r.url()).pathname !== '/chatkit') return;
    try { requests.push(r.postDataJSON()); } catch { /* an upload */ }
  });
  if (init) await page.addInitScript(init);
  await page.goto(BASE + path);
  await page.waitForFunction(() => window.demo?.events?.some((e) => e.name === 'chatkit.ready'), null, { timeout: 15000 });
  return { page, requests };
}

const ck = (page, sel) => page.locator(`openai-chatkit ${sel}`);
const count = (page, name) => page.evaluate((n) => window.demo.events.filter((e) => e.name === n).length, name);
const errorsOf = (page) => page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.error').map((e) => String(e.detail?.error?.message ?? e.detail?.error ?? '')));

async function waitIdle(page, minEnds) {
  await page.waitForFunction((n) => {
    const ev = window.demo.events;
    const starts = ev.filter((e) => e.name === 'chatkit.response.start').length;
    const ends = ev.filter((e) => e.name === 'chatkit.response.end').length;
    return ends >= n && starts === ends;
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

/** Waits for the element's finite animations and transitions (a panel fading in) to end: colours are
 *  judged as they settle, not halfway. */
const settled = (page) => page.evaluate(() => Promise.all(document.getElementById('chatkit').shadowRoot.getAnimations()
  .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished.catch(() => {}))));

/** setOptions with options equal to the current ones, as @openai/chatkit-react passes them on a re-render:
 *  new objects and new function identities. */
const setEqualOptions = (page) => page.evaluate(() => {
  const el = document.getElementById('chatkit');
  const copy = (v) => typeof v === 'function' ? (...a) => v(...a) : Array.isArray(v) ? v.map(copy)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) : v;
  el.setOptions(copy(el.s.opts));
});

describe('<openai-chatkit> rendering', () => {
  it('a streamed reply appends to the nodes already there; the finished message is announced once', T, async () => {
    const { page } = await open();
    await page.evaluate(() => {
      const root = document.getElementById('chatkit').shadowRoot;
      window.__said = [];
      const live = root.querySelector('.ck-sr-only[aria-live="polite"]');
      new MutationObserver(() => window.__said.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
    });
    const ends = await count(page, 'chatkit.response.end');
    await type(page, 'answer slow please');
    await page.keyboard.press('Enter');
    // Once the first block of the reply shows, remember its nodes.
    await page.waitForFunction(() => {
      const md = document.getElementById('chatkit').shadowRoot.querySelector('.ck-item-assistant_message .ck-streaming .ck-markdown');
      return md && md.children.length >= 1 && md.textContent.length > 10;
    }, null, { timeout: 30000 });
    const firstLength = await page.evaluate(() => {
      const root = document.getElementById('chatkit').shadowRoot;
      window.__item = root.querySelector('.ck-item-assistant_message');
      window.__md = window.__item.querySelector('.ck-markdown');
      window.__first = window.__md.firstElementChild;
      return window.__md.textContent.length;
    });
    await waitIdle(page, ends + 1);
    const kept = await page.evaluate(() => {
      const root = document.getElementById('chatkit').shadowRoot;
      const item = root.querySelector('.ck-item-assistant_message');
      return { item: item === window.__item, md: item.querySelector('.ck-markdown') === window.__md, first: window.__md.firstElementChild === window.__first, length: window.__md.textContent.length };
    });
    assert.deepEqual({ ...kept, length: kept.length > firstLength }, { item: true, md: true, first: true, length: true });
    const said = await page.evaluate(() => window.__said.filter((t) => t.trim()));
    assert.equal(said.length, 1, `announced once: ${JSON.stringify(said)}`);
    assert.ok(said[0].length > firstLength / 2, 'the whole message is announced');
    assert.equal(await ck(page, '.ck-items').getAttribute('aria-live'), 'off');
  });

  it('setOptions with equal options keeps items, typed widget text, open workflow panels, scroll and focus', T, async () => {
    const { page } = await open('/?theme=light', { viewport: { width: 1000, height: 560 } });
    await send(page, 'tell me about chatkit');
    await send(page, 'show me a widget');
    const note = ck(page, '.ck-item-widget input[name="note"]');
    await note.fill('typed, not sent');
    await ck(page, '.ck-item-workflow summary').first().click();
    assert.equal(await ck(page, '.ck-item-workflow details').first().evaluate((d) => d.open), true);
    await page.evaluate(() => {
      const root = document.getElementById('chatkit').shadowRoot;
      window.__items = Array.from(root.querySelectorAll('.ck-item'));
      const sc = root.querySelector('.ck-scroller');
      sc.style.scrollBehavior = 'auto';
      sc.scrollTop = Math.floor((sc.scrollHeight - sc.clientHeight) / 2);
    });
    await note.focus({ preventScroll: true });
    const scrollBefore = await ck(page, '.ck-scroller').evaluate((s) => s.scrollTop);
    await setEqualOptions(page);
    await page.waitForTimeout(200);
    const after = await page.evaluate(() => {
      const root = document.getElementById('chatkit').shadowRoot;
      const items = Array.from(root.querySelectorAll('.ck-item'));
      return {
        same: items.length === window.__items.length && items.every((e, i) => e === window.__items[i]),
        note: root.querySelector('.ck-item-widget input[name="note"]').value,
        open: root.querySelector('.ck-item-workflow details').open,
        scroll: root.querySelector('.ck-scroller').scrollTop,
        focus: root.activeElement?.getAttribute('name'),
      };
    });
    assert.deepEqual(after, { same: true, note: 'typed, not sent', open: true, scroll: scrollBefore, focus: 'note' });

    // Changed options redraw what they affect (the colour scheme: the items), keeping the typed text and open panel.
    await page.locator('#theme-toggle').click();
    await page.waitForTimeout(200);
    assert.equal(await note.inputValue(), 'typed, not sent');
    assert.equal(await ck(page, '.ck-item-workflow details').first().evaluate((d) => d.open), true);
  });
});

describe('<openai-chatkit> long threads', () => {
  it('shows the newest page first and loads older pages while scrolling up, with no cap', T, async () => {
    const { page, requests } = await open();
    // A thread of 2,700 items served by a store stand-in with the server's paging rules (items.list: order,
    // after cursor, limit, has_more; threads.get_by_id: the oldest page), so no 2,700 turns have to run first.
    const N = 2700;
    await page.route(BASE + '/chatkit', async (route) => {
      const body = route.request().postDataJSON();
      const item = (i) => ({ id: `itm_${String(i).padStart(5, '0')}`, thread_id: 'thr_long', created_at: '2025-06-01T12:00:00Z', type: i % 2 ? 'assistant_message' : 'user_message',
        content: i % 2 ? [{ type: 'output_text', text: `Reply ${i}`, annotations: [] }] : [{ type: 'input_text', text: `Question ${i}` }], attachments: [], inference_options: {} });
      const all = Array.from({ length: N }, (_, i) => item(i));
      const page_ = (order, after, limit) => {
        const list = order === 'asc' ? all : all.slice().reverse();
        const start = after ? list.findIndex((x) => x.id === after) + 1 : 0;
        const data = list.slice(start, start + limit);
        return { data, has_more: start + limit < list.length, after: data.at(-1)?.id ?? null };
      };
      const json = (o) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(o) });
      if (body?.type === 'threads.get_by_id' && body.params.thread_id === 'thr_long') return json({ id: 'thr_long', title: 'Long', created_at: '2025-06-01T12:00:00Z', status: { type: 'active' }, metadata: {}, items: page_('asc', null, 20) });
      if (body?.type === 'items.list' && body.params.thread_id === 'thr_long') return json(page_(body.params.order ?? 'desc', body.params.after ?? null, Math.min(body.params.limit || 20, 100)));
      return route.continue();
    });
    await page.evaluate(() => document.getElementById('chatkit').setThreadId('thr_long'));
    await ck(page, `.ck-item[data-item-id="itm_0${N - 1}"]`).waitFor({ timeout: 15000 });
    const ids = () => page.evaluate(() => Array.from(document.getElementById('chatkit').shadowRoot.querySelectorAll('.ck-item')).map((e) => e.dataset.itemId));
    const first = await ids();
    assert.equal(first.at(-1), `itm_0${N - 1}`, 'the newest item is shown');
    assert.ok(first.length < 200, `only the newest pages at first (${first.length})`);
    // The view starts at the bottom (the newest message).
    assert.ok(await ck(page, '.ck-scroller').evaluate((s) => s.scrollHeight - s.scrollTop - s.clientHeight < 5));
    // Scroll up until the oldest item shows; what was on screen stays where it was at each page.
    for (let i = 0; i < 200; i++) {
      const shown = await ids();
      if (shown[0] === 'itm_00000') break;
      const anchor = shown[0];
      await ck(page, '.ck-scroller').evaluate((s) => s.scrollTo({ top: 0, behavior: 'instant' }));
      await page.waitForFunction((a) => document.getElementById('chatkit').shadowRoot.querySelector('.ck-item').dataset.itemId !== a, anchor, { timeout: 10000 });
      // The item that was at the top stays on screen: the older page went above it, out of view.
      const offset = await page.evaluate((a) => {
        const root = document.getElementById('chatkit').shadowRoot;
        const sc = root.querySelector('.ck-scroller');
        return root.querySelector(`.ck-item[data-item-id="${a}"]`).getBoundingClientRect().top - sc.getBoundingClientRect().top;
      }, anchor);
      assert.ok(offset >= -5 && offset < 820, `the item shown before stays in view (offset ${offset})`);
    }
    const all = await ids();
    assert.equal(all.length, N, 'every item is shown, none missing');
    assert.equal(new Set(all).size, N, 'no item twice');
    assert.deepEqual(all, Array.from({ length: N }, (_, i) => `itm_${String(i).padStart(5, '0')}`));
    const lists = requests.filter((r) => r?.type === 'items.list');
    assert.ok(lists.every((r) => r.params.order === 'desc'), 'older pages are asked newest first');
  });
});

describe('<openai-chatkit> composer', () => {
  it('dictation shows its recording state, then types the transcript', T, async () => {
    const { page, requests } = await open();
    const mic = ck(page, '.ck-dictation-btn');
    await mic.click();
    await ck(page, '.ck-dictation-btn[aria-pressed="true"]').waitFor();
    assert.equal(await ck(page, '.ck-dictation-recording').isVisible(), true, 'a visible recording status');
    assert.equal(await ck(page, '.ck-dictation-btn').getAttribute('aria-label'), 'Stop dictation');
    await page.waitForTimeout(600);
    await ck(page, '.ck-dictation-btn').click();
    await page.waitForFunction(() => document.getElementById('chatkit').shadowRoot.querySelector('.ck-editor').textContent.trim().length > 0, null, { timeout: 15000 });
    assert.equal(await ck(page, '.ck-dictation-btn').getAttribute('aria-pressed'), 'false');
    assert.equal(await ck(page, '.ck-dictation-status').count(), 0);
    assert.ok(requests.some((r) => r?.type === 'input.transcribe'));
    assert.deepEqual(await errorsOf(page), []);
  });

  it('dictation reports a refused microphone: chatkit.error and a visible message', T, async () => {
    const { page } = await open('/?theme=light', {
      init: () => { navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')); },
    });
    await ck(page, '.ck-dictation-btn').click();
    await ck(page, '.ck-toast.ck-show').waitFor();
    assert.match(await ck(page, '.ck-toast').innerText(), /Dictation failed: Permission denied/);
    assert.deepEqual(await errorsOf(page), ['Permission denied']);
    assert.equal(await ck(page, '.ck-dictation-btn').getAttribute('aria-pressed'), 'false');
  });

  it('unpinned tools are a menu with icons, usable by keyboard', T, async () => {
    const { page, requests } = await open();
    const button = ck(page, '.ck-tool-menu-btn');
    assert.equal(await button.getAttribute('aria-haspopup'), 'menu');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    const menuId = await button.getAttribute('aria-controls');
    await button.focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const items = ck(page, `#${menuId} [role="menuitemradio"]`);
    assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.textContent)), ['Create an image', 'Deep research']);
    assert.equal(await ck(page, `#${menuId} [role="menuitemradio"] svg`).count(), 2, 'each tool with its icon');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.getElementById('chatkit').shadowRoot.activeElement?.textContent), 'Deep research');
    await page.keyboard.press('Enter');
    assert.equal(await ck(page, '.ck-tool-menu').isHidden(), true);
    assert.deepEqual(await page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.tool.change').at(-1).detail), { toolId: 'deep_research' });
    assert.equal(await ck(page, '.ck-tool-chip').count(), 1);
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await ck(page, '[role="menuitemradio"][aria-checked="true"]').innerText(), 'Deep research');
    await page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.getElementById('chatkit').shadowRoot.activeElement?.className), 'ck-tool-menu-btn');
    await send(page, 'with a tool');
    assert.deepEqual(requests.filter((r) => r?.type === 'threads.create').at(-1).params.input.inference_options.tool_choice, { id: 'deep_research' });
  });

  it('thread.autoScroll follows a streaming reply only when set', T, async () => {
    for (const autoScroll of [false, true]) {
      const { page } = await open('/?theme=light', { viewport: { width: 900, height: 420 } });
      await page.evaluate((on) => { const el = document.getElementById('chatkit'); el.setOptions({ ...el.s.opts, thread: { autoScroll: on } }); }, autoScroll);
      await send(page, 'answer slow please');
      const gap = await ck(page, '.ck-scroller').evaluate((s) => s.scrollHeight - s.scrollTop - s.clientHeight);
      if (autoScroll) assert.ok(gap < 130, `followed to the bottom (gap ${gap})`);
      else assert.ok(gap > 130, `stayed where the user was (gap ${gap})`);
    }
  });

  it('a message sent while a reply streams is refused visibly, never dropped silently', T, async () => {
    const { page, requests } = await open();
    await type(page, 'answer slow please');
    await page.keyboard.press('Enter');
    await ck(page, '.ck-send.ck-stop').waitFor();
    const before = requests.length;
    await page.evaluate(() => document.getElementById('chatkit').sendUserMessage({ text: 'second' }));
    await ck(page, '.ck-toast.ck-show').waitFor();
    assert.match(await ck(page, '.ck-toast').innerText(), /still streaming/);
    assert.ok((await errorsOf(page)).some((m) => /still streaming/.test(m)));
    assert.equal(requests.slice(before).filter((r) => r?.type === 'threads.add_user_message').length, 0);
    await waitIdle(page, 1);
  });
});

describe('<openai-chatkit> accessibility', () => {
  for (const theme of ['light', 'dark']) {
    it(`axe-core finds no serious or critical violation (${theme}, with a widget, a workflow and history open)`, T, async () => {
      const { page } = await open(`/?theme=${theme}`);
      await send(page, 'tell me about chatkit');
      await send(page, 'show me a widget');
      await ck(page, '.ck-item-workflow summary').first().click();
      await page.evaluate(AXE);
      const audit = () => page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1] ?? ''}`) }));
      });
      // The thread itself (with the history panel open, it is inert behind the dialog).
      await settled(page);
      assert.deepEqual(await audit(), [], 'the thread, composer and header');
      await ck(page, '.ck-history-btn').click();
      await ck(page, '.ck-history-row').first().waitFor();
      await settled(page);
      const found = await audit();
      await page.screenshot({ path: join(ART, `axe-${theme}.png`) });
      assert.deepEqual(found, []);
    });
  }

  it('history is a dialog: focus moves in, Escape closes it and focus comes back', T, async () => {
    const { page } = await open();
    await send(page, 'hello');
    await ck(page, '.ck-history-btn').focus();
    await page.keyboard.press('Enter');
    await ck(page, '.ck-history-row').first().waitFor();
    assert.equal(await ck(page, '.ck-history').getAttribute('role'), 'dialog');
    assert.ok(await page.evaluate(() => { const r = document.getElementById('chatkit').shadowRoot; return r.querySelector('.ck-history').contains(r.activeElement); }), 'focus inside the panel');
    await page.keyboard.press('Escape');
    await ck(page, '.ck-history').waitFor({ state: 'hidden' });
    assert.match(await page.evaluate(() => document.getElementById('chatkit').shadowRoot.activeElement?.className ?? ''), /ck-history-btn/);
  });

  it('the history dialog keeps the keyboard focus while a reply streams', T, async () => {
    const { page } = await open();
    await send(page, 'hello');
    await type(page, 'answer slow please');
    await page.keyboard.press('Enter');
    await ck(page, '.ck-send.ck-stop').waitFor();
    await page.evaluate(() => document.getElementById('chatkit').showHistory());
    await ck(page, '.ck-history-row').first().waitFor();
    await ck(page, '.ck-history-rename').first().focus();
    await page.evaluate(() => { window.__focused = document.getElementById('chatkit').shadowRoot.activeElement; });
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => document.getElementById('chatkit').shadowRoot.activeElement === window.__focused), true);
    await page.evaluate(() => document.getElementById('chatkit').hideHistory());
    await waitIdle(page, 2);
  });

  it('the mention list is announced as the field\'s popup (aria-expanded, aria-controls)', T, async () => {
    const { page } = await open();
    const ed = ck(page, '.ck-editor');
    assert.equal(await ed.getAttribute('aria-expanded'), 'false');
    const id = await ed.getAttribute('aria-controls');
    assert.equal(await ck(page, `#${id}`).getAttribute('role'), 'listbox');
    await type(page, 'hi @a');
    await ck(page, '.ck-mention-option').first().waitFor();
    assert.equal(await ed.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await ed.getAttribute('aria-expanded'), 'false');
  });

  it('every control is reachable by keyboard', T, async () => {
    const { page } = await open();
    await send(page, 'show me a widget');
    await ck(page, '.ck-history-btn').click();
    await ck(page, '.ck-history-row').first().waitFor();
    const unreachable = await page.evaluate(() => {
      const root = document.getElementById('chatkit').shadowRoot;
      const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      return Array.from(root.querySelectorAll('button, a[href], input, select, textarea, summary, [contenteditable="true"], [role="button"], [role="menuitemradio"], [role="option"]'))
        .filter((e) => visible(e) && !e.disabled)
        // Menu and list options are reached with the arrow keys from their (focusable) owner.
        .filter((e) => !['menuitemradio', 'option'].includes(e.getAttribute('role')))
        .filter((e) => e.tabIndex < 0)
        .map((e) => e.outerHTML.slice(0, 100));
    });
    assert.deepEqual(unreachable, []);
  });
});
