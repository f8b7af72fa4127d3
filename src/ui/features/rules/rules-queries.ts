import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RulesPreview, SetRulesResult } from '../../../contract/results';
import type { NetworkRules } from '../../../core/rules';
import { useNode } from '../../connection/node-context';
import { useNodeStatusPart } from '../../shared/node-queries';
import { useUiStore } from '../../shared/store';

/** Applies new rules through `setRules`: a tab's node, or the network view's observer. */
export function useApplyRules(setRules: (rules: NetworkRules) => Promise<SetRulesResult>) {
  return useMutation({ mutationFn: setRules });
}

/**
 * The expected time per block needs this tab's hash rate. It is measured when the rules are
 * opened and nothing mines, never at start-up: a measurement competes with the other tabs'
 * searches, and a rate measured while the computer was busy says nothing.
 */
export function useMeasureWhenOpen(): void {
  const node = useNode();
  const open = useUiStore((state) => state.lessonTab === 'rules');
  const idle = useNodeStatusPart(({ mining }) => mining === null).data === true;
  useEffect(() => {
    if (open && idle) void node.measureHashRate();
  }, [node, open, idle]);
}

/**
 * What `draft` would do if applied now, asked again whenever the draft or the network (its
 * height, its tabs) changes: under the status key of its page (`statusKey`), which every
 * change of the node or of the network view refetches.
 */
export function useRulesPreview(
  previewRules: (rules: NetworkRules) => Promise<RulesPreview>,
  statusKey: readonly string[],
  draft: NetworkRules,
  enabled: boolean,
) {
  return useQuery({
    queryKey: [...statusKey, 'rules-preview', draft],
    queryFn: () => previewRules(draft),
    enabled,
    staleTime: 0,
  });
}
