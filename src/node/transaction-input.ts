import { z } from 'zod';
import type { Transaction } from '../core/block';
import { parsePythonJson } from '../core/python-json';
import { MAX_ABS_AMOUNT, MAX_AMOUNT_CHARS, MAX_PARTY_CHARS } from '../network/limits';

/*
 * The page's form is limited (network/limits.ts); POST /transactions/new keeps the tutorial's
 * semantics (any JSON, 400 "Missing values" only when a field is absent: see endpoints.ts),
 * and peers' chains are judged by validation instead.
 */

export type TransactionField = 'sender' | 'recipient' | 'amount';

export type TransactionInputResult =
  | { readonly ok: true; readonly transaction: Transaction }
  | { readonly ok: false; readonly errors: Partial<Record<TransactionField, string>> };

const AMOUNT_HINT = 'Amount must be a finite number, like 5 or 2.5.';
const AMOUNT_RANGE = `Amount must be between -${MAX_ABS_AMOUNT.toLocaleString('en-US')} and ${MAX_ABS_AMOUNT.toLocaleString('en-US')}.`;

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });

/**
 * A number read exactly as Flask's `request.get_json()` reads it, so `5` stays an int
 * (bigint) and `5.0` a float in the block; with `maxAbs`, its size is limited too.
 */
export const pythonNumberSchema = (label: string, hint: string, range?: { maxAbs: number; message: string }) =>
  requiredText(label, MAX_AMOUNT_CHARS).transform((text, ctx) => {
    const parsed = parsePythonJson(text);
    const value = parsed.ok ? parsed.value : null;
    if (typeof value !== 'bigint' && (typeof value !== 'number' || !Number.isFinite(value))) {
      ctx.addIssue({ code: 'custom', message: hint });
      return z.NEVER;
    }
    const size = typeof value === 'bigint' ? (value < 0n ? -value : value) : Math.abs(value);
    if (range !== undefined && size > range.maxAbs) {
      ctx.addIssue({ code: 'custom', message: range.message });
      return z.NEVER;
    }
    return value;
  });

/**
 * One schema per transaction field; the tamper lab edits a block's transactions with them,
 * and may write any amount (showing what a forged 10^20 does is the lesson).
 */
export const transactionFieldSchemas = {
  sender: requiredText('Sender', MAX_PARTY_CHARS),
  recipient: requiredText('Recipient', MAX_PARTY_CHARS),
  amount: pythonNumberSchema('Amount', AMOUNT_HINT),
} as const;

/** A new payment's amount is also within the stated range. */
const formAmountSchema = pythonNumberSchema('Amount', AMOUNT_HINT, { maxAbs: MAX_ABS_AMOUNT, message: AMOUNT_RANGE });

/** Parses the Add transaction form, every field on its own so that each error shows at once. */
export function parseTransactionInput(input: unknown): TransactionInputResult {
  const form: Record<string, unknown> = typeof input === 'object' && input !== null ? { ...input } : {};
  const sender = transactionFieldSchemas.sender.safeParse(form['sender']);
  const recipient = transactionFieldSchemas.recipient.safeParse(form['recipient']);
  const amount = formAmountSchema.safeParse(form['amount']);
  if (sender.success && recipient.success && amount.success) {
    return { ok: true, transaction: { sender: sender.data, recipient: recipient.data, amount: amount.data } };
  }
  const errors: Partial<Record<TransactionField, string>> = {};
  if (!sender.success) errors.sender = sender.error.issues[0]?.message ?? 'Sender is invalid.';
  if (!recipient.success) errors.recipient = recipient.error.issues[0]?.message ?? 'Recipient is invalid.';
  if (!amount.success) errors.amount = amount.error.issues[0]?.message ?? AMOUNT_HINT;
  return { ok: false, errors };
}
