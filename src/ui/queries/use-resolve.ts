import { useMutation } from '@tanstack/react-query';
import type { ResolveResult } from '../../node/api';
import { useNode } from '../node-context';
import { useUiStore } from '../store';

export function useResolve() {
  const node = useNode();
  const record = useUiStore((state) => state.record);
  return useMutation({
    mutationFn: (): Promise<ResolveResult> => node.resolve(),
    onSuccess: (result) => {
      record({
        kind: 'resolved',
        text: result.replaced ? `Our chain was replaced by ${result.winner ?? 'a peer'}'s chain.` : 'Our chain is authoritative.',
      });
    },
  });
}
