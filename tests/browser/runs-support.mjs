// What the runs tests share: the demo's deliberately slow reply, how to read it off the page, and how to wait.
import assert from 'node:assert/strict';

/** The offline demo's answer to "please be slow", word by word. */
export const SLOW = 'This reply streams slowly on purpose, one word at a time, so that you can try the stop button ' +
  'while it is still arriving. If you stop it now, the part you already saw is kept in the thread, ' +
  'and the next reply starts fresh. Words keep coming for a few more seconds so there is plenty of ' +
  'time to press stop before the end of this deliberately long and slow demonstration message.';

/** A locator inside the element's shadow root. */
export const ck = (page, sel) => page.locator(`openai-chatkit ${sel}`);

/** The text of the last assistant message on the page, without citation marks, spaces folded. */
export const replyText = (page) => page.evaluate(() => {
  const md = Array.from(document.querySelector('openai-chatkit').shadowRoot.querySelectorAll('.ck-item-assistant_message .ck-markdown')).at(-1);
  if (!md) return '';
  // The citation marks of the reply's source are not its text.
  const copy = md.cloneNode(true);
  copy.querySelectorAll('.ck-cite').forEach((c) => c.remove());
  return copy.textContent.replace(/\s+/g, ' ').trim();
});

export const words = (text) => (text ? text.split(' ').length : 0);

/** The thread the page shows, from the demo's event log. */
export const threadIdOf = (page) => page.evaluate(() => window.demo.events.filter((e) => e.name === 'chatkit.thread.change').at(-1)?.detail.threadId);

/** Polls `fn` every 100 ms until it is true; fails naming `what` after `timeout` ms. */
export async function waitFor(fn, what, timeout = 30000) {
  const t0 = Date.now();
  while (!(await fn())) {
    if (Date.now() - t0 > timeout) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the demo's slow reply and waits until a few words of it are on screen. */
export async function startSlowReply(page) {
  const ed = ck(page, '.ck-editor');
  await ed.click();
  await ed.pressSequentially('please be slow', { delay: 5 });
  await page.keyboard.press('Enter');
  await waitFor(async () => words(await replyText(page)) >= 6, 'the first words of the slow reply');
}
