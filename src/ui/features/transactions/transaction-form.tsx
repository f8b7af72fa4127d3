import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ABS_AMOUNT, MAX_PARTY_CHARS } from '../../../network/limits';
import type { TransactionField } from '../../../contract/views';
import { nodeMessageText } from '../../shared/node-message-text';
import { useNodeStatusPart } from '../../shared/node-queries';
import { useAddTransaction, type TransactionForm as Form } from './transaction-queries';
import { TransactionPlace } from './transaction-place';

const EMPTY: Form = { sender: '', recipient: '', amount: '' };
const FIELDS: readonly { name: TransactionField; inputMode?: 'decimal' }[] = [
  { name: 'sender' },
  { name: 'recipient' },
  { name: 'amount', inputMode: 'decimal' },
];

/** Sender, Recipient, Amount and Add transaction, in one row of the action bar. */
export function TransactionForm() {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(EMPTY);
  const add = useAddTransaction();
  const id = useId();
  const errors = add.data?.ok === false ? add.data.messages : {};
  const balancesEnforced = useNodeStatusPart((status) => status.rules.balances).data === true;
  const limits = t('transactionForm.limits', { chars: MAX_PARTY_CHARS, amount: MAX_ABS_AMOUNT.toLocaleString('en-US') });

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    add.mutate(form, {
      onSuccess: (result) => {
        if (result.ok) setForm(EMPTY);
      },
    });
  };

  return (
    <form className="transaction-form" onSubmit={submit} noValidate aria-label={t('transactionForm.title')}>
      <div className="transaction-fields">
        {FIELDS.map(({ name, inputMode }) => {
          const error = errors[name];
          return (
            <div className={`field field-${name}`} key={name}>
              <label htmlFor={`${id}-${name}`}>{t(`transactions.${name}`)}</label>
              <input
                id={`${id}-${name}`}
                name={name}
                value={form[name]}
                required
                autoComplete="off"
                title={limits}
                {...(inputMode ? { inputMode } : {})}
                aria-invalid={error !== undefined}
                aria-describedby={error === undefined ? `${id}-limits` : `${id}-${name}-error`}
                onChange={(event) => {
                  setForm({ ...form, [name]: event.target.value });
                }}
              />
              {error !== undefined && (
                <p className="field-error" id={`${id}-${name}-error`} role="alert">
                  {nodeMessageText(error)}
                </p>
              )}
            </div>
          );
        })}
        <button type="submit" disabled={add.isPending}>
          {t('transactionForm.submit')}
        </button>
      </div>
      <p className="hint limits" id={`${id}-limits`}>
        {limits}
      </p>
      {balancesEnforced && <p className="hint">{t('transactionForm.balancesHint')}</p>}
      <p className="result" role="status" aria-live="polite" data-testid="transaction-result">
        {add.data?.ok === true && <TransactionPlace result={add.data} />}
      </p>
    </form>
  );
}
