import { useNodePending } from '../queries/node-queries';
import { TransactionList } from './transaction-list';

export function PendingPanel() {
  const pending = useNodePending().data ?? [];
  return (
    <section className="panel" aria-labelledby="pending-title" data-testid="pending">
      <h2 id="pending-title">Pending transactions ({pending.length})</h2>
      <TransactionList transactions={pending} caption="Waiting for the next block" />
    </section>
  );
}
