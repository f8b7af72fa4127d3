import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NodeClient } from '../../connection/node-client';
import { useNode } from '../../connection/node-context';
import { nodeKey } from '../../shared/node-queries';

// Counted in the worker; the node announces the 'balances' topic whenever its chain or pending list changes.
export const balancesQuery = (node: NodeClient) => queryOptions({ queryKey: nodeKey('balances'), queryFn: () => node.balances() });

export const useNodeBalances = () => useQuery(balancesQuery(useNode()));
