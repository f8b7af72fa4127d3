/**
 * A JSON value as Python's `json` module sees it, kept losslessly:
 * a Python `int` is a `bigint` (exact at any size, `5` stays `5`) and a Python `float`
 * is a `number` (`5.0` stays a float and is written back as `5.0`). Both survive
 * structured clone, so chains cross postMessage and BroadcastChannel unchanged.
 */
export type JsonValue = null | boolean | string | bigint | number | JsonValue[] | JsonObject;

export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
