// Fails if the committed React demo build (samples/ChatKit.Demo/wwwroot/react.html and
// react-assets/) differs from a fresh `vite build`.
import { build } from 'vite';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname, '..');
const committed = resolve(here, '../../samples/ChatKit.Demo/wwwroot');
const out = mkdtempSync(join(tmpdir(), 'react-demo-'));
try {
  await build({ configFile: join(here, 'vite.config.js'), logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
  const files = ['react.html', ...readdirSync(join(out, 'react-assets')).map((f) => `react-assets/${f}`)];
  const committedAssets = readdirSync(join(committed, 'react-assets')).map((f) => `react-assets/${f}`);
  let ok = committedAssets.length === files.length - 1;
  for (const f of files) {
    let a = null;
    try { a = readFileSync(join(committed, f)); } catch { /* missing */ }
    if (!a || !a.equals(readFileSync(join(out, f)))) { console.error(`react-demo: ${f} is out of date`); ok = false; }
  }
  if (!ok) { console.error('react-demo: run "npm run build" in web/react-demo and commit the output'); process.exit(1); }
  console.log('react-demo: committed build is up to date');
} finally {
  rmSync(out, { recursive: true, force: true });
}
