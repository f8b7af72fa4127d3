import { createContext, useContext, useMemo, type ReactNode } from 'react';

/** The place in the class (slot) of each tab known here, by id. */
export type SlotLookup = (id: string) => number | null;

const SlotsContext = createContext<SlotLookup>(() => null);

/**
 * Makes the slots of `entries` (id and slot pairs) known to every badge below. The lookup
 * changes only when a slot does, so a new tip of a peer redraws no badge.
 */
export function SlotsProvider({ entries, children }: { entries: readonly (readonly [string, number | null])[]; children: ReactNode }) {
  const signature = entries.map(([id, slot]) => `${id}:${slot ?? ''}`).join(',');
  const lookup = useMemo<SlotLookup>(() => {
    const slots = new Map(signature === '' ? [] : signature.split(',').map((entry) => {
      const [id = '', slot = ''] = entry.split(':');
      return [id, slot === '' ? null : Number(slot)] as const;
    }));
    return (id) => slots.get(id) ?? null;
  }, [signature]);
  return <SlotsContext value={lookup}>{children}</SlotsContext>;
}

export const useSlotOf = (): SlotLookup => useContext(SlotsContext);
