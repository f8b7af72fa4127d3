// Test-only fast-check arbitraries for JsonValue: bigints, doubles and hostile strings/keys.
import fc from 'fast-check';
import type { JsonObject, JsonValue } from './json-value';
import { setOwn } from './python-json';

const ODD_CHARS = [
  '"', '\\', '/', '\u0000', '\u0008', '\u001f', '\u007f', '\u0080', '\u2028', '\ufeff', '\uffff',
  '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00', 'é', 'e\u0301', '😀', '\uff01', '𝄞',
];

/** One unit: a hostile character (lone surrogates included), any code point, or printable ASCII. */
const oddUnit = fc.oneof(
  fc.constantFrom(...ODD_CHARS),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);

export const oddString = fc.string({ unit: oddUnit, maxLength: 8 });

export const oddKey = fc.oneof(
  oddString,
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '10', '2', '', 'index', 'proof'),
);

export const pyInt: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
);

export const pyFloat: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(5, -0, 0, 0.1, 2.5, 1e16, 1e-5, 1e-4, 1e21, 5e-324, 1795511660.992931, NaN, Infinity, -Infinity),
);

export function objectFrom(entries: readonly (readonly [string, JsonValue])[]): JsonObject {
  const obj: JsonObject = {};
  for (const [key, value] of entries) setOwn(obj, key, value);
  return obj;
}

const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  oddString,
  pyInt,
  pyFloat,
);

export const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue; array: JsonValue[]; object: JsonObject }>(
  (tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.array(fc.tuple(oddKey, tie('value')), { maxLength: 4 }).map(objectFrom),
  }),
).value;
