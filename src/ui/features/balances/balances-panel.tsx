import { useTranslation } from 'react-i18next';
import type { BalanceRow, BalancesView } from '../../../contract/views';
import type { Amount } from '../../../core/balances';
import { displayValue } from '../../shared/format';
import { nodeMessageText } from '../../shared/node-message-text';
import { useNodeBalances } from './balances-queries';
import { NodeBadge } from '../../shared/node-badge';

const amount = (value: Amount) => displayValue(value);
const isZero = (value: Amount) => value === 0n || value === 0;

function AddressCell({ row }: { row: BalanceRow }) {
  const { t } = useTranslation();
  if (!row.own) return <th scope="row">{row.address}</th>;
  return (
    <th scope="row">
      <NodeBadge id={row.address} /> <span className="hint">{t('balances.own')}</span>
    </th>
  );
}

function BalanceTable({ view }: { view: BalancesView }) {
  const { t } = useTranslation();
  return (
    <table className="transactions balances">
      <caption>{t('balances.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('balances.address')}</th>
          <th scope="col">{t('balances.confirmed')}</th>
          <th scope="col">{t('balances.pendingOut')}</th>
          <th scope="col">{t('balances.pendingIn')}</th>
          <th scope="col">{t('balances.available')}</th>
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row) => (
          <tr key={row.address} data-address={row.address} data-own={row.own} className={row.own ? 'own' : undefined}>
            <AddressCell row={row} />
            <td className="amount" data-testid="balance-confirmed" data-label={t('balances.confirmed')}>{amount(row.confirmed)}</td>
            <td className="amount" data-testid="balance-pending-out" data-label={t('balances.pendingOut')}>{isZero(row.pendingOut) ? '—' : `−${amount(row.pendingOut)}`}</td>
            <td className="amount" data-testid="balance-pending-in" data-label={t('balances.pendingIn')}>{isZero(row.pendingIn) ? '—' : `+${amount(row.pendingIn)}`}</td>
            <td className="amount" data-testid="balance-available" data-label={t('balances.available')}>{amount(row.available)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WaitingList({ view }: { view: BalancesView }) {
  const { t } = useTranslation();
  if (view.waiting.length === 0) return null;
  return (
    <div className="waiting" data-testid="waiting">
      <h3>{t('balances.waitingTitle')}</h3>
      <p className="hint">{t('balances.waitingHint')}</p>
      <ul>
        {view.waiting.map(({ transaction, reason }, i) => (
          <li key={i}>
            <span className="mono">
              {displayValue(transaction.sender)} → {displayValue(transaction.recipient)}: {displayValue(transaction.amount)}
            </span>{' '}
            — {nodeMessageText(reason)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function BalancesPanel() {
  const { t } = useTranslation();
  const view = useNodeBalances().data;
  if (!view) return null;
  return (
    <section className="panel" aria-labelledby="balances-title" data-testid="balances" data-enforced={view.enforced}>
      <h2 id="balances-title">{t('balances.title')}</h2>
      <p className="hint">{view.enforced ? t('balances.enforced') : t('balances.notEnforced')}</p>
      <BalanceTable view={view} />
      {view.uncounted > 0 && <p className="hint">{t('balances.uncounted', { count: view.uncounted })}</p>}
      <WaitingList view={view} />
    </section>
  );
}
