import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGenesisBlock } from '../../core/block';
import { initialSchedule, type NetworkRules, type RulesSchedule } from '../../core/rules';
import { validateChain } from '../../core/validate';
import type { NodeMessage } from '../../contract/node-messages';
import type { HashedChain } from '../chain/hashed-chain';
import { SHARED_GENESIS_TIMESTAMP } from '../chain-judge';
import { fakeNode, mined, nodeSha256, PARTS_NETWORK, paymentCounts, peerNumber, TEST_RULES, tx, type FakeNode } from '../node-parts.test-suite';
import { NetworkAuthority, newNetworkKey } from './network-authority';
import type { RulesVersion } from './rules-agreement';
import { RulesKeeper } from './rules-keeper';

const PEER = peerNumber(1);
const PAYMENTS = [[tx('alice', 'bob', 5n)], [tx('bob', 'carol', 2n)], [tx('carol', 'dave', 1n)]];
const closing: FakeNode[] = [];
afterEach(() => {
  for (const node of closing.splice(0)) node.close();
});

const TEACHER_KEY = newNetworkKey();
const teacher = await NetworkAuthority.of(PARTS_NETWORK, TEACHER_KEY);
/** A version as the teacher signs it. */
const signed = async (version: RulesVersion): Promise<RulesVersion> => ({ ...version, signature: await teacher.sign('rules', version) });

/**
 * A keeper on a fake node of the teacher's browser (its own version signed), every call of its
 * deps written in one log, in order; `authority` another key's, or a student's.
 */
async function keeperOn(chain: HashedChain, heights: readonly number[] = [chain.height], authority: NetworkAuthority = teacher) {
  const node = await fakeNode({ chain });
  closing.push(node);
  const log: string[] = [];
  const warnings: NodeMessage[] = [];
  const keeper = new RulesKeeper(node.context, {
    heights: () => heights,
    announce: () => log.push('announce'),
    save: () => {
      log.push('save');
      return Promise.resolve();
    },
    warn: (message) => warnings.push(message),
    relearnPeers: () => log.push('relearn'),
    authority,
  });
  await keeper.checkOwnVersion();
  return { node, keeper, log, warnings };
}

const changed = (change: Partial<NetworkRules>): NetworkRules => ({ ...TEST_RULES, ...change });

/** A peer's version: the clock beats ours (a later epoch). */
const peerVersion = (rules: NetworkRules, schedule: RulesSchedule = initialSchedule(rules), epoch = 1): RulesVersion => ({
  rules,
  schedule,
  clock: { epoch, at: 2_000, by: PEER },
  signature: null,
});

describe('RulesKeeper set', () => {
  it('refuses invalid rules and changes, stores and announces nothing', async () => {
    const { node, keeper, log } = await keeperOn(await mined());
    expect(await keeper.set({ ...TEST_RULES, difficulty: 0 })).toMatchObject({ ok: false, message: { key: 'rulesDifficulty' } });
    expect(log).toEqual([]);
    expect(node.records).toEqual([]);
    expect(node.rules.clock.epoch).toBe(0);
  });

  it('adopts a change made here from the block after the network’s height, stores it, then announces it', async () => {
    const chain = await mined({ blocks: PAYMENTS });
    const { node, keeper, log } = await keeperOn(chain, [4, 6, 2]);
    node.book.knowledgeOf(PEER).chain = { hashes: [], verdict: { valid: true, length: 0, hashes: [] }, tip: null };
    const result = await keeper.set(changed({ difficulty: 2 }));
    expect(result).toEqual({ ok: true, rules: changed({ difficulty: 2 }), from: 7, chainReset: false });
    expect(node.rules.clock).toMatchObject({ epoch: 1, by: node.id });
    // Our blocks stay: they are below the height the new rules start from.
    expect(node.state.chain).toBe(chain);
    expect(node.records).toEqual([{ kind: 'rules', message: { key: 'rulesFromBlockHere', values: { changes: 'difficulty 2', from: 7 } } }]);
    expect(node.chainChanges).toEqual([[]]);
    // Peers' chains were judged under the old rules: forgotten and learned again.
    expect(node.book.knowledgeOf(PEER).chain).toBeNull();
    expect(log).toEqual(['relearn', 'save', 'announce']);
  });

  it('adopts a change of auto-resolve alone without judging any chain again', async () => {
    const { node, keeper, log } = await keeperOn(await mined());
    expect(await keeper.set(changed({ autoResolve: true }))).toEqual({ ok: true, rules: changed({ autoResolve: true }), from: null, chainReset: false });
    expect(node.records).toEqual([{ kind: 'rules', message: { key: 'rulesChangedHere', values: { changes: 'autoResolve true' } } }]);
    expect(node.emitted).toEqual([['status', 'peers']]);
    expect(node.chainChanges).toEqual([]);
    expect(log).toEqual(['save', 'announce']);
  });
});

