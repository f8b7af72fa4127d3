import { useMutation } from '@tanstack/react-query';
import i18next from 'i18next';
import type { ResolveResult } from '../../../node/api';
import { useNode } from '../../connection/node-context';
import { useUiStore } from '../../shared/store';

export function useResolve() {
  const node = useNode();
  const record = useUiStore((state) => state.record);
  return useMutation({
    mutationFn: (): Promise<ResolveResult> => node.resolve(),
    onSuccess: (result) => {
      record({
        kind: 'resolved',
        text: result.replaced
          ? i18next.t('activity.replaced', { winner: result.winner ?? '?' })
          : i18next.t('activity.authoritative'),
      });
    },
  });
}
