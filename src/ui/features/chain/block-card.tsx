import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Block } from '../../../core/block';
import { blockTransactions } from '../../../core/block';
import { isJsonObject, type JsonValue } from '../../../core/json-value';
import type { NodeMessage, TamperEdit, TamperResult } from '../../../node/api';
import type { BlockValidity } from './block-validity';
import { displayValue, formatTimestamp, shortHash } from '../../shared/format';
import { useNode } from '../../connection/node-context';
import { nodeMessageText } from '../../shared/node-message-text';
import { verdictText } from '../../shared/verdict-text';
import { BlockExplanations } from './block-explanation';
import { TransactionColumns, TransactionList } from '../transactions/transaction-list';

function ValidityLine({ validity, tampered }: { validity: BlockValidity; tampered: boolean }) {
  const { t } = useTranslation();
  return (
    <p className={`validity ${validity.state}`} data-testid="block-validity" data-state={validity.state}>
      {validity.state === 'valid' && <><span aria-hidden="true">✓ </span>{t('block.valid')}</>}
      {validity.state === 'broken' && <><span aria-hidden="true">✗ </span>{t('block.invalid', { reason: verdictText(validity.verdict) })}</>}
      {validity.state === 'after-broken' && (
        <>
          <span aria-hidden="true">✗ </span>
          {t(validity.chainBroken ? 'block.afterBrokenLink' : 'block.afterBrokenRule', { block: validity.brokenAt })}
        </>
      )}
      {tampered && <span className="tampered"> · <span aria-hidden="true">✎ </span>{t('block.tampered')}</span>}
    </p>
  );
}

/** One value of a block, typed over in the tamper lab: committed on Enter or when the field is left. */
function TamperField({ label, value, edit }: { label: string; value: string; edit: (value: string) => void }) {
  return (
    <input
      className="tamper-input mono"
      aria-label={label}
      defaultValue={value}
      key={value}
      onBlur={(event) => { if (event.target.value !== value) edit(event.target.value); }}
      onKeyDown={(event) => { if (event.key === 'Enter') event.currentTarget.blur(); }}
    />
  );
}

function TamperTable({ block, number, tamper }: { block: Block; number: number; tamper: (edit: TamperEdit) => void }) {
  const { t } = useTranslation();
  const transactions = blockTransactions(block);
  const fields = ['sender', 'recipient', 'amount'] as const;
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
            {transactions.map((tx: JsonValue, i) => {
              const values = isJsonObject(tx) ? tx : {};
              return (
                <tr key={i}>
                  {fields.map((field) => (
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
    </div>
  );
}

export function BlockCard({
  block,
  hash,
  position,
  validity,
  tampered,
  editing,
}: {
  block: Block;
  hash: string;
  position: number;
  validity: BlockValidity;
  tampered: boolean;
  editing: boolean;
}) {
  const { t } = useTranslation();
  const node = useNode();
  const [error, setError] = useState<NodeMessage | null>(null);
  const tamper = useMutation({
    mutationFn: (edit: TamperEdit): Promise<TamperResult> => node.tamper(edit),
    onSuccess: (result) => { setError(result.ok ? null : result.message); },
  });
  const index = displayValue(block['index']);
  const previous = displayValue(block['previous_hash']);
  return (
    <article
      className={`block-card ${validity.state}`}
      aria-label={t('block.name', { index })}
      data-block-index={index}
      data-hash={hash}
      data-validity={validity.state}
    >
      <header>
        <h3>{t('block.name', { index })}</h3>
        <time>{formatTimestamp(block['timestamp'])}</time>
      </header>
      <ValidityLine validity={validity} tampered={tampered} />
      <dl>
        <dt>{t('block.proof')}</dt>
        <dd className="mono">{displayValue(block['proof'])}</dd>
        <dt>{t('block.previousHash')}</dt>
        <dd className="mono" title={previous}>
          {position === 0 ? t('block.genesisHash', { hash: previous }) : shortHash(previous)}
        </dd>
        <dt>{t('block.hash')}</dt>
        <dd className="mono hash" title={hash}>
          {shortHash(hash)}
        </dd>
      </dl>
      <BlockExplanations number={position + 1} hash={hash} />
      {editing ? (
        <TamperTable block={block} number={position + 1} tamper={(edit) => { tamper.mutate(edit); }} />
      ) : (
        <TransactionList transactions={blockTransactions(block)} caption={t('block.transactions')} />
      )}
      {error !== null && (
        <p className="field-error" role="alert">
          {nodeMessageText(error)}
        </p>
      )}
    </article>
  );
}
