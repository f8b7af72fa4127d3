import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMosquitto } from '../scripts/find-mosquitto.mjs';

const HERE = import.meta.dirname;
const SHIPPED_CONFIG = join(HERE, 'mosquitto', 'mosquitto.conf');
const SHIPPED_ACL = join(HERE, 'mosquitto', 'acl');

/** Why mosquitto's tests are skipped here, or null when they run. CI must run them: it fails instead. */
export function mosquittoSkipReason(): string | null {
  if (findMosquitto() !== null) return null;
  const reason = 'mosquitto is not installed: its tests are skipped (npm run test:unit installs it as root on Debian; else apt-get or brew install mosquitto)';
  if (process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false') throw new Error(`${reason}, but CI must run them`);
  return reason;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : 0); });
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => { resolve(false); });
  });
}

export interface RunningMosquitto {
  /** ws://127.0.0.1:PORT/mqtt (mosquitto serves any path) */
  readonly url: string;
  /** mqtt://127.0.0.1:PORT, its TCP listener */
  readonly tcpUrl: string;
  stop(): Promise<void>;
}

/**
 * mosquitto with the shipped config and ACL, on two free ports: the config is the shipped one
 * with only its ports and the ACL's path changed.
 */
export async function startMosquitto(): Promise<RunningMosquitto> {
  const binary = findMosquitto();
  if (binary === null) throw new Error('mosquitto is not installed');
  const [tcpPort, wsPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'tabchain-mosquitto-'));
  const config = readFileSync(SHIPPED_CONFIG, 'utf8')
    .replace(/^acl_file .*$/m, `acl_file ${SHIPPED_ACL}`)
    .replace(/^listener 1883 /m, `listener ${tcpPort} `)
    .replace(/^listener 9001 /m, `listener ${wsPort} `);
  if (!config.includes(`listener ${tcpPort} `) || !config.includes(`listener ${wsPort} `)) throw new Error('the shipped mosquitto.conf no longer has the listeners this test moves');
  const file = join(dir, 'mosquitto.conf');
  writeFileSync(file, config);
  const child = spawn(binary, ['-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
  const exited = new Promise<void>((resolve) => { child.once('exit', () => { resolve(); }); });
  // A test run that is cut short must not leave a broker behind.
  const killOnExit = (): void => { child.kill(); };
  process.once('exit', killOnExit);
  const deadline = Date.now() + 10_000;
  while (!(await accepts(wsPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`mosquitto did not start: ${errors.slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `ws://127.0.0.1:${wsPort}/mqtt`,
    tcpUrl: `mqtt://127.0.0.1:${tcpPort}`,
    stop: async () => {
      process.off('exit', killOnExit);
      child.kill();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
