// Makes sure the end-to-end tests have a Chromium. On Debian/Ubuntu as root with no browser
// (a fresh CI machine where browser downloads are impossible) it installs the distribution's
// chromium package; anywhere else it says how to get one.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ENV_OVERRIDE, findChromium } from './find-chromium.mjs';

const found = findChromium();
if (found) {
  if (found.source === 'env' && found.path && !existsSync(found.path)) {
    console.error(`${ENV_OVERRIDE}=${found.path} does not exist.`);
    process.exit(1);
  }
  console.log(`Chromium for the e2e tests: ${found.path ?? "Playwright's own"} (${found.source}).`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (process.platform === 'linux' && isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('No Chromium found: installing Debian\'s "chromium" package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  const installed = findChromium();
  if (installed) {
    console.log(`Installed ${installed.path ?? 'chromium'}.`);
    process.exit(0);
  }
}

console.error(
  [
    'The e2e tests need Chromium and none was found. Any one of these works:',
    '  npx playwright install chromium                 (downloads Playwright\'s Chromium)',
    '  sudo apt-get install chromium                   (Debian/Ubuntu)',
    `  ${ENV_OVERRIDE}=/path/to/chrome npm test          (any Chromium or Chrome you have)`,
  ].join('\n'),
);
process.exit(1);
