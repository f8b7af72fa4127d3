import type { JsonValue } from '../../core/json-value';
import { isJsonObject } from '../../core/json-value';
import { displayValue } from '../format';

/** The header row of every transaction table: the tutorial's three fields. */
export function TransactionColumns() {
  return (
    <thead>
      <tr>
        <th scope="col">Sender</th>
        <th scope="col">Recipient</th>
        <th scope="col">Amount</th>
      </tr>
    </thead>
  );
}

/** Transactions as a small table; anything a peer sent is rendered as text. */
export function TransactionList({ transactions, caption }: { transactions: readonly JsonValue[]; caption: string }) {
  if (transactions.length === 0) return <p className="hint">{caption}: none</p>;
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
              <td>{reward ? '0 (mining reward)' : displayValue(fields['sender'])}</td>
              <td>{displayValue(fields['recipient'])}</td>
              <td className="amount">{displayValue(fields['amount'])}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
