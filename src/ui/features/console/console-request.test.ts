import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConsoleRequest } from './console-request';
import { startI18n } from '../../i18n/i18n';

await startI18n('en');

const ok = (method: string, path: string, body?: string) => ({ ok: true, request: body === undefined ? { method, path } : { method, path, body } });
const error = (input: string) => {
  const result = parseConsoleRequest(input);
  if (result.ok) throw new Error(`read as a request: ${input}`);
  return result.error;
};

describe('a typed request', () => {
  it('is METHOD /path, with a JSON body kept exactly as typed', () => {
    expect(parseConsoleRequest('GET /chain')).toEqual(ok('GET', '/chain'));
    expect(parseConsoleRequest('  get   /mine \n')).toEqual(ok('GET', '/mine'));
    expect(parseConsoleRequest('POST /transactions/new {"sender": "a", "recipient": "b", "amount": 5.0}')).toEqual(
      ok('POST', '/transactions/new', '{"sender": "a", "recipient": "b", "amount": 5.0}'),
    );
    expect(parseConsoleRequest('POST /nodes/register\n{\n  "nodes": ["http://192.168.0.5:5000"]\n}')).toEqual(
      ok('POST', '/nodes/register', '{\n  "nodes": ["http://192.168.0.5:5000"]\n}'),
    );
    expect(parseConsoleRequest('POST http://localhost:5000/transactions/new not json')).toEqual(ok('POST', '/transactions/new', 'not json'));
    // Any path is sent: the node answers 404 or 405 as Flask does.
    expect(parseConsoleRequest('DELETE /chain')).toEqual(ok('DELETE', '/chain'));
    expect(parseConsoleRequest('GET /nope?x=1')).toEqual(ok('GET', '/nope?x=1'));
  });

  it('says what to change when it cannot be read', () => {
    expect(error('')).toBe('Type a request, like GET /chain, or paste a curl command.');
    expect(error('/chain')).toBe('Start with the method, like GET /chain or POST /transactions/new {…}.');
    expect(error('GET')).toBe('Add the path after GET, like GET /chain.');
    expect(error('GET chain')).toBe('“chain” is not a path: a path starts with /, like /chain.');
    expect(error('FETCH /chain')).toBe('“FETCH” is not a method this console sends: use GET or POST, like GET /chain.');
    expect(error('GET /mine {"x": 1}')).toBe('A GET request has no body: remove what follows the path, or use POST.');
    expect(error('GET http://[::1')).toBe('“http://[::1” is not an address that can be read.');
  });
});

describe('a pasted curl command', () => {
  it('reads the tutorial’s examples', () => {
    expect(parseConsoleRequest('curl http://localhost:5000/mine')).toEqual(ok('GET', '/mine'));
    expect(
      parseConsoleRequest(
        'curl -X POST -H "Content-Type: application/json" -d \'{\n "sender": "d4ee26eee15148ee92c6cd394edd974e",\n "recipient": "someone-other-address",\n "amount": 5\n}\' "http://localhost:5000/transactions/new"',
      ),
    ).toEqual(
      ok(
        'POST',
        '/transactions/new',
        '{\n "sender": "d4ee26eee15148ee92c6cd394edd974e",\n "recipient": "someone-other-address",\n "amount": 5\n}',
      ),
    );
    expect(
      parseConsoleRequest('curl -X POST -H "Content-Type: application/json" -d \'{"nodes": ["http://localhost:5001"]}\' "http://localhost:5000/nodes/register"'),
    ).toEqual(ok('POST', '/nodes/register', '{"nodes": ["http://localhost:5001"]}'));
  });

  it('reads the shell’s quoting, line continuations and curl’s option forms', () => {
    // Windows' cmd quoting: double quotes with \" inside.
    expect(parseConsoleRequest('curl -d "{\\"amount\\": 5}" localhost:5000/transactions/new')).toEqual(ok('POST', '/transactions/new', '{"amount": 5}'));
    expect(parseConsoleRequest('curl -sS \\\n  -XPOST \\\n  --data=\'{"a": 1}\' \\\n  http://127.0.0.1:5000/transactions/new')).toEqual(
      ok('POST', '/transactions/new', '{"a": 1}'),
    );
    expect(parseConsoleRequest('curl --json \'{"nodes": []}\' --url http://localhost:5000/nodes/register')).toEqual(
      ok('POST', '/nodes/register', '{"nodes": []}'),
    );
    expect(parseConsoleRequest("curl -d a=1 -d b=2 http://x/transactions/new")).toEqual(ok('POST', '/transactions/new', 'a=1&b=2'));
    expect(parseConsoleRequest("curl --request get 'http://localhost:5000/chain'")).toEqual(ok('GET', '/chain'));
    expect(parseConsoleRequest("curl -d'{\"it'\"'\"'s\": 1}' http://x/transactions/new")).toEqual(ok('POST', '/transactions/new', '{"it\'s": 1}'));
    expect(parseConsoleRequest('curl\r\n  http://x/chain\r\n')).toEqual(ok('GET', '/chain'));
  });

  it('says what to change when it cannot be read', () => {
    expect(error("curl -d '{\"a\": 1} http://x/transactions/new")).toBe("The quote ' at character 9 is never closed.");
    expect(error('curl -d "{ http://x/mine')).toBe('The quote " at character 9 is never closed.');
    expect(error('curl -X POST -d ‘{“amount”: 5}’ http://x/transactions/new')).toBe(
      'The command has curly quotes (“ ” ‘ ’) that a terminal does not read as quotes: type straight quotes " and \' instead.',
    );
    // Inside straight quotes they are only text.
    expect(parseConsoleRequest('curl -d \'{"note": "“5”"}\' http://x/transactions/new')).toEqual(ok('POST', '/transactions/new', '{"note": "“5”"}'));
    expect(error('curl -o out.json http://x/chain')).toBe(
      'curl’s option -o is not supported here: this console reads -X, -H, -d (or --data, --data-raw, --json) and the address.',
    );
    expect(error('curl --form a=1 http://x/chain')).toMatch(/^curl’s option --form is not supported here/);
    expect(error('curl http://x/chain -X')).toBe('curl’s option -X needs a value after it.');
    expect(error('curl -d @tx.json http://x/transactions/new')).toBe('-d @tx.json reads a file, which a page cannot do: put the JSON itself after -d.');
    expect(error('curl -s')).toBe('The curl command has no address: add one, like http://localhost:5000/chain.');
    expect(error('curl http://x/chain http://x/mine')).toBe(
      'The curl command has two addresses (“http://x/chain” and “http://x/mine”): send one request at a time.',
    );
    expect(error('curl -X GET -d \'{}\' http://x/chain')).toBe('A GET request has no body: remove what follows the path, or use POST.');
  });
});

describe('any input', () => {
  const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

  it('is read or refused with a sentence, never thrown', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('curl', ' ', '-X', '-d', "'", '"', '\\', '\n', '/', 'POST', 'GET', 'x', '{', '“') }), (input) => {
        const result = parseConsoleRequest(input);
        expect(result.ok || result.error.length > 10).toBe(true);
      }),
    );
  });

  it('a curl command with any body and path quoted by the shell reads back to that body and path', () => {
    const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.string({ minLength: 1 }), (segments, body) => {
        const path = `/${segments.join('/')}`;
        const command = `curl -X POST -H ${shellQuote('Content-Type: application/json')} --data-raw ${shellQuote(body)} ${shellQuote(`http://localhost:5000${path}`)}`;
        expect(parseConsoleRequest(command)).toEqual(ok('POST', path, body));
      }),
    );
  });
});
