import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NodeClient } from '../../connection/node-client';
import { useNode } from '../../connection/node-context';
import { nodeKey } from '../../shared/node-queries';

/**
 * The explanation of one of our blocks, computed in the worker when it is first opened. Under
 * the 'chain' key, so a change of our chain or of its rules refetches it; the hash in the key
 * ties it to the block the card shows.
 */
export const blockExplanationQuery = (node: NodeClient, number: number, hash: string) =>
  queryOptions({ queryKey: [...nodeKey('chain'), 'explain', number, hash], queryFn: () => node.explainBlock(number, hash) });

export const useBlockExplanation = (number: number, hash: string, open: boolean) =>
  useQuery({ ...blockExplanationQuery(useNode(), number, hash), enabled: open });
