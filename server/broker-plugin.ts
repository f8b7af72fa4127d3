import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';
import type { Logger, PreviewServer, ViteDevServer } from 'vite';
import { parseNetworkName, type NetworkName } from '../src/network/ids';
import { attachBroker, BROKER_PATH } from './broker';
import { newKeyPair, publicKeyOf, type KeyPair } from '../src/network/signing';
import { joinLinks, linkTo, newRoomName, type JoinLink } from './join-links';

/** The class's network: TABCHAIN_NET (set by `npm start -- --net NAME`), else a room name chosen once per process. */
function classNetwork(): NetworkName {
  const chosen = process.env['TABCHAIN_NET'];
  if (chosen !== undefined && chosen !== '') {
    const parsed = parseNetworkName(chosen);
    if (!parsed.ok) throw new Error(`TABCHAIN_NET=${chosen}: ${parsed.error}`);
    return parsed.name;
  }
  const name = newRoomName((count) => randomBytes(count));
  // Kept for the process, so that a restart of the dev server keeps the class on one network.
  process.env['TABCHAIN_NET'] = name;
  return name;
}

/**
 * The class's key pair: TABCHAIN_TEACHER_KEY (its secret half, base64url), else one made once
 * per process. Its public half goes into every join link; the secret only into the teacher's
 * link, printed for this computer.
 */
function classKey(): KeyPair {
  const kept = process.env['TABCHAIN_TEACHER_KEY'];
  if (kept !== undefined && kept !== '') return { publicKey: publicKeyOf(kept), secretKey: kept };
  const made = newKeyPair();
  process.env['TABCHAIN_TEACHER_KEY'] = made.secretKey;
  return made;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);
const EVERY_ADDRESS = new Set(['0.0.0.0', '::', '']);

/** The students' links for a server listening on `host`, or none when only this computer can reach it. */
function linksFor(host: string | boolean | undefined, address: AddressInfo, https: boolean): JoinLink[] {
  if (host === undefined || host === false || (typeof host === 'string' && LOOPBACK.has(host))) return [];
  const options = { protocol: https ? ('https' as const) : ('http' as const), port: address.port, network: classNetwork(), brokerPath: BROKER_PATH, key: classKey().publicKey };
  if (host === true || EVERY_ADDRESS.has(host)) return joinLinks(networkInterfaces(), options);
  return [{ where: host, url: linkTo(host, options) }];
}

async function printJoinLinks(links: readonly JoinLink[], logger: Logger): Promise<void> {
  const network = links[0] === undefined ? '' : new URL(links[0].url).searchParams.get('net') ?? '';
  const lines = ['', `  Classroom network ${network}: students open one of these links (the broker answers at ${BROKER_PATH} on the same address)`, ''];
  const teacher = links.find((link) => link.where === 'this computer');
  if (teacher !== undefined) {
    // The teacher's link: this computer's, with the secret half of the class's key.
    const url = new URL(teacher.url);
    url.searchParams.set('teacher', classKey().secretKey);
    lines.push('  The teacher opens, on this computer only (it holds the key that signs the rules: keep it to yourself):', `  ${url.href.replace('%2F', '/')}`, '');
  }
  for (const link of links) {
    lines.push(`  ${link.where}: ${link.url}`);
    if (link.where !== 'this computer') lines.push((await QRCode.toString(link.url, { type: 'terminal', small: true })).trimEnd().replace(/^/gm, '  '), '');
  }
  logger.info(lines.join('\n'));
}

/** Attaches the broker to the server's own HTTP server, and prints the students' links with Vite's own. */
async function attach(server: ViteDevServer | PreviewServer, host: string | boolean | undefined, https: boolean): Promise<void> {
  const { httpServer } = server;
  // Middleware mode (Vitest): no server of its own, nothing to attach to.
  if (httpServer === null) return;
  const logger = server.config.logger;
  const broker = await attachBroker(httpServer, BROKER_PATH, { log: (line) => { logger.warn(`  broker: ${line}`, { timestamp: true }); } });
  httpServer.once('close', () => { void broker.close(); });
  const printUrls = server.printUrls.bind(server);
  server.printUrls = () => {
    printUrls();
    const address = httpServer.address();
    if (address === null || typeof address === 'string') return;
    const links = linksFor(host, address, https);
    if (links.length > 0) void printJoinLinks(links, logger);
  };
}

/**
 * The classroom broker of `npm start` and `vite preview`: aedes on the server's own HTTP
 * server at /mqtt (same origin as the page: no second port, no mixed content, and the CSP's
 * `connect-src 'self'` admits it), with the access rules of server/broker.ts. Called by the
 * plugin of vite.config.ts.
 */
export async function attachToDevServer(server: ViteDevServer): Promise<void> {
  await attach(server, server.config.server.host, server.config.server.https !== undefined);
}

export async function attachToPreviewServer(server: PreviewServer): Promise<void> {
  await attach(server, server.config.preview.host, server.config.preview.https !== undefined);
}
