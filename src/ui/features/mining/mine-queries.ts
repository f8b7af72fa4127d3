import { useMutation } from '@tanstack/react-query';
import i18next from 'i18next';
import type { MineResult } from '../../../node/api';
import { displayValue, formatCount } from '../../shared/format';
import { useNode } from '../../connection/node-context';
import { nodeMessageText } from '../../shared/node-message-text';
import { useUiStore } from '../../shared/store';

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
