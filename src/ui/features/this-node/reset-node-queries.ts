import { useMutation } from '@tanstack/react-query';
import { useNode } from '../../connection/node-context';

/** Reset node: the worker wipes the node and its storage; its events refresh every view. */
export function useResetNode() {
  const node = useNode();
  return useMutation({ mutationFn: () => node.resetNode() });
}
