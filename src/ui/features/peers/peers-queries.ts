import { useMutation } from '@tanstack/react-query';
import { useNode } from '../../connection/node-context';
import { nodeMessageText } from '../../shared/node-message-text';
import { useUiStore } from '../../shared/store';

/** Register a peer by hand, as the tutorial's POST /nodes/register does. */
export function useRegisterPeer() {
  const node = useNode();
  const record = useUiStore((state) => state.record);
  return useMutation({
    mutationFn: (id: string) => node.register([`http://${id}`]),
    onSuccess: (result) => { record({ kind: result.ok ? 'registered' : 'error', text: nodeMessageText(result.message) }); },
  });
}

/** Automatic registration of the tabs that appear, on or off. */
export function useAutoRegister() {
  const node = useNode();
  return useMutation({ mutationFn: (enabled: boolean) => node.setAutoRegister(enabled) });
}
