import type { JsonObject, JsonValue } from './json-value';

/**
 * A transaction as the tutorial stores it. The reference accepts any JSON value in each
 * field (it only checks that the keys exist), so peers may send anything; blocks are
 * therefore kept as the exact JSON they arrived as, and only our own forms restrict input.
 */
export interface Transaction extends JsonObject {
  sender: JsonValue;
  recipient: JsonValue;
  amount: JsonValue;
}

/**
 * A block, kept verbatim: unknown extra fields and the exact number forms are preserved so
 * that its hash never changes. Fields are read through the helpers below, never assumed.
 */
export type Block = JsonObject;
export type Chain = readonly Block[];
