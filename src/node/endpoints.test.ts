import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json-value';
import { dumpsPython, parsePythonJson } from '../core/python-json';
import { validateChain } from '../core/validate';
import { subtleSha256 } from '../core/digest';
import { parsePeerId, type PeerId } from '../network/ids';
import { createMemoryHub, type MemoryHub } from '../network/memory-transport';
import { parsePeerMessage } from '../network/messages';
import type { EndpointResponse, HttpMethod } from './endpoints';
import { DEFAULT_RULES, type NetworkRules } from '../core/rules';
import { handleRequest, httpResponse, prettyBody } from './endpoints';
import { TabNode } from './tab-node';
import { FAST_TEST_MINING, nodeSha256, testNetwork } from './test-nodes.test-suite';

/** Reads a fixture losslessly, as the Python node wrote it. */
function fixture(name: string): JsonValue {
  const parsed = parsePythonJson(readFileSync(new URL(`../../fixtures/reference/${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
  return parsed.value;
}

const fixtureText = (name: string) => readFileSync(new URL(`../../fixtures/reference/${name}`, import.meta.url), 'utf8');

interface Step {
  node: string;
  method: HttpMethod;
  path: string;
  request_json: JsonValue;
  status: bigint;
  response_json: JsonValue;
}

const transcript = fixture('python_http_transcript.json') as unknown as Step[];
const network = testNetwork('transcript');

/** Python's nodes mined with these ids; ours reuse them, so rewards match byte for byte. */
function rewardRecipients(): Map<string, PeerId> {
  const ids = new Map<string, PeerId>();
  for (const step of transcript) {
    if (step.path !== '/mine' || !isJsonObject(step.response_json)) continue;
    const txs = step.response_json['transactions'];
    const reward = Array.isArray(txs) ? txs.at(-1) : undefined;
    const id = isJsonObject(reward) ? parsePeerId(reward['recipient']) : null;
    if (id && !ids.has(step.node)) ids.set(step.node, id);
  }
  return ids;
}

/** Python's time() readings for the blocks we know in full (the fixtures' first three blocks). */
function timestampsOf(name: string): number[] {
  const doc = fixture(name);
  const chain = isJsonObject(doc) && Array.isArray(doc['chain']) ? doc['chain'] : [];
  return chain.map((block) => (isJsonObject(block) && typeof block['timestamp'] === 'number' ? block['timestamp'] : 0));
}

/** The transcript's own encoding of values JSON cannot hold. */
function decodeNonFinite(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(decodeNonFinite);
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value);
  const tag = value['$nonfinite'];
  if (keys.length === 1 && typeof tag === 'string') return tag === 'NaN' ? Number.NaN : tag === 'Infinity' ? Infinity : -Infinity;
  const out: JsonObject = {};
  for (const key of keys) out[key] = decodeNonFinite(value[key] ?? null);
  return out;
}

const PORTS: Record<string, string> = { '5000': 'A', '5001': 'B', '5002': 'C', '5011': 'T1' };
const LIAR_PORT = '5008';
const LIAR_RESOLVE_STEP = transcript.findIndex((step) => step.node === 'H' && step.path === '/nodes/resolve');
const BROKEN_PORT = '5010';

/** A peer that is not a tabchain node: it answers every chain request with a fixed body. */
function fakePeer(hub: MemoryHub, id: PeerId, body: string): void {
  const transport = hub.connect();
  transport.onMessage((data) => {
    const parsed = parsePeerMessage(data);
    if (!parsed.ok || parsed.message.kind !== 'chain-request' || parsed.message.to !== id) return;
    transport.send({ v: 1, kind: 'chain-response', from: id, to: parsed.message.from, requestId: parsed.message.requestId, body });
  });
}

// Node's own SHA-256 is synchronous and several times faster than its WebCrypto for the 45
// blocks mined here; the browser and the other tests use SubtleCrypto.
const LIAR_ID = parsePeerId('8008a0000000400080000000000000f1') as PeerId;
const BROKEN_ID = parsePeerId('8010a0000000400080000000000000f2') as PeerId;

describe('the five endpoints replay the Python node’s HTTP transcript', () => {
  it('answers every request of the transcript as the reference did (208 exchanges)', async () => {
    // The transcript ran tutorial-rule nodes (T*) and repo-rule nodes side by side; a network
    // agrees on one set of rules, so each rule gets its own network here.
    const hubs = { tutorial: createMemoryHub(), repo: createMemoryHub() };
    for (const hub of Object.values(hubs)) {
      fakePeer(hub, LIAR_ID, fixtureText('valid_length_lie.json'));
      fakePeer(hub, BROKEN_ID, fixtureText('invalid_missing_proof.json'));
    }
    const ids = rewardRecipients();
    const clocks = new Map<string, number[]>([
      ['A', timestampsOf('python_chain_short.json')],
      ['T1', timestampsOf('tutorial_chain_short.json')],
    ]);
    const nodes = new Map<string, TabNode>();
    const nodeFor = async (name: string): Promise<TabNode> => {
      const existing = nodes.get(name);
      if (existing) return existing;
      const clock = clocks.get(name) ?? [];
      const rule = name.startsWith('T') ? 'tutorial' : 'repo';
      const rules: NetworkRules = { ...DEFAULT_RULES, rule };
      const node = await TabNode.create({
        id: ids.get(name) ?? (parsePeerId('00000000000040008000000000000000') as PeerId),
        network,
        rules,
        transport: hubs[rule].connect(),
        autoRegister: false,
        sha256: nodeSha256,
        mining: FAST_TEST_MINING,
        now: () => clock.shift() ?? Date.now() / 1000,
      });
      node.start();
      nodes.set(name, node);
      return node;
    };
    const address = (url: string): string => {
      const port = url.split(':').at(-1) ?? '';
      if (port === LIAR_PORT) return `http://${LIAR_ID}`;
      if (port === BROKEN_PORT) return `http://${BROKEN_ID}`;
      const peer = nodes.get(PORTS[port] ?? '');
      if (!peer) throw new Error(`no node behind ${url}`);
      return `http://${peer.id}`;
    };
    const portOf = (id: string): string => {
      if (id === LIAR_ID) return `127.0.0.1:${LIAR_PORT}`;
      if (id === BROKEN_ID) return `127.0.0.1:${BROKEN_PORT}`;
      const name = [...nodes].find(([, node]) => node.id === id)?.[0];
      const port = Object.entries(PORTS).find(([, n]) => n === name)?.[0];
      return `127.0.0.1:${port ?? '?'}`;
    };

    // Every node exists before the first request, as the Python servers did.
    for (const step of transcript) await nodeFor(step.node);
    // Transactions of dropped blocks that a resolve put back in pending, where the reference
    // lost them; they lead the node's next block.
    const returnedBy = new Map<string, JsonValue[]>();
    const everReturned: string[] = [];
    let checked = 0;
    for (const [i, step] of transcript.entries()) {
      const node = await nodeFor(step.node);
      const where = `step ${i}: ${step.node} ${step.method} ${step.path}`;
      let body: string | undefined;
      if (isJsonObject(step.request_json)) {
        const raw = step.request_json['$raw'];
        const request =
          step.path === '/nodes/register' && Array.isArray(step.request_json['nodes'])
            ? { nodes: step.request_json['nodes'].map((url) => address(typeof url === 'string' ? url : '')) }
            : step.request_json;
        body = typeof raw === 'string' ? raw : dumpsPython(request);
      }
      const before = node.chain().hashes.at(-1);
      const pendingBefore = node.pending().length;
      const response: EndpointResponse = await handleRequest(node, step.method, step.path, body);
      if (step.path === '/nodes/resolve') {
        const pending = node.pending();
        const returned = pending.slice(0, Math.max(0, pending.length - pendingBefore));
        returnedBy.set(step.node, returned);
        everReturned.push(...returned.map((tx) => `${step.node}: ${dumpsPython(tx)}`));
      }
      const expected = decodeNonFinite(step.response_json);

      if (step.path === '/nodes/resolve' && step.node === 'H') {
        // The reference trusted the liar's claimed length 999 and swapped 5 blocks for 3.
        // We count: 3 is not longer than 5, so our chain stays.
        expect(response.status, where).toBe(200);
        expect(isJsonObject(response.body) && response.body['message'], where).toBe('Our chain is authoritative');
      } else if (step.path === '/nodes/resolve' && step.node === 'I') {
        // The reference crashed (500) on a chain with a missing field; we answer and keep ours.
        expect(response.status, where).toBe(200);
        expect(isJsonObject(response.body) && response.body['message'], where).toBe('Our chain is authoritative');
      } else if (step.path === '/nodes/resolve') {
        expect(response.status, where).toBe(200);
        const exp = expected as JsonObject;
        const got = response.body as JsonObject;
        expect(got['message'], where).toBe(exp['message']);
        expect((got['new_chain'] as JsonValue[]).length, where).toBe(Number(/\d+/.exec(typeof exp['new_chain'] === 'string' ? exp['new_chain'] : '')?.[0]));
      } else if (step.path === '/chain') {
        expect(response.status, where).toBe(200);
        const got = response.body as JsonObject;
        // After the liar's resolve, H kept its own 5 blocks where the reference took 3.
        const length = step.node === 'H' && i > LIAR_RESOLVE_STEP ? 5n : (expected as JsonObject)['length'];
        expect(got['length'], where).toBe(length);
        expect((got['chain'] as JsonValue[]).length, where).toBe(Number(length));
      } else if (step.path === '/nodes/register') {
        expect(response.status, where).toBe(201);
        const got = response.body as JsonObject;
        expect(got['message'], where).toBe('New nodes have been added');
        expect((got['total_nodes'] as string[]).map(portOf), where).toEqual((expected as JsonObject)['total_nodes']);
      } else if (step.path === '/mine') {
        expect(response.status, where).toBe(200);
        const got = response.body as JsonObject;
        const exp = expected as JsonObject;
        const returned = returnedBy.get(step.node) ?? [];
        returnedBy.delete(step.node);
        const expectedTransactions = [...returned, ...(Array.isArray(exp['transactions']) ? exp['transactions'] : [])];
        expect(dumpsPython(got['transactions'] ?? null), where).toBe(dumpsPython(expectedTransactions));
        expect(got['index'], where).toBe(exp['index']);
        expect(got['message'], where).toBe('New Block Forged');
        expect(got['previous_hash'], where).toBe(before);
        // The tutorial's proof depends only on the previous proof: ours equals Python's.
        if (step.node.startsWith('T')) expect(got['proof'], where).toBe(exp['proof']);
      } else {
        expect(response.status, where).toBe(Number(step.status));
        expect(response.kind, where).toBe('json');
        expect(dumpsPython(response.body), where).toBe(dumpsPython(expected));
      }
      checked++;
    }
    expect(checked).toBe(transcript.length);
    // The reference lost B's own block 2 when B adopted A's chain; we gave it back.
    expect(everReturned).toEqual(['B: {"amount": 3, "recipient": "carol", "sender": "bob"}']);

    // Where Python's clock is known, our blocks are Python's blocks, byte for byte: A's first
    // three blocks survive every resolve, and T1 is never replaced.
    for (const [name, file] of [['A', 'python_chain_short.json'], ['T1', 'tutorial_chain_short.json']] as const) {
      const ours = nodes.get(name)?.chain().blocks.slice(0, 3) ?? [];
      const theirs = fixture(file) as JsonObject;
      expect(dumpsPython(ours), name).toBe(dumpsPython(theirs['chain'] ?? null));
    }
    // Every chain our nodes hold is valid under its rule, as the reference checks it, and
    // strictly valid too, except where the transcript itself queued non-numeric amounts (F)
    // or NaN and Infinity (G).
    for (const [name, node] of nodes) {
      const rule = name.startsWith('T') ? 'tutorial' : 'repo';
      const strict = name !== 'F' && name !== 'G';
      const verdict = await validateChain([...node.chain().blocks], { rule, difficulty: 4, strict }, subtleSha256);
      expect(verdict, name).toMatchObject({ valid: true });
    }
    for (const node of nodes.values()) node.close();
  }, 180_000);
});

