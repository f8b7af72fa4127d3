import i18next from 'i18next';

/** A request for the node's endpoints, read from what was typed in the API console. */
export interface ConsoleRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
}

export type ConsoleRequestResult = { readonly ok: true; readonly request: ConsoleRequest } | { readonly ok: false; readonly error: string };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const EXAMPLE = 'GET /chain';

/**
 * Reads `METHOD /path [JSON body]` or a curl command as the tutorial prints them, e.g.
 * `curl -X POST -H "Content-Type: application/json" -d '{"amount": 5, …}' "http://localhost:5000/transactions/new"`.
 * Never throws: anything it cannot read comes back as a sentence, in the page's language, saying what to change.
 * The body is kept as typed; the node reads it as Flask would (and answers 400 if it is not JSON).
 */
export function parseConsoleRequest(input: string): ConsoleRequestResult {
  const text = input.replace(/\r\n?/g, '\n').trim();
  if (text === '') return fail(t('consoleRequest.empty', { example: EXAMPLE }));
  if (/^curl(\s|$)/.test(text)) return parseCurl(text);
  const match = /^(\S+)(?:\s+(\S+))?(?:\s+([\s\S]*))?$/.exec(text);
  const [, first = '', target, body] = match ?? [];
  if (first.startsWith('/') || /^https?:/i.test(first)) return fail(t('consoleRequest.methodFirst', { example: EXAMPLE }));
  const method = readMethod(first);
  if (!method.ok) return method;
  if (target === undefined) return fail(t('consoleRequest.noPath', { method: method.method }));
  if (!target.startsWith('/') && !/^https?:\/\//i.test(target)) return fail(t('consoleRequest.notPath', { target }));
  return request(method.method, target, body);
}

function request(method: string, target: string, body: string | undefined): ConsoleRequestResult {
  const path = pathOf(target);
  if (path === null) return fail(t('consoleRequest.badAddress', { target }));
  if (body !== undefined && method === 'GET') return fail(t('consoleRequest.getWithBody'));
  return { ok: true, request: body === undefined ? { method, path } : { method, path, body } };
}

function readMethod(word: string): { ok: true; method: string } | { ok: false; error: string } {
  const method = word.toUpperCase();
  if (METHODS.includes(method)) return { ok: true, method };
  return fail(t('consoleRequest.badMethod', { word, example: EXAMPLE }));
}

/** The path and query of a path or an address; an address may leave out http:// as curl allows. */
function pathOf(target: string): string | null {
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `http://${target}`);
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

type CurlOption = 'method' | 'header' | 'data' | 'raw-data' | 'url' | 'flag';

const SHORT_OPTIONS: Readonly<Record<string, CurlOption>> = {
  X: 'method',
  H: 'header',
  d: 'data',
  s: 'flag',
  S: 'flag',
  i: 'flag',
  v: 'flag',
  L: 'flag',
  k: 'flag',
  g: 'flag',
};
const LONG_OPTIONS: Readonly<Record<string, CurlOption>> = {
  request: 'method',
  header: 'header',
  data: 'data',
  'data-ascii': 'data',
  'data-binary': 'data',
  json: 'data',
  'data-raw': 'raw-data',
  url: 'url',
  silent: 'flag',
  'show-error': 'flag',
  include: 'flag',
  verbose: 'flag',
  location: 'flag',
  insecure: 'flag',
  globoff: 'flag',
  compressed: 'flag',
};

/** curl's own reading of its options: -d makes a POST, several -d join with &, -X names the method. */
function parseCurl(command: string): ConsoleRequestResult {
  const words = shellWords(command);
  if (!words.ok) return words;
  let method: string | undefined;
  const data: string[] = [];
  const addresses: string[] = [];
  const args = words.words.slice(1);
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    if (!word.startsWith('-') || word === '-') {
      addresses.push(word);
      continue;
    }
    const options = readOptions(word, () => args[++i]);
    if (!options.ok) return options;
    for (const { kind, name, value } of options.values) {
      if (kind === 'method') method = value;
      else if (kind === 'url') addresses.push(value);
      else if (kind === 'raw-data') data.push(value);
      else {
        if (value.startsWith('@')) return fail(t('consoleRequest.readsFile', { option: name, value }));
        data.push(value);
      }
    }
  }
  const [address, second] = addresses;
  if (address === undefined) return fail(t('consoleRequest.noAddress'));
  if (second !== undefined) return fail(t('consoleRequest.twoAddresses', { first: address, second }));
  const verb = readMethod(method ?? (data.length > 0 ? 'POST' : 'GET'));
  if (!verb.ok) return verb;
  return request(verb.method, address, data.length > 0 ? data.join('&') : undefined);
}

