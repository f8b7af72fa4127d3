import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { App } from './app';
import { startDisplay } from './display';
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
const pageWarnings = startDisplay(window.location.search);
root.render(<p className="loading">{i18next.t('app.starting')}</p>);

startNode(window.location.search, (event) => {
  for (const topic of event.topics) void queryClient.invalidateQueries({ queryKey: nodeKey(topic) });
})
  .then((client) => {
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <NodeContext value={client}>
            <App pageWarnings={pageWarnings} />
          </NodeContext>
        </QueryClientProvider>
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(<p role="alert">{i18next.t('app.failed', { reason: error instanceof Error ? error.message : String(error) })}</p>);
  });
