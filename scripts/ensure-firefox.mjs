// Makes sure the end-to-end tests have a Firefox, so that one class runs in a second engine. On
// Debian/Ubuntu as root without one (a fresh CI machine) it installs the distribution's
// firefox-esr package; anywhere else the Firefox test is skipped, with a message, except on CI,
// which must run it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FIREFOX_HINT, FIREFOX_OVERRIDE, findFirefox } from './find-firefox.mjs';

const found = findFirefox();
if (found) {
  if (!existsSync(found)) {
    console.error(`${FIREFOX_OVERRIDE}=${found} does not exist.`);
    process.exit(1);
  }
  console.log(`Firefox for the e2e tests: ${found}.`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (process.platform === 'linux' && isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('No Firefox found: installing Debian\'s "firefox-esr" package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'firefox-esr'], { stdio: 'inherit', env });
  const installed = findFirefox();
  if (installed) {
    console.log(`Installed ${installed}.`);
    process.exit(0);
  }
}

if (process.env.CI && process.env.CI !== 'false') {
  console.error(`No Firefox, and CI must test in it. ${FIREFOX_HINT}`);
  process.exit(1);
}
console.warn(`No Firefox: its test will be skipped. ${FIREFOX_HINT}`);
