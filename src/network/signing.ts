import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { uuid4From, parsePeerId, type PeerId } from './ids';

/*
 * Ed25519 signatures, so that a message speaks only for its sender and a network's rules only
 * for its teacher, on every transport alike. A signature is made by WebCrypto where the page
 * has it (a secure context; a verification costs about 0.3 ms there) and by @noble/curves
 * (audited, pure JavaScript, ten times slower) on a page opened over plain http; Ed25519 is
 * deterministic, so both give the very same bytes.
 *
 * Keys travel as base64url text: 32 bytes of public key, 32 of secret key, 64 of signature.
 */

export interface KeyPair {
  readonly publicKey: string;
  readonly secretKey: string;
}

/** Signs for one key; made once per key, as importing it into WebCrypto costs more than a signature. */
export interface Signer {
  readonly publicKey: string;
  sign(data: Uint8Array): Promise<string>;
}

const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/;

export function isPublicKey(value: unknown): value is string {
  return typeof value === 'string' && PUBLIC_KEY_PATTERN.test(value);
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** A new key pair, from the platform's randomness (crypto.getRandomValues, which every context has). */
export function newKeyPair(): KeyPair {
  const secret = ed25519.utils.randomSecretKey();
  return { publicKey: toBase64Url(ed25519.getPublicKey(secret)), secretKey: toBase64Url(secret) };
}

/** Whether `secretKey` is the secret half of `publicKey`; false for text that is no key. */
export function isSecretOf(secretKey: string, publicKey: string): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secretKey)) return false;
  try {
    return publicKeyOf(secretKey) === publicKey;
  } catch {
    return false;
  }
}

/** The public key of a secret key; throws on text that is not one. */
export function publicKeyOf(secretKey: string): string {
  const secret = fromBase64Url(secretKey);
  if (secret.length !== 32) throw new Error('A secret key is 32 bytes.');
  return toBase64Url(ed25519.getPublicKey(secret));
}

/**
 * The peer id a public key speaks for: the first 16 bytes of its SHA-256, written as a uuid4
 * without dashes (the tutorial's node id format). An id is then proof of its key: a message
 * signed by a key whose id is not its `from` is forged, and nobody can take another's id.
 */
export function peerIdOfKey(publicKey: string): PeerId {
  const id = parsePeerId(uuid4From(sha256(fromBase64Url(publicKey)).slice(0, 16)).replaceAll('-', ''));
  if (id === null) throw new Error('A key always gives a peer id.');
  return id;
}

const subtle = (): SubtleCrypto | null => (typeof globalThis.crypto === 'object' && typeof globalThis.crypto.subtle === 'object' ? globalThis.crypto.subtle : null);
const ED25519 = { name: 'Ed25519' } as const;

/** Signs for `keys`: with WebCrypto when it takes Ed25519 keys here, else in JavaScript. */
export async function signerFor(keys: KeyPair): Promise<Signer> {
  const secret = fromBase64Url(keys.secretKey);
  const webCrypto = subtle();
  if (webCrypto) {
    try {
      const jwk: JsonWebKey = { kty: 'OKP', crv: 'Ed25519', d: keys.secretKey, x: keys.publicKey };
      const key = await webCrypto.importKey('jwk', jwk, ED25519, false, ['sign']);
      return { publicKey: keys.publicKey, sign: async (data) => toBase64Url(new Uint8Array(await webCrypto.sign(ED25519, key, copy(data)))) };
    } catch {
      // A browser without Ed25519 in WebCrypto signs in JavaScript.
    }
  }
  return { publicKey: keys.publicKey, sign: (data) => Promise.resolve(toBase64Url(ed25519.sign(data, secret))) };
}

/** Verifies signatures, keeping each public key imported once (a bounded number of them). */
export class Verifier {
  private readonly imported = new Map<string, Promise<CryptoKey | null>>();

  constructor(private readonly maxKeys = 4096) {}

  async verify(publicKey: string, data: Uint8Array, signature: string): Promise<boolean> {
    if (!isPublicKey(publicKey) || !SIGNATURE_PATTERN.test(signature)) return false;
    const sig = fromBase64Url(signature);
    const key = await this.keyOf(publicKey);
    const webCrypto = subtle();
    try {
      if (key && webCrypto) return await webCrypto.verify(ED25519, key, copy(sig), copy(data));
      return ed25519.verify(sig, data, fromBase64Url(publicKey));
    } catch {
      return false;
    }
  }

  private keyOf(publicKey: string): Promise<CryptoKey | null> {
    let key = this.imported.get(publicKey);
    if (key === undefined) {
      const webCrypto = subtle();
      key = webCrypto ? webCrypto.importKey('raw', copy(fromBase64Url(publicKey)), ED25519, false, ['verify']).catch(() => null) : Promise.resolve(null);
      if (this.imported.size >= this.maxKeys) this.imported.clear();
      this.imported.set(publicKey, key);
    }
    return key;
  }
}

/** WebCrypto takes only views on an ArrayBuffer of their own length. */
function copy(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data);
}

/**
 * The bytes a message is signed over: its JSON with keys sorted and no spaces,
 * without its signature. Every message of the protocol is plain JSON data (text, whole
 * numbers, booleans, flat objects and one list of them), which this writes one way only.
 */
export function signedBytes(message: object, omit = 'sig'): Uint8Array {
  return new TextEncoder().encode(canonical(message, omit));
}

function canonical(value: unknown, omit?: string): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([key, item]) => key !== omit && item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  // undefined and functions never occur in parsed messages; JSON.stringify types them as text.
  return JSON.stringify(value);
}
