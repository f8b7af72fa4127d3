import type { Block } from './block';
import type { JsonObject } from './json-value';
import { dumpsPython } from './python-json';

/**
 * The reference's `GET /chain` answer, `{"chain": [...], "length": N}`: what peers exchange,
 * what Export chain writes and Import chain reads. `length` is the whole chain's when `blocks`
 * are only its last blocks (an answer to a peer that holds the rest).
 */
export function chainDocument(blocks: readonly Block[], length = blocks.length): JsonObject {
  return { chain: [...blocks], length: BigInt(length) };
}

/** The document as Flask's jsonify writes it: compact JSON and a newline. */
export function chainDocumentText(blocks: readonly Block[], length = blocks.length): string {
  return dumpsPython(chainDocument(blocks, length), { compact: true }) + '\n';
}
