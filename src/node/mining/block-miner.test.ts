import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgeBlock, rewardTransaction, type Block } from '../../core/block';
import { initialSchedule, type NetworkRules, type RulesSchedule } from '../../core/rules';
import { validateChain } from '../../core/validate';
import { FAKE_NODE_ID, fakeNode, hashed, mined, nodeSha256, TEST_RULES, tx, type FakeNode, type FakeNodeOptions } from '../node-parts.test-suite';
import { mineBlock } from './block-miner';

const open: FakeNode[] = [];
afterEach(() => {
  for (const node of open.splice(0)) node.close();
});

async function node(options: FakeNodeOptions = {}): Promise<FakeNode> {
  const fake = await fakeNode(options);
  open.push(fake);
  return fake;
}

const PAY_BOB = tx('alice', 'bob', 5n);
const PAY_CAROL = tx('bob', 'carol', 2.5);

async function expectValid(blocks: readonly Block[], schedule: RulesSchedule): Promise<void> {
  expect(await validateChain(blocks, schedule, nodeSha256)).toMatchObject({ valid: true });
}

describe('mineBlock', () => {
  it('forges the next block on our tip: the pending payments, our reward last, the link to the tip, a proof that holds', async () => {
    const fake = await node({ pending: [PAY_BOB, PAY_CAROL] });
    const tip = fake.state.chain;
    const result = await mineBlock(fake.context);
    expect(result).toMatchObject({ ok: true, block: { index: 2n, transactions: [PAY_BOB, PAY_CAROL, rewardTransaction(FAKE_NODE_ID)], previous_hash: tip.hashes[0] } });
    expect(fake.state.chain.blocks.slice(0, 1)).toEqual(tip.blocks);
    expect(fake.state.chain.height).toBe(2);
    if (result.ok) expect(result.hash).toBe(fake.state.chain.hashes[1]);
    expect(fake.state.pending).toEqual([]);
    await expectValid(fake.state.chain.blocks, fake.rules.schedule);
    expect(fake.chainChanges).toEqual([['pending']]);
    expect(fake.miner.work).toBeNull();
  });

  it('under the bound rule fixes the block before the search: a payment queued meanwhile waits for the next block', async () => {
    const rules: Partial<NetworkRules> = { rule: 'bound', difficulty: 2 };
    const fake = await node({ rules, chain: await mined({ rule: 'bound', difficulty: 2 }), pending: [PAY_BOB] });
    const mining = mineBlock(fake.context);
    fake.state.addPending(PAY_CAROL, false);
    const result = await mining;
    expect(result).toMatchObject({ ok: true, block: { transactions: [PAY_BOB, rewardTransaction(FAKE_NODE_ID)] } });
    expect(fake.state.pending).toEqual([PAY_CAROL]);
    await expectValid(fake.state.chain.blocks, initialSchedule({ ...TEST_RULES, ...rules }));
  });

  it('under the tutorial rule takes the pending payments when the proof is found, those queued during the search too', async () => {
    const fake = await node({ pending: [PAY_BOB] });
    const mining = mineBlock(fake.context);
    fake.state.addPending(PAY_CAROL, false);
    expect(await mining).toMatchObject({ ok: true, block: { transactions: [PAY_BOB, PAY_CAROL, rewardTransaction(FAKE_NODE_ID)] } });
    expect(fake.state.pending).toEqual([]);
  });

  it('under spend only what you have leaves an unaffordable payment pending and takes the others', async () => {
    const rules: Partial<NetworkRules> = { strict: true, balances: true };
    const chain = await mined({ blocks: [[], []], nodeId: FAKE_NODE_ID });
    const ours = tx(FAKE_NODE_ID, 'bob', 2n);
    const fake = await node({ rules, chain, pending: [PAY_BOB, ours] });
    expect(await mineBlock(fake.context)).toMatchObject({ ok: true, block: { transactions: [ours, rewardTransaction(FAKE_NODE_ID)] } });
    expect(fake.state.pending).toEqual([PAY_BOB]);
    await expectValid(fake.state.chain.blocks, fake.rules.schedule);
  });

  it('starts again on the new tip when the chain changes under the search, and records the restart', async () => {
    // Block 2 is slow to find (difficulty 6), block 3 quick: the first search is still running when the tip moves.
    const schedule: RulesSchedule = [
      { from: 1, rule: 'tutorial', difficulty: 1, strict: false, balances: false },
      { from: 2, rule: 'tutorial', difficulty: 6, strict: false, balances: false },
      { from: 3, rule: 'tutorial', difficulty: 1, strict: false, balances: false },
    ];
    const fake = await node({ pending: [PAY_BOB] });
    fake.rules.restore({ rules: TEST_RULES, schedule, clock: fake.rules.clock, signature: null });
    const genesis = fake.state.chain;
    const mining = mineBlock(fake.context);
    await vi.waitFor(() => {
      expect(fake.miner.work?.search).toBeTruthy();
    });
    const work = fake.miner.work!;
    expect(work.index).toBe(2);
    // A peer's block 2 is adopted: the chain changes, and with it the miner's tip.
    const peerBlock = forgeBlock({ index: 2n, timestamp: 5, transactions: [rewardTransaction('peer')], proof: 1n, previousHash: genesis.hashes[0]! });
    fake.state.replace(await hashed([...genesis.blocks, peerBlock]));
    await fake.context.chainChanged();
    const result = await mining;
    expect(result).toMatchObject({ ok: true, block: { index: 3n, previous_hash: fake.state.chain.hashes[1], transactions: [PAY_BOB, rewardTransaction(FAKE_NODE_ID)] } });
    expect(fake.state.chain.blocks[1]).toBe(peerBlock);
    expect(work.restarts).toBe(1);
    expect(fake.records).toEqual([{ kind: 'restart', message: { key: 'minerRestarted', values: { index: 3 } } }]);
  });

  it('ends without a block on cancel, our chain and pending as they were', async () => {
    const fake = await node({ rules: { difficulty: 6 }, pending: [PAY_BOB] });
    const before = fake.state.chain;
    const mining = mineBlock(fake.context);
    await vi.waitFor(() => {
      expect(fake.miner.work?.search).toBeTruthy();
    });
    fake.miner.cancel();
    expect(await mining).toEqual({ ok: false, text: 'Mining cancelled.', message: { key: 'miningCancelled', values: {} } });
    expect(fake.state.chain).toBe(before);
    expect(fake.state.pending).toEqual([PAY_BOB]);
    expect(fake.miner.work).toBeNull();
    expect(fake.chainChanges).toEqual([]);
  });

  it('refuses to mine while another search runs, saying which', async () => {
    const fake = await node({ rules: { difficulty: 6 } });
    const mining = mineBlock(fake.context);
    expect(await mineBlock(fake.context)).toEqual({ ok: false, text: 'Already mining block 2.', message: { key: 'busyMining', values: { index: 2 } } });
    fake.miner.cancel();
    await mining;
    const repair = fake.miner.begin('repair', 4, fake.rules.at(4))!;
    expect(await mineBlock(fake.context)).toMatchObject({ ok: false, message: { key: 'busyRepairing', values: { index: 4 } } });
    fake.miner.end(repair);
  });

  it('cannot mine on a chain without blocks', async () => {
    const fake = await node({ chain: await hashed([]) });
    expect(await mineBlock(fake.context)).toEqual({ ok: false, text: 'The chain is empty.', message: { key: 'chainEmpty', values: {} } });
    expect(fake.miner.work).toBeNull();
  });

  it('cannot mine on a tip whose proof no guess can be made of', async () => {
    const fake = await node({ chain: await hashed([{ index: 1n, proof: [1n], previous_hash: '1', transactions: [], timestamp: 1 }]) });
    expect(await mineBlock(fake.context)).toMatchObject({ ok: false, message: { key: 'cannotMine', values: { block: 1, reason: 'the previous proof is a list, not a number or string' } } });
  });

  it('ends the job, not the node, when the miner thread fails', async () => {
    const fake = await node();
    vi.spyOn(fake.miner, 'search').mockRejectedValueOnce(new Error('the worker did not start'));
    expect(await mineBlock(fake.context)).toEqual({ ok: false, text: 'the worker did not start', message: { key: 'minerFailed', values: { error: 'the worker did not start' } } });
    expect(fake.miner.work).toBeNull();
    expect(await mineBlock(fake.context)).toMatchObject({ ok: true });
  });
});
