import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/block';
import type { ProofRule } from '../../core/proof';
import { initialSchedule, type ChainRules, type RulesSchedule } from '../../core/rules';
import { validateChain } from '../../core/validate';
import type { GuessParts, Stop } from '../mining/miner';
import { bruteForceProof, mined, nodeSha256, tx } from '../node-parts.test-suite';
import type { HashedChain } from './hashed-chain';
import { repairChain, type RepairSearch } from './repair';

const PAYMENTS = [[tx('alice', 'bob', 5n)], [tx('bob', 'carol', 2n)], [], [tx('carol', 'dave', 1n)], []];

const schedule = (rule: ProofRule, difficulty = 2): RulesSchedule => initialSchedule({ rule, difficulty, strict: false, balances: false });

/** A search that finds the tutorial loop's proof with Node's crypto, and says which blocks it was asked for, under which rules. */
function bruteForce(stillCurrent: () => boolean = () => true): RepairSearch & { readonly asked: { index: number; rules: ChainRules }[] } {
  const asked: { index: number; rules: ChainRules }[] = [];
  return {
    asked,
    search: (parts: GuessParts, index: number, rules: ChainRules) => {
      asked.push({ index, rules });
      return Promise.resolve(bruteForceProof(parts, rules.difficulty));
    },
    stillCurrent,
  };
}

/** The chain with block `number` (1-based) changed as the tamper lab changes it: its hash changes, the next link breaks. */
async function tampered(chain: HashedChain, number: number): Promise<HashedChain> {
  const block = chain.blocks[number - 1]!;
  const edited: Block = { ...block, timestamp: 1234.5 };
  return chain.edit(number - 1, edited, nodeSha256);
}

async function expectValid(chain: HashedChain, rules: RulesSchedule): Promise<void> {
  const verdict = await validateChain(chain.blocks, rules, nodeSha256);
  expect(verdict).toMatchObject({ valid: true, hashes: chain.hashes });
}

