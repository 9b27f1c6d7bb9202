// Builds the element into ONE deterministic, self-contained script (usable as an ES module or a classic script),
// plus the assets it fetches lazily: one JSON string table per non-English locale and the whole Lucide icon set.
//   node scripts/build.mjs          -> writes src/ChatKit.AspNetCore/Assets/chatkit.js, locales/*.json, lucide-icons.json
//   node scripts/build.mjs --check  -> rebuilds to a temp dir, fails if anything differs from the committed files
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdtempSync, rmSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const assets = resolve(root, '../../src/ChatKit.AspNetCore/Assets');
const target = join(assets, 'chatkit.js');
const check = process.argv.includes('--check');
// The element's own weight on every page; locale tables and uncommon icons are fetched only when used.
const MAX_GZIP = 90 * 1024;

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const banner = `/*! ChatKit for .NET - <openai-chatkit> element v${pkg.version}. Built from web/chatkit-element; do not edit. Bundles marked (MIT), DOMPurify (Apache-2.0 OR MPL-2.0) and Lucide icons (ISC; notice at the end). */`;
// Lucide's licence asks for its notice in every copy; the Feather-derived glyphs among them are MIT.
const lucideLicense = readFileSync(join(root, 'node_modules/lucide/LICENSE'), 'utf8').replace(/\*\//g, '* /').trim();
const footer = `/*! Lucide icons (https://lucide.dev):\n${lucideLicense}\n*/`;

async function bundle(outfile) {
  await build({
    entryPoints: [join(root, 'src/index.ts')],
    outfile,
    bundle: true,
    // An IIFE is valid both as an ES module (<script type="module">, import '.../chatkit.js') and as a
    // classic script (<script src=".../chatkit.js" async>, how ChatKit.js is usually loaded), and it
    // leaks no top-level names into the page.
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: false,
    banner: { js: banner },
    footer: { js: footer },
    logLevel: 'warning',
  });
  return readFileSync(outfile);
}

/** The lazily fetched assets, by path below Assets/: minified string tables and the Lucide set. */
async function lazyAssets() {
  const out = new Map();
  const dir = join(root, 'locales');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    if (f === 'en.json') continue; // bundled
    out.set(`locales/${f}`, Buffer.from(JSON.stringify(JSON.parse(readFileSync(join(dir, f), 'utf8'))) + '\n'));
  }
  const icons = join(root, 'node_modules/lucide/dist/esm/icons');
  const set = {};
  for (const f of readdirSync(icons).filter((f) => f.endsWith('.mjs')).sort()) {
    set[f.slice(0, -4)] = (await import(pathToFileURL(join(icons, f)).href)).default;
  }
  const lucidePkg = JSON.parse(readFileSync(join(root, 'node_modules/lucide/package.json'), 'utf8'));
  const doc = { license: `Lucide v${lucidePkg.version}, ISC; ${lucideLicense.split('\n')[2]}. See the notice at the end of chatkit.js.`, icons: set };
  out.set('lucide-icons.json', Buffer.from(JSON.stringify(doc) + '\n'));
  return out;
}

if (check) {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-bundle-'));
  try {
    const stale = [];
    for (const [path, content] of await lazyAssets()) {
      const committed = join(assets, path);
      if (!existsSync(committed) || !content.equals(readFileSync(committed))) stale.push(path);
    }
    const committedLocales = existsSync(join(assets, 'locales')) ? readdirSync(join(assets, 'locales')) : [];
    const expected = new Set([...(await lazyAssets()).keys()]);
    for (const f of committedLocales) if (!expected.has(`locales/${f}`)) stale.push(`locales/${f} (no source)`);
    if (stale.length) {
      console.error(`check-bundle: assets differ from a fresh build (${stale.slice(0, 5).join(', ')}); run "npm run build" and commit them.`);
      process.exit(1);
    }
    const fresh = await bundle(join(dir, 'chatkit.js'));
    if (!existsSync(target)) {
      console.error(`check-bundle: ${target} is missing; run "npm run build" and commit it.`);
      process.exit(1);
    }
    const committed = readFileSync(target);
    if (!fresh.equals(committed)) {
      console.error('check-bundle: the committed bundle differs from a fresh build; run "npm run build" and commit it.');
      process.exit(1);
    }
    const gz = gzipSync(fresh).length;
    if (gz > MAX_GZIP) {
      console.error(`check-bundle: bundle is ${gz} bytes gzipped (limit ${MAX_GZIP}).`);
      process.exit(1);
    }
    console.log(`check-bundle: OK (${fresh.length} bytes, ${gz} gzipped)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  mkdirSync(join(assets, 'locales'), { recursive: true });
  for (const f of readdirSync(join(assets, 'locales'))) rmSync(join(assets, 'locales', f));
  let lazy = 0;
  for (const [path, content] of await lazyAssets()) {
    writeFileSync(join(assets, path), content);
    lazy++;
  }
  const out = await bundle(target);
  const gz = gzipSync(out).length;
  console.log(`wrote ${target}: ${out.length} bytes, ${gz} gzipped (limit ${MAX_GZIP}); ${lazy} lazily loaded assets`);
  if (gz > MAX_GZIP) {
    console.error(`build: the bundle is over the ${MAX_GZIP}-byte gzipped limit.`);
    process.exit(1);
  }
}
