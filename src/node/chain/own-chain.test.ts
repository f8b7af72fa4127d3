import { describe, expect, it } from 'vitest';
import { chainDocumentText } from '../../core/chain-document';
import { initialSchedule, type NetworkRules, type RulesSchedule } from '../../core/rules';
import type { JudgeContext } from '../chain-judge';
import { hashed, mined, nodeSha256, TEST_RULES, tx } from '../node-parts.test-suite';
import { OwnChain } from './own-chain';

/** A judge context whose rules a test changes as the network would. */
function rulesInForce(rules: NetworkRules = TEST_RULES): { context: () => JudgeContext; set: (rules: NetworkRules, schedule?: RulesSchedule) => void } {
  let current: JudgeContext = { rules, schedule: initialSchedule(rules), sha256: nodeSha256, now: () => 1_700_000_000 };
  return {
    context: () => current,
    set: (next, schedule = initialSchedule(next)) => {
      current = { ...current, rules: next, schedule };
    },
  };
}

describe('OwnChain verdict', () => {
  it('judges the chain once: asked again, it gives the same verdict', async () => {
    const own = new OwnChain(await mined({ blocks: [[]] }), rulesInForce().context);
    const first = own.verdict();
    expect(own.verdict()).toBe(first);
    expect(await first).toMatchObject({ valid: true, length: 2 });
  });

  it('judges a new chain again after set', async () => {
    const valid = await mined({ blocks: [[]] });
    const own = new OwnChain(valid, rulesInForce().context);
    const before = own.verdict();
    const tampered = await valid.edit(0, { ...valid.blocks[0]!, timestamp: 1.5 }, nodeSha256);
    own.set(tampered);
    const after = own.verdict();
    expect(after).not.toBe(before);
    expect(await after).toMatchObject({ valid: false, code: 'previous-hash', block: 2 });
  });

  it('judges again under new rules after rulesChanged, not before', async () => {
    const rules = rulesInForce();
    // Proofs of difficulty 1 (mined on a fixed clock, so always the same ones) fail difficulty 6.
    const own = new OwnChain(await mined({ blocks: [[], []] }), rules.context);
    const before = own.verdict();
    expect(await before).toMatchObject({ valid: true });
    rules.set({ ...TEST_RULES, difficulty: 6 });
    expect(own.verdict()).toBe(before);
    own.rulesChanged();
    expect(await own.verdict()).toMatchObject({ valid: false, code: 'proof', block: 2 });
  });
});

describe('OwnChain trustedPrefix', () => {
  it('trusts nothing before a chain was found valid', async () => {
    const chain = await mined({ blocks: [[]] });
    const own = new OwnChain(chain, rulesInForce().context);
    expect(own.trustedPrefix(chain.blocks)).toEqual([]);
  });

  it('trusts the very blocks of the last chain judged valid, and only while they are the same objects', async () => {
    const chain = await mined({ blocks: [[], [], []] });
    const own = new OwnChain(chain, rulesInForce().context);
    await own.verdict();
    expect(own.trustedPrefix(chain.blocks)).toEqual(chain.hashes);
    // Equal blocks that are other objects (a peer's copy) are judged again.
    expect(own.trustedPrefix(structuredClone([...chain.blocks]))).toEqual([]);
    // A block replaced in place: only the blocks before it are trusted.
    const edited = [...chain.blocks];
    edited[2] = { ...chain.blocks[2]! };
    expect(own.trustedPrefix(edited)).toEqual(chain.hashes.slice(0, 2));
    // A longer chain that extends ours: our blocks are trusted, the new one is not.
    expect(own.trustedPrefix([...chain.blocks, { index: 5n }])).toEqual(chain.hashes);
    expect(own.trustedPrefix(chain.blocks.slice(0, 1))).toEqual(chain.hashes.slice(0, 1));
  });

  it('keeps trusting the last valid chain while a tampered chain is judged invalid', async () => {
    const valid = await mined({ blocks: [[], [], []] });
    const own = new OwnChain(valid, rulesInForce().context);
    await own.verdict();
    const tampered = await valid.edit(2, { ...valid.blocks[2]!, timestamp: 2.5 }, nodeSha256);
    own.set(tampered);
    expect(await own.verdict()).toMatchObject({ valid: false, block: 4 });
    expect(own.trustedPrefix(tampered.blocks)).toEqual(valid.hashes.slice(0, 2));
  });

  it('trusts a chain set as valid (an adopted chain) without judging it', async () => {
    const adopted = await mined({ blocks: [[]] });
    const own = new OwnChain(await mined({ startTime: 1 }), rulesInForce().context);
    own.set(adopted, true);
    expect(own.trustedPrefix(adopted.blocks)).toEqual(adopted.hashes);
  });

  it('trusts nothing judged under another schedule, and trusts again under an equal one', async () => {
    const rules = rulesInForce();
    const chain = await mined({ blocks: [[]] });
    const own = new OwnChain(chain, rules.context);
    await own.verdict();
    rules.set({ ...TEST_RULES, difficulty: 2 });
    expect(own.trustedPrefix(chain.blocks)).toEqual([]);
    // Another schedule object with the same steps is the same schedule.
    rules.set(TEST_RULES, [{ ...initialSchedule(TEST_RULES)[0]! }]);
    expect(own.trustedPrefix(chain.blocks)).toEqual(chain.hashes);
  });

  it('does not record as valid a verdict whose rules changed while it was given', async () => {
    const rules = rulesInForce();
    const chain = await mined({ blocks: [[]] });
    const own = new OwnChain(chain, rules.context);
    const verdict = own.verdict();
    rules.set({ ...TEST_RULES, strict: true });
    expect(await verdict).toMatchObject({ valid: true });
    rules.set(TEST_RULES);
    expect(own.trustedPrefix(chain.blocks)).toEqual([]);
  });

  it('forgets what it found valid on forgetValidated', async () => {
    const chain = await mined({ blocks: [[]] });
    const own = new OwnChain(chain, rulesInForce().context);
    await own.verdict();
    own.forgetValidated();
    expect(own.trustedPrefix(chain.blocks)).toEqual([]);
  });
});

describe('OwnChain ledger and body', () => {
  it('counts the ledger once per chain and again for a new chain', async () => {
    const first = await mined({ blocks: [[tx('alice', 'bob', 2n)]], nodeId: 'miner' });
    const own = new OwnChain(first, rulesInForce().context);
    const ledger = own.ledger();
    expect(own.ledger()).toBe(ledger);
    expect(ledger.accounts.balanceOf('miner')).toBe(1n);
    expect(ledger.accounts.balanceOf('bob')).toBe(2n);
    own.rulesChanged();
    expect(own.ledger()).toBe(ledger);
    own.set(await mined({ blocks: [[], []], nodeId: 'miner' }));
    expect(own.ledger()).not.toBe(ledger);
    expect(own.ledger().accounts.balanceOf('miner')).toBe(2n);
    expect(own.ledger().accounts.balanceOf('bob')).toBe(0n);
  });

  it('answers /chain with chainDocumentText of its blocks, written again for a new chain', async () => {
    const first = await mined({ blocks: [[tx('alice', 'bob', 2.5)]] });
    const own = new OwnChain(first, rulesInForce().context);
    expect(own.body()).toBe(chainDocumentText(first.blocks));
    expect(own.body()).toMatch(/^\{"chain":\[.*\],"length":2\}\n$/);
    const second = await hashed(first.blocks.slice(0, 1));
    own.set(second);
    expect(own.body()).toBe(chainDocumentText(second.blocks));
    expect(own.chain).toBe(second);
  });
});
