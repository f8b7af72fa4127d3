import { useId, useState, type SyntheticEvent } from 'react';
import { MAX_ABS_AMOUNT, MAX_PARTY_CHARS } from '../../network/limits';
import type { TransactionField } from '../../node/api';
import { useNodeStatusPart } from '../queries/node-queries';
import { useAddTransaction, type TransactionForm as Form } from '../queries/use-add-transaction';

const BALANCES_HINT = 'Spend only what you have is on: a sender can spend at most its available coins, shown under Balances.';

const EMPTY: Form = { sender: '', recipient: '', amount: '' };
const FIELDS: readonly { name: TransactionField; label: string; inputMode?: 'decimal' }[] = [
  { name: 'sender', label: 'Sender' },
  { name: 'recipient', label: 'Recipient' },
  { name: 'amount', label: 'Amount', inputMode: 'decimal' },
];

export function TransactionForm() {
  const [form, setForm] = useState<Form>(EMPTY);
  const add = useAddTransaction();
  const id = useId();
  const errors = add.data?.ok === false ? add.data.errors : {};
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
      <h2 id={`${id}-title`}>Add transaction</h2>
      {balancesEnforced && <p className="hint">{BALANCES_HINT}</p>}
      <p className="hint">
        Sender and recipient: up to {MAX_PARTY_CHARS} characters. Amount: a number like 5 or 2.5, at most{' '}
        {MAX_ABS_AMOUNT.toLocaleString('en-US')} either way.
      </p>
      <form onSubmit={submit} noValidate>
        {FIELDS.map(({ name, label, inputMode }) => {
          const error = errors[name];
          return (
            <div className="field" key={name}>
              <label htmlFor={`${id}-${name}`}>{label}</label>
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
                  {error}
                </p>
              )}
            </div>
          );
        })}
        <button type="submit" disabled={add.isPending}>
          Add transaction
        </button>
      </form>
      <p className="result" role="status" aria-live="polite">
        {add.data?.ok === true ? `Transaction will be added to Block ${add.data.blockIndex}` : ''}
      </p>
    </section>
  );
}
