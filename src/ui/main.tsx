import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startNode } from './node-client';
import { NodeContext } from './node-context';
import { nodeKey } from './queries/node-queries';
import './styles.css';

// Data lives in the worker: a query is a worker call, never stale until the node says so.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { networkMode: 'always', staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
    mutations: { networkMode: 'always', retry: false },
  },
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element.');
const root = createRoot(rootElement);

startNode(window.location.search, (event) => {
  for (const topic of event.topics) void queryClient.invalidateQueries({ queryKey: nodeKey(topic) });
})
  .then((client) => {
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <NodeContext value={client}>
            <App />
          </NodeContext>
        </QueryClientProvider>
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(<p role="alert">The node could not start: {error instanceof Error ? error.message : String(error)}</p>);
  });
