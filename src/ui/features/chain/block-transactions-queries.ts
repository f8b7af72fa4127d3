import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { NodeClient } from '../../connection/node-client';
import { useNode } from '../../connection/node-context';
import { nodeKey } from '../../shared/node-queries';

/** Transactions of one block per page, as the node sends them (node/view-pages). */
export const TRANSACTION_PAGE = 50;

/**
 * A page of the transactions of one of our blocks, for a card showing more than the chain
 * view carries. Under the 'chain' key, so a change of our chain refetches it; the hash in
 * the key ties it to the block the card shows.
 */
export const blockTransactionsQuery = (node: NodeClient, number: number, hash: string, offset: number) =>
  queryOptions({ queryKey: [...nodeKey('chain'), 'transactions', number, hash, offset], queryFn: () => node.blockTransactions(number, hash, offset) });

export const useBlockTransactions = (number: number, hash: string, offset: number, enabled: boolean) =>
  useQuery({ ...blockTransactionsQuery(useNode(), number, hash, offset), enabled, placeholderData: keepPreviousData });
