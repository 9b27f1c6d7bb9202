// What every browser test file shares: the demo's address, where screenshots go, and how Chromium is started
// (Debian's chromium, never a downloaded one).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE = (process.env.BASE_URL ?? 'http://127.0.0.1:5080').replace(/\/$/, '');
export const ART = process.env.ARTIFACTS_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts', 'browser');
mkdirSync(ART, { recursive: true });

/** Starts headless Chromium with the suite's flags, plus any given. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** The two demo hosts on one PostgreSQL that run.sh starts for files marked `// browser-tests: two-hosts` (else unset). */
export const HOST_A = process.env.BASE_URL_A?.replace(/\/$/, '');
export const HOST_B = process.env.BASE_URL_B?.replace(/\/$/, '');
