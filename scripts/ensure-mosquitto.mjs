// Makes sure the unit tests have mosquitto, so that the transport is tested against a second
// broker. On Debian/Ubuntu as root without it (a fresh CI machine) it installs the
// distribution's package; anywhere else the mosquitto tests are skipped, with a message,
// except on CI, which must run them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findMosquitto, MOSQUITTO_OVERRIDE } from './find-mosquitto.mjs';

const found = findMosquitto();
if (found) {
  if (!existsSync(found)) {
    console.error(`${MOSQUITTO_OVERRIDE}=${found} does not exist.`);
    process.exit(1);
  }
  console.log(`mosquitto for the unit tests: ${found}.`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (process.platform === 'linux' && isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('No mosquitto found: installing Debian\'s "mosquitto" package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  // Its service is not started by this install where policy-rc.d forbids it (containers); the tests start their own.
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'mosquitto'], { stdio: 'inherit', env });
  const installed = findMosquitto();
  if (installed) {
    console.log(`Installed ${installed}.`);
    process.exit(0);
  }
}

const hint = 'The unit tests run the MQTT transport against mosquitto too: sudo apt-get install mosquitto (Debian/Ubuntu), brew install mosquitto (macOS), or TABCHAIN_MOSQUITTO=/path/to/mosquitto.';
if (process.env.CI && process.env.CI !== 'false') {
  console.error(`No mosquitto, and CI must test against it. ${hint}`);
  process.exit(1);
}
console.warn(`No mosquitto: its tests will be skipped. ${hint}`);
