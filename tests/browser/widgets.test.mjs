// Browser tests for the widget controls (issue 18 item 4) against the real demo host (BASE_URL): each control's
// value, its change action as the server received it (the demo's controls card echoes every action back), and
// the form submit with every value. Run through run.sh (TESTS=widgets.test.mjs runs only this file).
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, ART, launchChromium } from './support.mjs';

const T = { timeout: 180000 };

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

/** Opens the demo, asks the offline assistant for the controls card and returns it with the recorded actions. */
async function openControls(theme = 'light', locale = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  opened.push({ context, errors });
  const actions = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST' || new URL(r.url()).pathname !== '/chatkit') return;
    try {
      const body = r.postDataJSON();
      if (body?.type === 'threads.custom_action') actions.push(body.params.action);
    } catch { /* not JSON */ }
  });
  await page.goto(`${BASE}/?theme=${theme}`);
  await page.waitForFunction(() => window.demo?.events?.some((e) => e.name === 'chatkit.ready'), null, { timeout: 15000 });
  // Count the Transition animations the element starts (the echo sits in a Transition).
  await page.evaluate(() => {
    window.__transitions = 0;
    const animate = Element.prototype.animate;
    Element.prototype.animate = function (...args) {
      if (this.classList?.contains('ck-w-transition')) window.__transitions++;
      return animate.apply(this, args);
    };
  });
  const editor = page.locator('openai-chatkit .ck-editor');
  await editor.click();
  await editor.pressSequentially('show the widget controls', { delay: 5 });
  await page.keyboard.press('Enter');
  const widget = page.locator('openai-chatkit .ck-item-widget').last();
  await widget.locator('[data-widget-id="controls-echo"]').waitFor({ timeout: 30000 });
  return { page, widget, actions, echo: widget.locator('[data-widget-id="controls-echo"]') };
}

