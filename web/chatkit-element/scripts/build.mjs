// Builds the element into ONE deterministic, self-contained script (usable as an ES module or a classic script).
//   node scripts/build.mjs          -> writes src/ChatKit.AspNetCore/Assets/chatkit.js
//   node scripts/build.mjs --check  -> rebuilds to a temp file, fails if it differs from the committed bundle
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdtempSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const target = resolve(root, '../../src/ChatKit.AspNetCore/Assets/chatkit.js');
const check = process.argv.includes('--check');
const MAX_GZIP = 150 * 1024;

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const banner = `/*! ChatKit for .NET - <openai-chatkit> element v${pkg.version}. Built from web/chatkit-element; do not edit. Bundles marked (MIT) and DOMPurify (Apache-2.0 OR MPL-2.0). */`;

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
    logLevel: 'warning',
  });
  return readFileSync(outfile);
}

if (check) {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-bundle-'));
  try {
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
  mkdirSync(dirname(target), { recursive: true });
  const out = await bundle(target);
  console.log(`wrote ${target}: ${out.length} bytes, ${gzipSync(out).length} gzipped`);
}
