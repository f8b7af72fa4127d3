import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFastProofSearcher, fastProofDigest } from './fast-sha256';
import { sha256Sync } from './sha256-words';

const encoder = new TextEncoder();

/** Seeded PRNG (mulberry32): the same cases on every run. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const bytes = (length: number): Uint8Array => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = int(256);
    return out;
  };
  const text = (length: number, alphabet: string): string =>
    Array.from({ length }, () => alphabet[int(alphabet.length)] as string).join('');
  return { int, pick, bytes, text };
}

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** Reference digests through SubtleCrypto, in batches so the test stays quick. */
async function subtleHexDigests(messages: readonly Uint8Array[]): Promise<string[]> {
  const out: string[] = [];
  const batch = 10_000;
  for (let i = 0; i < messages.length; i += batch) {
    const digests = await Promise.all(
      messages.slice(i, i + batch).map((m) => crypto.subtle.digest('SHA-256', new Uint8Array(m))),
    );
    for (const digest of digests) out.push(Buffer.from(digest).toString('hex'));
  }
  return out;
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Proofs at and around every digit-count boundary up to 10^20, and a few larger ones. */
const BOUNDARY_PROOFS: readonly bigint[] = [
  0n,
  ...Array.from({ length: 21 }, (_, k) => [10n ** BigInt(k) - 1n, 10n ** BigInt(k), 10n ** BigInt(k) + 1n]).flat(),
  2n ** 64n - 1n,
  2n ** 64n,
  10n ** 40n + 12345n,
];
/** Prefix lengths on both sides of where the digits or the padding cross a block. */
const BOUNDARY_LENGTHS: readonly number[] = [0, 1, 5, 46, 47, 54, 55, 56, 57, 60, 62, 63, 64, 65, 110, 118, 119, 120, 121, 127, 128];

/** 10^k minus a little (never below 0): a search from there gains a digit. */
function belowPowerOfTen(random: ReturnType<typeof randomSource>, maxExponent: number, maxBelow: number): bigint {
  const power = 10n ** BigInt(1 + random.int(maxExponent));
  const below = BigInt(random.int(maxBelow));
  return below < power ? power - below : 0n;
}

function randomProof(random: ReturnType<typeof randomSource>): bigint {
  switch (random.int(3)) {
    case 0:
      return random.pick(BOUNDARY_PROOFS);
    case 1:
      return BigInt(random.int(1_000_000_000));
    default:
      return BigInt(random.text(1 + random.int(22), '0123456789'));
  }
}

/** The tutorial's loop: count up from start, hash the guess string, stop at the first match. */
function referenceSearch(prefix: string, suffix: string, difficulty: number, start: bigint, count: number) {
  const zeros = '0'.repeat(difficulty);
  for (let i = 0; i < count; i++) {
    const proof = start + BigInt(i);
    const digest = createHash('sha256').update(`${prefix}${proof.toString()}${suffix}`).digest('hex');
    if (digest.startsWith(zeros)) return { found: proof, attempts: i + 1 };
  }
  return { found: null, attempts: count };
}

describe('sha256Sync', () => {
  it('gives the FIPS 180-2 digests', () => {
    expect(toHex(sha256Sync(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256Sync(encoder.encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256Sync(encoder.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches SubtleCrypto on 100,000 random messages of 0 to 300 bytes', async () => {
    const random = randomSource(1);
    const messages = Array.from({ length: 100_000 }, () => random.bytes(random.int(301)));
    const expected = await subtleHexDigests(messages);
    const mismatches = messages.filter((message, i) => toHex(sha256Sync(message)) !== expected[i]);
    expect(mismatches).toEqual([]);
  });
});

describe('fastProofDigest', () => {
  it('is the tutorial digest for proof 35293 after 100', () => {
    expect(toHex(fastProofDigest(encoder.encode('100'), 35293n, new Uint8Array()))).toBe(
      createHash('sha256').update('10035293').digest('hex'),
    );
  });

  it('matches SubtleCrypto on 100,000 random guesses straddling the block and padding boundaries', async () => {
    const random = randomSource(2);
    const cases = Array.from({ length: 100_000 }, () => {
      const prefixLength = random.int(2) === 0 ? random.pick(BOUNDARY_LENGTHS) : random.int(200);
      const suffixLength = random.pick([0, 0, 64, 128, random.int(10), random.int(200)]);
      return { prefix: random.bytes(prefixLength), proof: randomProof(random), suffix: random.bytes(suffixLength) };
    });
    const expected = await subtleHexDigests(
      cases.map(({ prefix, proof, suffix }) => concat(prefix, encoder.encode(proof.toString()), suffix)),
    );
    const mismatches = cases.filter(({ prefix, proof, suffix }, i) => toHex(fastProofDigest(prefix, proof, suffix)) !== expected[i]);
    expect(mismatches).toEqual([]);
  });
});

describe('createFastProofSearcher', () => {
  const HEX = '0123456789abcdef';

  it('finds the proofs the Python node found (tutorial rule after 100, then after 35293)', () => {
    const empty = new Uint8Array();
    expect(createFastProofSearcher(encoder.encode('100'), empty, 4).search(0n, 100_000)).toEqual({ found: 35293n, attempts: 35294 });
    expect(createFastProofSearcher(encoder.encode('35293'), empty, 4).search(0n, 100_000)).toMatchObject({ found: 35089n });
  });

  it('finds the first match the tutorial loop finds, across digit counts, blocks and count limits', () => {
    const random = randomSource(3);
    for (let run = 0; run < 300; run++) {
      const prefix = random.int(2) === 0 ? random.text(1 + random.int(8), '0123456789') : random.text(random.pick(BOUNDARY_LENGTHS), HEX);
      const suffix = random.pick(['', '', random.text(64, HEX), random.text(128, HEX), random.text(random.int(70), HEX)]);
      const difficulty = 1 + random.int(3);
      // Starts just below a power of ten make the search cross to one more digit.
      const start = random.int(2) === 0 ? belowPowerOfTen(random, 20, 40) : BigInt(random.int(1_000_000));
      const count = random.int(difficulty === 3 ? 6000 : 600);
      const searcher = createFastProofSearcher(encoder.encode(prefix), encoder.encode(suffix), difficulty);
      const context = { prefix, suffix, difficulty, start, count };
      expect({ ...context, result: searcher.search(start, count) }).toEqual({
        ...context,
        result: referenceSearch(prefix, suffix, difficulty, start, count),
      });
    }
  });

  it('gives the same answers when a range is searched in consecutive pieces', () => {
    const random = randomSource(4);
    for (let run = 0; run < 100; run++) {
      const prefix = random.text(random.pick(BOUNDARY_LENGTHS), HEX);
      const suffix = random.pick(['', random.text(64, HEX)]);
      const difficulty = 2 + random.int(2);
      const start = random.int(2) === 0 ? belowPowerOfTen(random, 6, 300) : BigInt(random.int(100_000));
      const count = random.int(3000);
      const searcher = createFastProofSearcher(encoder.encode(prefix), encoder.encode(suffix), difficulty);
      let attempts = 0;
      let found: bigint | null = null;
      while (attempts < count && found === null) {
        const piece = Math.min(count - attempts, 1 + random.int(400));
        const result = searcher.search(start + BigInt(attempts), piece);
        found = result.found;
        attempts += result.attempts;
      }
      const expected = referenceSearch(prefix, suffix, difficulty, start, count);
      const context = { prefix, suffix, difficulty, start, count };
      expect({ ...context, found, attempts }).toEqual({ ...context, ...expected });
      // The same range again, from a start the searcher has already passed.
      expect({ ...context, ...searcher.search(start, count) }).toEqual({ ...context, ...expected });
    }
  });

  it('crosses from 3 to 4 digits (start 990, count 30) and reports null with attempts === count', () => {
    // Difficulty 1 first matches at 1001, difficulty 2 not at all in 990..1019.
    const one = createFastProofSearcher(encoder.encode('35293'), new Uint8Array(), 1);
    expect(one.search(990n, 30)).toEqual({ found: 1001n, attempts: 12 });
    expect(referenceSearch('35293', '', 1, 990n, 30)).toEqual({ found: 1001n, attempts: 12 });
    const two = createFastProofSearcher(encoder.encode('35293'), new Uint8Array(), 2);
    expect(two.search(990n, 30)).toEqual({ found: null, attempts: 30 });
    expect(referenceSearch('35293', '', 2, 990n, 30)).toEqual({ found: null, attempts: 30 });
    // After '100' no proof below 1000 gives three zeros.
    const none = createFastProofSearcher(encoder.encode('100'), new Uint8Array(), 3);
    expect(referenceSearch('100', '', 3, 0n, 1000)).toEqual({ found: null, attempts: 1000 });
    expect(none.search(0n, 1000)).toEqual({ found: null, attempts: 1000 });
    expect(none.search(0n, 0)).toEqual({ found: null, attempts: 0 });
  });

  it('at difficulty 0 the first proof matches', () => {
    expect(createFastProofSearcher(encoder.encode('7'), new Uint8Array(), 0).search(123n, 10)).toEqual({ found: 123n, attempts: 1 });
  });

  it('refuses a difficulty outside 0..64, a negative start or a bad count', () => {
    const empty = new Uint8Array();
    expect(() => createFastProofSearcher(empty, empty, 65)).toThrow(RangeError);
    expect(() => createFastProofSearcher(empty, empty, 1.5)).toThrow(RangeError);
    expect(() => createFastProofSearcher(empty, empty, 1).search(-1n, 1)).toThrow(RangeError);
    expect(() => createFastProofSearcher(empty, empty, 1).search(0n, -1)).toThrow(RangeError);
  });
});
