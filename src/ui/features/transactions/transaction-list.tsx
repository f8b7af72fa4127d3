import type { JsonValue } from '../../../core/json-value';
import { isJsonObject } from '../../../core/json-value';
import { useTranslation } from 'react-i18next';
import { parsePeerId } from '../../../network/ids';
import { displayValue } from '../../shared/format';
import { NodeBadge } from '../../shared/node-badge';

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
 * (`compact`) a value too long for its column is cut with an ellipsis (whole in its title),
 * and the rows past `limit` are left out of sight until the card is expanded.
 */
export function TransactionList({
  transactions,
  caption,
  compact = false,
  limit = Infinity,
}: {
  transactions: readonly JsonValue[];
  caption: string;
  compact?: boolean;
  limit?: number;
}) {
  const { t } = useTranslation();
  if (transactions.length === 0) return <p className="hint">{t('transactions.none', { caption })}</p>;
  const cell = (text: string) => (compact ? { title: text, children: text } : { children: text });
  return (
    <table className={compact ? 'transactions compact' : 'transactions'}>
      <caption>{caption}</caption>
      <TransactionColumns hidden={compact} />
      <tbody>
        {transactions.map((tx, i) => {
          const fields = isJsonObject(tx) ? tx : {};
          const reward = fields['sender'] === '0';
          // On a card the miner of the block is shown as the class knows it: its dot, letter and short id.
          const miner = compact && reward ? parsePeerId(fields['recipient']) : null;
          return (
            <tr key={i} className={reward ? 'reward' : undefined} hidden={i >= limit}>
              <td {...cell(reward ? t(compact ? 'transactions.rewardShort' : 'transactions.reward') : displayValue(fields['sender']))} />
              {miner === null ? <td {...cell(displayValue(fields['recipient']))} /> : <td><NodeBadge id={miner} /></td>}
              <td className="amount" {...cell(displayValue(fields['amount']))} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
