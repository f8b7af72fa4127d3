import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeUtf8, sha256Hex, subtleSha256, toHex } from './digest';
import { jsSha256 } from './js-sha256.test-suite';

describe('digest', () => {
  it('writes lowercase hex like hexdigest()', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
    expect(toHex(new Uint8Array())).toBe('');
  });

  it('encodes UTF-8 like str.encode()', () => {
    expect(Array.from(encodeUtf8('a€😀'))).toEqual([0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('computes SHA-256 with WebCrypto, equal to node:crypto', async () => {
    expect(await sha256Hex('', subtleSha256)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        expect(toHex(await subtleSha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });

  it('computes SHA-256 in JavaScript, equal to WebCrypto, on sub-views too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.nat(8), async (bytes, cut) => {
        const view = bytes.subarray(Math.min(cut, bytes.length));
        expect(toHex(await jsSha256(view))).toBe(toHex(await subtleSha256(view)));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts views on a SharedArrayBuffer and sub-views', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(4));
    shared.set([1, 2, 3, 4]);
    const expected = createHash('sha256').update(Uint8Array.from([2, 3])).digest('hex');
    expect(toHex(await subtleSha256(shared.subarray(1, 3)))).toBe(expected);
    expect(toHex(await subtleSha256(Uint8Array.from([9, 2, 3, 9]).subarray(1, 3)))).toBe(expected);
  });
});
