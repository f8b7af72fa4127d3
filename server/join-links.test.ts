import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { networkNameSchema, parseNetworkName } from '../src/network/ids';
import { joinLinks, newRoomName } from './join-links';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({ address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: null });
const v6 = (address: string): NetworkInterfaceInfo => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00', internal: false, cidr: null, scopeid: 0 });

/** The class's public key, 43 base64url characters: safe in a query as they are. */
const KEY = 'Vw3qg7dbZ4xYm0R9hA_-Kc1fTn2LpU8sOe5iJz6WbQk';

describe('join links', () => {
  const options = { protocol: 'http' as const, port: 5173, network: networkNameSchema.parse('room-12'), brokerPath: '/mqtt', key: KEY };

  it('one per address other computers can reach, then this computer', () => {
    const links = joinLinks({ lo: [v4('127.0.0.1', true)], eth0: [v4('192.168.1.20'), v6('fe80::1')], wlan0: [v4('10.0.0.7'), v6('2001:db8::7')] }, options);
    expect(links).toEqual([
      { where: 'eth0', url: `http://192.168.1.20:5173/?net=room-12&broker=/mqtt&key=${KEY}` },
      { where: 'wlan0', url: `http://10.0.0.7:5173/?net=room-12&broker=/mqtt&key=${KEY}` },
      { where: 'wlan0', url: `http://[2001:db8::7]:5173/?net=room-12&broker=/mqtt&key=${KEY}` },
      { where: 'this computer', url: `http://127.0.0.1:5173/?net=room-12&broker=/mqtt&key=${KEY}` },
    ]);
  });

  it('https when the server is', () => {
    expect(joinLinks({}, { ...options, protocol: 'https', port: 8443 })).toEqual([{ where: 'this computer', url: `https://127.0.0.1:8443/?net=room-12&broker=/mqtt&key=${KEY}` }]);
  });

  it('a room name is a valid network name', () => {
    const name = newRoomName((count) => crypto.getRandomValues(new Uint8Array(count)));
    expect(name).toMatch(/^room-[a-z2-9]{4}$/);
    expect(parseNetworkName(name).ok).toBe(true);
  });
});
