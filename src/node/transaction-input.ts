import { z } from 'zod';
import type { Transaction } from '../core/block';
import { parsePythonJson } from '../core/python-json';
import { MAX_ABS_AMOUNT, MAX_AMOUNT_CHARS, MAX_PARTY_CHARS } from '../network/limits';
import type { NodeMessage } from '../contract/node-messages';
import type { TransactionField } from '../contract/views';

/*
 * The page's form is limited (network/limits.ts); POST /transactions/new keeps the tutorial's
 * semantics (any JSON, 400 "Missing values" only when a field is absent: see endpoints.ts),
 * and peers' chains are judged by validation instead.
 */


export type TransactionInputResult =
  | { readonly ok: true; readonly transaction: Transaction }
  | {
      readonly ok: false;
      readonly texts: Partial<Record<TransactionField, string>>;
      readonly messages: Partial<Record<TransactionField, NodeMessage>>;
    };

/** A field typed as text: a transaction's, or a block's timestamp in the tamper lab. */
export type TypedField = TransactionField | 'timestamp';

/** One refused field: its error in English (HTTP answers) and as a message for the page. */
export interface FieldError {
  readonly text: string;
  readonly message: NodeMessage;
}

const AMOUNT_HINT = 'Amount must be a finite number, like 5 or 2.5.';
const MAX_AMOUNT_TEXT = MAX_ABS_AMOUNT.toLocaleString('en-US');
const AMOUNT_RANGE = `Amount must be between -${MAX_AMOUNT_TEXT} and ${MAX_AMOUNT_TEXT}.`;

const LABELS: Readonly<Record<TypedField, string>> = { sender: 'Sender', recipient: 'Recipient', amount: 'Amount', timestamp: 'Timestamp' };

/**
 * Only a string reaches the length checks: zod runs them on any value with a `length`, and
 * one whose `length` cannot be compared with a number (an object without a prototype) throws.
 */
const onlyText = (value: unknown): unknown => (typeof value === 'string' ? value : undefined);

const requiredText = (field: TypedField, max: number) =>
  z.preprocess(
    onlyText,
    z
      .string({ error: `${LABELS[field]} is required.` })
      .trim()
      .min(1, { error: `${LABELS[field]} is required.` })
      .max(max, { error: `${LABELS[field]} must be at most ${max} characters.` }),
  );

/** What a number field's own check found wrong, carried in its zod issue. */
type NumberProblem = 'not-number' | 'out-of-range';

/**
 * A number read exactly as Flask's `request.get_json()` reads it, so `5` stays an int
 * (bigint) and `5.0` a float in the block; with `maxAbs`, its size is limited too.
 */
export const pythonNumberSchema = (field: 'amount' | 'timestamp', hint: string, range?: { maxAbs: number; message: string }) =>
  requiredText(field, MAX_AMOUNT_CHARS).transform((text, ctx) => {
    const parsed = parsePythonJson(text);
    const value = parsed.ok ? parsed.value : null;
    if (typeof value !== 'bigint' && (typeof value !== 'number' || !Number.isFinite(value))) {
      ctx.addIssue({ code: 'custom', message: hint, params: { problem: 'not-number' satisfies NumberProblem } });
      return z.NEVER;
    }
    const size = typeof value === 'bigint' ? (value < 0n ? -value : value) : Math.abs(value);
    if (range !== undefined && size > range.maxAbs) {
      ctx.addIssue({ code: 'custom', message: range.message, params: { problem: 'out-of-range' satisfies NumberProblem } });
      return z.NEVER;
    }
    return value;
  });

/** The message of a field's first zod issue, from the issue's code (the schemas above make only these). */
function fieldMessage(field: TypedField, issue: z.core.$ZodIssue): NodeMessage {
  if (issue.code === 'too_big') return { key: `${field}TooLong`, values: { max: Number(issue.maximum) } };
  if (issue.code === 'custom') {
    if (field === 'amount' && issue.params?.['problem'] === 'out-of-range') return { key: 'amountOutOfRange', values: { max: MAX_AMOUNT_TEXT } };
    if (field === 'amount' || field === 'timestamp') return { key: `${field}NotNumber`, values: {} };
  }
  return { key: `${field}Required`, values: {} };
}

/** Why a field's value was refused, from its failed parse. */
export function fieldError(field: TypedField, error: z.ZodError): FieldError {
  const issue = error.issues[0];
  if (issue === undefined) return { text: `${LABELS[field]} is required.`, message: { key: `${field}Required`, values: {} } };
  return { text: issue.message, message: fieldMessage(field, issue) };
}

/**
 * One schema per transaction field; the tamper lab edits a block's transactions with them,
 * and may write any amount (showing what a forged 10^20 does is the lesson).
 */
export const transactionFieldSchemas = {
  sender: requiredText('sender', MAX_PARTY_CHARS),
  recipient: requiredText('recipient', MAX_PARTY_CHARS),
  amount: pythonNumberSchema('amount', AMOUNT_HINT),
} as const;

/** A new payment's amount is also within the stated range. */
const formAmountSchema = pythonNumberSchema('amount', AMOUNT_HINT, { maxAbs: MAX_ABS_AMOUNT, message: AMOUNT_RANGE });

/** Parses the Add transaction form, every field on its own so that each error shows at once. */
export function parseTransactionInput(input: unknown): TransactionInputResult {
  const form: Record<string, unknown> = typeof input === 'object' && input !== null ? { ...input } : {};
  const sender = transactionFieldSchemas.sender.safeParse(form['sender']);
  const recipient = transactionFieldSchemas.recipient.safeParse(form['recipient']);
  const amount = formAmountSchema.safeParse(form['amount']);
  if (sender.success && recipient.success && amount.success) {
    return { ok: true, transaction: { sender: sender.data, recipient: recipient.data, amount: amount.data } };
  }
  const texts: Partial<Record<TransactionField, string>> = {};
  const messages: Partial<Record<TransactionField, NodeMessage>> = {};
  const refuse = (field: TransactionField, error: z.ZodError) => {
    ({ text: texts[field], message: messages[field] } = fieldError(field, error));
  };
  if (!sender.success) refuse('sender', sender.error);
  if (!recipient.success) refuse('recipient', recipient.error);
  if (!amount.success) refuse('amount', amount.error);
  return { ok: false, texts, messages };
}
