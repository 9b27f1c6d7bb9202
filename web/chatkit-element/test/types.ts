// Reads string-literal unions out of the published @openai/chatkit type declarations (a dev dependency holding only
// types), so tests compare the element with the real lists rather than with copies of them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const typesDir = join(here, '../node_modules/@openai/chatkit/types');

/** The string members of `export type <name> = | 'a' | 'b' ...;` in the given declaration file. */
export function unionOf(name: string, file = 'index.d.ts'): string[] {
  const text = readFileSync(join(typesDir, file), 'utf8');
  const m = new RegExp(`export type ${name} =([^;]*);`).exec(text);
  if (!m) throw new Error(`type ${name} not found in ${file}`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

/** The built-in icon names of the server's IconName (src/ChatKit/IconName.cs). */
export function serverIconNames(): string[] {
  const text = readFileSync(join(here, '../../../src/ChatKit/IconName.cs'), 'utf8');
  const m = /HashSet<string> BuiltIn = new\(StringComparer\.Ordinal\)\s*\{([^}]*)\}/.exec(text);
  if (!m) throw new Error('IconName.BuiltIn not found');
  return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
}
