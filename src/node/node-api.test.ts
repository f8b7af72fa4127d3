import { randomUUID } from 'node:crypto';
import { expose, proxy, wrap, type Remote } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHub, type MemoryHub } from '../network/memory-transport';
import type { NodeApi, NodeEvent } from './api';
import { createNodeApi, type NodeApiDeps } from './node-api';
import { createMemoryNodeStore } from './storage/node-store';

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
    expect(status.warnings).toEqual(['?genesis=bogus ignored: genesis must be node or shared.']);
    expect(status.height).toBe(1);
  });

  it('queues a valid transaction, refuses a bad one field by field, mines, and tells the page', async () => {
    const api = startWorkerApi(createMemoryHub());
    await api.init('?difficulty=2');
    const events: NodeEvent[] = [];
    await api.subscribe(proxy((event: NodeEvent) => events.push(event)));

    expect(await api.addTransaction({ sender: 'alice', recipient: '', amount: 'lots' })).toEqual({
      ok: false,
      errors: { recipient: 'Recipient is required.', amount: 'Amount must be a finite number, like 5 or 2.5.' },
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
    expect(before.body).toMatchObject({ message: 'Our chain is authoritative' });

    const registered = await b.request('POST', '/nodes/register', JSON.stringify({ nodes: [`http://${idA}`] }));
    expect(registered).toEqual({
      status: 201,
      kind: 'json',
      body: { message: 'New nodes have been added', total_nodes: [idA] },
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
    expect(status.warnings).toEqual([
      `This tab was duplicated from node ${original.slice(0, 8)}, which is still open; it became a new node ${copy.slice(0, 8)}.`,
    ]);
    const refused = await startWorkerApi(hub).init('', { id: 'not-a-node-id' });
    expect(refused.id).toMatch(/^[0-9a-f]{12}4[0-9a-f]{19}$/);
    expect(refused.warnings).toEqual([`The page asked for a node id that is not valid, so this tab became a new node ${refused.id.slice(0, 8)}.`]);
  });

  it('runs in memory and says why when the browser refuses its storage', async () => {
    const openStore = () => Promise.reject(new DOMException('The user denied permission to access the database.', 'UnknownError'));
    const status = await startWorkerApi(createMemoryHub(), { openStore }).init('', { id: newId() });
    expect(status.storage).toEqual({
      kind: 'memory',
      problem: 'This browser refused to open its storage (UnknownError: The user denied permission to access the database.).',
    });
  });
});
