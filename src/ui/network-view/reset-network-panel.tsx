import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { ConfirmButton } from '../components/confirm-button';
import { useNetworkView } from './network-view-context';
import { useNetworkStatus, useNetworkTabs } from './network-view-queries';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Reset network, with a confirmation step. */
export function ResetNetworkPanel() {
  const view = useNetworkView();
  const network = useNetworkStatus().data?.network ?? '';
  const online = useNetworkTabs().data?.filter((tab) => tab.status !== 'left').length ?? 0;
  const id = useId();
  const reset = useMutation({ mutationFn: () => view.resetNetwork() });
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Start again</h2>
      <p className="hint">
        Every tab of network “{network}” throws its chain away and starts again from a new genesis block, with nothing
        pending. The rules stay as they are.
      </p>
      <ConfirmButton
        danger
        label="Reset network"
        question={`Reset network “${network}”?`}
        consequence={`${plural(online, 'tab')} will lose every block and pending transaction and start over from block 1. This cannot be undone.`}
        confirmLabel="Reset every tab"
        onConfirm={() => { reset.mutate(); }}
      />
      <p className="result" role="status" aria-live="polite" data-testid="reset-result">
        {reset.data && `Reset sent to ${plural(reset.data.tabs, 'tab')}: every tab starts over from block 1.`}
        {reset.error && <span className="invalid">The reset could not be sent: {reset.error.message}</span>}
      </p>
    </section>
  );
}
