import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NodeClient } from '../node-client';
import { useNode } from '../node-context';
import { nodeKey } from './node-queries';

// Counted in the worker; the node announces the 'balances' topic whenever its chain or pending list changes.
export const balancesQuery = (node: NodeClient) => queryOptions({ queryKey: nodeKey('balances'), queryFn: () => node.balances() });

export const useNodeBalances = () => useQuery(balancesQuery(useNode()));
