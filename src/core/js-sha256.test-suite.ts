// Test and benchmark helper: SHA-256 that runs the same in Node and in a browser.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import type { Sha256 } from './digest';

/**
 * SHA-256 in JavaScript (@noble/hashes), synchronous under the promise: generating long chains
 * calls it millions of times, where SubtleCrypto costs a promise and, in Node, ~10 µs a call.
 */
export const jsSha256: Sha256 = (data) => Promise.resolve(nobleSha256(data));