describe('endpoint errors answer as Flask does', () => {
  const start = async () => {
    const node = await TabNode.create({
      id: parsePeerId('0123456789ab4def8123456789abcdef') as PeerId,
      network,
      rules: DEFAULT_RULES,
      transport: createMemoryHub().connect(),
    });
    return node;
  };

  it('POST /transactions/new without a field is 400 Missing values and queues nothing', async () => {
    const node = await start();
    for (const body of ['{"sender": "a", "recipient": "b"}', '{}', '[]', '"sender recipient amount"']) {
      expect(await handleRequest(node, 'POST', '/transactions/new', body)).toEqual({ status: 400, kind: 'text', body: 'Missing values' });
    }
    expect((await handleRequest(node, 'POST', '/transactions/new', 'not json')).status).toBe(400);
    expect(node.pending()).toEqual([]);
  });

  it('POST /nodes/register without a list is 400 with the reference’s message', async () => {
    const node = await start();
    const error = { status: 400, kind: 'text', body: 'Error: Please supply a valid list of nodes' };
    expect(await handleRequest(node, 'POST', '/nodes/register', '{}')).toEqual(error);
    expect(await handleRequest(node, 'POST', '/nodes/register', '{"nodes": null}')).toEqual(error);
    expect(node.registeredNodes()).toEqual([]);
  });

  it('the same address registered twice is kept once, as the reference’s set does', async () => {
    const node = await start();
    const body = '{"nodes": ["http://9f3c2a1b00004000800000000000abcd", "9f3c2a1b00004000800000000000abcd"]}';
    const response = await handleRequest(node, 'POST', '/nodes/register', body);
    expect(response).toEqual({
      status: 201,
      kind: 'json',
      body: { message: 'New nodes have been added', total_nodes: ['9f3c2a1b00004000800000000000abcd'] },
    });
  });

  it('unknown paths are 404, wrong methods 405 and a body that is not JSON 400: Werkzeug’s pages, byte for byte', async () => {
    // As Flask 3.1's test client answered the reference's routes.
    const page = (status: number, title: string, description: string) => ({
      status,
      kind: 'text',
      body: `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${description}</p>\n`,
    });
    const node = await start();
    expect(await handleRequest(node, 'GET', '/nope')).toEqual(
      page(404, 'Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'),
    );
    expect(await handleRequest(node, 'POST', '/chain', '{}')).toEqual(page(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'));
    expect(await handleRequest(node, 'DELETE', '/mine')).toEqual(page(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'));
    expect(await handleRequest(node, 'POST', '/transactions/new', '{"a')).toEqual(
      page(400, 'Bad Request', 'Failed to decode JSON object: Unterminated string starting at: line 1 column 2 (char 1)'),
    );
    expect(await handleRequest(node, 'POST', '/nodes/register')).toEqual(
      page(400, 'Bad Request', 'Failed to decode JSON object: Expecting value: line 1 column 1 (char 0)'),
    );
  });

  it('writes the status line as Werkzeug does and the JSON as jsonify does, compact or pretty-printed', async () => {
    const node = await start();
    const created = httpResponse(await handleRequest(node, 'POST', '/transactions/new', '{"sender": "a", "recipient": "b", "amount": 5.0}'));
    expect(created).toEqual({ status: 201, statusLine: 'HTTP/1.1 201 CREATED', json: true, body: '{"message":"Transaction will be added to Block 2"}\n' });
    const pretty = '{\n  "message": "Transaction will be added to Block 2"\n}\n';
    expect(prettyBody(created)).toEqual({ text: pretty, length: pretty.length });
    expect(prettyBody(created, 10)).toEqual({ text: pretty.slice(0, 10), length: pretty.length });
    expect(prettyBody(created, pretty.length - 1)).toEqual({ text: pretty.slice(0, -1), length: pretty.length });
    const missing = httpResponse(await handleRequest(node, 'POST', '/transactions/new', '{}'));
    expect(missing).toEqual({ status: 400, statusLine: 'HTTP/1.1 400 BAD REQUEST', json: false, body: 'Missing values' });
    expect(prettyBody(missing)).toEqual({ text: 'Missing values', length: 14 });
    const chain = httpResponse(await handleRequest(node, 'GET', '/chain'));
    expect(chain.body).toBe(node.chainBody());
  });

  it('GET /chain answers the chain and its counted length', async () => {
    const node = await start();
    const response = await handleRequest(node, 'GET', '/chain');
    expect(response.status).toBe(200);
    const body = response.body as JsonObject;
    expect(body['length']).toBe(1n);
    expect(body['chain']).toEqual([...node.chain().blocks]);
  });
});
