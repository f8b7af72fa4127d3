import { useMutation } from '@tanstack/react-query';
import { useId, useRef } from 'react';
import { useNetworkView } from './network-view-context';
import { useNetworkStatus, useNetworkTabs } from './network-view-queries';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Reset network, with a confirmation step in a modal dialog: it traps the keyboard focus,
 * starts on Cancel, and Escape closes it.
 */
export function ResetNetworkPanel() {
  const view = useNetworkView();
  const network = useNetworkStatus().data?.network ?? '';
  const online = useNetworkTabs().data?.filter((tab) => tab.status !== 'left').length ?? 0;
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const reset = useMutation({ mutationFn: () => view.resetNetwork() });
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Start again</h2>
      <p className="hint">
        Every tab of network “{network}” throws its chain away and starts again from a new genesis block, with nothing
        pending. The rules stay as they are.
      </p>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        Reset network
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-question`} aria-describedby={`${id}-consequence`}>
        <h2 id={`${id}-question`}>Reset network “{network}”?</h2>
        <p id={`${id}-consequence`}>
          {plural(online, 'tab')} will lose every block and pending transaction and start over from block 1. This cannot be
          undone.
        </p>
        <form method="dialog" className="row">
          <button type="submit">Cancel</button>
          <button
            type="submit"
            className="danger"
            onClick={() => {
              reset.mutate();
            }}
          >
            Reset every tab
          </button>
        </form>
      </dialog>
      <p className="result" role="status" aria-live="polite" data-testid="reset-result">
        {reset.data && `Reset sent to ${plural(reset.data.tabs, 'tab')}: every tab starts over from block 1.`}
        {reset.error && <span className="invalid">The reset could not be sent: {reset.error.message}</span>}
      </p>
    </section>
  );
}
