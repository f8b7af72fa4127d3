import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NetworkView } from './network-view';
import { startNetworkView } from './network-view-client';
import { NetworkViewContext } from './network-view-context';
import { networkViewKey } from './network-view-queries';

/**
 * Starts the network view's worker and returns the page to draw. A module of its own, loaded
 * only by `?view=network`, so that students' tabs do not download the teacher's view.
 */
export async function startNetworkViewPage(search: string, queryClient: QueryClient): Promise<ReactNode> {
  const client = await startNetworkView(search, (event) => {
    for (const topic of event.topics) void queryClient.invalidateQueries({ queryKey: networkViewKey(topic) });
  });
  return (
    <NetworkViewContext value={client}>
      <NetworkView />
    </NetworkViewContext>
  );
}
