import { useMutation } from '@tanstack/react-query';
import type { RepairResult, TamperResult } from '../../../contract/results';
import type { TamperEdit } from '../../../contract/views';
import { useNode } from '../../connection/node-context';

/** One edit of the tamper lab; the node answers with the chain judged again (its events refetch it). */
export function useTamper() {
  const node = useNode();
  return useMutation({ mutationFn: (edit: TamperEdit): Promise<TamperResult> => node.tamper(edit) });
}

/** Repair: every link rewritten, every proof the rule requires mined again. */
export function useRepair() {
  const node = useNode();
  return useMutation({ mutationFn: (): Promise<RepairResult> => node.repair() });
}