describe('RulesKeeper heard', () => {
  it('ignores a version whose clock loses', async () => {
    const { node, keeper } = await keeperOn(await mined());
    const before = node.rules.current;
    await keeper.heard(PEER, await signed({ ...peerVersion(changed({ difficulty: 3 })), clock: { epoch: 0, at: 9_999, by: PEER } }));
    expect(node.rules.current).toBe(before);
    expect(node.records).toEqual([]);
  });

  it('says once, while joining, that it took the network’s rules', async () => {
    const { node, keeper, warnings } = await keeperOn(await mined());
    await keeper.heard(PEER, await signed(peerVersion(changed({ autoResolve: true }))));
    expect(warnings).toEqual([{ key: 'adoptedNetworkRules', values: { peer: PEER.slice(0, 8) } }]);
    expect(node.records).toEqual([{ kind: 'rules', message: { key: 'rulesChangedBy', values: { peer: PEER.slice(0, 8), changes: 'autoResolve true' } } }]);
    await keeper.heard(PEER, await signed(peerVersion(changed({ autoResolve: false }), undefined, 2)));
    expect(warnings).toHaveLength(1);
    expect(node.rules.rules.autoResolve).toBe(false);
  });

  it('does not warn a joining tab whose rules already are the network’s', async () => {
    const { node, keeper, warnings } = await keeperOn(await mined());
    await keeper.heard(PEER, await signed(peerVersion(TEST_RULES)));
    expect(warnings).toEqual([]);
    expect(node.rules.clock.by).toBe(PEER);
    expect(node.records).toEqual([]);
    expect(node.emitted).toEqual([['status']]);
  });

  it('cuts our chain back to the blocks before the first that fails rules starting below our tip, their payments back to pending', async () => {
    const chain = await mined({ blocks: PAYMENTS });
    const schedule: RulesSchedule = [...initialSchedule(TEST_RULES), { from: 3, rule: 'tutorial', difficulty: 3, strict: false, balances: false }];
    // Proofs of difficulty 1 mined on a fixed clock: block 3 is the first to fail difficulty 3.
    expect(await validateChain(chain.blocks, schedule, nodeSha256)).toMatchObject({ valid: false, block: 3 });
    const { node, keeper, log } = await keeperOn(chain);
    const before = paymentCounts(chain.blocks);
    await keeper.heard(PEER, await signed(peerVersion(changed({ difficulty: 3 }), schedule)));
    expect(node.state.chain.hashes).toEqual(chain.hashes.slice(0, 2));
    expect(node.state.pending).toEqual([PAYMENTS[1]![0], PAYMENTS[2]![0]]);
    expect(paymentCounts(node.state.chain.blocks, node.state.pending)).toEqual(before);
    expect(node.records.map((record) => record.message.key)).toEqual(['rulesFromBlockBy', 'chainCutUnderRules']);
    expect(node.records[1]).toMatchObject({ kind: 'chain-reset', message: { values: { from: 3, blocks: 2, returned: 2, verdict: { valid: false, code: 'proof', block: 3 } } } });
    expect(node.chainChanges).toEqual([['pending']]);
    expect(log).toEqual(['relearn']);
  });

  it('starts again from the network’s genesis when the genesis mode changes, every payment back to pending', async () => {
    const chain = await mined({ blocks: PAYMENTS });
    const { node, keeper } = await keeperOn(chain);
    const before = paymentCounts(chain.blocks);
    await keeper.heard(PEER, await signed(peerVersion(changed({ genesis: 'shared' }))));
    expect(node.state.chain.blocks).toEqual([createGenesisBlock('tutorial', SHARED_GENESIS_TIMESTAMP)]);
    expect(paymentCounts(node.state.chain.blocks, node.state.pending)).toEqual(before);
    expect(node.records.at(-1)).toMatchObject({ kind: 'chain-reset', message: { key: 'chainResetUnderRules', values: { blocks: 4, returned: 3, verdict: { code: 'genesis', block: 1 } } } });
    expect(node.chainChanges).toEqual([['pending']]);
  });

  it('says a new genesis was made when our chain held only its genesis', async () => {
    const { node, keeper } = await keeperOn(await mined());
    await keeper.heard(PEER, await signed(peerVersion(changed({ genesis: 'shared' }))));
    expect(node.records.at(-1)).toMatchObject({ kind: 'chain-reset', message: { key: 'newGenesisUnderRules', values: { verdict: { code: 'genesis' } } } });
  });

  it('reports the restart from set', async () => {
    const { keeper } = await keeperOn(await mined({ blocks: PAYMENTS }));
    expect(await keeper.set(changed({ genesis: 'shared' }))).toMatchObject({ ok: true, from: null, chainReset: true });
  });

  it('keeps a chain that stays valid under the new rules and stores it again', async () => {
    const chain = await mined({ blocks: PAYMENTS, difficulty: 2 });
    const { node, keeper } = await keeperOn(chain);
    await keeper.heard(PEER, await signed(peerVersion(changed({ strict: true }))));
    expect(node.state.chain).toBe(chain);
    expect(node.chainChanges).toEqual([[]]);
    expect(node.records.map((record) => record.message.key)).toEqual(['rulesChangedBy']);
  });
});