interface OptionValue {
  readonly kind: Exclude<CurlOption, 'flag' | 'header'>;
  readonly name: string;
  readonly value: string;
}

/**
 * One word of options: `--name value`, `--name=value`, or short ones that may be grouped
 * (`-sS`) and take their value attached or from the next word (`-XPOST`, `-X POST`).
 */
function readOptions(word: string, nextWord: () => string | undefined): { ok: true; values: OptionValue[] } | { ok: false; error: string } {
  const values: OptionValue[] = [];
  const take = (kind: CurlOption, name: string, attached: string | undefined) => {
    if (kind === 'flag') return null;
    const value = attached ?? nextWord();
    if (value === undefined) return fail(t('consoleRequest.needsValue', { option: name }));
    if (kind !== 'header') values.push({ kind, name, value });
    return null;
  };
  if (word.startsWith('--')) {
    const [name = '', ...rest] = word.slice(2).split('=');
    const kind = LONG_OPTIONS[name];
    if (kind === undefined) return fail(t('consoleRequest.unsupported', { option: `--${name}` }));
    return take(kind, `--${name}`, rest.length > 0 ? rest.join('=') : undefined) ?? { ok: true, values };
  }
  for (let k = 1; k < word.length; k++) {
    const letter = word.charAt(k);
    const kind = SHORT_OPTIONS[letter];
    if (kind === undefined) return fail(t('consoleRequest.unsupported', { option: `-${letter}` }));
    if (kind === 'flag') continue;
    const attached = word.slice(k + 1);
    return take(kind, `-${letter}`, attached === '' ? undefined : attached) ?? { ok: true, values };
  }
  return { ok: true, values };
}

/**
 * A POSIX shell's words: 'single quotes' keep everything, "double quotes" let \ escape
 * " \ $ ` and a newline, a backslash outside quotes escapes the next character and a
 * backslash before a newline continues the line; curly quotes outside quotes are refused. Hand-written: the shell-quote packages
 * also expand $VARIABLES and operators, which would change a pasted JSON body.
 */
function shellWords(command: string): { ok: true; words: string[] } | { ok: false; error: string } {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  while (i < command.length) {
    const ch = command.charAt(i);
    if (ch === '\\') {
      const next = command.charAt(i + 1);
      if (next !== '\n') word = (word ?? '') + next;
      i += 2;
    } else if (ch === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return fail(t('consoleRequest.unclosedQuote', { quote: "'", at: i + 1 }));
      word = (word ?? '') + command.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let quoted = '';
      for (; j < command.length && command.charAt(j) !== '"'; j++) {
        const c = command.charAt(j);
        if (c === '\\' && '"\\$`\n'.includes(command.charAt(j + 1)) && j + 1 < command.length) {
          j++;
          if (command.charAt(j) !== '\n') quoted += command.charAt(j);
        } else {
          quoted += c;
        }
      }
      if (j >= command.length) return fail(t('consoleRequest.unclosedQuote', { quote: '"', at: i + 1 }));
      word = (word ?? '') + quoted;
      i = j + 1;
    } else if (CURLY_QUOTES.includes(ch)) {
      // Text copied from a web page or a word processor: a terminal would not read these as quotes.
      return fail(t('consoleRequest.curlyQuotes', { quotes: CURLY_QUOTES.join(' ') }));
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else {
      word = (word ?? '') + ch;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return { ok: true, words };
}

const CURLY_QUOTES = ['“', '”', '‘', '’'];

const t = i18next.t;
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
