import { useTranslation } from 'react-i18next';
import { MineControls } from '../mining/mine-controls';
import { ResolveControls } from '../resolve/resolve-panel';
import { TransactionForm } from '../transactions/transaction-form';

/**
 * The three things a lesson does, under the chain: the tutorial's POST /transactions/new,
 * GET /mine and GET /nodes/resolve, each with its result in one line.
 */
export function ActionBar() {
  const { t } = useTranslation();
  return (
    <div className="action-bar">
      <section className="action" aria-labelledby="add-title">
        <h2 id="add-title" className="action-title">
          {t('transactionForm.title')}
        </h2>
        <TransactionForm />
      </section>
      <section className="action action-mine" aria-labelledby="mine-title">
        <h2 id="mine-title" className="action-title">
          {t('mine.title')}
        </h2>
        <MineControls />
      </section>
      <section className="action" aria-labelledby="resolve-title">
        <h2 id="resolve-title" className="action-title">
          {t('resolve.title')}
        </h2>
        <ResolveControls />
      </section>
    </div>
  );
}
