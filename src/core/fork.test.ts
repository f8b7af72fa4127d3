import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forkPoint, relationFromTip, relationOf } from './fork';

/** Hash lists of linked chains: a shared prefix, then suffixes that never agree again. */
function chains(shared: number, oursExtra: number, theirsExtra: number): [string[], string[]] {
  const prefix = Array.from({ length: shared }, (_, i) => `h${i}`);
  return [
    [...prefix, ...Array.from({ length: oursExtra }, (_, i) => `o${shared + i}`)],
    [...prefix, ...Array.from({ length: theirsExtra }, (_, i) => `t${shared + i}`)],
  ];
}

function linearForkPoint(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

describe('forkPoint', () => {
  it('counts the shared leading blocks', () => {
    expect(forkPoint([], [])).toBe(0);
    expect(forkPoint([], ['a'])).toBe(0);
    expect(forkPoint(['a'], [])).toBe(0);
    expect(forkPoint(['a'], ['b'])).toBe(0);
    expect(forkPoint(['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(3);
    expect(forkPoint(['a', 'b'], ['a', 'b', 'c'])).toBe(2);
    expect(forkPoint(['a', 'b', 'x'], ['a', 'b', 'c', 'd'])).toBe(2);
    expect(forkPoint(['a', 'x'], ['a', 'y'])).toBe(1);
  });

  it('agrees with a linear scan on linked chains', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(40), (shared, o, t) => {
        const [a, b] = chains(shared, o, t);
        expect(forkPoint(a, b)).toBe(linearForkPoint(a, b));
        expect(forkPoint(b, a)).toBe(shared);
      }),
    );
  });

  it('reads only a logarithmic number of hashes on 100,000 blocks', () => {
    const hash = (tag: string, i: number) => `${tag}${String(i).padStart(8, '0')}`.padEnd(64, 'f');
    let reads = 0;
    // Counts index reads, so the test checks the algorithm, not the machine's speed.
    const counted = (list: string[]) =>
      new Proxy(list, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const a = counted(Array.from({ length: 100_000 }, (_, i) => hash(i < 73_219 ? 'h' : 'o', i)));
    const b = counted(Array.from({ length: 103_219 }, (_, i) => hash(i < 73_219 ? 'h' : 't', i)));
    expect(forkPoint(a, b)).toBe(73_219);
    // A linear scan would read ~146,000 hashes; a binary search about 2 × 17.
    expect(reads).toBeLessThan(100);
  });
});

describe('relationOf', () => {
  it('same: identical chains, including two empty ones', () => {
    expect(relationOf([], [])).toEqual({ kind: 'same' });
    expect(relationOf(...chains(5, 0, 0))).toEqual({ kind: 'same' });
  });

  it('ahead: the peer has our chain and more (everything extends an empty chain)', () => {
    expect(relationOf(...chains(3, 0, 2))).toEqual({ kind: 'ahead', by: 2 });
    expect(relationOf([], ['a', 'b'])).toEqual({ kind: 'ahead', by: 2 });
  });

  it('behind: the peer has a prefix of ours', () => {
    expect(relationOf(...chains(3, 4, 0))).toEqual({ kind: 'behind', by: 4 });
    expect(relationOf(['a'], [])).toEqual({ kind: 'behind', by: 1 });
  });

  it('diverged: 1-based first differing block and both lengths', () => {
    expect(relationOf(...chains(3, 2, 5))).toEqual({ kind: 'diverged', atBlock: 4, ours: 5, theirs: 8 });
    expect(relationOf(...chains(1, 1, 1))).toEqual({ kind: 'diverged', atBlock: 2, ours: 2, theirs: 2 });
  });

  it('different-genesis: block 1 differs', () => {
    expect(relationOf(...chains(0, 1, 1))).toEqual({ kind: 'different-genesis' });
    expect(relationOf(...chains(0, 3, 7))).toEqual({ kind: 'different-genesis' });
  });

  it('is the mirror image when the sides swap', () => {
    fc.assert(
      fc.property(fc.nat(10), fc.nat(10), fc.nat(10), (shared, o, t) => {
        const [a, b] = chains(shared, o, t);
        const there = relationOf(a, b);
        const back = relationOf(b, a);
        switch (there.kind) {
          case 'same':
          case 'different-genesis':
            expect(back).toEqual(there);
            break;
          case 'ahead':
            expect(back).toEqual({ kind: 'behind', by: there.by });
            break;
          case 'behind':
            expect(back).toEqual({ kind: 'ahead', by: there.by });
            break;
          case 'diverged':
            expect(back).toEqual({ ...there, ours: there.theirs, theirs: there.ours });
        }
      }),
    );
  });
});

describe('relationFromTip', () => {
  const ours = ['a', 'b', 'c'];

  it('same when the height and tip hash match ours', () => {
    expect(relationFromTip(ours, { height: 3, tipHash: 'c' })).toEqual({ kind: 'same' });
    expect(relationFromTip([], { height: 0, tipHash: '' })).toEqual({ kind: 'same' });
  });

  it('behind when its tip is one of our blocks', () => {
    expect(relationFromTip(ours, { height: 1, tipHash: 'a' })).toEqual({ kind: 'behind', by: 2 });
    expect(relationFromTip(ours, { height: 2, tipHash: 'b' })).toEqual({ kind: 'behind', by: 1 });
    expect(relationFromTip(ours, { height: 0, tipHash: 'whatever' })).toEqual({ kind: 'behind', by: 3 });
  });

  it('ahead when ours is empty', () => {
    expect(relationFromTip([], { height: 2, tipHash: 'x' })).toEqual({ kind: 'ahead', by: 2 });
  });

  it('unknown-fork otherwise: longer, same height with another tip, or a foreign block', () => {
    expect(relationFromTip(ours, { height: 5, tipHash: 'e' })).toEqual({ kind: 'unknown-fork', height: 5 });
    expect(relationFromTip(ours, { height: 3, tipHash: 'x' })).toEqual({ kind: 'unknown-fork', height: 3 });
    expect(relationFromTip(ours, { height: 2, tipHash: 'c' })).toEqual({ kind: 'unknown-fork', height: 2 });
    expect(relationFromTip(ours, { height: 1, tipHash: 'z' })).toEqual({ kind: 'unknown-fork', height: 1 });
  });

  it('unknown-fork for a height that is not a block count', () => {
    for (const height of [-1, 1.5, NaN, Infinity]) {
      expect(relationFromTip(ours, { height, tipHash: 'a' })).toEqual({ kind: 'unknown-fork', height });
    }
  });

  it('never contradicts relationOf on the full chains', () => {
    fc.assert(
      fc.property(fc.nat(8), fc.nat(8), fc.nat(8), (shared, o, t) => {
        const [a, b] = chains(shared, o, t);
        const full = relationOf(a, b);
        const fromTip = relationFromTip(a, { height: b.length, tipHash: b.at(-1) ?? '' });
        if (fromTip.kind === 'unknown-fork') {
          expect(['ahead', 'diverged', 'different-genesis']).toContain(full.kind);
          expect(fromTip.height).toBe(b.length);
        } else {
          expect(fromTip).toEqual(full);
        }
      }),
    );
  });
});
