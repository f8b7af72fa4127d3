import { nodeColour, shortId } from './format';

/** A node's short id with its colour; the full id is in the title and for screen readers. */
export function NodeBadge({ id, label }: { id: string; label?: string }) {
  return (
    <span className="node-badge" title={id}>
      <span className="node-dot" style={{ background: nodeColour(id) }} aria-hidden="true" />
      <span className="node-short" data-node-id={id}>
        {label ?? ''}
        {shortId(id)}
      </span>
    </span>
  );
}
