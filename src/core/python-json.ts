import type { JsonObject, JsonValue } from './json-value';

/*
 * Python's `json` module, reimplemented by hand.
 *
 * Why not a library: JSON.parse loses `5.0` vs `5` and big ints, JSON.stringify writes
 * different separators, leaves non-ASCII raw, prints floats the JS way and sorts nothing;
 * no npm package parses AND prints exactly like `json.loads` / `json.dumps(sort_keys=True)`.
 * Block hashes are sha256 of these exact bytes, so every detail below matters.
 *
 * Parsing follows CPython's C scanner (Modules/_json.c) including its error messages and
 * positions ("Expecting ',' delimiter: line 1 column 14 (char 13)"; positions count code
 * points as Python does).
 */

export type ParseResult = { ok: true; value: JsonValue } | { ok: false; error: string };

export interface DumpOptions {
  /** Separators ',' and ':' (Flask's jsonify) instead of ', ' and ': ' (json.dumps). */
  compact?: boolean;
}

/** Deeper documents are refused; Python itself stops near its recursion limit (~1000). */
export const MAX_PARSE_DEPTH = 1000;

/** CPython (>= 3.11) refuses int literals longer than this (sys.get_int_max_str_digits()). */
export const MAX_INT_DIGITS = 4300;

// ---------------------------------------------------------------------------------------
// Parsing

class JsonSyntaxError extends Error {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {
    super(msg);
  }
}

/** Own data property even for "__proto__", so no prototype is ever replaced. */
export function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

// Runs of string characters that need no decoding: anything but '"', '\' and C0 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

