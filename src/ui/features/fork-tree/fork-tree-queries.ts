import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NodeClient } from '../../connection/node-client';
import { useNode } from '../../connection/node-context';
import { nodeKey } from '../../shared/node-queries';

// Refetched when the node announces the 'forks' topic, like every other node query.
export const forksQuery = (node: NodeClient) => queryOptions({ queryKey: nodeKey('forks'), queryFn: () => node.forks() });

export const useNodeForks = () => useQuery(forksQuery(useNode()));
