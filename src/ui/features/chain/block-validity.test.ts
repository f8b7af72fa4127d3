import { describe, expect, it } from 'vitest';
import { blockValidity, sameBlockValidity } from './block-validity';

describe('blockValidity', () => {
  it('marks every block valid in a valid chain', () => {
    expect(blockValidity({ valid: true, length: 3, hashes: [] }, 2)).toEqual({ state: 'valid' });
  });

  it('marks the failing block with its reason and every later block as hanging from it', () => {
    const verdict = { valid: false, code: 'previous-hash', block: 3, reason: 'link broken' } as const;
    expect([0, 1, 2, 3, 4].map((position) => blockValidity(verdict, position))).toEqual([
      { state: 'valid' },
      { state: 'valid' },
      { state: 'broken', verdict },
      { state: 'after-broken', brokenAt: 3, chainBroken: true },
      { state: 'after-broken', brokenAt: 3, chainBroken: true },
    ]);
  });

  it('tells a block after a rule-breaking block (an overspend) from one after a broken link', () => {
    const verdict = { valid: false, code: 'overspend', block: 2, reason: 'alice pays 5 but has only 0' } as const;
    expect(blockValidity(verdict, 2)).toEqual({ state: 'after-broken', brokenAt: 2, chainBroken: false });
  });

  it('marks no single block when the verdict is about the whole chain', () => {
    expect(blockValidity({ valid: false, code: 'empty', block: null, reason: 'empty' }, 0)).toEqual({ state: 'valid' });
  });

  it('tells validities apart by what they draw, not by object identity', () => {
    const verdict = { valid: false, code: 'proof', block: 2, reason: 'bad proof', values: { block: 2 } } as const;
    const again = { ...verdict, values: { block: 2 } };
    expect(sameBlockValidity(blockValidity(verdict, 1), blockValidity(again, 1))).toBe(true);
    expect(sameBlockValidity(blockValidity(verdict, 1), blockValidity({ ...verdict, reason: 'other' }, 1))).toBe(false);
    expect(sameBlockValidity(blockValidity(verdict, 3), blockValidity(again, 3))).toBe(true);
    expect(sameBlockValidity(blockValidity(verdict, 3), blockValidity({ ...verdict, block: 3 }, 3))).toBe(false);
    expect(sameBlockValidity({ state: 'valid' }, { state: 'valid' })).toBe(true);
    expect(sameBlockValidity({ state: 'valid' }, blockValidity(verdict, 1))).toBe(false);
  });
});
