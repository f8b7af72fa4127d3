import { slotColour, slotInk, slotName } from './class-badges';
import { useSlotOf } from './slots';

/** The dot of a tab: its place's colour with its letter on it (grey and blank until it has a place). */
export function ClassDot({ id }: { id: string }) {
  const slot = useSlotOf()(id);
  return (
    <span
      className="node-dot"
      data-letter={slotName(slot) ?? undefined}
      style={{ background: slotColour(slot), color: slotInk(slot) }}
      aria-hidden="true"
    />
  );
}
