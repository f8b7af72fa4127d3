/**
 * SHA-256 is injected everywhere in core so that the node can pick SubtleCrypto or a faster
 * plain-JS implementation, and tests can count calls; core itself touches no global.
 */
export type Sha256 = (data: Uint8Array) => Promise<Uint8Array>;

function isArrayBufferBacked(data: Uint8Array): data is Uint8Array<ArrayBuffer> {
  return data.buffer instanceof ArrayBuffer;
}

/** SHA-256 through WebCrypto (browser window, worker, Node >= 20). Needs a secure context. */
export const subtleSha256: Sha256 = async (data) => {
  // digest() refuses views on SharedArrayBuffer; copy only in that rare case.
  const input = isArrayBufferBacked(data) ? data : new Uint8Array(data);
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input));
};

const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex, as Python's hexdigest(). */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTES[bytes[i] as number] as string;
  return out;
}

const encoder = new TextEncoder();

/** UTF-8 bytes, as Python's str.encode(). Canonical JSON is ASCII, so this is byte-exact there. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export async function sha256Hex(text: string, sha256: Sha256): Promise<string> {
  return toHex(await sha256(encodeUtf8(text)));
}
