// Where to find a Chromium for the end-to-end tests, in order of preference:
// an explicit override, Playwright's own browser (laptops), then a system Chromium.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const ENV_OVERRIDE = 'TABCHAIN_CHROMIUM';
/** Flags that a root, sandbox-less, offline machine needs; harmless elsewhere. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {{ path: string | undefined, source: 'env' | 'playwright' | 'system' } | null} */
export function findChromium() {
  const override = process.env[ENV_OVERRIDE];
  if (override) return { path: override, source: 'env' };
  try {
    if (existsSync(chromium.executablePath())) return { path: undefined, source: 'playwright' };
  } catch {
    // Playwright has no browser of its own here.
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  return system ? { path: system, source: 'system' } : null;
}
