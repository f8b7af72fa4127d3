import type { JsonValue } from '../../../core/json-value';
import { isJsonObject } from '../../../core/json-value';
import { useTranslation } from 'react-i18next';
import { displayValue } from '../../shared/format';

/** The header row of every transaction table: the tutorial's three fields. */
export function TransactionColumns() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th scope="col">{t('transactions.sender')}</th>
        <th scope="col">{t('transactions.recipient')}</th>
        <th scope="col">{t('transactions.amount')}</th>
      </tr>
    </thead>
  );
}

/** Transactions as a small table; anything a peer sent is rendered as text. */
export function TransactionList({ transactions, caption }: { transactions: readonly JsonValue[]; caption: string }) {
  const { t } = useTranslation();
  if (transactions.length === 0) return <p className="hint">{t('transactions.none', { caption })}</p>;
  return (
    <table className="transactions">
      <caption>{caption}</caption>
      <TransactionColumns />
      <tbody>
        {transactions.map((tx, i) => {
          const fields = isJsonObject(tx) ? tx : {};
          const reward = fields['sender'] === '0';
          return (
            <tr key={i} className={reward ? 'reward' : undefined}>
              <td>{reward ? t('transactions.reward') : displayValue(fields['sender'])}</td>
              <td>{displayValue(fields['recipient'])}</td>
              <td className="amount">{displayValue(fields['amount'])}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