const SHORT_UNESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    const text = this.text;
    if (text.charCodeAt(0) === 0xfeff) {
      throw new JsonSyntaxError('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
    }
    this.skipWs();
    const value = this.parseValue();
    this.skipWs();
    if (this.pos !== text.length) throw new JsonSyntaxError('Extra data', this.pos);
    return value;
  }

  private skipWs(): void {
    const text = this.text;
    let p = this.pos;
    while (p < text.length && isWs(text.charCodeAt(p))) p++;
    this.pos = p;
  }

  private startsWithAt(word: string, at: number): boolean {
    return this.text.startsWith(word, at);
  }

  /** Value at this.pos; "Expecting value" if none starts there (Python's StopIteration). */
  private parseValue(): JsonValue {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    switch (c) {
      case 0x22: // "
        this.pos = start + 1;
        return this.parseString(start);
      case 0x7b: // {
        return this.parseObject();
      case 0x5b: // [
        return this.parseArray();
      case 0x6e: // n
        if (this.startsWithAt('null', start)) {
          this.pos = start + 4;
          return null;
        }
        break;
      case 0x74: // t
        if (this.startsWithAt('true', start)) {
          this.pos = start + 4;
          return true;
        }
        break;
      case 0x66: // f
        if (this.startsWithAt('false', start)) {
          this.pos = start + 5;
          return false;
        }
        break;
      case 0x4e: // N
        if (this.startsWithAt('NaN', start)) {
          this.pos = start + 3;
          return NaN;
        }
        break;
      case 0x49: // I
        if (this.startsWithAt('Infinity', start)) {
          this.pos = start + 8;
          return Infinity;
        }
        break;
      case 0x2d: // -
        if (this.startsWithAt('-Infinity', start)) {
          this.pos = start + 9;
          return -Infinity;
        }
        return this.parseNumber(start);
      default:
        if (isDigit(c)) return this.parseNumber(start);
    }
    throw new JsonSyntaxError('Expecting value', start);
  }

  /** Same grammar as _json.c's _match_number_unicode, including its backtracking. */
  private parseNumber(start: number): JsonValue {
    const text = this.text;
    const end = text.length;
    let i = start;
    if (text.charCodeAt(i) === 0x2d) i++;
    const first = text.charCodeAt(i);
    if (first >= 0x31 && first <= 0x39) {
      i++;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
    } else if (first === 0x30) {
      i++;
    } else {
      throw new JsonSyntaxError('Expecting value', start);
    }
    const intEnd = i;
    let isFloat = false;
    if (text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1))) {
      isFloat = true;
      i += 2;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      const eStart = i;
      i++;
      const sign = text.charCodeAt(i);
      if ((sign === 0x2b || sign === 0x2d) && i + 1 < end) i++;
      const digitsStart = i;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
      if (i > digitsStart) isFloat = true;
      else i = eStart;
    }
    this.pos = i;
    const literal = text.slice(start, i);
    if (isFloat) return Number(literal);
    const digits = intEnd - start - (text.charCodeAt(start) === 0x2d ? 1 : 0);
    if (digits > MAX_INT_DIGITS) {
      throw new JsonSyntaxError(
        `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${digits} digits`,
        start,
      );
    }
    return BigInt(literal);
  }

  /** this.pos is just after the opening quote at `quotePos`. */
  private parseString(quotePos: number): string {
    const text = this.text;
    const end = text.length;
    let i = this.pos;
    PLAIN_RUN.lastIndex = i;
    PLAIN_RUN.test(text);
    let runEnd = PLAIN_RUN.lastIndex;
    if (text.charCodeAt(runEnd) === 0x22) {
      this.pos = runEnd + 1;
      return text.slice(i, runEnd);
    }
    // Slow path: escapes (or an error). Chunks are joined once at the end.
    const parts: string[] = [];
    for (;;) {
      if (runEnd > i) parts.push(text.slice(i, runEnd));
      i = runEnd;
      if (i >= end) throw new JsonSyntaxError('Unterminated string starting at', quotePos);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return parts.join('');
      }
      if (c !== 0x5c) throw new JsonSyntaxError('Invalid control character at', i);
      // Backslash.
      if (i + 1 >= end) throw new JsonSyntaxError('Unterminated string starting at', quotePos);
      const esc = text.charAt(i + 1);
      if (esc === 'u') {
        // _json.c requires 4 hex digits AND at least one more character after them.
        if (i + 6 >= end) throw new JsonSyntaxError('Invalid \\uXXXX escape', i + 1);
        let code = 0;
        for (let k = i + 2; k < i + 6; k++) {
          const h = hexValue(text.charCodeAt(k));
          if (h < 0) throw new JsonSyntaxError('Invalid \\uXXXX escape', i + 1);
          code = code * 16 + h;
        }
        // Pairs need no joining: a JS string is UTF-16, so the two units just follow.
        parts.push(String.fromCharCode(code));
        i += 6;
      } else {
        const un = SHORT_UNESCAPES[esc];
        if (un === undefined) throw new JsonSyntaxError('Invalid \\escape', i);
        parts.push(un);
        i += 2;
      }
      PLAIN_RUN.lastIndex = i;
      PLAIN_RUN.test(text);
      runEnd = PLAIN_RUN.lastIndex;
    }
  }

  private enter(at: number): void {
    this.depth++;
    if (this.depth > MAX_PARSE_DEPTH) {
      throw new JsonSyntaxError(`Nesting deeper than ${MAX_PARSE_DEPTH} levels`, at);
    }
  }

  private parseObject(): JsonObject {
    const text = this.text;
    this.enter(this.pos);
    const obj: JsonObject = {};
    this.pos++;
    this.skipWs();
    if (text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      this.depth--;
      return obj;
    }
    for (;;) {
      const keyPos = this.pos;
      if (text.charCodeAt(keyPos) !== 0x22) {
        throw new JsonSyntaxError('Expecting property name enclosed in double quotes', keyPos);
      }
      this.pos = keyPos + 1;
      const key = this.parseString(keyPos);
      this.skipWs();
      if (text.charCodeAt(this.pos) !== 0x3a) throw new JsonSyntaxError("Expecting ':' delimiter", this.pos);
      this.pos++;
      this.skipWs();
      // Duplicate keys: the last value wins, as in a Python dict.
      setOwn(obj, key, this.parseValue());
      this.skipWs();
      const c = text.charCodeAt(this.pos);
      if (c === 0x7d) {
        this.pos++;
        this.depth--;
        return obj;
      }
      if (c !== 0x2c) throw new JsonSyntaxError("Expecting ',' delimiter", this.pos);
      this.pos++;
      this.skipWs();
    }
  }

  private parseArray(): JsonValue[] {
    const text = this.text;
    this.enter(this.pos);
    const arr: JsonValue[] = [];
    this.pos++;
    this.skipWs();
    if (text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      this.depth--;
      return arr;
    }
    for (;;) {
      arr.push(this.parseValue());
      this.skipWs();
      const c = text.charCodeAt(this.pos);
      if (c === 0x5d) {
        this.pos++;
        this.depth--;
        return arr;
      }
      if (c !== 0x2c) throw new JsonSyntaxError("Expecting ',' delimiter", this.pos);
      this.pos++;
      this.skipWs();
    }
  }
}

