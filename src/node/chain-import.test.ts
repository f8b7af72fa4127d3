import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES } from '../core/rules';
import { readFixtureText } from '../core/fixtures.test-suite';
import { MAX_CHAIN_CHARS } from '../network/limits';
import { createMemoryHub } from '../network/memory-transport';
import type { TabNode } from './tab-node';
import { testNetwork, testNodes } from './test-nodes.test-suite';

const nodes = testNodes(testNetwork('chain-import-test'), 'd', DEFAULT_RULES);
afterEach(() => {
  nodes.closeAll();
});

/** What an import must never change when it refuses: the chain, the pending list, the status. */
function snapshot(node: TabNode) {
  const { height, pendingCount, rules } = node.status();
  return { chain: node.exportChain(), pending: node.pending(), height, pendingCount, rules };
}

async function nodeWithHistory(strict = false): Promise<TabNode> {
  const node = await nodes.start(createMemoryHub(), { difficulty: 1, strict });
  expect(node.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' }).ok).toBe(true);
  expect(await node.mine()).toMatchObject({ ok: true });
  expect(node.addTransaction({ sender: 'bob', recipient: 'carol', amount: '2.5' }).ok).toBe(true);
  return node;
}

describe('Import chain refuses with a clear message and changes nothing', () => {
  it.each([
    ['text that is not JSON', 'not json {', /^It is not JSON: /],
    ['JSON cut short', '{"chain": [{"index": 1', /^It is not JSON: /],
    ['a number', '5', 'The document is neither a list nor an object.'],
    ['text', '"chain"', 'The document is neither a list nor an object.'],
    ['an object without a chain', '{"blocks": []}', "The document is an object without a 'chain' list."],
    ['a chain that is not a list', '{"chain": {"1": {}}, "length": 1}', "The document's 'chain' is not a list."],
    ['an empty chain', '{"chain": [], "length": 0}', /empty/],
    ['blocks that are not objects', '[{}, 2]', /^Block 2 \(chain\[1\]\) is not a JSON object/],
  ])('%s', async (_, text, expected) => {
    const node = await nodeWithHistory();
    const before = snapshot(node);
    const result = await node.importChain(text);
    expect(result.adopted).toBe(false);
    if (result.adopted) return;
    if (typeof expected === 'string') expect(result.text).toBe(expected);
    else expect(result.text).toMatch(expected);
    expect(snapshot(node)).toEqual(before);
  });

  it('a file over the stated limit, before reading it, and anything that is not text', async () => {
    const node = await nodeWithHistory();
    const before = snapshot(node);
    expect(await node.importChain(' '.repeat(MAX_CHAIN_CHARS + 1))).toEqual({
      adopted: false,
      text: 'The file is larger than 32 MiB, the most a chain file may hold.',
      verdict: null,
      message: { key: 'fileTooLarge', values: { size: '32 MiB' } },
    });
    for (const notText of [null, 42, { chain: [] }, [readFixtureText('reference/tutorial_chain_short.json')]]) {
      expect(await node.importChain(notText)).toEqual({
        adopted: false,
        text: 'The file could not be read as text.',
        verdict: null,
        message: { key: 'fileNotText', values: {} },
      });
    }
    expect(snapshot(node)).toEqual(before);
  });

  it('NaN or Infinity under strict rules, naming the block', async () => {
    const node = await nodeWithHistory(true);
    const before = snapshot(node);
    const chain = JSON.parse(node.exportChain()) as { chain: { transactions: { amount: unknown }[] }[] };
    const text = JSON.stringify(chain).replace('"amount":5', '"amount":Infinity');
    expect(text).toContain('Infinity');
    const result = await node.importChain(text);
    expect(result).toMatchObject({ adopted: false, verdict: { code: 'non-finite', block: 2 } });
    expect(snapshot(node)).toEqual(before);
  });

  it('any text: never throws, and either adopts a valid chain or changes nothing', async () => {
    const node = await nodeWithHistory();
    let before = snapshot(node);
    const valid = node.exportChain();
    // Texts near a valid file are the interesting ones: cut, spliced, with characters changed.
    const mutated = fc
      .tuple(fc.nat({ max: valid.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 8 }))
      .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(at + cut));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), mutated), async (text) => {
        const result = await node.importChain(text);
        // Under the tutorial's rule a changed tip block is still valid (nothing covers it): then it is adopted.
        if (result.adopted) {
          expect(node.status().height).toBe(result.length);
          before = snapshot(node);
        } else {
          expect(snapshot(node)).toEqual(before);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('Import chain under rules by height', () => {
  it('adopts a chain that mixes difficulties as the schedule says, and exports it again byte for byte', async () => {
    const hub = createMemoryHub();
    const a = await nodes.start(hub, { difficulty: 1 });
    expect(a.addTransaction({ sender: 'alice', recipient: 'bob', amount: '5' }).ok).toBe(true);
    expect(await a.mine()).toMatchObject({ ok: true });
    expect(await a.setRules({ ...a.rules, difficulty: 2 })).toMatchObject({ ok: true, from: 3 });
    expect(await a.mine()).toMatchObject({ ok: true });
    expect(await a.mine()).toMatchObject({ ok: true });
    const file = a.exportChain();
    const b = await nodes.start(hub, { difficulty: 1 });
    await vi.waitFor(() => {
      expect(b.status().schedule).toEqual(a.status().schedule);
    });
    expect(await b.importChain(file)).toMatchObject({ adopted: true, length: 4 });
    expect(b.exportChain()).toBe(file);
    // On a network whose difficulty was 2 from the start, its block 2 is refused.
    const c = await nodes.start(createMemoryHub(), { difficulty: 2 });
    expect(await c.importChain(file)).toMatchObject({ adopted: false, verdict: { code: 'proof', block: 2 } });
  });
});
