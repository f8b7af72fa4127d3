import { sha256Hex, type Sha256 } from './digest';
import type { JsonValue } from './json-value';
import { dumpsPython } from './python-json';

/**
 * The reference's block hash, byte-exact:
 * `hashlib.sha256(json.dumps(block, sort_keys=True).encode()).hexdigest()`.
 */
export async function hashBlock(block: JsonValue, sha256: Sha256): Promise<string> {
  return sha256Hex(dumpsPython(block), sha256);
}
