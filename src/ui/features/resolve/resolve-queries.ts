import { useMutation, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import type { ResolveResult } from '../../../contract/results';
import type { PeerView } from '../../../contract/views';
import { tabLabel } from '../../shared/class-badges';
import { nodeKey } from '../../shared/node-queries';
import { useNode } from '../../connection/node-context';
import { useUiStore } from '../../shared/store';

export function useResolve() {
  const node = useNode();
  const record = useUiStore((state) => state.record);
  const queries = useQueryClient();
  // The log names a tab as the class does: its letter and short id.
  const label = (id: string) => tabLabel(id, queries.getQueryData<readonly PeerView[]>(nodeKey('peers'))?.find((peer) => peer.id === id)?.slot ?? null);
  return useMutation({
    mutationFn: (): Promise<ResolveResult> => node.resolve(),
    onSuccess: (result) => {
      record({
        kind: 'resolved',
        text: result.replaced
          ? i18next.t('activity.replaced', { winner: result.winner === null ? '?' : label(result.winner) })
          : i18next.t('activity.authoritative'),
      });
    },
  });
}
