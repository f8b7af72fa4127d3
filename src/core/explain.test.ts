import { describe, expect, it } from 'vitest';
import type { Block } from './block';
import { mineChain } from './chain-builder.test-suite';
import { explainBlock } from './explain';
import { readFixtureJson, readPythonFixture } from './fixtures.test-suite';
import { hashBlock } from './hash';
import { isJsonObject } from './json-value';
import { jsSha256 } from './js-sha256.test-suite';

interface ProofVector {
  source: string;
  rule: 'repo' | 'tutorial';
  guess: string;
  sha256: string;
}

function referenceChain(file: string): Block[] {
  const doc = readPythonFixture(`reference/${file}`);
  return (isJsonObject(doc) && Array.isArray(doc['chain']) ? doc['chain'] : []).filter(isJsonObject);
}

describe('explainBlock', () => {
  const vectors = (readFixtureJson('reference/proof_vectors.json') as ProofVector[]).filter((v) => !v.source.includes('FAIL'));

  it.each(vectors.map((v) => [v.source, v] as const))('shows the guess and hash of the Python node for %s', async (source, vector) => {
    const match = /^(\S+) chain\[(\d+)\]$/.exec(source);
    if (!match) throw new Error(source);
    const chain = referenceChain(match[1] as string);
    const position = Number(match[2]);
    const explained = await explainBlock(chain, position, { rule: vector.rule, difficulty: 4 }, jsSha256);
    expect(explained?.hashed.sha256).toBe(await hashBlock(chain[position] as Block, jsSha256));
    expect(explained?.proof).toMatchObject({ kind: 'checked', guess: vector.guess, digestHex: vector.sha256, leadingZeros: 4, ok: true });
    if (explained?.proof.kind === 'checked') expect(explained.proof.pieces.map((piece) => piece.text).join('')).toBe(vector.guess);
  });

  it('shows the exact text Python hashes: sorted keys, its separators, 2.5 and escaped non-ASCII', async () => {
    const chain = referenceChain('python_chain_short.json');
    const explained = await explainBlock(chain, 1, { rule: 'repo', difficulty: 4 }, jsSha256);
    expect(explained?.hashed.text).toMatch(/^\{"index": 2, "previous_hash": "[0-9a-f]{64}", "proof": 74666, "timestamp": [\d.]+, "transactions": \[/);
    expect(explained?.hashed.text).toContain('{"amount": 2.5, "recipient": "\\u674e\\u56db", "sender": "\\u5f20\\u4e09"}');
    expect(explained?.hashed.sha256).toBe(chain[2]?.['previous_hash']);
  });

  it('names the pieces of each rule, the bound rule with the block it covers', async () => {
    const chain = await mineChain({ rule: 'bound', difficulty: 1, sha256: jsSha256, blocks: [[{ sender: 'a', recipient: 'b', amount: 1n }]] });
    const explained = await explainBlock(chain, 1, { rule: 'bound', difficulty: 1 }, jsSha256);
    if (explained?.proof.kind !== 'checked') throw new Error('expected a checked proof');
    const { proof } = explained;
    expect(proof.pieces.map(({ piece, block }) => ({ piece, block }))).toEqual([
      { piece: 'lastProof', block: 1 },
      { piece: 'proof', block: 2 },
      { piece: 'lastHash', block: 1 },
      { piece: 'content', block: 2 },
    ]);
    expect(proof.content?.text).not.toContain('"proof"');
    expect(proof.pieces[3]?.text).toBe(proof.content?.sha256);
    expect(proof.ok).toBe(true);
    expect(proof.leadingZeros).toBeGreaterThanOrEqual(1);
  });

  it('shows a failing proof as it is, and says why no guess can be formed', async () => {
    const chain = referenceChain('tutorial_chain_short.json');
    const harder = await explainBlock(chain, 1, { rule: 'tutorial', difficulty: 6 }, jsSha256);
    expect(harder?.proof).toMatchObject({ kind: 'checked', guess: '10035293', leadingZeros: 4, ok: false });
    expect((await explainBlock(chain, 0, { rule: 'tutorial', difficulty: 4 }, jsSha256))?.proof).toEqual({ kind: 'genesis' });
    expect(await explainBlock(chain, 3, { rule: 'tutorial', difficulty: 4 }, jsSha256)).toBeNull();
    const listProof = [chain[0] as Block, { ...chain[1], proof: [1n] }];
    expect((await explainBlock(listProof, 1, { rule: 'tutorial', difficulty: 4 }, jsSha256))?.proof).toEqual({
      kind: 'unavailable',
      why: {
        code: 'proof',
        block: 2,
        reason: 'The proof is a list, not a number or string, so no guess can be formed.',
        values: { rule: 'tutorial', difficulty: 4 },
      },
    });
  });

  it('names the block whose proof is missing, as validation does', async () => {
    const chain = referenceChain('tutorial_chain_short.json');
    const withoutProof = (block: Block): Block => Object.fromEntries(Object.entries(block).filter(([key]) => key !== 'proof'));
    const previousMissing = [withoutProof(chain[0] as Block), chain[1] as Block];
    expect((await explainBlock(previousMissing, 1, { rule: 'tutorial', difficulty: 4 }, jsSha256))?.proof).toEqual({
      kind: 'unavailable',
      why: { code: 'missing-field', block: 1, reason: 'The previous block has no proof, so no guess can be formed.', values: { field: 'proof' } },
    });
    const ownMissing = [chain[0] as Block, withoutProof(chain[1] as Block)];
    expect((await explainBlock(ownMissing, 1, { rule: 'repo', difficulty: 4 }, jsSha256))?.proof).toEqual({
      kind: 'unavailable',
      why: { code: 'missing-field', block: 2, reason: 'The block has no proof, so no guess can be formed.', values: { field: 'proof' } },
    });
  });
});
