import { z } from 'zod';
import { blockTransactions, type Block } from '../core/block';
import { isJsonObject, type JsonValue } from '../core/json-value';
import { pythonNumberSchema, transactionFieldSchemas } from './transaction-input';

/** The shape of api.ts's TamperEdit, checked. */
const editSchema = z.strictObject({
  block: z.number({ error: 'block must be a number' }).int().min(1, { error: 'block must be at least 1' }),
  field: z.enum(['timestamp', 'sender', 'recipient', 'amount'], {
    error: 'field must be timestamp, sender, recipient or amount',
  }),
  transaction: z.number().int().min(0).optional(),
  value: z.string({ error: 'value must be text' }),
});

const timestampSchema = pythonNumberSchema('timestamp', 'Timestamp must be a finite number of seconds, like 1735689600.5.');

/** `position` is the 0-based place of the edited block in the chain. */
export type TamperOutcome = { ok: true; block: Block; position: number } | { ok: false; error: string };

/**
 * Applies one tamper-lab edit to a copy of `blocks[edit.block - 1]`. Values are parsed like
 * the Add transaction form's (an amount stays an int or a float as typed), so a tampered
 * block is still a block the tutorial could have served.
 */
export function applyTamperEdit(blocks: readonly Block[], input: unknown): TamperOutcome {
  const parsed = editSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: `Not an edit: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };
  const edit = parsed.data;
  const block = blocks[edit.block - 1];
  if (block === undefined) return { ok: false, error: `There is no block ${edit.block}: the chain has ${blocks.length}.` };
  if (edit.field === 'timestamp') {
    const value = timestampSchema.safeParse(edit.value);
    if (!value.success) return { ok: false, error: value.error.issues[0]?.message ?? 'Invalid timestamp.' };
    return { ok: true, block: { ...block, timestamp: value.data }, position: edit.block - 1 };
  }
  const position = edit.transaction ?? 0;
  const transactions = blockTransactions(block);
  const transaction = transactions[position];
  if (!isJsonObject(transaction)) {
    return { ok: false, error: `Block ${edit.block} has no transaction ${position + 1}.` };
  }
  const value = transactionFieldSchemas[edit.field].safeParse(edit.value);
  if (!value.success) return { ok: false, error: value.error.issues[0]?.message ?? `Invalid ${edit.field}.` };
  const edited: JsonValue[] = [...transactions];
  edited[position] = { ...transaction, [edit.field]: value.data };
  return { ok: true, block: { ...block, transactions: edited }, position: edit.block - 1 };
}