/** Python's "line L column C (char N)", counted in code points like Python's str. */
function describePosition(text: string, pos: number): string {
  let line = 1;
  let lineStartCp = 0;
  let cp = 0;
  for (let i = 0; i < pos; i++) {
    const c = text.charCodeAt(i);
    // The low half of a surrogate pair is not a separate character for Python.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    cp++;
    if (c === 0x0a) {
      line++;
      lineStartCp = cp;
    }
  }
  return `line ${line} column ${cp - lineStartCp + 1} (char ${cp})`;
}

/**
 * Python `json.loads(text)`: ints become bigint, other numbers number (1e400 -> Infinity),
 * NaN/Infinity/-Infinity accepted, duplicate keys keep the last value, lone surrogates
 * kept. Never throws: errors come back as `{ ok: false, error }`.
 */
export function parsePythonJson(text: string): ParseResult {
  try {
    return { ok: true, value: new Parser(text).parseDocument() };
  } catch (e: unknown) {
    if (e instanceof JsonSyntaxError) {
      return { ok: false, error: `${e.msg}: ${describePosition(text, e.pos)}` };
    }
    // Not expected (depth is bounded), but the promise is: never throw.
    return { ok: false, error: `Cannot parse JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

// ---------------------------------------------------------------------------------------
// Printing

// Characters json.dumps(ensure_ascii=True) writes as themselves: ' '..'~' except '"' and '\'.
const NEEDS_NO_ESCAPE = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;
const HAS_SURROGATE = /[\ud800-\udfff]/;

const ESCAPES: readonly string[] = (() => {
  const table: string[] = [];
  for (let c = 0; c < 0x80; c++) {
    table.push(c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '\\u' + c.toString(16).padStart(4, '0'));
  }
  table[0x22] = '\\"';
  table[0x5c] = '\\\\';
  table[0x08] = '\\b';
  table[0x0c] = '\\f';
  table[0x0a] = '\\n';
  table[0x0d] = '\\r';
  table[0x09] = '\\t';
  return table;
})();

function isPlainAscii(c: number): boolean {
  return c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c;
}

/** A JSON string literal exactly as Python's ensure_ascii encoder writes it. */
export function quotePython(s: string): string {
  if (NEEDS_NO_ESCAPE.test(s)) return '"' + s + '"';
  const parts: string[] = ['"'];
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isPlainAscii(c)) continue;
    if (i > last) parts.push(s.slice(last, i));
    // Astral characters are two UTF-16 units here, so each gets its own \uXXXX: the pair.
    parts.push(c < 0x80 ? (ESCAPES[c] as string) : '\\u' + c.toString(16).padStart(4, '0'));
    last = i + 1;
  }
  if (last < s.length) parts.push(s.slice(last));
  parts.push('"');
  return parts.join('');
}

/**
 * Python's `repr(float)` for a finite or non-finite double, in json.dumps spelling
 * (`NaN`, `Infinity`, `-Infinity`). Positional when the decimal exponent is in [-4, 16)
 * (0.0001, 1e-05, 1e+16), otherwise d.ddde±XX. The digits are the shortest round-trip ones,
 * which JS's Number::toString computes too, so only the layout differs.
 */
export function pythonFloatRepr(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = x < 0 ? -x : x;
  const s = String(x);
  if (abs >= 1e-4 && abs < 1e16) {
    // JS is positional here too (it switches at 1e-7 and 1e21): only '.0' may be missing.
    return s.indexOf('.') === -1 ? s + '.0' : s;
  }
  return exponentForm(s);
}

/** Re-lays out JS's shortest digits as Python's exponent form: 1e+16, 1.5e-07. */
function exponentForm(js: string): string {
  let sign = '';
  let body = js;
  if (body.charCodeAt(0) === 0x2d) {
    sign = '-';
    body = body.slice(1);
  }
  let digits: string;
  let exp: number;
  const e = body.indexOf('e');
  if (e !== -1) {
    digits = body.slice(0, e).replace('.', '');
    exp = Number(body.slice(e + 1));
  } else {
    const dot = body.indexOf('.');
    const intPart = dot === -1 ? body : body.slice(0, dot);
    const fracPart = dot === -1 ? '' : body.slice(dot + 1);
    if (intPart === '0') {
      const nz = fracPart.search(/[1-9]/);
      digits = fracPart.slice(nz);
      exp = -(nz + 1);
    } else {
      digits = intPart + fracPart;
      exp = intPart.length - 1;
    }
  }
  digits = digits.replace(/0+$/, '');
  const mantissa = digits.length > 1 ? `${digits.charAt(0)}.${digits.slice(1)}` : digits;
  const expAbs = exp < 0 ? -exp : exp;
  return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
}

/** Code-point order (Python's str order), for keys with surrogates where it differs from UTF-16 order. */
export function compareCodePoints(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (i > 0) {
      const prev = a.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) {
        // The difference is inside a (possible) pair that started one unit earlier.
        const pa = a.codePointAt(i - 1) as number;
        const pb = b.codePointAt(i - 1) as number;
        if (pa !== pb) return pa - pb;
      }
    }
    return (a.codePointAt(i) as number) - (b.codePointAt(i) as number);
  }
  return a.length - b.length;
}

function sortedKeys(obj: JsonObject): string[] {
  const keys = Object.keys(obj);
  if (keys.length < 2) return keys;
  let surrogates = false;
  for (const k of keys) {
    if (!NEEDS_NO_ESCAPE.test(k) && HAS_SURROGATE.test(k)) {
      surrogates = true;
      break;
    }
  }
  // Default sort is UTF-16 unit order, equal to code-point order without surrogates.
  return surrogates ? keys.sort(compareCodePoints) : keys.sort();
}

interface Separators {
  readonly item: string;
  readonly key: string;
}

const SPACED: Separators = { item: ', ', key: ': ' };
const COMPACT: Separators = { item: ',', key: ':' };

function write(value: JsonValue, sep: Separators): string {
  switch (typeof value) {
    case 'string':
      return quotePython(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return pythonFloatRepr(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value, sep) : writeObject(value, sep, undefined);
    default:
      throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
  }
}

// Each container joins its own small parts array: one huge shared array is slower to join.
function writeArray(arr: readonly JsonValue[], sep: Separators): string {
  if (arr.length === 0) return '[]';
  const parts: string[] = new Array<string>(arr.length);
  for (let i = 0; i < arr.length; i++) parts[i] = write(arr[i] as JsonValue, sep);
  return `[${parts.join(sep.item)}]`;
}

function writeObject(obj: JsonObject, sep: Separators, omit: string | undefined): string {
  const keys = sortedKeys(obj);
  const parts: string[] = [];
  for (const key of keys) {
    if (key === omit) continue;
    parts.push(quotePython(key) + sep.key + write(obj[key] as JsonValue, sep));
  }
  return `{${parts.join(sep.item)}}`;
}

/**
 * Python `json.dumps(value, sort_keys=True)` (ensure_ascii, allow_nan, float repr, exact
 * ints). `compact` gives the ',' ':' separators of Flask's jsonify. Throws only for values
 * outside JsonValue (TypeError) or nesting too deep for the stack (RangeError), like Python.
 */
export function dumpsPython(value: JsonValue, options?: DumpOptions): string {
  return write(value, options?.compact === true ? COMPACT : SPACED);
}

/** dumpsPython(obj without the key `omit`), without copying the object. */
export function dumpsPythonOmitting(obj: JsonObject, omit: string, options?: DumpOptions): string {
  return writeObject(obj, options?.compact === true ? COMPACT : SPACED, omit);
}
