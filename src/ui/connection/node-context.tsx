import { createContext, use } from 'react';
import type { NodeClient } from './node-client';

export const NodeContext = createContext<NodeClient | null>(null);

export function useNode(): NodeClient {
  const node = use(NodeContext);
  if (!node) throw new Error('useNode must be used inside <NodeContext value={client}>.');
  return node;
}
