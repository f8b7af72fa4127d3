import { describe, expect, it } from 'vitest';
import { claimWins, COLOURED_SLOTS, createBadgeBook, lowestFreeSlot } from './badges';
import { testPeerId } from './test-peer-ids.test-suite';

const ids = Array.from({ length: 12 }, (_, i) => testPeerId(`${i.toString(16).padStart(12, '0')}4${'0'.repeat(19)}`));
const [A, B, C, D] = ids as [(typeof ids)[number], (typeof ids)[number], (typeof ids)[number], (typeof ids)[number]];

/** A clock that moves on by 1 ms per reading. */
const clock = (start = 1_000) => {
  let now = start;
  return () => now++;
};

describe('places in the class', () => {
  it('takes the lowest free slot', () => {
    expect(lowestFreeSlot(new Set())).toBe(0);
    expect(lowestFreeSlot(new Set([0, 1, 3]))).toBe(2);
  });

  it('keeps a slot for the older claim, the lower id at equal age', () => {
    expect(claimWins({ slot: 0, since: 5 }, B, { slot: 0, since: 9 }, A)).toBe(true);
    expect(claimWins({ slot: 0, since: 9 }, A, { slot: 0, since: 5 }, B)).toBe(false);
    expect(claimWins({ slot: 0, since: 5 }, A, { slot: 0, since: 5 }, B)).toBe(true);
  });

  it('a newcomer that claimed a held slot moves to the lowest free one; the holder keeps it', () => {
    const holder = createBadgeBook(A, clock(100));
    const newcomer = createBadgeBook(B, clock(200));
    holder.take();
    newcomer.take();
    expect(newcomer.own()?.slot).toBe(0);
    expect(holder.hear(B, newcomer.own() ?? { slot: -1, since: 0 })).toBe('kept');
    expect(newcomer.hear(A, holder.own() ?? { slot: -1, since: 0 })).toBe('moved');
    expect(newcomer.own()?.slot).toBe(1);
    expect(holder.hear(B, newcomer.own() ?? { slot: -1, since: 0 })).toBe('none');
    expect([holder.slotOf(A), holder.slotOf(B), newcomer.slotOf(A), newcomer.slotOf(B)]).toEqual([0, 1, 0, 1]);
  });

  it('takes its place before a reload again when it is free, another when it is not', () => {
    const book = createBadgeBook(C, clock());
    book.hear(A, { slot: 0, since: 1 });
    book.hear(B, { slot: 2, since: 1 });
    expect(book.take(2)).toBe(true);
    expect(book.own()?.slot).toBe(1);
    const other = createBadgeBook(D, clock());
    other.hear(A, { slot: 0, since: 1 });
    other.take(5);
    expect(other.own()?.slot).toBe(5);
  });

  it('forgets the places of tabs gone, and a tab past the coloured slots moves down when one frees', () => {
    const book = createBadgeBook(ids[11] ?? A, clock());
    for (let i = 0; i < COLOURED_SLOTS; i++) book.hear(ids[i] ?? A, { slot: i, since: i });
    book.take();
    expect(book.own()?.slot).toBe(COLOURED_SLOTS);
    const online = new Set<string>(ids.slice(0, COLOURED_SLOTS));
    expect(book.online(online)).toBe(false);
    online.delete(C);
    expect(book.online(online)).toBe(true);
    expect(book.own()?.slot).toBe(2);
    expect(book.slotOf(C)).toBeNull();
  });

  it('eight tabs that start at once settle on eight different slots, whatever order they hear each other in', () => {
    const now = clock();
    const books = ids.slice(0, 8).map((id) => ({ id, book: createBadgeBook(id, now) }));
    for (const { book } of books) book.take();
    // Claims cross in a scrambled order: in the first rounds only a third of them arrive, then all, until nobody moves.
    for (let round = 0; round < 16; round++) {
      let moved = false;
      for (const [i, { book }] of books.entries()) {
        for (const [j, other] of [...books.entries()].reverse()) {
          const claim = other.book.own();
          if ((i + j + round) % 3 !== 0 && round < 4) continue;
          if (claim !== null && book.hear(other.id, claim) === 'moved') moved = true;
        }
      }
      if (!moved && round > 4) break;
    }
    expect(new Set(books.map(({ book }) => book.own()?.slot)).size).toBe(8);
    expect(Math.max(...books.map(({ book }) => book.own()?.slot ?? 99))).toBeLessThan(8);
  });
});
