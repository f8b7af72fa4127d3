import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indentJson } from './json-indent';
import { jsonValue } from './json-arbitrary.test-suite';
import type { JsonValue } from './json-value';
import { compareCodePoints, dumpsPython, parsePythonJson, quotePython } from './python-json';

/** An independent oracle: Python's json.dumps(value, indent=2, sort_keys=True), written from the value. */
function pythonIndent(value: JsonValue, level = 0): string {
  const pad = (n: number) => '  '.repeat(n);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => pad(level + 1) + pythonIndent(item, level + 1)).join(',\n')}\n${pad(level)}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort(compareCodePoints);
    if (keys.length === 0) return '{}';
    const items = keys.map((key) => `${pad(level + 1)}${quotePython(key)}: ${pythonIndent(value[key] ?? null, level + 1)}`);
    return `{\n${items.join(',\n')}\n${pad(level)}}`;
  }
  return dumpsPython(value);
}

describe('indentJson', () => {
  it('lays out a /mine answer exactly as Flask’s jsonify does with pretty-printing on', () => {
    // Flask 3.1's test client, app.debug = True, for this very body.
    const compact =
      '{"index":2,"message":"New Block Forged","previous_hash":"ab","proof":35293,"transactions":[{"amount":5.0,"recipient":"x","sender":"0"}]}\n';
    expect(indentJson(compact).text + '\n').toBe(
      '{\n  "index": 2,\n  "message": "New Block Forged",\n  "previous_hash": "ab",\n  "proof": 35293,\n' +
        '  "transactions": [\n    {\n      "amount": 5.0,\n      "recipient": "x",\n      "sender": "0"\n    }\n  ]\n}\n',
    );
  });

  it('keeps empty containers on one line and strings with quotes, commas and braces intact', () => {
    expect(indentJson('{"a":{},"b":[],"c":"x\\",{[:]} \\\\","d":[1e+16,-0.0,NaN]}').text).toBe(
      '{\n  "a": {},\n  "b": [],\n  "c": "x\\",{[:]} \\\\",\n  "d": [\n    1e+16,\n    -0.0,\n    NaN\n  ]\n}',
    );
  });

  it('equals json.dumps(indent=2) for any value, and reads back to the same value', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const { text, length } = indentJson(dumpsPython(value, { compact: true }));
        expect(text).toBe(pythonIndent(value));
        expect(length).toBe(text.length);
        const parsed = parsePythonJson(text);
        expect(parsed.ok && dumpsPython(parsed.value)).toBe(dumpsPython(value));
      }),
    );
  });

  it('cut at a limit, it is the start of the whole text and still counts the whole length', () => {
    fc.assert(
      fc.property(jsonValue, fc.nat({ max: 200 }), (value, limit) => {
        const compact = dumpsPython(value, { compact: true });
        const whole = indentJson(compact);
        const cut = indentJson(compact, limit);
        expect(cut.text).toBe(whole.text.slice(0, limit));
        expect(cut.length).toBe(whole.length);
      }),
    );
  });
});
