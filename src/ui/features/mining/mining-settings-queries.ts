import { useMutation } from '@tanstack/react-query';
import type { MiningSettingsResult } from '../../../contract/results';
import type { MiningSettings } from '../../../contract/views';
import { useNode } from '../../connection/node-context';
import { nodeMessageText } from '../../shared/node-message-text';
import { useUiStore } from '../../shared/store';

/** Engine and threads of this tab, for its next search. */
export function useMiningSettings() {
  const node = useNode();
  const record = useUiStore((state) => state.record);
  return useMutation({
    mutationFn: (settings: MiningSettings): Promise<MiningSettingsResult> => node.setMiningSettings(settings),
    onSuccess: (result) => {
      if (!result.ok) record({ kind: 'error', text: nodeMessageText(result.message) });
    },
  });
}