async function waitForText(locator, expected, timeout = 20000) {
  const t0 = Date.now();
  let text;
  while ((text = await locator.innerText().catch(() => '')) !== expected) {
    if (Date.now() - t0 > timeout) assert.fail(`expected ${JSON.stringify(expected)}, still ${JSON.stringify(text)} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The id of the element focused inside the ChatKit shadow root, and a few facts about it. */
const focused = (page) => page.evaluate(() => {
  const a = document.querySelector('openai-chatkit').shadowRoot.activeElement;
  return a ? { tag: a.tagName, name: a.getAttribute('name'), role: a.getAttribute('role'), cls: a.className, date: a.dataset.date ?? null } : null;
});

/** The element's string table for a locale, as committed (web/chatkit-element/locales). */
const table = (id) => JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'chatkit-element', 'locales', `${id}.json`), 'utf8'));

describe('widget controls', { concurrency: false }, () => {
  it('the controls speak the page\'s language: calendar, month buttons, clear buttons and the pattern message', T, async () => {
    // The demo sets no locale, so the element follows the browser's (German here) and passes its table to widgets.
    const { page, widget } = await openControls('light', 'de-DE');
    const de = table('de');
    const dialog = widget.locator('.ck-w-date [role="dialog"]');
    assert.equal(await dialog.getAttribute('aria-label'), de.chooseDate);
    const nav = dialog.locator('.ck-w-cal-nav');
    assert.deepEqual([await nav.nth(0).getAttribute('aria-label'), await nav.nth(1).getAttribute('aria-label')], [de.previousMonth, de.nextMonth]);
    const clears = widget.locator('.ck-w-clear');
    assert.ok(await clears.count() >= 2, 'the Select and the DatePicker are clearable');
    for (const b of await clears.all()) assert.equal(await b.getAttribute('aria-label'), de.clear);
    const notes = widget.locator('textarea[name="notes"]');
    await notes.fill('<b>');
    assert.equal(await notes.evaluate((t) => t.validationMessage), de.invalidFormat);
    assert.notEqual(de.invalidFormat, table('en').invalidFormat);
    await page.screenshot({ path: join(ART, 'widget-controls-de.png') });
  });

  it('Select: a listbox popup, keyboard and typeahead, pointer, clear; each change reaches the server with its value', T, async () => {
    const { page, widget, actions, echo } = await openControls();
    const combo = widget.locator('[role="combobox"]');
    assert.equal(await combo.innerText(), 'Pick a fruit');
    // The flush Divider spans the card from edge to edge.
    const [card, rule] = [await widget.locator('.ck-w-card').boundingBox(), await widget.locator('hr.ck-w-divider').boundingBox()];
    assert.ok(Math.abs(rule.x - card.x) <= 1.5 && Math.abs(rule.width - card.width) <= 3, `divider ${JSON.stringify(rule)} spans card ${JSON.stringify(card)}`);
    // The Label names the combobox.
    assert.equal(await combo.evaluate((c) => c.getRootNode().getElementById(c.getAttribute('aria-labelledby')).textContent), 'Fruit');

    await combo.focus();
    await page.keyboard.press('ArrowDown');
    const listbox = widget.locator('[role="listbox"]');
    await listbox.waitFor({ state: 'visible' });
    assert.equal(await combo.getAttribute('aria-expanded'), 'true');
    // In the top layer: the card's overflow does not clip it, and it sits below the combobox.
    assert.equal(await listbox.evaluate((l) => l.matches(':popover-open')), true);
    const [cb, lb] = [await combo.boundingBox(), await listbox.boundingBox()];
    assert.ok(lb.y >= cb.y + cb.height - 1 && lb.height > 60, `listbox ${JSON.stringify(lb)} below combobox ${JSON.stringify(cb)}`);
    await page.screenshot({ path: join(ART, 'widget-select-open.png') });
    await page.keyboard.type('ch'); // typeahead
    const active = await combo.getAttribute('aria-activedescendant');
    assert.equal(await listbox.locator(`[id="${active}"]`).getAttribute('data-value'), 'cherry');
    await page.keyboard.press('Enter');
    await waitForText(echo, 'demo.controls.changed: fruit = "cherry"');
    assert.equal(actions.at(-1).type, 'demo.controls.changed');
    assert.equal(actions.at(-1).payload.value, 'cherry');
    assert.equal(actions.at(-1).payload.fruit, 'cherry', 'the form values join the change action');
    // The echo sits in a Transition: the change animates it, on the next animation frame after the new content is
    // in (so after the text shows; a loaded machine delays that frame).
    await page.waitForFunction(() => window.__transitions >= 1, null, { timeout: 5000 }).catch(() => {});
    assert.ok(await page.evaluate(() => window.__transitions) >= 1, 'the Transition animated');

    // The re-rendered card keeps the choice; a pointer pick and the disabled option.
    const combo2 = widget.locator('[role="combobox"]');
    await waitForText(combo2, 'Cherry');
    await combo2.click();
    await widget.locator('[role="option"][data-value="durian"]').click({ force: true });
    assert.equal(await combo2.getAttribute('aria-expanded'), 'true', 'a disabled option is not chosen');
    await widget.locator('[role="option"][data-value="apple"]').click();
    await waitForText(echo, 'demo.controls.changed: fruit = "apple"');
    await widget.locator('.ck-w-select .ck-w-clear').click();
    await waitForText(echo, 'demo.controls.changed: fruit = null');
    assert.equal(actions.at(-1).payload.value, null);
    await waitForText(widget.locator('[role="combobox"]'), 'Pick a fruit');
  });

  it('DatePicker: a calendar dialog on its side, keyboard, min/max; it sends ISO date-times', T, async () => {
    const { page, widget, actions, echo } = await openControls();
    const trigger = widget.locator('.ck-w-date-trigger');
    assert.equal(await trigger.innerText(), 'Pick a date');
    await trigger.click();
    const dialog = widget.locator('[role="dialog"]');
    await dialog.waitFor({ state: 'visible' });
    const [tb, db] = [await trigger.boundingBox(), await dialog.boundingBox()];
    assert.ok(db.y >= tb.y + tb.height - 1 && Math.abs(db.x - tb.x) < 2, `calendar ${JSON.stringify(db)} below and aligned to the start of ${JSON.stringify(tb)}`);
    const start = await focused(page);
    assert.match(start.date ?? '', /^\d{4}-\d{2}-\d{2}$/, 'a day of the calendar has the focus');
    await page.screenshot({ path: join(ART, 'widget-datepicker-open.png') });
    // Two days on and one week down, by keyboard.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const day = (await focused(page)).date;
    const expected = new Date(Date.parse(`${start.date}T00:00:00Z`) + 9 * 86400000).toISOString();
    assert.equal(`${day}T00:00:00.000Z`, expected);
    await page.keyboard.press('Enter');
    await waitForText(echo, `demo.controls.changed: due = "${expected}"`);
    assert.equal(actions.at(-1).payload.value, expected);
    assert.equal(actions.at(-1).payload.due, expected);
    const shown = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(expected));
    await waitForText(widget.locator('.ck-w-date-trigger'), shown);

    // min and max: 2025-01-01 .. 2030-12-31. PageUp by years (Shift) to January 2025: earlier days are disabled.
    await widget.locator('.ck-w-date-trigger').click();
    await dialog.waitFor({ state: 'visible' });
    for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+PageUp');
    await waitForText(dialog.locator('.ck-w-cal-title'), 'January 2025');
    assert.equal(await dialog.locator('[aria-label="Previous month"]').isDisabled(), true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await focused(page)).cls.includes('ck-w-date-trigger'), true, 'Escape returns the focus to the button');
    const before = actions.length;
    await widget.locator('.ck-w-date .ck-w-clear').click();
    await waitForText(echo, 'demo.controls.changed: due = null');
    assert.equal(actions.length, before + 1);
  });

  it('Checkbox and RadioGroup send their values; Textarea grows up to maxRows and checks its pattern; the form submits every value', T, async () => {
    const { page, widget, actions, echo } = await openControls();
    await widget.locator('label.ck-w-checkbox').click();
    await waitForText(echo, 'demo.controls.changed: subscribe = true');
    await widget.locator('label.ck-w-radio', { hasText: 'Large' }).click();
    await waitForText(echo, 'demo.controls.changed: size = "l"');
    assert.equal(actions.at(-1).payload.subscribe, true, 'the re-rendered card kept the checkbox');
    assert.equal(await widget.locator('input[type="radio"][value="l"]').isChecked(), true);

    // The Label is linked: clicking it focuses the textarea.
    await widget.locator('label.ck-w-label', { hasText: 'Notes' }).click();
    assert.equal((await focused(page)).name, 'notes');
    const notes = widget.locator('textarea[name="notes"]');
    const h0 = await notes.evaluate((t) => t.offsetHeight);
    await page.keyboard.type('one');
    for (const line of ['two', 'three']) { await page.keyboard.press('Shift+Enter'); await page.keyboard.type(line); }
    const h3 = await notes.evaluate((t) => t.offsetHeight);
    assert.ok(h3 > h0, `the textarea grew (${h0} -> ${h3})`);
    for (const line of ['4', '5', '6', '7', '8']) { await page.keyboard.press('Enter'); await page.keyboard.type(line); }
    const h8 = await notes.evaluate((t) => ({ h: t.offsetHeight, overflow: getComputedStyle(t).overflowY, line: parseFloat(getComputedStyle(t).lineHeight) }));
    assert.ok(h8.h < 7 * h8.line && h8.h > 4 * h8.line, `at most five rows: ${JSON.stringify(h8)}`);
    assert.equal(h8.overflow, 'auto');

    // The editable summary is multi-line (minLines 2).
    const summary = widget.locator('.ck-w-text-editable');
    assert.equal(await summary.evaluate((e) => e.tagName), 'TEXTAREA');
    await summary.fill('Line one\nLine two');

    // The pattern blocks submission while the notes hold "<".
    await notes.fill('bad <tag>');
    const count = actions.length;
    await widget.locator('button[type="submit"]').click();
    await page.waitForTimeout(300);
    assert.equal(actions.length, count, 'an invalid form is not sent');
    assert.equal(await notes.evaluate((t) => t.validity.valid), false);
    await notes.fill('fine\nthanks');
    await widget.locator('button[type="submit"]').click();
    await waitForSubmit(echo);
    const sent = actions.at(-1);
    assert.equal(sent.type, 'demo.controls.submit');
    assert.deepEqual(sent.payload, { fruit: null, due: null, subscribe: true, size: 'l', notes: 'fine\nthanks', summary: 'Line one\nLine two' });
    assert.deepEqual(JSON.parse((await echo.innerText()).slice('demo.controls.submit: '.length)), sent.payload, 'the server received what was sent');
    // The submit button follows its size and icon size.
    assert.deepEqual(await widget.locator('button[type="submit"]').evaluate((b) => [b.dataset.size, b.dataset.iconSize, b.querySelector('svg').getAttribute('width')]), ['lg', 'lg', '18']);
    await page.screenshot({ path: join(ART, 'widget-controls.png') });
  });
});

/** Waits for the submit echo and returns its text. */
async function waitForSubmit(echo) {
  const t0 = Date.now();
  for (;;) {
    const text = await echo.innerText().catch(() => '');
    if (text.startsWith('demo.controls.submit: ')) return text;
    if (Date.now() - t0 > 20000) assert.fail(`no submit echo, still ${JSON.stringify(text)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
