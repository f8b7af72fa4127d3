import { useRef } from 'react';
import type { StorageKind } from '../../node/api';
import { useNodeStatusPart } from '../queries/node-queries';
import { useResetNode } from '../queries/use-reset-node';

const STORAGE_TEXT: Record<StorageKind, string> = {
  indexeddb: 'Saved in this browser: the chain, pending transactions, peers and settings of this node survive a reload of this tab.',
  memory: 'Kept in memory only: this node is lost when this tab is reloaded or closed.',
};

const CONFIRMED = 'reset';

/** Where this node is kept, and Reset node, behind a confirmation. */
export function NodePanel() {
  const storage = useNodeStatusPart(({ storage }) => storage.kind).data;
  const reset = useResetNode();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <section className="panel" aria-labelledby="node-title">
      <h2 id="node-title">This node</h2>
      <p className="hint" data-testid="storage-status" data-storage={storage}>
        {storage && STORAGE_TEXT[storage]}
      </p>
      <button
        type="button"
        disabled={reset.isPending}
        onClick={() => {
          if (!dialog.current) return;
          dialog.current.returnValue = '';
          dialog.current.showModal();
        }}
      >
        Reset node
      </button>
      <dialog
        ref={dialog}
        className="confirm"
        aria-labelledby="reset-title"
        aria-describedby="reset-text"
        onClose={(event) => {
          if (event.currentTarget.returnValue === CONFIRMED) reset.mutate();
        }}
      >
        <h3 id="reset-title">Reset this node?</h3>
        <p id="reset-text">
          Its chain starts again from a new genesis block, and its pending transactions and registered nodes are
          deleted, in this tab and in this browser’s storage. It keeps its id, so the other tabs still know it. This
          cannot be undone.
        </p>
        <form method="dialog" className="row">
          <button type="submit" value="cancel">
            Cancel
          </button>
          <button type="submit" value={CONFIRMED} className="danger">
            Yes, reset this node
          </button>
        </form>
      </dialog>
      <p className="result" role="status" data-testid="reset-result">
        {reset.isSuccess && 'This node was reset: a new genesis block, nothing pending, no registered nodes.'}
      </p>
    </section>
  );
}
