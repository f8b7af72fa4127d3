import { describe, expect, it } from 'vitest';
import { subtleSha256 } from '../core/digest';
import { searchProof } from './miner';

describe('searchProof', () => {
  it('finds the proof the Python node found: tutorial rule after proof 100 is 35293, then 35089', async () => {
    const signal = new AbortController().signal;
    const first = await searchProof({ prefix: '100', suffix: '', difficulty: 4, signal, sha256: subtleSha256 });
    expect(first).toEqual({ found: true, proof: 35293n, attempts: 35294 });
    const second = await searchProof({ prefix: '35293', suffix: '', difficulty: 4, signal, sha256: subtleSha256 });
    expect(second).toMatchObject({ found: true, proof: 35089n });
  });

  it('repo rule: the previous hash follows the proof in the guess', async () => {
    const lastHash = '4ed4f41bc077732364e22d31395cffa56ff624e9489a3ac3dcd073602e4dca46';
    const signal = new AbortController().signal;
    const found = await searchProof({ prefix: '100', suffix: lastHash, difficulty: 4, signal, sha256: subtleSha256 });
    expect(found).toMatchObject({ found: true, proof: 74666n });
  });

  it('counts across a power of ten without losing a digit', async () => {
    const signal = new AbortController().signal;
    const found = await searchProof({ prefix: '100', suffix: '', difficulty: 4, start: 9_990n, signal, sha256: subtleSha256 });
    expect(found).toMatchObject({ found: true, proof: 35293n, attempts: 35293 - 9990 + 1 });
  });

  it('stops when aborted and reports progress by batches', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const search = searchProof({
      prefix: '1',
      suffix: '',
      difficulty: 12,
      signal: controller.signal,
      sha256: subtleSha256,
      batchSize: 100,
      onProgress: (attempts) => {
        progress.push(attempts);
        if (attempts >= 300) controller.abort();
      },
    });
    const result = await search;
    expect(result).toEqual({ found: false, attempts: 300 });
    expect(progress).toEqual([100, 200, 300]);
  });
});
