import '../core/zod-without-eval';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import type { NodeTopic } from '../contract/views';
import { App } from './app';
import { startDisplay, useDisplayPreferences } from './features/display/display';
import { parsePageView } from './features/network-view/page-view';
import { startNode } from './connection/node-client';
import { createTopicBatch } from './connection/topic-batch';
import { NodeContext } from './connection/node-context';
import { nodeKey } from './shared/node-queries';
import { preloadPanels } from './features/lesson-tabs/panel-modules';
import './styles.css';

// Data lives in the worker: a query is a worker call, never stale until the worker says so.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { networkMode: 'always', staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
    mutations: { networkMode: 'always', retry: false },
  },
});

// A new chain and the status are fetched and drawn at once; the rest of the node's changes together, a tenth of a second after the first.
const invalidateTopics = createTopicBatch<NodeTopic>(
  (topics) => {
    for (const topic of topics) void queryClient.invalidateQueries({ queryKey: nodeKey(topic) });
  },
  (topic) => topic === 'chain' || topic === 'status',
  100,
);

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element.');
const root = createRoot(rootElement);
const search = window.location.search;
// `?teacher=` hands the teacher's secret key to the node (npm start prints that link for the
// teacher's own computer): it leaves the address bar at once, so no link copied from it carries it.
const shownParams = new URLSearchParams(search);
if (shownParams.has('teacher')) {
  shownParams.delete('teacher');
  const shown = shownParams.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${shown === '' ? '' : `?${shown}`}${window.location.hash}`);
}
// URL parameters the page itself ignored (the node reports its own); the language comes first, to say the rest in it.
const displayWarnings = await startDisplay(search);
const { view, warning } = parsePageView(search);
const pageWarnings = [...displayWarnings, ...(warning === null ? [] : [warning])];
root.render(<p className="loading">{i18next.t('app.starting')}</p>);

/** Theme, projector mode and language follow the preferences on every view. */
function Display({ children }: { children: ReactNode }) {
  useDisplayPreferences();
  return children;
}

function render(page: ReactNode): void {
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Display>
          {pageWarnings.length > 0 && (
            <div className="banner" role="alert">
              {pageWarnings.map((text) => (
                <p key={text}>{text}</p>
              ))}
            </div>
          )}
          {page}
        </Display>
      </QueryClientProvider>
    </StrictMode>,
  );
}

// `?view=network` opens the teacher's view of the whole network; any other page is a tab's node.
const started =
  view === 'network'
    ? import('./features/network-view/network-view-page').then(async ({ startNetworkViewPage }) => {
        render(await startNetworkViewPage(search, queryClient));
      })
    : Promise.all([
        startNode(search, (event) => {
          invalidateTopics(event.topics);
        }),
        // Fetched and run while the worker starts: see panel-modules.ts.
        preloadPanels(),
      ]).then(([client]) => {
        render(
          <NodeContext value={client}>
            <App />
          </NodeContext>,
        );
      });

started.catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  root.render(<p role="alert">{i18next.t(view === 'network' ? 'app.viewFailed' : 'app.failed', { reason })}</p>);
});
