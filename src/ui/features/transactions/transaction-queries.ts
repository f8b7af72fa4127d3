import { useMutation, useQuery } from '@tanstack/react-query';
import { blockTransactions } from '../../../core/block';
import type { JsonValue } from '../../../core/json-value';
import i18next from 'i18next';
import type { AddTransactionResult } from '../../../contract/results';
import { useNode } from '../../connection/node-context';
import { chainQuery, pendingQuery } from '../../shared/node-queries';
import { useUiStore } from '../../shared/store';

export interface TransactionForm {
  readonly sender: string;
  readonly recipient: string;
  readonly amount: string;
}

export function useAddTransaction() {
  const node = useNode();
  const record = useUiStore((state) => state.record);
  return useMutation({
    mutationFn: (form: TransactionForm): Promise<AddTransactionResult> => node.addTransaction(form),
    onSuccess: (result) => {
      if (result.ok) record({ kind: 'transaction', text: i18next.t('activity.transaction', { index: result.blockIndex }) });
    },
  });
}

/** How far back a mined transaction is looked for: the blocks a lesson has just mined. */
const RECENT_BLOCKS = 20;

/** Whether a transaction of this `key` still waits in our pending list. */
export function usePendingHolds(wanted: string, key: (tx: JsonValue) => string) {
  return useQuery({ ...pendingQuery(useNode()), select: (list) => list.some((tx) => key(tx) === wanted) }).data;
}

/** The number of the recent block of our chain that holds a transaction of this `key`, or null. */
export function useMinedIn(wanted: string, key: (tx: JsonValue) => string) {
  return useQuery({
    ...chainQuery(useNode()),
    select: (chain) => {
      for (let i = chain.blocks.length - 1; i >= Math.max(0, chain.blocks.length - RECENT_BLOCKS); i--) {
        if (blockTransactions(chain.blocks[i]).some((tx) => key(tx) === wanted)) return i + 1;
      }
      return null;
    },
  }).data;
}
