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

/**
 * The document of a chain of `length` blocks, `text`, with `added` blocks appended: the
 * same text chainDocumentText writes for the longer chain, in the time of the new blocks
 * alone (a chain of 400,000 transactions is 20 MB of text, seconds to write again). Null
 * when `text` is not such a document.
 */
export function extendChainDocumentText(text: string, length: number, added: readonly Block[]): string | null {
  const tail = `],"length":${length}}\n`;
  if (!text.endsWith(tail) || added.length === 0) return null;
  const blocks = added.map((block) => dumpsPython(block, { compact: true })).join(',');
  return `${text.slice(0, -tail.length)}${length > 0 ? ',' : ''}${blocks}],"length":${length + added.length}}\n`;
}
