import { z } from 'zod';
import { blockTransactions, type Block } from '../core/block';
import { isJsonObject, type JsonValue } from '../core/json-value';
import type { NodeMessage } from '../contract/node-messages';
import { fieldError, pythonNumberSchema, transactionFieldSchemas } from './transaction-input';

/** The shape of api.ts's TamperEdit, checked; the page never sends another (tamperNotAnEdit says what it must be). */
const editSchema = z.strictObject({
  block: z.number().int().min(1),
  field: z.enum(['timestamp', 'sender', 'recipient', 'amount']),
  transaction: z.number().int().min(0).optional(),
  value: z.string(),
});

const timestampSchema = pythonNumberSchema('timestamp', 'Timestamp must be a finite number of seconds, like 1735689600.5.');

/** `position` is the 0-based place of the edited block in the chain. */
export type TamperOutcome = { ok: true; block: Block; position: number } | { ok: false; message: NodeMessage };

const refused = (message: NodeMessage): TamperOutcome => ({ ok: false, message });

/**
 * Applies one tamper-lab edit to a copy of `blocks[edit.block - 1]`. Values are parsed like
 * the Add transaction form's (an amount stays an int or a float as typed), so a tampered
 * block is still a block the tutorial could have served.
 */
export function applyTamperEdit(blocks: readonly Block[], input: unknown): TamperOutcome {
  const parsed = editSchema.safeParse(input);
  if (!parsed.success) return refused({ key: 'tamperNotAnEdit', values: {} });
  const edit = parsed.data;
  const block = blocks[edit.block - 1];
  if (block === undefined) return refused({ key: 'tamperNoBlock', values: { block: edit.block, length: blocks.length } });
  if (edit.field === 'timestamp') {
    const value = timestampSchema.safeParse(edit.value);
    if (!value.success) return refused(fieldError('timestamp', value.error).message);
    return { ok: true, block: { ...block, timestamp: value.data }, position: edit.block - 1 };
  }
  const position = edit.transaction ?? 0;
  const transactions = blockTransactions(block);
  const transaction = transactions[position];
  if (!isJsonObject(transaction)) return refused({ key: 'tamperNoTransaction', values: { block: edit.block, transaction: position + 1 } });
  const value = transactionFieldSchemas[edit.field].safeParse(edit.value);
  if (!value.success) return refused(fieldError(edit.field, value.error).message);
  const edited: JsonValue[] = [...transactions];
  edited[position] = { ...transaction, [edit.field]: value.data };
  return { ok: true, block: { ...block, transactions: edited }, position: edit.block - 1 };
}
