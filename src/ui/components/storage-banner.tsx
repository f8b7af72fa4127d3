import { useNodeStatusPart } from '../queries/node-queries';

/** Shown when the node should be saved in this browser but cannot be: what happened and what it means. */
export function StorageBanner() {
  const problem = useNodeStatusPart(({ storage }) => storage.problem).data;
  if (!problem) return null;
  return (
    <div className="banner" role="alert" data-testid="storage-banner">
      <p>
        <strong>This node is not being saved.</strong> {problem} It keeps working in memory, but its chain, pending
        transactions and peers will be lost when this tab is reloaded or closed.
      </p>
    </div>
  );
}
