import { parsePeerId, type PeerId } from './ids';

/** A fixed peer id for tests; throws on a typo so that a test never runs with a bad id. */
export function testPeerId(hex: string): PeerId {
  const parsed = parsePeerId(hex);
  if (parsed === null) throw new Error(`bad test peer id ${hex}`);
  return parsed;
}

export const PEER_A = testPeerId('aaaaaaaaaaaa4aaaaaaaaaaaaaaaaaaa');
export const PEER_B = testPeerId('bbbbbbbbbbbb4bbbbbbbbbbbbbbbbbbb');
