// Locates shared/protocol/fixtures: $CHATKIT_PROTOCOL_DIR, or a shared/protocol directory
// beside (or inside) one of the ancestors of this package.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function locate(): string {
  const env = process.env.CHATKIT_PROTOCOL_DIR;
  if (env && existsSync(join(env, 'fixtures'))) return join(env, 'fixtures');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const c of [join(dir, 'shared', 'protocol'), join(dir, '..', 'shared', 'protocol')]) {
      if (existsSync(join(c, 'fixtures'))) return resolve(c, 'fixtures');
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('Cannot find shared/protocol/fixtures; set CHATKIT_PROTOCOL_DIR');
}

export const FIXTURES = locate();
export const readJson = (rel: string) => JSON.parse(readFileSync(join(FIXTURES, rel), 'utf8'));
export const list = (rel: string) => readdirSync(join(FIXTURES, rel)).filter((f) => f.endsWith('.json')).sort();
