// Where the end-to-end tests find Firefox, the second browser engine a class brings: an explicit
// override, else a system Firefox (Debian's firefox-esr first). puppeteer-core drives it over
// WebDriver BiDi; it downloads no browser of its own.
import { existsSync } from 'node:fs';

export const FIREFOX_OVERRIDE = 'TABCHAIN_FIREFOX';
export const SYSTEM_FIREFOXES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/local/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

/** @returns {string | null} the Firefox binary: TABCHAIN_FIREFOX, else a system one */
export function findFirefox() {
  const override = process.env[FIREFOX_OVERRIDE];
  if (override) return override;
  return SYSTEM_FIREFOXES.find((path) => existsSync(path)) ?? null;
}

/** Why Firefox's tests cannot run here: the same words for the install script and the skipped test. */
export const FIREFOX_HINT =
  'The e2e tests run one class in Firefox too: sudo apt-get install firefox-esr (Debian/Ubuntu), or TABCHAIN_FIREFOX=/path/to/firefox.';