describe('RulesKeeper while the chain changes', () => {
  it('cuts nothing when our chain changed while it was judged under the new rules: the new chain goes out as it is', async () => {
    const chain = await mined({ blocks: PAYMENTS });
    const replacement = await mined({ blocks: [[]], startTime: 5 });
    const { node, keeper } = await keeperOn(chain);
    const judge = node.state.verdict.bind(node.state);
    vi.spyOn(node.state, 'verdict').mockImplementationOnce(async () => {
      const verdict = await judge();
      node.state.replace(replacement);
      return verdict;
    });
    const schedule: RulesSchedule = [...initialSchedule(TEST_RULES), { from: 3, rule: 'tutorial', difficulty: 3, strict: false, balances: false }];
    await keeper.heard(PEER, await signed(peerVersion(changed({ difficulty: 3 }), schedule)));
    expect(node.state.chain).toBe(replacement);
    expect(node.records.map((record) => record.message.key)).toEqual(['rulesFromBlockBy']);
    expect(node.chainChanges).toEqual([[]]);
  });
});

describe('RulesKeeper preview', () => {
  it('says what a change would do with the heights of the tabs online', async () => {
    const { keeper } = await keeperOn(await mined({ blocks: PAYMENTS }), [4, 2]);
    expect(keeper.preview(changed({ rule: 'repo' }))).toEqual({ ok: true, change: 'from-height', from: 5 });
    expect(keeper.preview(changed({ genesis: 'shared' }))).toEqual({ ok: true, change: 'restart', blocks: 4, tabs: 2 });
  });
});
