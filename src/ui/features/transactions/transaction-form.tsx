import { useId, useState, type SyntheticEvent } from 'react';
import { MAX_ABS_AMOUNT, MAX_PARTY_CHARS } from '../../../network/limits';
import { useTranslation } from 'react-i18next';
import type { TransactionField } from '../../../node/api';
import { nodeMessageText } from '../../shared/node-message-text';
import { useNodeStatusPart } from '../../shared/node-queries';
import { useAddTransaction, type TransactionForm as Form } from './transaction-queries';

const EMPTY: Form = { sender: '', recipient: '', amount: '' };
const FIELDS: readonly { name: TransactionField; inputMode?: 'decimal' }[] = [
  { name: 'sender' },
  { name: 'recipient' },
  { name: 'amount', inputMode: 'decimal' },
];

export function TransactionForm() {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(EMPTY);
  const add = useAddTransaction();
  const id = useId();
  const errors = add.data?.ok === false ? add.data.messages : {};
  const balancesEnforced = useNodeStatusPart((status) => status.rules.balances).data === true;

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    add.mutate(form, {
      onSuccess: (result) => {
        if (result.ok) setForm(EMPTY);
      },
    });
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('transactionForm.title')}</h2>
      {balancesEnforced && <p className="hint">{t('transactionForm.balancesHint')}</p>}
      <p className="hint">
        {t('transactionForm.limits', { chars: MAX_PARTY_CHARS, amount: MAX_ABS_AMOUNT.toLocaleString('en-US') })}
      </p>
      <form onSubmit={submit} noValidate>
        {FIELDS.map(({ name, inputMode }) => {
          const error = errors[name];
          return (
            <div className="field" key={name}>
              <label htmlFor={`${id}-${name}`}>{t(`transactions.${name}`)}</label>
              <input
                id={`${id}-${name}`}
                name={name}
                value={form[name]}
                required
                autoComplete="off"
                {...(inputMode ? { inputMode } : {})}
                aria-invalid={error !== undefined}
                aria-describedby={error === undefined ? undefined : `${id}-${name}-error`}
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
      </form>
      <p className="result" role="status" aria-live="polite">
        {add.data?.ok === true ? t('activity.transaction', { index: add.data.blockIndex }) : ''}
      </p>
    </section>
  );
}
