import { useTranslation } from 'react-i18next';
import type { Block } from '../../../core/block';
import { blockTransactions } from '../../../core/block';
import { isJsonObject, type JsonValue } from '../../../core/json-value';
import type { TamperEdit } from '../../../contract/views';
import { displayValue } from '../../shared/format';
import { nodeMessageText } from '../../shared/node-message-text';
import { useTamper } from './tamper-queries';
import { TransactionColumns } from '../transactions/transaction-list';
import { TamperField } from './tamper-field';

const FIELDS = ['sender', 'recipient', 'amount'] as const;

/** The editable values of one block: its timestamp and its first `limit` transactions. */
export function TamperTable({ block, number, limit }: { block: Block; number: number; limit: number }) {
  const { t } = useTranslation();
  // Held here, not on every card: only a card open for editing has one.
  const edit = useTamper();
  const tamper = (change: TamperEdit) => { edit.mutate(change); };
  const error = edit.data?.ok === false ? edit.data.message : null;
  const transactions = blockTransactions(block);
  return (
    <div className="tamper">
      <label className="field-inline">
        {t('block.timestamp')}{' '}
        <TamperField
          label={t('block.timestampField', { block: number })}
          value={displayValue(block['timestamp'])}
          edit={(value) => { tamper({ block: number, field: 'timestamp', value }); }}
        />
      </label>
      {transactions.length === 0 ? (
        <p className="hint">{t('block.nothingToEdit')}</p>
      ) : (
        <table className="transactions">
          <caption>{t('block.editableCaption')}</caption>
          <TransactionColumns />
          <tbody>
            {transactions.slice(0, limit).map((tx: JsonValue, i) => {
              const values = isJsonObject(tx) ? tx : {};
              return (
                <tr key={i}>
                  {FIELDS.map((field) => (
                    <td key={field}>
                      <TamperField
                        label={t('block.transactionField', { block: number, transaction: i + 1, field })}
                        value={displayValue(values[field])}
                        edit={(value) => { tamper({ block: number, field, transaction: i, value }); }}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {error !== null && (
        <p className="field-error" role="alert">
          {nodeMessageText(error)}
        </p>
      )}
    </div>
  );
}
