import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { subtleSha256, type Sha256 } from '../core/digest';
import { uuid4From } from '../network/ids';

/*
 * What the browser gives this node. SubtleCrypto and crypto.randomUUID exist only in secure
 * contexts (https, localhost): a student who opens http://TEACHER-IP:5173/ has neither, but
 * has crypto.getRandomValues. There the node hashes with a JavaScript SHA-256 (@noble/hashes,
 * audited, as fast as SubtleCrypto for validation) and mines with the fast engine: the same
 * hashes and proofs, byte for byte.
 */

/** Whether this context has SubtleCrypto (a secure context). */
export function hasSubtleCrypto(): boolean {
  return typeof globalThis.crypto === 'object' && typeof globalThis.crypto.subtle === 'object';
}

/** SHA-256 with SubtleCrypto where there is one, in JavaScript elsewhere. */
export function platformSha256(): Sha256 {
  return hasSubtleCrypto() ? subtleSha256 : javascriptSha256;
}

/** SHA-256 in JavaScript, synchronous under the promise. */
export const javascriptSha256: Sha256 = (data) => Promise.resolve(nobleSha256(data));

/** A uuid4: crypto.randomUUID where there is one, else from crypto.getRandomValues. */
export function randomUuid(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return uuid4From(crypto.getRandomValues(new Uint8Array(16)));
}
