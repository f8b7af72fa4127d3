import { createContext, use } from 'react';
import type { NetworkViewClient } from './network-view-client';

export const NetworkViewContext = createContext<NetworkViewClient | null>(null);

export function useNetworkView(): NetworkViewClient {
  const client = use(NetworkViewContext);
  if (!client) throw new Error('useNetworkView must be used inside <NetworkViewContext value={client}>.');
  return client;
}
