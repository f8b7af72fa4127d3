import { randomUUID } from 'node:crypto';
import { expose, proxy, wrap, type Remote } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHub, type MemoryHub } from '../network/memory-transport';
import { indentJson } from '../core/json-indent';
import { isJsonObject, type JsonObject } from '../core/json-value';
import { dumpsPython, parsePythonJson } from '../core/python-json';
import type { Exchange, NodeEvent } from '../contract/views';
import type { NodeApi } from '../contract/worker-api';
import { createNodeApi, type NodeApiDeps } from './node-api';
import { createMemoryNodeStore } from './storage/memory-node-store';

// The worker API over a real MessageChannel, with no worker and no browser: what the page
// gets from comlink.wrap is exactly this.
const channels: MessageChannel[] = [];

function startWorkerApi(hub: MemoryHub, deps: Partial<NodeApiDeps> = {}): Remote<NodeApi> {
  const channel = new MessageChannel();
  channels.push(channel);
  expose(createNodeApi({ transportFor: () => hub.connect(), randomUUID, fetchTimeoutMs: 500, ...deps }), channel.port1);
  return wrap<NodeApi>(channel.port2);
}

const newId = () => randomUUID().replaceAll('-', '');

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
};

describe('the node API over comlink', () => {
  it('re-throws in the page an error thrown in the worker', async () => {
    const api = startWorkerApi(createMemoryHub());
    await expect(api.status()).rejects.toThrow('call init() first');
  });

  it('starts from the page’s query string and reports ignored parameters', async () => {
    const api = startWorkerApi(createMemoryHub());
    const status = await api.init('?net=class-1&difficulty=2&rule=repo&genesis=bogus');
    expect(status.id).toMatch(/^[0-9a-f]{12}4[0-9a-f]{19}$/);
    expect(status.network).toBe('class-1');
    expect(status.rules).toMatchObject({ rule: 'repo', difficulty: 2, genesis: 'node' });
    expect(status.warnings).toEqual([{ key: 'paramGenesis', values: { value: 'bogus' } }]);
    expect(status.height).toBe(1);
  });

  it('queues a valid transaction, refuses a bad one field by field, mines, and tells the page', async () => {
    const api = startWorkerApi(createMemoryHub());
    await api.init('?difficulty=2');
    const events: NodeEvent[] = [];
    await api.subscribe(proxy((event: NodeEvent) => events.push(event)));

    expect(await api.addTransaction({ sender: 'alice', recipient: '', amount: 'lots' })).toEqual({
      ok: false,
      texts: { recipient: 'Recipient is required.', amount: 'Amount must be a finite number, like 5 or 2.5.' },
      messages: { recipient: { key: 'recipientRequired', values: {} }, amount: { key: 'amountNotNumber', values: {} } },
    });
    expect(await api.addTransaction(null)).toMatchObject({ ok: false });
    expect(await api.pending()).toEqual([]);

    expect(await api.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' })).toMatchObject({ ok: true, blockIndex: 2 });
    expect(await api.addTransaction({ sender: 'bob', recipient: 'carol', amount: '2.50' })).toMatchObject({ ok: true, blockIndex: 2 });
    const mined = await api.mine();
    expect(mined.ok).toBe(true);
    const chain = await api.chain();
    expect(chain.blocks).toHaveLength(2);
    const status = await api.status();
    expect(chain.blocks[1]?.['transactions']).toEqual([
      { sender: 'alice', recipient: 'bob', amount: 5n },
      { sender: 'bob', recipient: 'carol', amount: 2.5 },
      { sender: '0', recipient: status.id, amount: 1n },
    ]);
    expect(await api.pending()).toEqual([]);
    await until(() => events.some((event) => event.topics.includes('chain')));
  });

  it('two nodes on one network find each other and resolve to the longer chain', async () => {
    const hub = createMemoryHub();
    const a = startWorkerApi(hub);
    const b = startWorkerApi(hub);
    const idA = (await a.init('?difficulty=2')).id;
    const idB = (await b.init('?difficulty=2')).id;
    await until(async () => (await b.peers()).some((peer) => peer.id === idA && peer.registered));
    expect((await a.peers()).map((peer) => peer.id)).toEqual([idB]);

    expect((await a.mine()).ok).toBe(true);
    const resolved = await b.resolve();
    expect(resolved).toMatchObject({ replaced: true, winner: idA, ourLength: 1 });
    expect(await b.exportChain()).toBe(await a.exportChain());
    expect((await a.resolve()).replaced).toBe(false);
  });

  it('manual registration, as in the tutorial, when automatic registration is off', async () => {
    const hub = createMemoryHub();
    const a = startWorkerApi(hub);
    const b = startWorkerApi(hub);
    const idA = (await a.init('')).id;
    await b.init('');
    await b.setAutoRegister(false);
    await until(async () => (await b.peers()).some((peer) => peer.id === idA));
    const before = await b.request('GET', '/nodes/resolve');
    expect(before.responseBody).toContain('"message": "Our chain is authoritative"');

    const registered = await b.request('POST', '/nodes/register', JSON.stringify({ nodes: [`http://${idA}`] }));
    expect(registered).toMatchObject({
      status: 201,
      statusLine: 'HTTP/1.1 201 CREATED',
      responseBody: `{\n  "message": "New nodes have been added",\n  "total_nodes": [\n    "${idA}"\n  ]\n}\n`,
    });
  });

  it('imports only a valid chain and exports it byte for byte', async () => {
    const { readFileSync } = await import('node:fs');
    const api = startWorkerApi(createMemoryHub());
    await api.init('?rule=tutorial');
    const text = readFileSync(new URL('../../fixtures/reference/tutorial_chain_short.json', import.meta.url), 'utf8');
    const bad = readFileSync(new URL('../../fixtures/reference/tutorial_invalid_tampered_amount_block2.json', import.meta.url), 'utf8');
    const before = await api.exportChain();

    const refused = await api.importChain(bad);
    expect(refused).toMatchObject({ adopted: false, verdict: { valid: false, block: 3, code: 'previous-hash' } });
    expect(await api.exportChain()).toBe(before);
    expect(await api.importChain('{"chain": [')).toMatchObject({ adopted: false });
    expect(await api.importChain(42)).toMatchObject({ adopted: false });
    expect(await api.exportChain()).toBe(before);

    expect(await api.importChain(text)).toMatchObject({ adopted: true, length: 3 });
    expect(await api.exportChain()).toBe(text);
  });
});

describe('the exchange log of the node API', () => {
  /** The JSON of an exchange's answer, read back losslessly. */
  const answerOf = (exchange: Exchange): JsonObject => {
    const parsed = parsePythonJson(exchange.responseBody);
    if (!parsed.ok || !isJsonObject(parsed.value)) throw new Error(`not a JSON object: ${exchange.responseBody}`);
    return parsed.value;
  };
  const newest = async (api: Remote<NodeApi>): Promise<Exchange> => {
    const [exchange] = await api.exchanges();
    if (!exchange) throw new Error('no exchange recorded');
    return exchange;
  };
  /** What a button and the typed request answer alike: everything but id, time and origin. */
  const answered = ({ method, path, requestBody, status, statusLine, json, responseBody, responseLength }: Exchange) => ({
    method,
    path,
    requestBody,
    status,
    statusLine,
    json,
    responseBody,
    responseLength,
  });

  it('records every button as the request it stands for, with the answer that request gets', async () => {
    const hub = createMemoryHub();
    const a = startWorkerApi(hub);
    const b = startWorkerApi(hub);
    const idA = (await a.init('?difficulty=1')).id;
    await b.init('?difficulty=1');
    await b.setAutoRegister(false);
    const events: NodeEvent[] = [];
    await a.subscribe(proxy((event: NodeEvent) => events.push(event)));

    // Add transaction: the form's transaction as its JSON body, 201 as the endpoint answers.
    await a.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' });
    const clicked = await newest(a);
    expect(clicked).toMatchObject({
      origin: 'button',
      method: 'POST',
      path: '/transactions/new',
      requestBody: '{"amount": 5, "recipient": "bob", "sender": "alice"}',
      statusLine: 'HTTP/1.1 201 CREATED',
      responseBody: '{\n  "message": "Transaction will be added to Block 2"\n}\n',
    });
    const typed = await a.request('POST', '/transactions/new', clicked.requestBody ?? '');
    expect(typed.origin).toBe('console');
    expect(answered(typed)).toEqual(answered(clicked));
    await until(() => events.some((event) => event.topics.includes('exchanges')));

    // A refused form: nothing queued, 400 with the reasons, and the fields as they were typed.
    await a.addTransaction({ sender: 'alice', recipient: '', amount: 'lots' });
    expect(await newest(a)).toMatchObject({
      requestBody: '{"amount": "lots", "recipient": "", "sender": "alice"}',
      status: 400,
      json: false,
      responseBody: 'Recipient is required. Amount must be a finite number, like 5 or 2.5.',
    });
    expect(await a.pending()).toHaveLength(2);

    // Mine: the reference's answer for the very block that was forged.
    const mined = await a.mine();
    if (!mined.ok) throw new Error(mined.text);
    const mineExchange = await newest(a);
    expect(mineExchange).toMatchObject({ origin: 'button', method: 'GET', path: '/mine', status: 200, requestBody: null });
    const forged = answerOf(mineExchange);
    expect(dumpsPython(forged)).toBe(
      dumpsPython({
        message: 'New Block Forged',
        index: mined.block['index'] ?? null,
        transactions: mined.block['transactions'] ?? null,
        proof: mined.block['proof'] ?? null,
        previous_hash: mined.block['previous_hash'] ?? null,
      }),
    );
    const typedMine = answerOf(await a.request('GET', '/mine'));
    expect(Object.keys(typedMine).sort()).toEqual(Object.keys(forged).sort());
    expect(typedMine['index']).toBe(3n);

    // Export chain: GET /chain's answer, the same as typed, and the whole file on demand.
    const file = await a.exportChain();
    const exported = await newest(a);
    expect(answered(await a.request('GET', '/chain'))).toEqual(answered(exported));
    expect(await a.exchangeBody(exported.id)).toBe(`${indentJson(file).text}\n`);

    // Register and Resolve in B, clicked then typed.
    await b.register([`http://${idA}`]);
    const registered = await newest(b);
    expect(registered).toMatchObject({ requestBody: `{"nodes": ["http://${idA}"]}`, status: 201 });
    expect(answered(await b.request('POST', '/nodes/register', registered.requestBody ?? ''))).toEqual(answered(registered));
    await b.resolve();
    expect(answerOf(await newest(b))['message']).toBe('Our chain was replaced');
    await b.resolve();
    const authoritative = await newest(b);
    expect(answerOf(authoritative)['message']).toBe('Our chain is authoritative');
    expect(answered(await b.request('GET', '/nodes/resolve'))).toEqual(answered(authoritative));
    expect((await b.exchanges()).map((exchange) => exchange.origin)).toEqual(['console', 'button', 'button', 'console', 'button']);
  });

  it('a search that ends without a block is 409 with its reason, clicked or typed', async () => {
    const api = startWorkerApi(createMemoryHub());
    await api.init('?difficulty=6');
    const cancelled = async (start: () => Promise<unknown>) => {
      const running = start();
      await until(async () => (await api.status()).mining !== null);
      await api.cancelMining();
      await running;
      return newest(api);
    };
    const clicked = await cancelled(() => api.mine());
    const typed = await cancelled(() => api.request('GET', '/mine'));
    expect(clicked).toMatchObject({ origin: 'button', status: 409, responseBody: '{\n  "message": "Mining cancelled."\n}\n' });
    expect(answered(typed)).toEqual(answered(clicked));
  });

  it('answers a malformed request with Werkzeug’s 400 page and changes nothing', async () => {
    const api = startWorkerApi(createMemoryHub());
    await api.init('');
    const before = await api.exportChain();
    const bad = await api.request('get', 'chain');
    expect(bad).toMatchObject({ origin: 'console', status: 400, statusLine: 'HTTP/1.1 400 BAD REQUEST', json: false });
    expect(bad.responseBody).toContain('<title>400 Bad Request</title>');
    expect(await api.exchangeBody('1')).toBeNull();
    expect(await api.exportChain()).toBe(before);
  });
});

describe('the node API across reloads', () => {
  it('is the node the page names, restored from the store a reloaded page opens again', async () => {
    const store = createMemoryNodeStore();
    const openStore = () => Promise.resolve(store);
    const id = newId();
    const first = startWorkerApi(createMemoryHub(), { openStore });
    expect(await first.init('?difficulty=1&net=reload', { id })).toMatchObject({ id, storage: { kind: 'memory', problem: null } });
    await first.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5.0' });
    expect((await first.mine()).ok).toBe(true);
    await first.addTransaction({ sender: 'carol', recipient: 'dave', amount: '2' });
    const exported = await first.exportChain();
    await first.close();

    const reloaded = startWorkerApi(createMemoryHub(), { openStore });
    expect(await reloaded.init('?difficulty=1&net=reload', { id })).toMatchObject({ id, height: 2, pendingCount: 1, warnings: [] });
    expect(await reloaded.exportChain()).toBe(exported);
    expect(await reloaded.pending()).toEqual([{ sender: 'carol', recipient: 'dave', amount: 2n }]);

    await reloaded.resetNode();
    expect(await reloaded.status()).toMatchObject({ id, height: 1, pendingCount: 0 });
    const again = startWorkerApi(createMemoryHub(), { openStore });
    expect(await again.init('?difficulty=1&net=reload', { id })).toMatchObject({ id, height: 1, pendingCount: 0 });
  });

  it('says so when the tab was duplicated, and refuses an id that is not one', async () => {
    const hub = createMemoryHub();
    const original = newId();
    const copy = newId();
    const status = await startWorkerApi(hub).init('', { id: copy, duplicatedFrom: original });
    expect(status.id).toBe(copy);
    expect(status.warnings).toEqual([{ key: 'duplicatedTab', values: { from: original.slice(0, 8), id: copy.slice(0, 8) } }]);
    const refused = await startWorkerApi(hub).init('', { id: 'not-a-node-id' });
    expect(refused.id).toMatch(/^[0-9a-f]{12}4[0-9a-f]{19}$/);
    expect(refused.warnings).toEqual([{ key: 'invalidNodeId', values: { id: refused.id.slice(0, 8) } }]);
  });

  it('runs in memory and says why when the browser refuses its storage', async () => {
    const openStore = () => Promise.reject(new DOMException('The user denied permission to access the database.', 'UnknownError'));
    const status = await startWorkerApi(createMemoryHub(), { openStore }).init('', { id: newId() });
    expect(status.storage).toEqual({
      kind: 'memory',
      problem: { key: 'storageRefused', values: { error: 'UnknownError: The user denied permission to access the database.' } },
    });
  });
});
