import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Block, Transaction } from '../../core/block';
import { jsonValue, objectFrom, oddKey } from '../../core/json-arbitrary.test-suite';
import { dumpsPython } from '../../core/python-json';
import { DEFAULT_RULES } from '../../core/rules';
import { PEER_A, PEER_B } from '../../network/test-peer-ids.test-suite';
import { testNetwork } from '../test-nodes.test-suite';
import { openIndexedDbNodeStore } from './idb-node-store';
import { createMemoryNodeStore } from './memory-node-store';
import type { NodeKey, NodeState, NodeStore } from './node-store';
import { encodeNodeRecord } from './stored-node';

const CLASS_A = testNetwork('class-a');
const CLASS_B = testNetwork('class-b');
const keyA: NodeKey = { network: CLASS_A, id: PEER_A };

const state: NodeState = {
  rulesSignature: null,
  // 5.0 (a float) and 5 (an int) are different amounts and must stay so.
  pending: [
    { sender: 'alice', recipient: 'bob', amount: 5 },
    { sender: 'bob', recipient: 'carol', amount: 5n },
    { sender: 'é😀', recipient: '\u2028', amount: 12345678901234567890123n },
  ],
  registered: [PEER_B, 'localhost:5001'],
  rules: { ...DEFAULT_RULES, difficulty: 2 },
  schedule: [
    { from: 1, rule: DEFAULT_RULES.rule, difficulty: 4, strict: false, balances: false },
    { from: 5, rule: DEFAULT_RULES.rule, difficulty: 2, strict: false, balances: false },
  ],
  rulesClock: { epoch: 3, at: 1_700_000_000_123, by: PEER_B },
  autoRegister: false,
  mining: { engine: 'fast', threads: 2 },
};

const block = (index: number, extra: Partial<Block> = {}): Block => ({
  index: BigInt(index),
  timestamp: 1_700_000_000 + index + 0.25,
  transactions: [{ sender: '0', recipient: PEER_A, amount: 1n }],
  proof: BigInt(index * 7),
  previous_hash: index === 1 ? '1' : `hash-${index - 1}`,
  ...extra,
});
const chain = (height: number): Block[] => Array.from({ length: height }, (_, i) => block(i + 1));

/** The exact bytes Python would hash: equal texts are equal blocks, 5.0 and 5 included. */
const texts = (blocks: readonly Block[]) => blocks.map((b) => dumpsPython(b));
const pendingText = (pending: readonly Transaction[]) => dumpsPython([...pending]);

const opened: NodeStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** A database of its own per test: tests never see each other's nodes. */
async function idbStore(name = `tabchain-test-${randomUUID()}`): Promise<NodeStore> {
  const store = await openIndexedDbNodeStore(name);
  opened.push(store);
  return store;
}

const stores: [string, () => Promise<NodeStore>][] = [
  ['memory', () => Promise.resolve(createMemoryNodeStore())],
  ['indexeddb', () => idbStore()],
];