describe('repairChain', () => {
  it('under the tutorial rule relinks the blocks after the edited one and mines nothing', async () => {
    const rules = schedule('tutorial');
    const broken = await tampered(await mined({ rule: 'tutorial', difficulty: 2, blocks: PAYMENTS }), 2);
    expect(await validateChain(broken.blocks, rules, nodeSha256)).toMatchObject({ valid: false, block: 3 });
    const search = bruteForce();
    const repaired = await repairChain(broken, rules, nodeSha256, search);
    expect(repaired).toMatchObject({ ok: true, relinked: 4, remined: 0 });
    expect(search.asked).toEqual([]);
    if (!repaired.ok) return;
    // The forged block stays as edited: history rewritten for free.
    expect(repaired.chain.blocks[1]).toBe(broken.blocks[1]);
    await expectValid(repaired.chain, rules);
  });

  it('under the bound rule mines again every block from the edited one on', async () => {
    const rules = schedule('bound');
    const broken = await tampered(await mined({ rule: 'bound', difficulty: 2, blocks: PAYMENTS }), 3);
    const search = bruteForce();
    const repaired = await repairChain(broken, rules, nodeSha256, search);
    expect(repaired).toMatchObject({ ok: true, relinked: 3, remined: 4 });
    expect(search.asked.map((asked) => asked.index)).toEqual([3, 4, 5, 6]);
    expect(search.asked.every((asked) => asked.rules.rule === 'bound' && asked.rules.difficulty === 2)).toBe(true);
    if (repaired.ok) await expectValid(repaired.chain, rules);
  });

  it('leaves a chain that needs no repair as it is, the same object', async () => {
    const chain = await mined({ rule: 'bound', difficulty: 2, blocks: PAYMENTS });
    const search = bruteForce();
    const repaired = await repairChain(chain, schedule('bound'), nodeSha256, search);
    expect(repaired).toEqual({ ok: true, chain, relinked: 0, remined: 0 });
    expect(search.asked).toEqual([]);
  });

  /*
   * Rules by height, every case: tutorial up to block k-1, then `repo` or `bound` from block k;
   * block e edited. A block is mined again when its proof covers what changed: `bound` covers
   * the block itself and the previous hash, `repo` only the previous hash, `tutorial` neither.
   * (The genesis block has no proof to check.)
   */
  describe.each<ProofRule>(['bound', 'repo'])('with a schedule switching from tutorial to %s at block k', (later) => {
    for (let k = 2; k <= 6; k++) {
      it(`mines again only the blocks from block ${k} on whose proofs cover the edit, for every edited block`, async () => {
        const rules: RulesSchedule = [
          { from: 1, rule: 'tutorial', difficulty: 2, strict: false, balances: false },
          { from: k, rule: later, difficulty: 2, strict: false, balances: false },
        ];
        const chain = await mined({ schedule: rules, blocks: PAYMENTS });
        await expectValid(chain, rules);
        for (let edited = 1; edited <= chain.height; edited++) {
          const search = bruteForce();
          const repaired = await repairChain(await tampered(chain, edited), rules, nodeSha256, search);
          const firstCovered = later === 'bound' ? Math.max(edited, 2, k) : Math.max(edited + 1, k);
          const expected = Array.from({ length: chain.height }, (_, i) => i + 1).filter((index) => index >= firstCovered);
          expect(search.asked.map((asked) => asked.index), `block ${edited} edited`).toEqual(expected);
          expect(search.asked.every((asked) => asked.rules.rule === later)).toBe(true);
          expect(repaired).toMatchObject({ ok: true, relinked: chain.height - edited, remined: expected.length });
          if (repaired.ok) await expectValid(repaired.chain, rules);
        }
      });
    }
  });

  it('says the chain changed when it is no longer current at the end, and rewrites nothing', async () => {
    const broken = await tampered(await mined({ rule: 'tutorial', difficulty: 1, blocks: PAYMENTS }), 2);
    const repaired = await repairChain(broken, schedule('tutorial', 1), nodeSha256, bruteForce(() => false));
    expect(repaired).toMatchObject({ ok: false, message: { key: 'chainChangedDuringRepair' } });
  });

  it('stops after the search in which the chain changed', async () => {
    let current = true;
    const search = bruteForce(() => current);
    const broken = await tampered(await mined({ rule: 'bound', difficulty: 1, blocks: PAYMENTS }), 2);
    const repaired = await repairChain(broken, schedule('bound', 1), nodeSha256, {
      search: (parts, index, rules) => {
        current = false;
        return search.search(parts, index, rules);
      },
      stillCurrent: search.stillCurrent,
    });
    expect(repaired).toMatchObject({ ok: false, message: { key: 'chainChangedDuringRepair' } });
    expect(search.asked).toHaveLength(1);
  });

  it.each<[Stop, string]>([
    ['cancelled', 'repairCancelled'],
    ['chain-changed', 'chainChangedDuringRepair'],
  ])('ends on a search that stopped as %s', async (stop, key) => {
    const broken = await tampered(await mined({ rule: 'bound', difficulty: 1, blocks: PAYMENTS }), 2);
    let searches = 0;
    const repaired = await repairChain(broken, schedule('bound', 1), nodeSha256, {
      search: () => {
        searches += 1;
        return Promise.resolve(stop);
      },
      stillCurrent: () => true,
    });
    expect(repaired).toMatchObject({ ok: false, message: { key } });
    expect(searches).toBe(1);
  });

  it('mines again a block whose proof was edited into something no guess holds, finding the proof it had', async () => {
    const rules = schedule('tutorial', 1);
    const chain = await mined({ rule: 'tutorial', difficulty: 1, blocks: PAYMENTS });
    const broken = await chain.edit(2, { ...chain.blocks[2]!, proof: [1n, 2n] }, nodeSha256);
    const search = bruteForce();
    const repaired = await repairChain(broken, rules, nodeSha256, search);
    // The smallest proof is the one mined first, so block 3 is as it was and block 4 still links to it.
    expect(repaired).toMatchObject({ ok: true, remined: 1, relinked: 0 });
    expect(search.asked.map((asked) => asked.index)).toEqual([3]);
    if (repaired.ok) expect(repaired.chain.hashes).toEqual(chain.hashes);
  });

  it('cannot repair the block after a genesis whose proof no guess can be made of (the genesis is never mined again)', async () => {
    const chain = await mined({ rule: 'tutorial', difficulty: 1, blocks: PAYMENTS });
    const broken = await chain.edit(0, { ...chain.blocks[0]!, proof: [1n, 2n] }, nodeSha256);
    const repaired = await repairChain(broken, schedule('tutorial', 1), nodeSha256, bruteForce());
    expect(repaired).toMatchObject({ ok: false, message: { key: 'cannotRepair', values: { block: 2, reason: 'the previous proof is a list, not a number or string' } } });
  });
});
