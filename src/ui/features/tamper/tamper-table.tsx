import { useTranslation } from 'react-i18next';
import type { Block } from '../../../core/block';
import { isJsonObject, type JsonValue } from '../../../core/json-value';
import type { TamperEdit } from '../../../contract/views';
import { displayValue } from '../../shared/format';
import { nodeMessageText } from '../../shared/node-message-text';
import { useTamper } from './tamper-queries';
import { TransactionColumns } from '../transactions/transaction-list';
import { TamperField } from './tamper-field';

const FIELDS = ['sender', 'recipient', 'amount'] as const;

/**
 * The editable values of one block: its timestamp and the transactions its card shows,
 * `transactions`, the first of which is the block's transaction `first` (0-based).
 */
export function TamperTable({ block, number, transactions, first }: { block: Block; number: number; transactions: readonly JsonValue[]; first: number }) {
  const { t } = useTranslation();
  // Held here, not on every card: only a card open for editing has one.
  const edit = useTamper();
  const tamper = (change: TamperEdit) => { edit.mutate(change); };
  const error = edit.data?.ok === false ? edit.data.message : null;
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
            {transactions.map((tx: JsonValue, k) => {
              const values = isJsonObject(tx) ? tx : {};
              const i = first + k;
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
