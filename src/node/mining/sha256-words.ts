/**
 * SHA-256 over big-endian int32 words (FIPS 180-4): the pieces the fast engine (fast-sha256.ts)
 * is built from, and a synchronous SHA-256 of any bytes for its tests and checks. Every sum is
 * kept in 32-bit integer arithmetic (`| 0`), which V8 runs fastest.
 */

export const ROUND_CONSTANTS = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
export const INITIAL_STATE = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
export const ASCII_NINE = 0x39;
export const MAX_DIFFICULTY = 64;

/** Message schedule for compressWords; everything here is synchronous, so one buffer serves all. */
export const scratchSchedule = new Int32Array(64);

/** SHA-256 of any bytes, synchronous (general path, used by tests and for verification). */
export function sha256Sync(data: Uint8Array): Uint8Array {
  const words = new Int32Array(paddedBlockCount(data.length) * 16);
  for (let i = 0; i < data.length; i++) setMessageByte(words, i, data[i] as number);
  writePadding(words, data.length, data.length);
  const state = INITIAL_STATE.slice();
  for (let offset = 0; offset < words.length; offset += 16) compressWords(state, words, offset);
  return stateToBytes(state);
}

/** Runs the 64 rounds over `kw` (K + W, 64 words), adding into `state`. */
export function compressScheduled(state: Int32Array, kw: Int32Array): void {
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let t = 0; t < 64; t += 8) {
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + (kw[t] as number)) | 0;
    d = (d + h) | 0;
    h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + (kw[t + 1] as number)) | 0;
    c = (c + g) | 0;
    g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + (kw[t + 2] as number)) | 0;
    b = (b + f) | 0;
    f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + (kw[t + 3] as number)) | 0;
    a = (a + e) | 0;
    e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + (kw[t + 4] as number)) | 0;
    h = (h + d) | 0;
    d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + (kw[t + 5] as number)) | 0;
    g = (g + c) | 0;
    c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + (kw[t + 6] as number)) | 0;
    f = (f + b) | 0;
    b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + (kw[t + 7] as number)) | 0;
    e = (e + a) | 0;
    a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
  }
  state[0] = (state[0] as number) + a;
  state[1] = (state[1] as number) + b;
  state[2] = (state[2] as number) + c;
  state[3] = (state[3] as number) + d;
  state[4] = (state[4] as number) + e;
  state[5] = (state[5] as number) + f;
  state[6] = (state[6] as number) + g;
  state[7] = (state[7] as number) + h;
}

/** Compresses the 16 words at `offset` into `state` (general path). */
export function compressWords(state: Int32Array, words: Int32Array, offset: number): void {
  scheduleWords(words, offset);
  compressScheduled(state, scratchSchedule);
}

/** Fills scratchSchedule with K + W for the 16 message words at `offset`. */
export function scheduleWords(words: Int32Array, offset: number): void {
  const w = scratchSchedule;
  for (let t = 0; t < 16; t++) w[t] = words[offset + t] as number;
  for (let t = 16; t < 64; t++) {
    const w2 = w[t - 2] as number;
    const w15 = w[t - 15] as number;
    w[t] = (smallSigma1(w2) + (w[t - 7] as number) + smallSigma0(w15) + (w[t - 16] as number)) | 0;
  }
  for (let t = 0; t < 64; t++) w[t] = (w[t] as number) + (ROUND_CONSTANTS[t] as number);
}

export function bigSigma0(x: number): number {
  return ((x >>> 2) | (x << 30)) ^ ((x >>> 13) | (x << 19)) ^ ((x >>> 22) | (x << 10));
}
export function bigSigma1(x: number): number {
  return ((x >>> 6) | (x << 26)) ^ ((x >>> 11) | (x << 21)) ^ ((x >>> 25) | (x << 7));
}
export function smallSigma0(x: number): number {
  return ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
}
export function smallSigma1(x: number): number {
  return ((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10);
}

/** 64-byte blocks of a padded message: the data, the 0x80 byte and the 8-byte bit length. */
export function paddedBlockCount(byteLength: number): number {
  return Math.floor((byteLength + 8) / 64) + 1;
}

/** Writes byte `position` of a big-endian word array (the words start zeroed). */
export function setMessageByte(words: Int32Array, position: number, byte: number): void {
  const index = position >> 2;
  words[index] = (words[index] as number) | (byte << ((3 - (position & 3)) << 3));
}

/** The 0x80 byte after `dataLength` bytes, and `messageLength` (in bits) in the last two words. */
export function writePadding(words: Int32Array, dataLength: number, messageLength: number): void {
  setMessageByte(words, dataLength, 0x80);
  words[words.length - 2] = Math.floor(messageLength / 0x20000000);
  words[words.length - 1] = messageLength * 8;
}

export function stateToBytes(state: Int32Array): Uint8Array {
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 8; i++) view.setInt32(i * 4, state[i] as number);
  return bytes;
}

/** Per state word, the bits that must be zero for `difficulty` leading zero hex digits. */
export function zeroNibbleMasks(difficulty: number): Int32Array {
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > MAX_DIFFICULTY) {
    throw new RangeError(`difficulty must be an integer from 0 to ${MAX_DIFFICULTY}, got ${difficulty}`);
  }
  const masks = new Int32Array(8);
  for (let i = 0; i < 8; i++) {
    const zeroBits = Math.min(32, Math.max(0, difficulty * 4 - i * 32));
    masks[i] = zeroBits === 0 ? 0 : -1 << (32 - zeroBits);
  }
  return masks;
}

export function matchesMasks(state: Int32Array, masks: Int32Array): boolean {
  for (let i = 0; i < 8; i++) {
    if (((state[i] as number) & (masks[i] as number)) !== 0) return false;
  }
  return true;
}
