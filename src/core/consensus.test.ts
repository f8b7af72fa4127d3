import { describe, expect, it } from 'vitest';
import type { Block, Chain } from './block';
import { chooseChain, type ChainCandidate } from './consensus';
import { subtleSha256 } from './digest';
import { readPythonFixture } from './fixtures.test-suite';
import { extractChain, validateChain, type Verdict } from './validate';

function blocks(n: number): Chain {
  return Array.from({ length: n }, (_, i): Block => ({ index: BigInt(i + 1) }));
}

const VALID = (n: number): Verdict => ({ valid: true, length: n, hashes: [] });
const INVALID: Verdict = { valid: false, code: 'proof', block: 3, reason: 'Bad proof at block 3 (chain[2]).' };

function answered(peerId: string, n: number, verdict: Verdict = VALID(n)): ChainCandidate {
  return { peerId, outcome: { kind: 'answered', chain: blocks(n), verdict } };
}

describe('chooseChain', () => {
  it('keeps ours when nobody answers or nobody is longer', () => {
    expect(chooseChain({ length: 3 }, [])).toEqual({ winner: null, reports: [] });
    const decision = chooseChain({ length: 3 }, [
      answered('a', 3),
      answered('b', 2),
      { peerId: 'c', outcome: { kind: 'no-answer', reason: 'timeout' } },
    ]);
    expect(decision.winner).toBeNull();
    expect(decision.reports).toEqual([
      { peerId: 'a', kind: 'not-longer', length: 3 },
      { peerId: 'b', kind: 'not-longer', length: 2 },
      { peerId: 'c', kind: 'no-answer', length: null, reason: 'timeout' },
    ]);
  });

  it('adopts the longest valid chain; the first of equally long ones wins', () => {
    const decision = chooseChain({ length: 2 }, [answered('a', 4), answered('b', 5), answered('c', 5), answered('d', 3)]);
    expect(decision.winner).toBe('b');
    expect(decision.reports.map((r) => [r.peerId, r.kind])).toEqual([
      ['a', 'longer-but-beaten'],
      ['b', 'adopted'],
      ['c', 'longer-but-beaten'],
      ['d', 'longer-but-beaten'],
    ]);
  });

  it('never adopts an invalid chain, however long', () => {
    const decision = chooseChain({ length: 2 }, [answered('a', 50, INVALID), answered('b', 3)]);
    expect(decision.winner).toBe('b');
    expect(decision.reports[0]).toEqual({
      peerId: 'a',
      kind: 'invalid',
      length: 50,
      code: 'proof',
      block: 3,
      reason: 'Bad proof at block 3 (chain[2]).',
    });
  });

  it('counts blocks itself: a valid verdict claiming more blocks changes nothing', () => {
    const decision = chooseChain({ length: 3 }, [answered('a', 3, VALID(999))]);
    expect(decision.winner).toBeNull();
    expect(decision.reports[0]).toMatchObject({ kind: 'not-longer', length: 3 });
  });

  it('reports a peer listed twice once per answer, adopting only one', () => {
    const decision = chooseChain({ length: 1 }, [answered('a', 2), answered('a', 2)]);
    expect(decision.winner).toBe('a');
    expect(decision.reports.map((r) => r.kind)).toEqual(['adopted', 'longer-but-beaten']);
  });

  it('never adopts valid_length_lie.json (claims 999, has 3 blocks) over a 5-block chain', async () => {
    const extracted = extractChain(readPythonFixture('reference/valid_length_lie.json'));
    if (!extracted.ok || !Array.isArray(extracted.chain)) throw new Error('bad fixture');
    expect(extracted.declaredLength).toBe(999n);
    // Normal mode, as the reference: the chain itself is valid; only its claim is a lie.
    const verdict = await validateChain(extracted.chain, { rule: 'repo', difficulty: 4, strict: false }, subtleSha256, extracted.declaredLength);
    expect(verdict.valid).toBe(true);
    const liar: ChainCandidate = { peerId: 'liar', outcome: { kind: 'answered', chain: extracted.chain as Block[], verdict } };
    const decision = chooseChain({ length: 5 }, [liar]);
    expect(decision.winner).toBeNull();
    expect(decision.reports).toEqual([{ peerId: 'liar', kind: 'not-longer', length: 3 }]);
    // Against a 2-block chain it is genuinely longer.
    expect(chooseChain({ length: 2 }, [liar]).winner).toBe('liar');
  });
});
