import type { NetworkInterfaceInfo } from 'node:os';
import { parseNetworkName, type NetworkName } from '../src/network/ids';

/** One address where students reach the server, and the link that puts them on the class's network. */
export interface JoinLink {
  /** the interface's name (eth0, wlan0, Wi-Fi) or `this computer` for loopback */
  readonly where: string;
  readonly url: string;
}

export interface JoinLinkOptions {
  readonly protocol: 'http' | 'https';
  readonly port: number;
  readonly network: NetworkName;
  /** the broker's path on the page's own origin */
  readonly brokerPath: string;
  /** the public half of the class's key, whose signature alone changes the network's rules */
  readonly key: string;
}

/**
 * The page at `host` (a name, an IPv4 or an IPv6 address) with `?net=NAME&broker=/mqtt&key=…`:
 * the broker on the page's own origin, whatever address the student used, and the teacher's
 * public key.
 */
export function linkTo(host: string, { protocol, port, network, brokerPath, key }: JoinLinkOptions): string {
  const url = new URL(`${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}/`);
  url.searchParams.set('net', network);
  url.searchParams.set('broker', brokerPath);
  url.searchParams.set('key', key);
  // URLSearchParams writes `/` as %2F; the link stays readable, and a QR code smaller, without.
  return url.href.replace('%2F', '/');
}

/**
 * A join link per address that other computers can reach (IPv4 and routable IPv6, one per
 * interface and address), then one for this computer. Link-local IPv6 needs a zone id that a
 * browser's address bar does not take: it is left out.
 */
export function joinLinks(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, options: JoinLinkOptions): JoinLink[] {
  const links: JoinLink[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    for (const info of addresses ?? []) {
      if (info.internal) continue;
      if (info.family === 'IPv4') links.push({ where: name, url: linkTo(info.address, options) });
      else if (!info.address.toLowerCase().startsWith('fe80:')) links.push({ where: name, url: linkTo(info.address, options) });
    }
  }
  links.push({ where: 'this computer', url: linkTo('127.0.0.1', options) });
  return links;
}

/** A room name for a class that did not choose one: short enough to say aloud. */
export function newRoomName(randomBytes: (count: number) => Uint8Array): NetworkName {
  const letters = 'abcdefghjkmnpqrstuvwxyz23456789';
  const suffix = Array.from(randomBytes(4), (byte) => letters[byte % letters.length] ?? 'x').join('');
  const parsed = parseNetworkName(`room-${suffix}`);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.name;
}
