// Browser tests for the element's locales and icons against the real demo host (BASE_URL): translated labels in
// several languages (one right to left), the configured locale on Accept-Language, and a glyph for every header icon.
// Run through run.sh (TESTS=locales.test.mjs bash tests/browser/run.sh runs only this file).
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, ART, launchChromium } from './support.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const T = { timeout: 120000 };

/** The element's string table for a locale, as committed (web/chatkit-element/locales). */
const table = (id) => JSON.parse(readFileSync(join(HERE, '..', '..', 'web', 'chatkit-element', 'locales', `${id}.json`), 'utf8'));
/** The HeaderIcon names of the published @openai/chatkit types (the element's dev dependency). */
function headerIcons() {
  const d = readFileSync(join(HERE, '..', '..', 'web', 'chatkit-element', 'node_modules', '@openai', 'chatkit', 'types', 'index.d.ts'), 'utf8');
  return [...(/export type HeaderIcon =([^;]*);/.exec(d)[1]).matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

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

/** The demo page in a browser of the given language, recording the ChatKit POSTs and the asset GETs. */
async function open(browserLocale = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: browserLocale });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  opened.push({ context, errors });
  const posts = [];
  const assets = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() === 'POST' && url.pathname === '/chatkit') posts.push({ type: r.postDataJSON()?.type, headers: r.headers() });
    if (r.method() === 'GET' && /^\/chatkit\/(locales|icons)\//.test(url.pathname)) assets.push(url.pathname);
  });
  await page.goto(BASE + '/?theme=light');
  await page.waitForFunction(() => window.demo?.events?.some((e) => e.name === 'chatkit.ready'), null, { timeout: 15000 });
  return { page, posts, assets };
}

const ck = (page, sel) => page.locator(`openai-chatkit ${sel}`);

/** Replaces the demo's options with minimal ones in `locale`, with a header action showing `leftIcon`. */
async function configure(page, locale, leftIcon = 'settings-cog', extra = {}) {
  await page.evaluate(([loc, icon, more]) => document.getElementById('chatkit').setOptions({
    api: { url: '/chatkit', domainKey: 'local-dev' },
    ...(loc ? { locale: loc } : {}),
    header: { leftAction: { icon, onClick() {} } },
    ...more,
  }), [locale, leftIcon, extra]);
}

/** The element's labels that come from its string table (none of them set by options here). */
async function labels(page) {
  return {
    greeting: await ck(page, '.ck-greeting').innerText(),
    placeholder: await ck(page, '.ck-editor').getAttribute('data-placeholder'),
    newChat: await ck(page, '.ck-new-chat').getAttribute('aria-label'),
    settings: await ck(page, '.ck-header-side .ck-header-btn').first().getAttribute('aria-label'),
    lang: await ck(page, '.ck-app').getAttribute('lang'),
    dir: await ck(page, '.ck-app').getAttribute('dir'),
  };
}

async function waitForGreeting(page, text) {
  await page.waitForFunction((t) => document.querySelector('openai-chatkit').shadowRoot.querySelector('.ck-greeting')?.textContent === t, text, { timeout: 15000 });
}

describe('<openai-chatkit> locales', () => {
  const cases = [
    { locale: 'de', table: 'de', placeholder: 'Nachricht an die KI', dir: 'ltr' },
    { locale: 'ja', table: 'ja', placeholder: 'AI にメッセージを送信', dir: 'ltr' },
    { locale: 'pt-BR', table: 'pt', placeholder: 'Mensagem para a IA', dir: 'ltr' },
    { locale: 'zh-TW', table: 'zh-Hant', placeholder: '傳訊息給 AI', dir: 'ltr' },
    { locale: 'ar', table: 'ar', placeholder: 'راسِل الذكاء الاصطناعي', dir: 'rtl' },
    { locale: 'uk', table: 'uk', placeholder: 'Напишіть ШІ', dir: 'ltr' },
  ];

  for (const c of cases) {
    it(`shows ${c.locale} labels (${c.dir}) and sends Accept-Language: ${c.locale}`, T, async () => {
      const { page, posts, assets } = await open('en-US');
      await configure(page, c.locale);
      const t = table(c.table);
      await waitForGreeting(page, t.greeting);
      assert.deepEqual(await labels(page), {
        greeting: t.greeting, placeholder: c.placeholder, newChat: t.newChat, settings: t.settings, lang: c.locale, dir: c.dir,
      });
      assert.notEqual(t.greeting, table('en').greeting);
      assert.ok(assets.includes(`/chatkit/locales/${c.table}.json`), `fetched its table: ${assets}`);
      if (c.dir === 'rtl') {
        // Right to left: the composer's send button sits at the start (left) of the row, the header mirrored.
        const send = await ck(page, '.ck-send').boundingBox();
        const editor = await ck(page, '.ck-editor').boundingBox();
        assert.ok(send.x < editor.x + editor.width / 2, 'send button on the left in RTL');
        await page.screenshot({ path: join(ART, 'locale-ar-rtl.png') });
      }

      const before = posts.length;
      await ck(page, '.ck-editor').click();
      await ck(page, '.ck-editor').pressSequentially('Hallo', { delay: 5 });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.demo.events.some((e) => e.name === 'chatkit.response.end'), null, { timeout: 30000 });
      const sent = posts.slice(before).filter((p) => p.type === 'threads.create');
      assert.equal(sent.length, 1);
      assert.equal(sent[0].headers['accept-language'], c.locale, 'the configured locale, not the browser\'s en-US');
    });
  }

  it('follows the browser\'s language when no locale is configured', T, async () => {
    const { page, posts } = await open('fr-FR');
    const t = table('fr');
    await configure(page, null);
    await waitForGreeting(page, t.greeting);
    assert.equal(await ck(page, '.ck-editor').getAttribute('data-placeholder'), "Écrire à l'IA");
    assert.equal(await ck(page, '.ck-app').getAttribute('lang'), 'fr-FR');
    await ck(page, '.ck-editor').click();
    await ck(page, '.ck-editor').pressSequentially('Salut', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.demo.events.some((e) => e.name === 'chatkit.response.end'), null, { timeout: 30000 });
    assert.equal(posts.filter((p) => p.type === 'threads.create').at(-1).headers['accept-language'], 'fr-FR');
  });
});

