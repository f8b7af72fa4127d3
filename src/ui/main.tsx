import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { NetworkView } from './network-view/network-view';
import { startNetworkView } from './network-view/network-view-client';
import { NetworkViewContext } from './network-view/network-view-context';
import { networkViewKey } from './network-view/network-view-queries';
import { parsePageView } from './network-view/page-view';
import { startNode } from './node-client';
import { NodeContext } from './node-context';
import { nodeKey } from './queries/node-queries';
import './styles.css';

// Data lives in the worker: a query is a worker call, never stale until the worker says so.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { networkMode: 'always', staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
    mutations: { networkMode: 'always', retry: false },
  },
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element.');
const root = createRoot(rootElement);

const search = window.location.search;
const { view, warning } = parsePageView(search);

function render(page: ReactNode): void {
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        {warning !== null && (
          <div className="banner" role="alert">
            <p>{warning}</p>
          </div>
        )}
        {page}
      </QueryClientProvider>
    </StrictMode>,
  );
}

// `?view=network` opens the teacher's view of the whole network; any other page is a tab's node.
const started =
  view === 'network'
    ? startNetworkView(search, (event) => {
        for (const topic of event.topics) void queryClient.invalidateQueries({ queryKey: networkViewKey(topic) });
      }).then((client) => {
        render(
          <NetworkViewContext value={client}>
            <NetworkView />
          </NetworkViewContext>,
        );
      })
    : startNode(search, (event) => {
        for (const topic of event.topics) void queryClient.invalidateQueries({ queryKey: nodeKey(topic) });
      }).then((client) => {
        render(
          <NodeContext value={client}>
            <App />
          </NodeContext>,
        );
      });

started.catch((error: unknown) => {
  const what = view === 'network' ? 'The network view' : 'The node';
  root.render(<p role="alert">{what} could not start: {error instanceof Error ? error.message : String(error)}</p>);
});