describe.each(stores)('the %s node store', (_kind, open) => {
  it('holds nothing for a node it never saw', async () => {
    const store = await open();
    expect(await store.load(keyA)).toEqual({ kind: 'empty' });
  });

  it('gives back the chain, pending, peers, rules and settings exactly as saved', async () => {
    const store = await open();
    const blocks = chain(3);
    await store.save(keyA, { state, height: 3, changedBlocks: { from: 0, blocks } });
    const loaded = await store.load(keyA);
    if (loaded.kind !== 'found') throw new Error(`expected a node, got ${loaded.kind}`);
    const { blocks: back, pending = [], rules, ...rest } = loaded.node;
    expect(texts(back)).toEqual(texts(blocks));
    expect(pendingText(pending)).toBe(pendingText(state.pending));
    expect(pending[0]?.amount).toBe(5);
    expect(pending[1]?.amount).toBe(5n);
    expect(rules).toEqual({ rules: state.rules, schedule: state.schedule, rulesClock: state.rulesClock, rulesSignature: state.rulesSignature });
    expect(rest).toEqual({ registered: state.registered, autoRegister: state.autoRegister, mining: state.mining, dropped: [] });
  });

  it('keeps any block byte for byte: floats, big ints, odd keys and strings', async () => {
    const store = await open();
    const arbitraryBlock = fc.array(fc.tuple(oddKey, jsonValue), { maxLength: 6 }).map(objectFrom);
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryBlock, { minLength: 1, maxLength: 4 }), async (blocks) => {
        await store.save(keyA, { state, height: blocks.length, changedBlocks: { from: 0, blocks } });
        const loaded = await store.load(keyA);
        expect(loaded.kind === 'found' && texts(loaded.node.blocks)).toEqual(texts(blocks));
      }),
      { numRuns: 60 },
    );
  });

  it('appends a block, replaces a chain from its fork and drops blocks past the new height', async () => {
    const store = await open();
    await store.save(keyA, { state, height: 3, changedBlocks: { from: 0, blocks: chain(3) } });
    await store.save(keyA, { state, height: 4, changedBlocks: { from: 3, blocks: [block(4)] } });
    const fork = [block(3, { proof: 999n }), block(4, { proof: 1000n })];
    await store.save(keyA, { state, height: 4, changedBlocks: { from: 2, blocks: fork } });
    let loaded = await store.load(keyA);
    expect(loaded.kind === 'found' && texts(loaded.node.blocks)).toEqual(texts([...chain(2), ...fork]));

    await store.save(keyA, { state, height: 1, changedBlocks: { from: 0, blocks: [block(1, { timestamp: 1.5 })] } });
    loaded = await store.load(keyA);
    expect(loaded.kind === 'found' && texts(loaded.node.blocks)).toEqual(texts([block(1, { timestamp: 1.5 })]));
  });

  it('saves the state alone without touching the blocks', async () => {
    const store = await open();
    await store.save(keyA, { state, height: 2, changedBlocks: { from: 0, blocks: chain(2) } });
    await store.save(keyA, { state: { ...state, pending: [], autoRegister: true }, height: 2, changedBlocks: null });
    const loaded = await store.load(keyA);
    expect(loaded).toMatchObject({ kind: 'found', node: { pending: [], autoRegister: true } });
    expect(loaded.kind === 'found' && texts(loaded.node.blocks)).toEqual(texts(chain(2)));
  });

  it('keeps each node of each network apart, and wipes one without the others', async () => {
    const store = await open();
    const keys: NodeKey[] = [keyA, { network: CLASS_A, id: PEER_B }, { network: CLASS_B, id: PEER_A }];
    for (const [i, key] of keys.entries()) {
      await store.save(key, { state, height: i + 1, changedBlocks: { from: 0, blocks: chain(i + 1) } });
    }
    await store.wipe(keyA);
    expect(await store.load(keyA)).toEqual({ kind: 'empty' });
    expect(await store.load(keys[1]!)).toMatchObject({ kind: 'found', node: { blocks: chain(2) } });
    expect(await store.load(keys[2]!)).toMatchObject({ kind: 'found', node: { blocks: chain(3) } });
  });
});