describe('<openai-chatkit> icons', () => {
  it('draws every HeaderIcon with its own glyph (not the fallback) and a word label', T, async () => {
    const { page } = await open('en-US');
    const glyph = async () => {
      const btn = ck(page, '.ck-header-side .ck-header-btn').first();
      return { svg: await btn.locator('svg').evaluate((s) => ({ inner: s.innerHTML, fallback: s.hasAttribute('data-icon-fallback') })), label: await btn.getAttribute('aria-label') };
    };
    await configure(page, 'en', 'vendor:unknown');
    const fallback = await glyph();
    assert.equal(fallback.svg.fallback, true);

    const names = headerIcons();
    assert.equal(names.length, 46);
    const seen = new Map();
    for (const name of names) {
      await configure(page, 'en', name);
      const g = await glyph();
      assert.equal(g.svg.fallback, false, `${name} drew the fallback`);
      assert.notEqual(g.svg.inner, fallback.svg.inner, `${name} looks like the fallback`);
      assert.match(g.svg.inner, /<(path|circle|rect|line|polyline|polygon)/, `${name} draws shapes`);
      assert.match(g.label, /^[A-Z][a-z]+( [a-z]+)*$/, `${name}'s label "${g.label}" is words`);
      assert.ok(!g.label.includes('-') && g.label !== name);
      seen.set(g.svg.inner, [...(seen.get(g.svg.inner) ?? []), name]);
    }
    // Aliases (menu/hamburger, back-small/chevron) may share a glyph; nearly all names draw something of their own.
    assert.ok(seen.size >= 40, `only ${seen.size} distinct glyphs for 46 names`);
    await configure(page, 'en', 'sidebar-left');
    await ck(page, '.ck-header-side .ck-header-btn').first().screenshot({ path: join(ART, 'header-icon-sidebar-left.png') });
  });

  it('labels header icons in the configured language', T, async () => {
    const { page } = await open('en-US');
    await configure(page, 'ko', 'share');
    await waitForGreeting(page, table('ko').greeting);
    assert.equal(await ck(page, '.ck-header-side .ck-header-btn').first().getAttribute('aria-label'), '공유');
  });

  it('fetches a lucide: icon the bundle lacks from the server and draws it', T, async () => {
    const { page, assets } = await open('en-US');
    await configure(page, 'en', 'home', {
      startScreen: { greeting: 'Icons', prompts: [{ label: 'Rocket', prompt: 'x', icon: 'lucide:rocket' }, { label: 'Bot', prompt: 'y', icon: 'lucide:bot' }] },
    });
    await page.waitForFunction(() => {
      const svg = document.querySelector('openai-chatkit').shadowRoot.querySelector('.ck-prompt svg[data-icon="lucide:rocket"]');
      return svg && !svg.hasAttribute('data-ck-lucide') && svg.querySelector('path');
    }, null, { timeout: 15000 });
    const svgs = await ck(page, '.ck-prompt svg').evaluateAll((list) => list.map((s) => ({ fallback: s.hasAttribute('data-icon-fallback'), shapes: s.childElementCount })));
    assert.deepEqual(svgs.map((s) => s.fallback), [false, false]);
    assert.ok(svgs.every((s) => s.shapes > 0));
    assert.ok(assets.includes('/chatkit/icons/lucide/rocket.json'));
    assert.ok(!assets.includes('/chatkit/icons/lucide/bot.json'), 'bundled glyphs need no request');
  });
});
