/** JSON text laid out with an indent, possibly cut: `text` holds at most the limit, `length` counts it all. */
export interface IndentedJson {
  readonly text: string;
  readonly length: number;
}

const OPENERS: Readonly<Record<string, string>> = { '{': '}', '[': ']' };
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SCALAR_END = /[,:\]}\s"]/g;

/**
 * Lays out JSON text as Python's `json.dumps(value, indent=2)` does, which is what Flask's
 * jsonify sends with pretty-printing on: two spaces per level, `", "` becomes `",\n"`, and
 * `": "` after keys. Values are copied as they are written, never parsed, so `5.0` and big
 * ints keep their exact digits. Hand-written: JSON formatters parse and re-print numbers.
 * `limit` stops building the text there (a 10,000-block chain) while still counting its length.
 */
export function indentJson(json: string, limit = Infinity): IndentedJson {
  const parts: string[] = [];
  let built = 0;
  let length = 0;
  let depth = 0;
  const newlines: string[] = [];
  const newline = (level: number) => (newlines[level] ??= `\n${'  '.repeat(level)}`);
  const emit = (piece: string) => {
    length += piece.length;
    if (built < limit) {
      parts.push(piece);
      built += piece.length;
    }
  };

  let i = 0;
  while (i < json.length) {
    const ch = json.charAt(i);
    if (ch === '"') {
      const end = closingQuote(json, i);
      emit(json.slice(i, end));
      i = end;
      continue;
    }
    i++;
    if (WHITESPACE.has(ch)) continue;
    const closer = OPENERS[ch];
    if (closer !== undefined) {
      const next = skipWhitespace(json, i);
      if (json.charAt(next) === closer) {
        emit(ch + closer);
        i = next + 1;
      } else {
        depth++;
        emit(ch + newline(depth));
      }
    } else if (ch === '}' || ch === ']') {
      depth = Math.max(0, depth - 1);
      emit(newline(depth) + ch);
    } else if (ch === ',') {
      emit(`,${newline(depth)}`);
    } else if (ch === ':') {
      emit(': ');
    } else {
      // A number, true, false, null, NaN or Infinity: copied up to the next delimiter.
      SCALAR_END.lastIndex = i;
      const end = SCALAR_END.exec(json)?.index ?? json.length;
      emit(ch + json.slice(i, end));
      i = end;
    }
  }
  const text = parts.join('');
  return { text: text.length > limit ? text.slice(0, limit) : text, length };
}

/** The index just after the string that opens at `start` (or the end of an unterminated one). */
function closingQuote(json: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = json.indexOf('"', from);
    if (quote < 0) return json.length;
    let backslashes = 0;
    while (json.charAt(quote - 1 - backslashes) === '\\') backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function skipWhitespace(json: string, from: number): number {
  let i = from;
  while (WHITESPACE.has(json.charAt(i))) i++;
  return i;
}