describe('the IndexedDB node store', () => {
  /** Writes raw records as an older version, or a damaged disk, could have left them. */
  async function writeRaw(name: string, record: unknown, blocks: unknown[]): Promise<void> {
    const db = await openDB(name);
    const tx = db.transaction(['nodes', 'blocks'], 'readwrite');
    await tx.objectStore('nodes').put(record, [keyA.network, keyA.id]);
    for (const [position, text] of blocks.entries()) await tx.objectStore('blocks').put(text, [keyA.network, keyA.id, position]);
    await tx.done;
    db.close();
  }

  it('discards a damaged or old-format record with its reason instead of failing', async () => {
    const name = `tabchain-test-${randomUUID()}`;
    const store = await idbStore(name);
    await store.save(keyA, { state, height: 2, changedBlocks: { from: 0, blocks: chain(2) } });
    await writeRaw(name, { format: 0, chain: [] }, []);
    expect(await store.load(keyA)).toEqual({ kind: 'discarded', reason: expect.stringContaining('format') as unknown });
  });

  it('reads a record written before rules by height as one step from block 1, and keeps a place in the class', async () => {
    const name = `tabchain-test-${randomUUID()}`;
    const store = await idbStore(name);
    await store.save(keyA, { state: { ...state, slot: 3 }, height: 2, changedBlocks: { from: 0, blocks: chain(2) } });
    expect(await store.load(keyA)).toMatchObject({ kind: 'found', node: { rules: { schedule: state.schedule }, slot: 3, dropped: [] } });
    const older: Record<string, unknown> = { ...encodeNodeRecord({ ...state, slot: 3 }, 2) };
    delete older['schedule'];
    delete older['slot'];
    await writeRaw(name, older, texts(chain(2)));
    const loaded = await store.load(keyA);
    expect(loaded).toMatchObject({
      kind: 'found',
      node: { rules: { rules: state.rules, schedule: [{ from: 1, rule: 'tutorial', difficulty: 2, strict: false, balances: false }] }, dropped: [] },
    });
    expect(loaded.kind === 'found' && 'slot' in loaded.node).toBe(false);
  });

  it('keeps the chain of a record whose other pieces cannot be read, and names each piece it left out', async () => {
    const name = `tabchain-test-${randomUUID()}`;
    const store = await idbStore(name);
    await store.save(keyA, { state, height: 2, changedBlocks: { from: 0, blocks: chain(2) } });
    const record = {
      ...encodeNodeRecord({ ...state, schedule: [{ from: 1, rule: 'bound', difficulty: 2, strict: false, balances: false }] }, 2),
      pending: '[{"sender": "a"',
      mining: { engine: 'gpu', threads: 1 },
      slot: -4,
    };
    await writeRaw(name, record, texts(chain(2)));
    const loaded = await store.load(keyA);
    expect(loaded).toMatchObject({ kind: 'found', node: { registered: state.registered, dropped: ['pending', 'rules', 'settings', 'slot'] } });
    if (loaded.kind !== 'found') return;
    expect(texts(loaded.node.blocks)).toEqual(texts(chain(2)));
  });

  it('keeps a node that registered more peers than a record holds: the most recent ones', async () => {
    const name = `tabchain-test-${randomUUID()}`;
    const store = await idbStore(name);
    await store.save(keyA, { state, height: 1, changedBlocks: { from: 0, blocks: chain(1) } });
    const many = Array.from({ length: 1500 }, (_, i) => `peer-${i}`);
    await writeRaw(name, { ...encodeNodeRecord(state, 1), registered: [...many, 5, 'x'.repeat(300)] }, texts(chain(1)));
    const loaded = await store.load(keyA);
    expect(loaded).toMatchObject({ kind: 'found', node: { dropped: [] } });
    if (loaded.kind !== 'found') return;
    expect(loaded.node.registered).toEqual(many.slice(-1000));
    // And a node is never written with more than that.
    await store.save(keyA, { state: { ...state, registered: many }, height: 1, changedBlocks: null });
    const again = await store.load(keyA);
    expect(again.kind === 'found' ? again.node.registered : []).toEqual(many.slice(-1000));
  });

  it('discards a node whose block is not JSON', async () => {
    const name = `tabchain-test-${randomUUID()}`;
    const store = await idbStore(name);
    await store.save(keyA, { state, height: 2, changedBlocks: { from: 0, blocks: chain(2) } });
    const db = await openDB(name);
    await db.put('blocks', '{"index": 2, ', [keyA.network, keyA.id, 1]);
    db.close();
    expect(await store.load(keyA)).toEqual({ kind: 'discarded', reason: 'block 2 is not a JSON object' });
  });
});
