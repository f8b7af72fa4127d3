// Where the unit tests find mosquitto, the second broker they run the transport against.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const MOSQUITTO_OVERRIDE = 'TABCHAIN_MOSQUITTO';
/** Debian installs it in sbin, which a user's PATH may lack. */
export const SYSTEM_MOSQUITTOS = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto', '/opt/homebrew/sbin/mosquitto'];

/** @returns {string | null} the mosquitto binary: TABCHAIN_MOSQUITTO, a system one, or one on PATH */
export function findMosquitto() {
  const override = process.env[MOSQUITTO_OVERRIDE];
  if (override) return override;
  const system = SYSTEM_MOSQUITTOS.find((path) => existsSync(path));
  if (system) return system;
  try {
    const onPath = execFileSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' }).trim();
    return onPath === '' ? null : onPath;
  } catch {
    return null;
  }
}
