import { describe, expect, it } from 'vitest';
import { mineChain } from './chain-builder.test-suite';
import { subtleSha256, toHex } from './digest';
import { readFixtureJson, readPythonFixture } from './fixtures.test-suite';
import { hashBlock } from './hash';
import { isJsonObject, type JsonObject } from './json-value';
import {
  blockContentHash,
  checkProof,
  DEFAULT_DIFFICULTY,
  DEFAULT_RULE,
  guessParts,
  hasLeadingZeroNibbles,
  PROOF_RULES,
  pythonStr,
} from './proof';
import { dumpsPython } from './python-json';
import { validateChain } from './validate';

interface ProofVector {
  source: string;
  rule: 'repo' | 'tutorial';
  last_proof: number;
  proof: number;
  last_hash: string | null;
  guess: string;
  sha256: string;
}

describe('proof rules', () => {
  it('exports the rules and defaults', () => {
    expect(PROOF_RULES).toEqual(['tutorial', 'repo', 'bound']);
    expect(DEFAULT_RULE).toBe('tutorial');
    expect(DEFAULT_DIFFICULTY).toBe(4);
  });

  const vectors = readFixtureJson('reference/proof_vectors.json') as ProofVector[];
  it.each(vectors.map((v) => [v.source, v] as const))('%s', async (source, v) => {
    const result = await checkProof(
      {
        rule: v.rule,
        lastProof: BigInt(v.last_proof),
        proof: BigInt(v.proof),
        lastHash: v.last_hash ?? '',
        difficulty: 4,
      },
      subtleSha256,
    );
    expect(result.guess).toBe(v.guess);
    expect(result.digestHex).toBe(v.sha256);
    expect(result.ok).toBe(!source.includes('must FAIL'));
    expect(result.reason === null).toBe(result.ok);
  });

  it('splits the guess around the proof', () => {
    expect(guessParts({ rule: 'tutorial', lastProof: 100n, lastHash: 'h' })).toEqual({ ok: true, prefix: '100', suffix: '' });
    expect(guessParts({ rule: 'repo', lastProof: 100n, lastHash: 'h' })).toEqual({ ok: true, prefix: '100', suffix: 'h' });
    expect(guessParts({ rule: 'bound', lastProof: 2.5, lastHash: 'h', contentHash: 'c' })).toEqual({
      ok: true,
      prefix: '2.5',
      suffix: 'hc',
    });
    expect(guessParts({ rule: 'bound', lastProof: 1n, lastHash: 'h' }).ok).toBe(false);
    expect(guessParts({ rule: 'repo', lastProof: [1n], lastHash: 'h' }).ok).toBe(false);
    expect(guessParts({ rule: 'repo', lastProof: undefined, lastHash: 'h' }).ok).toBe(false);
  });

  it('formats values as Python str() does', () => {
    expect(pythonStr(74666n)).toBe('74666');
    expect(pythonStr(5)).toBe('5.0');
    expect(pythonStr(1e-5)).toBe('1e-05');
    expect(pythonStr(NaN)).toBe('nan');
    expect(pythonStr(-Infinity)).toBe('-inf');
    expect(pythonStr('张三')).toBe('张三');
    expect(pythonStr(true)).toBe('True');
    expect(pythonStr(null)).toBe('None');
    expect(pythonStr([])).toBeNull();
    expect(pythonStr({})).toBeNull();
  });

  it('rejects container proofs and unencodable guesses with a reason', async () => {
    const base = { rule: 'tutorial' as const, lastProof: 1n, lastHash: '', difficulty: 0 };
    const list = await checkProof({ ...base, proof: [1n] }, subtleSha256);
    expect(list).toMatchObject({ ok: false, reason: 'the proof is a list, not a number or string' });
    const lone = await checkProof({ ...base, proof: '\ud800' }, subtleSha256);
    expect(lone.ok).toBe(false);
    expect(lone.reason).toMatch(/lone surrogate/);
    expect((await checkProof({ ...base, proof: 'ok' }, subtleSha256)).ok).toBe(true);
  });

  it('checks only the leading nibbles', () => {
    const digest = new Uint8Array(32).fill(0xff);
    digest[0] = 0;
    digest[1] = 0x0f;
    expect(hasLeadingZeroNibbles(digest, 0)).toBe(true);
    expect(hasLeadingZeroNibbles(digest, 2)).toBe(true);
    expect(hasLeadingZeroNibbles(digest, 3)).toBe(true);
    expect(hasLeadingZeroNibbles(digest, 4)).toBe(false);
    expect(hasLeadingZeroNibbles(new Uint8Array(32), 64)).toBe(true);
    expect(hasLeadingZeroNibbles(new Uint8Array(32), 65)).toBe(false);
    for (let d = 0; d <= 64; d++) {
      const bytes = new Uint8Array(32).map((_, i) => (i * 37 + d) & 0xff);
      expect(hasLeadingZeroNibbles(bytes, d)).toBe(toHex(bytes).startsWith('0'.repeat(d)));
    }
  });
});

describe("the 'bound' rule", () => {
  it('hashes the block without its proof', async () => {
    const chain = readPythonFixture('reference/python_chain_short.json');
    if (!isJsonObject(chain) || !Array.isArray(chain['chain'])) throw new Error('bad fixture');
    const block = chain['chain'][1] as JsonObject;
    const rest = Object.fromEntries(Object.entries(block).filter(([key]) => key !== 'proof'));
    expect(await blockContentHash(block, subtleSha256)).toBe(await hashBlock(rest, subtleSha256));
    expect(dumpsPython(rest)).not.toContain('proof');
  });

  it('covers the transactions and timestamp of the block itself: any change needs re-mining', async () => {
    const chain = await mineChain({
      rule: 'bound',
      difficulty: 2,
      sha256: subtleSha256,
      blocks: [[{ sender: 'alice', recipient: 'bob', amount: 5n }], [{ sender: 'bob', recipient: 'carol', amount: 2.5 }]],
    });
    const options = { rule: 'bound' as const, difficulty: 2, strict: true };
    expect(await validateChain(chain, options, subtleSha256)).toMatchObject({ valid: true, length: 3 });
    // The tip is what tutorial/repo leave uncovered (valid_tampered_tip.json).
    const edits: ((tip: JsonObject) => void)[] = [
      (tip) => {
        ((tip['transactions'] as JsonObject[])[0] as JsonObject)['amount'] = 1000000n;
      },
      (tip) => {
        tip['timestamp'] = (tip['timestamp'] as number) + 1;
      },
      (tip) => {
        (tip['transactions'] as JsonObject[]).unshift({ sender: 'mallory', recipient: 'mallory', amount: 1n });
      },
      (tip) => {
        tip['index'] = 4n;
      },
    ];
    for (const edit of edits) {
      const tampered = structuredClone(chain);
      edit(tampered[2] as JsonObject);
      expect(await validateChain(tampered, options, subtleSha256)).toMatchObject({ valid: false, code: 'proof', block: 3 });
      // The same edit passes the repo rule's proof (only the strict checks can notice).
      const repoChain = await mineChain({ rule: 'repo', difficulty: 2, sha256: subtleSha256, blocks: [[{ sender: 'a', recipient: 'b', amount: 5n }], [{ sender: 'b', recipient: 'c', amount: 2.5 }]] });
      edit(repoChain[2] as JsonObject);
      const repoVerdict = await validateChain(repoChain, { rule: 'repo', difficulty: 2, strict: false }, subtleSha256);
      expect(repoVerdict.valid).toBe(true);
    }
  });
});
