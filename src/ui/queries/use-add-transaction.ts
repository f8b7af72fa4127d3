import { useMutation } from '@tanstack/react-query';
import type { AddTransactionResult } from '../../node/api';
import { useNode } from '../node-context';
import { useUiStore } from '../store';

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
      if (result.ok) record({ kind: 'transaction', text: `Transaction will be added to Block ${result.blockIndex}` });
    },
  });
}
