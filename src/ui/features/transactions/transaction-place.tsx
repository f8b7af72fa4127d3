import { useTranslation } from 'react-i18next';
import { isJsonObject, type JsonValue } from '../../../core/json-value';
import type { AddTransactionResult } from '../../../contract/results';
import { displayValue } from '../../shared/format';
import { useNodeStatusPart } from '../../shared/node-queries';
import { useMinedIn, usePendingHolds } from './transaction-queries';

type Added = Extract<AddTransactionResult, { ok: true }>;

/** A transaction told apart by its fields; 5 and 5.0 are one amount (the node may keep either form). */
const key = (tx: JsonValue): string => {
  const fields = isJsonObject(tx) ? tx : {};
  const amount = fields['amount'];
  const amountKey = typeof amount === 'bigint' || typeof amount === 'number' ? String(Number(amount)) : displayValue(amount);
  return [displayValue(fields['sender']), displayValue(fields['recipient']), amountKey].join('\u0000');
};

/**
 * Where the transaction just added is now: pending for the next block, in a block of our
 * chain, or neither (a replaced chain may have taken it elsewhere). Said of the present, never
 * of the moment it was added.
 */
export function TransactionPlace({ result }: { result: Added }) {
  const { t } = useTranslation();
  const wanted = key(result.transaction);
  const pending = usePendingHolds(wanted, key);
  const minedIn = useMinedIn(wanted, key);
  const next = (useNodeStatusPart((status) => status.height).data ?? result.blockIndex - 1) + 1;
  if (pending === true) return <>{t('transactionForm.pendingFor', { index: next })}</>;
  if (minedIn !== undefined && minedIn !== null) return <>{t('transactionForm.minedIn', { index: minedIn })}</>;
  return null;
}
