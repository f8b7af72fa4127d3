import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { ResetNetworkResult } from '../../../contract/results';
import type { NetworkViewTopic } from '../../../contract/views';
import type { NetworkViewClient } from './network-view-client';
import { useNetworkView } from './network-view-context';

/** One key per observer topic: an event invalidates exactly the queries of its topics. */
export const networkViewKey = (topic: NetworkViewTopic) => ['network-view', topic] as const;

// The worker is the source of truth; these queries only mirror it (events invalidate).
export const networkStatusQuery = (view: NetworkViewClient) =>
  queryOptions({ queryKey: networkViewKey('status'), queryFn: () => view.status() });
export const tabsQuery = (view: NetworkViewClient) => queryOptions({ queryKey: networkViewKey('tabs'), queryFn: () => view.tabs() });
export const networkForksQuery = (view: NetworkViewClient) =>
  queryOptions({ queryKey: networkViewKey('forks'), queryFn: () => view.forks() });

export const useNetworkStatus = () => useQuery(networkStatusQuery(useNetworkView()));
export const useNetworkTabs = () => useQuery(tabsQuery(useNetworkView()));
export const useNetworkForks = () => useQuery(networkForksQuery(useNetworkView()));

/** Reset network: every tab starts over from a new genesis block with nothing pending. */
export function useResetNetwork() {
  const view = useNetworkView();
  return useMutation({ mutationFn: async (): Promise<ResetNetworkResult> => view.resetNetwork() });
}
