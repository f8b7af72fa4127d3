import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { blockTransactions } from '../../../core/block';
import { isJsonObject, type JsonValue } from '../../../core/json-value';
import type { AddTransactionResult } from '../../../node/api';
import { useNode } from '../../connection/node-context';
import { displayValue } from '../../shared/format';
import { chainQuery, pendingQuery, useNodeStatusPart } from '../../shared/node-queries';

type Added = Extract<AddTransactionResult, { ok: true }>;

/** How far back a mined transaction is looked for: the blocks a lesson has just mined. */
const RECENT_BLOCKS = 20;

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
  const node = useNode();
  const wanted = key(result.transaction);
  const pending = useQuery({ ...pendingQuery(node), select: (list) => list.some((tx) => key(tx) === wanted) }).data;
  const minedIn = useQuery({
    ...chainQuery(node),
    select: (chain) => {
      for (let i = chain.blocks.length - 1; i >= Math.max(0, chain.blocks.length - RECENT_BLOCKS); i--) {
        if (blockTransactions(chain.blocks[i]).some((tx) => key(tx) === wanted)) return i + 1;
      }
      return null;
    },
  }).data;
  const next = (useNodeStatusPart((status) => status.height).data ?? result.blockIndex - 1) + 1;
  if (pending === true) return <>{t('transactionForm.pendingFor', { index: next })}</>;
  if (minedIn !== undefined && minedIn !== null) return <>{t('transactionForm.minedIn', { index: minedIn })}</>;
  return null;
}
