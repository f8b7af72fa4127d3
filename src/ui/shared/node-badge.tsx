import { slotName } from './class-badges';
import { ClassDot } from './class-dot';
import { shortId } from './format';
import { useSlotOf } from './slots';

/**
 * A tab as the class knows it: a dot in its place's colour with its letter, and its short id.
 * The full id is in the title; the letter follows the id for screen readers.
 */
export function NodeBadge({ id, label }: { id: string; label?: string }) {
  const slot = useSlotOf()(id);
  const name = slotName(slot);
  return (
    <span className="node-badge" title={name === null ? id : `${name} · ${id}`}>
      <ClassDot id={id} />
      <span className="node-short" data-node-id={id}>
        {label ?? ''}
        {shortId(id)}
      </span>
      {name !== null && <span className="visually-hidden"> ({name})</span>}
    </span>
  );
}
