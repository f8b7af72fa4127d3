import { useMutation } from '@tanstack/react-query';
import type { MineResult } from '../../node/api';
import { displayValue, formatCount } from '../format';
import { useNode } from '../node-context';
import { useUiStore } from '../store';

export function useMine() {
  const node = useNode();
  const record = useUiStore((state) => state.record);
  return useMutation({
    mutationFn: (): Promise<MineResult> => node.mine(),
    onSuccess: (result) => {
      record(
        result.ok
          ? { kind: 'mined', text: `Block ${displayValue(result.block['index'])} forged after ${formatCount(result.attempts)} attempts (${(result.ms / 1000).toFixed(1)} s).` }
          : { kind: 'error', text: result.reason },
      );
    },
  });
}
