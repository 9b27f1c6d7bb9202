// The protocol fixtures in tests/fixtures of this repository (wire data recorded from the Python reference
// server; see tests/fixtures/README.md). The .NET tests read the same copy.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function locate(): string {
  // This file is web/chatkit-element/test/fixtures.ts: the repository root is three levels up.
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'tests', 'fixtures');
  if (!existsSync(join(dir, 'exchanges'))) throw new Error(`The protocol fixtures are missing: expected ${dir}/exchanges`);
  return dir;
}

export const FIXTURES = locate();
export const readJson = (rel: string) => JSON.parse(readFileSync(join(FIXTURES, rel), 'utf8'));
export const list = (rel: string) => readdirSync(join(FIXTURES, rel)).filter((f) => f.endsWith('.json')).sort();
