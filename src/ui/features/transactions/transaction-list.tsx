import type { JsonValue } from '../../../core/json-value';
import { isJsonObject } from '../../../core/json-value';
import { useTranslation } from 'react-i18next';
import { displayValue } from '../../shared/format';

/** The header row of every transaction table: the tutorial's three fields. */
export function TransactionColumns({ hidden = false }: { hidden?: boolean }) {
  const { t } = useTranslation();
  return (
    <thead className={hidden ? 'visually-hidden' : undefined}>
      <tr>
        <th scope="col">{t('transactions.sender')}</th>
        <th scope="col">{t('transactions.recipient')}</th>
        <th scope="col">{t('transactions.amount')}</th>
      </tr>
    </thead>
  );
}

/**
 * Transactions as a small table; anything a peer sent is rendered as text. On a card
 * (`compact`) a value too long for its column is cut with an ellipsis (whole in its title);
 * elsewhere a long value wraps. Only the first `limit` rows are drawn: a block may hold
 * 400,000. `first` numbers the first row (a page further down a long list).
 */
export function TransactionList({
  transactions,
  caption,
  compact = false,
  limit = Infinity,
  first = 0,
}: {
  transactions: readonly JsonValue[];
  caption: string;
  compact?: boolean;
  limit?: number;
  first?: number;
}) {
  const { t } = useTranslation();
  if (transactions.length === 0) return <p className="hint">{t('transactions.none', { caption })}</p>;
  const cell = (text: string) => (compact ? { title: text, children: text } : { children: text });
  return (
    <table className={compact ? 'transactions compact' : 'transactions'}>
      <caption>{caption}</caption>
      <TransactionColumns hidden={compact} />
      <tbody>
        {transactions.slice(0, limit).map((tx, i) => {
          const fields = isJsonObject(tx) ? tx : {};
          const reward = fields['sender'] === '0';
          return (
            <tr key={first + i} className={reward ? 'reward' : undefined}>
              <td {...cell(reward ? t(compact ? 'transactions.rewardShort' : 'transactions.reward') : displayValue(fields['sender']))} />
              <td {...cell(displayValue(fields['recipient']))} />
              <td className="amount" {...cell(displayValue(fields['amount']))} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
