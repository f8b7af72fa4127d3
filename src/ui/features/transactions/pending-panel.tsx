import { useTranslation } from 'react-i18next';
import { useNodePending } from '../../shared/node-queries';
import { TransactionList } from './transaction-list';

export function PendingPanel() {
  const { t } = useTranslation();
  const pending = useNodePending().data ?? [];
  return (
    <section className="panel" aria-labelledby="pending-title" data-testid="pending">
      <h2 id="pending-title">{t('pending.title', { count: pending.length })}</h2>
      <TransactionList transactions={pending} caption={t('pending.caption')} />
    </section>
  );
}
