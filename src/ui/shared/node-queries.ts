import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ChainView, NodeStatus, NodeTopic, PeerView } from '../../contract/views';
import type { NodeClient } from '../connection/node-client';
import { useNode } from '../connection/node-context';
import { shareBlocksByHash } from './share-blocks';

/** One key per worker topic: a node event invalidates exactly the queries of its topics. */
export const nodeKey = (topic: NodeTopic) => ['node', topic] as const;

// The worker is the source of truth; these queries only mirror it (staleTime: Infinity is
// set on the client, node events invalidate).
export const statusQuery = (node: NodeClient) => queryOptions({ queryKey: nodeKey('status'), queryFn: () => node.status() });
export const chainQuery = (node: NodeClient) =>
  queryOptions({
    queryKey: nodeKey('chain'),
    queryFn: () => node.chain(),
    // Comparing 10,000 blocks deeply would only cost time; their hashes say which are unchanged.
    // The same function shares what a component selects from the chain: that is kept as it comes.
    structuralSharing: (previous, next) => (isChainView(next) ? shareBlocksByHash(isChainView(previous) ? previous : undefined, next) : next),
  });
const isChainView = (value: unknown): value is ChainView =>
  typeof value === 'object' && value !== null && 'hashes' in value && 'blocks' in value && Array.isArray(value.blocks);

export const pendingQuery = (node: NodeClient) => queryOptions({ queryKey: nodeKey('pending'), queryFn: () => node.pending() });
export const peersQuery = (node: NodeClient) => queryOptions({ queryKey: nodeKey('peers'), queryFn: () => node.peers() });
export const journalQuery = (node: NodeClient) => queryOptions({ queryKey: nodeKey('journal'), queryFn: () => node.journal() });

export const useNodeStatus = () => useQuery(statusQuery(useNode()));
/**
 * Part of the status: the component re-renders only when that part changes (react-query
 * keeps the selected object when it is deep-equal), not on every mining progress report.
 */
export const useNodeStatusPart = <T,>(select: (status: NodeStatus) => T) => useQuery({ ...statusQuery(useNode()), select });
export const useNodeChain = () => useQuery(chainQuery(useNode()));
export const useNodePending = () => useQuery(pendingQuery(useNode()));
export const useNodePeers = () => useQuery(peersQuery(useNode()));
/** Part of the peer list: the component re-renders only when that part changes. */
export const useNodePeersPart = <T,>(select: (peers: readonly PeerView[]) => T) => useQuery({ ...peersQuery(useNode()), select });
export const useNodeJournal = () => useQuery(journalQuery(useNode()));
