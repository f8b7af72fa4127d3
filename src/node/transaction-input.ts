import { z } from 'zod';
import type { Transaction } from '../core/block';
import { parsePythonJson } from '../core/python-json';

/** Limits on what the page's form accepts; peers' chains are judged by validation instead. */
export const MAX_PARTY_LENGTH = 200;
export const MAX_AMOUNT_LENGTH = 40;

export type TransactionField = 'sender' | 'recipient' | 'amount';

export type TransactionInputResult =
  | { readonly ok: true; readonly transaction: Transaction }
  | { readonly ok: false; readonly errors: Partial<Record<TransactionField, string>> };

const party = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(MAX_PARTY_LENGTH, { error: `${label} must be at most ${MAX_PARTY_LENGTH} characters.` });

const formSchema = z.object({
  sender: party('Sender'),
  recipient: party('Recipient'),
  amount: z
    .string({ error: 'Amount is required.' })
    .trim()
    .min(1, { error: 'Amount is required.' })
    .max(MAX_AMOUNT_LENGTH, { error: `Amount must be at most ${MAX_AMOUNT_LENGTH} characters.` }),
});

const AMOUNT_HINT = 'Amount must be a finite number, like 5 or 2.5.';

/**
 * Parses the Add transaction form. The amount is read as a JSON number exactly as Flask's
 * `request.get_json()` would read it, so `5` stays an int and `5.0` a float in the block.
 */
export function parseTransactionInput(input: unknown): TransactionInputResult {
  const parsed = formSchema.safeParse(input);
  const errors: Partial<Record<TransactionField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'sender' || field === 'recipient' || field === 'amount') && errors[field] === undefined) {
        errors[field] = issue.message;
      }
    }
    if (errors.sender === undefined && errors.recipient === undefined && errors.amount === undefined) {
      errors.amount = 'The transaction form could not be read.';
    }
    return { ok: false, errors };
  }
  const { sender, recipient } = parsed.data;
  const amount = parsePythonJson(parsed.data.amount);
  if (!amount.ok || !isFiniteNumber(amount.value)) return { ok: false, errors: { amount: AMOUNT_HINT } };
  return { ok: true, transaction: { sender, recipient, amount: amount.value } };
}

function isFiniteNumber(value: unknown): value is bigint | number {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value));
}
