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

const AMOUNT_HINT = 'Amount must be a finite number, like 5 or 2.5.';

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });

/**
 * The amount is read as a JSON number exactly as Flask's `request.get_json()` reads it, so
 * `5` stays an int (bigint) and `5.0` a float in the block.
 */
export const pythonNumberSchema = (label: string, hint: string) =>
  requiredText(label, MAX_AMOUNT_LENGTH).transform((text, ctx) => {
    const parsed = parsePythonJson(text);
    const value = parsed.ok ? parsed.value : null;
    if (typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value))) return value;
    ctx.addIssue({ code: 'custom', message: hint });
    return z.NEVER;
  });

const amountSchema = pythonNumberSchema('Amount', AMOUNT_HINT);

/** One schema per form field; the tamper lab edits a block's transactions with the same ones. */
export const transactionFieldSchemas = {
  sender: requiredText('Sender', MAX_PARTY_LENGTH),
  recipient: requiredText('Recipient', MAX_PARTY_LENGTH),
  amount: amountSchema,
} as const;

/** Parses the Add transaction form, every field on its own so that each error shows at once. */
export function parseTransactionInput(input: unknown): TransactionInputResult {
  const form: Record<string, unknown> = typeof input === 'object' && input !== null ? { ...input } : {};
  const sender = transactionFieldSchemas.sender.safeParse(form['sender']);
  const recipient = transactionFieldSchemas.recipient.safeParse(form['recipient']);
  const amount = transactionFieldSchemas.amount.safeParse(form['amount']);
  if (sender.success && recipient.success && amount.success) {
    return { ok: true, transaction: { sender: sender.data, recipient: recipient.data, amount: amount.data } };
  }
  const errors: Partial<Record<TransactionField, string>> = {};
  if (!sender.success) errors.sender = sender.error.issues[0]?.message ?? 'Sender is invalid.';
  if (!recipient.success) errors.recipient = recipient.error.issues[0]?.message ?? 'Recipient is invalid.';
  if (!amount.success) errors.amount = amount.error.issues[0]?.message ?? AMOUNT_HINT;
  return { ok: false, errors };
}
