import { useMutation, useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import type { MineResult } from '../../../contract/results';
import { useNode } from '../../connection/node-context';
import { displayValue, formatCount } from '../../shared/format';
import { nodeMessageText } from '../../shared/node-message-text';
import { chainQuery } from '../../shared/node-queries';
import { useUiStore } from '../../shared/store';

/** Mine: the node searches a proof, then forges the pending transactions and the reward into a block. */
export function useMine() {
  const node = useNode();
  const record = useUiStore((state) => state.record);
  return useMutation({
    mutationFn: (): Promise<MineResult> => node.mine(),
    onSuccess: (result) => {
      record(
        result.ok
          ? {
              kind: 'mined',
              text: i18next.t('activity.mined', {
                index: displayValue(result.block['index']),
                attempts: formatCount(result.attempts),
                seconds: (result.ms / 1000).toFixed(1),
              }),
            }
          : { kind: 'error', text: nodeMessageText(result.message) },
      );
    },
  });
}

export function useCancelMining() {
  const node = useNode();
  return useMutation({ mutationFn: () => node.cancelMining() });
}

/** Whether the block of this hash is still in our chain (a resolve may have replaced it since). */
export function useInOurChain(hash: string | undefined) {
  return useQuery({ ...chainQuery(useNode()), select: (chain) => hash !== undefined && chain.hashes.includes(hash) }).data;
}
