import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { NodeClient } from '../../connection/node-client';
import { useNode } from '../../connection/node-context';
import { nodeKey } from '../../shared/node-queries';

/** Addresses per page, as the node sends them (node/view-pages). */
export const BALANCE_PAGE = 100;

// Counted in the worker; the node announces the 'balances' topic whenever its chain or pending list changes.
// A page at a time: a chain may hold hundreds of thousands of addresses.
export const balancesQuery = (node: NodeClient, offset = 0) =>
  queryOptions({ queryKey: [...nodeKey('balances'), offset] as const, queryFn: () => node.balances(offset) });

export const useNodeBalances = (offset = 0) => useQuery({ ...balancesQuery(useNode(), offset), placeholderData: keepPreviousData });
