import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePeerId } from './ids';
import { fromBase64Url, newKeyPair, peerIdOfKey, publicKeyOf, signedBytes, signerFor, toBase64Url, Verifier } from './signing';

afterEach(() => {
  vi.unstubAllGlobals();
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('signatures', () => {
  it('a key pair signs, and only its public key verifies, only the bytes it signed', async () => {
    const keys = newKeyPair();
    const other = newKeyPair();
    const signer = await signerFor(keys);
    const verifier = new Verifier();
    const signature = await signer.sign(bytes('tip 3'));
    expect(await verifier.verify(keys.publicKey, bytes('tip 3'), signature)).toBe(true);
    expect(await verifier.verify(keys.publicKey, bytes('tip 4'), signature)).toBe(false);
    expect(await verifier.verify(other.publicKey, bytes('tip 3'), signature)).toBe(false);
    expect(await verifier.verify(keys.publicKey, bytes('tip 3'), 'not a signature')).toBe(false);
    expect(await verifier.verify('short', bytes('tip 3'), signature)).toBe(false);
    expect(publicKeyOf(keys.secretKey)).toBe(keys.publicKey);
  });

  it('WebCrypto and JavaScript give the very same signatures, and each verifies the other', async () => {
    const keys = newKeyPair();
    const data = bytes('{"kind":"leave"}');
    const viaWebCrypto = await (await signerFor(keys)).sign(data);
    expect(viaWebCrypto).toBe(toBase64Url(ed25519.sign(data, fromBase64Url(keys.secretKey))));
    // A page opened over plain http has no SubtleCrypto.
    const { crypto } = globalThis;
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(array) });
    const viaJavaScript = await (await signerFor(keys)).sign(data);
    expect(viaJavaScript).toBe(viaWebCrypto);
    expect(await new Verifier().verify(keys.publicKey, data, viaWebCrypto)).toBe(true);
  });

  it('a public key gives one peer id in the tutorial’s format, and different keys different ids', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { publicKey } = newKeyPair();
      const id = peerIdOfKey(publicKey);
      expect(parsePeerId(id)).toBe(id);
      expect(peerIdOfKey(publicKey)).toBe(id);
      ids.add(id);
    }
    expect(ids.size).toBe(50);
  });

  it('signs a message over one text whatever the order of its fields, without its signature', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (fields) => {
        const reversed = Object.fromEntries(Object.entries(fields).reverse());
        expect(signedBytes(reversed)).toEqual(signedBytes(fields));
        expect(signedBytes({ ...fields, sig: 'x' })).toEqual(signedBytes(Object.fromEntries(Object.entries(fields).filter(([key]) => key !== 'sig'))));
      }),
    );
    expect(new TextDecoder().decode(signedBytes({ v: 1, kind: 'rules', schedule: [{ from: 1, b: true }], sig: 'x' }))).toBe(
      '{"kind":"rules","schedule":[{"b":true,"from":1}],"v":1}',
    );
  });
});
