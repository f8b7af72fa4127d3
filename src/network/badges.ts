import type { PeerId } from './ids';

/*
 * A tab's place in the class: a small number (its slot) that every screen shows as the same
 * letter and colour. No tab decides for the others: each takes the lowest slot no other
 * online tab holds and announces it with the moment it took it. Of two tabs that claim one
 * slot, the older claim keeps it (the lower id if both are as old) and the other takes the
 * lowest slot still free, so the tabs settle on distinct slots within a round trip, and a tab
 * that joins never changes the letter of one already there.
 */

export interface BadgeClaim {
  readonly slot: number;
  /** when the tab took the slot, in ms since the epoch */
  readonly since: number;
}

/** Slots below this have a colour of their own (the page's palette): a tab above it moves down when one frees. */
export const COLOURED_SLOTS = 8;

/** True when the claim of `a` keeps the slot against the claim of `b` (both for one slot). */
export function claimWins(a: BadgeClaim, aId: string, b: BadgeClaim, bId: string): boolean {
  if (a.since !== b.since) return a.since < b.since;
  return aId < bId;
}

/** The lowest slot not in `taken`. */
export function lowestFreeSlot(taken: ReadonlySet<number>): number {
  let slot = 0;
  while (taken.has(slot)) slot++;
  return slot;
}

export interface BadgeBook {
  /** this tab's claim, null before it took one */
  own(): BadgeClaim | null;
  /** the slot of a tab: this one or an online peer that announced one */
  slotOf(id: string): number | null;
  /** takes a slot (`preferred` if no online peer holds it, else the lowest free one); true when ours changed */
  take(preferred?: number): boolean;
  /**
   * A peer's claim. `moved`: its older claim holds our slot, so we took another; `kept`: it
   * claims our slot but ours is older (it will move once it hears ours again); `none` otherwise.
   */
  hear(from: PeerId, claim: BadgeClaim): 'moved' | 'kept' | 'none';
  /** the peers online now: the claims of the others go, and a tab past the coloured slots moves down; true when ours changed */
  online(ids: ReadonlySet<string>): boolean;
}

export function createBadgeBook(self: PeerId, now: () => number = Date.now): BadgeBook {
  let own: BadgeClaim | null = null;
  const claims = new Map<string, BadgeClaim>();
  const takenByOthers = (): Set<number> => new Set([...claims.values()].map((claim) => claim.slot));
  const takeSlot = (slot: number): boolean => {
    if (own?.slot === slot) return false;
    own = { slot, since: now() };
    return true;
  };
  const ownLoses = (): boolean => {
    if (own === null) return false;
    for (const [id, claim] of claims) {
      if (claim.slot === own.slot && !claimWins(own, self, claim, id)) return true;
    }
    return false;
  };
  return {
    own: () => own,
    slotOf: (id) => (id === self ? (own?.slot ?? null) : (claims.get(id)?.slot ?? null)),
    take(preferred) {
      const taken = takenByOthers();
      return takeSlot(preferred !== undefined && !taken.has(preferred) ? preferred : lowestFreeSlot(taken));
    },
    hear(from, claim) {
      if (from === self) return 'none';
      claims.set(from, claim);
      if (own?.slot !== claim.slot) return 'none';
      if (!ownLoses()) return 'kept';
      takeSlot(lowestFreeSlot(takenByOthers()));
      return 'moved';
    },
    online(ids) {
      for (const id of claims.keys()) if (!ids.has(id)) claims.delete(id);
      if (own === null || own.slot < COLOURED_SLOTS) return false;
      const free = lowestFreeSlot(takenByOthers());
      return free < own.slot ? takeSlot(free) : false;
    },
  };
}
