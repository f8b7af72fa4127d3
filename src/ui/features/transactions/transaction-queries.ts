import { useMutation } from '@tanstack/react-query';
import i18next from 'i18next';
import type { AddTransactionResult } from '../../../node/api';
import { useNode } from '../../connection/node-context';
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
