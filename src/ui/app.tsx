import { lazy, Suspense } from 'react';
import { NodeWarnings } from './components/node-warnings';
import { ActivityLog } from './components/activity-log';
import { BalancesPanel } from './components/balances-panel';
import { ChainFilePanel } from './components/chain-file-panel';
import { ChainView } from './components/chain-view';
import { ForkTree } from './components/fork-tree';
import { MinePanel } from './components/mine-panel';
import { NodeBadge } from './components/node-badge';
import { NodePanel } from './components/node-panel';
import { PeersPanel } from './components/peers-panel';
import { PendingPanel } from './components/pending-panel';
import { ResolvePanel } from './components/resolve-panel';
import { RulesPanel } from './components/rules-panel';
import { StorageBanner } from './components/storage-banner';
import { TransactionForm } from './components/transaction-form';
import { PreferencesBar } from './components/preferences-bar';
import { pageViewHref } from './network-view/page-view';
import { useNodeStatusPart } from './queries/node-queries';
import { Trans, useTranslation } from 'react-i18next';

// The console sits last on the page and is loaded after the rest, keeping the first load small.
const ApiConsole = lazy(() => import('./components/api-console').then((module) => ({ default: module.ApiConsole })));

/** Who this tab is and where its chain stands: the only part of the page that follows the height. */
function Header() {
  const { t } = useTranslation();
  const status = useNodeStatusPart(({ id, network, rules, height }) => ({ id, network, rule: rules.rule, difficulty: rules.difficulty, height })).data;
  if (!status) return null;
  return (
    <header className="top">
      <h1>tabchain</h1>
      <p className="whoami">
        <Trans
          i18nKey="header.whoami"
          values={{ network: status.network, rule: status.rule, difficulty: status.difficulty, height: status.height }}
          components={{ badge: <NodeBadge id={status.id} />, strong: <strong />, height: <strong data-testid="height" /> }}
        />
      </p>
      <a className="view-link" href={pageViewHref(window.location.search, 'network')}>
        {t('app.openNetworkView')}
      </a>
      <PreferencesBar />
    </header>
  );
}

export function App() {
  const { t } = useTranslation();
  // The whole page hangs below this component: it re-renders only when the node starts or
  // its warnings change, never on a new block or on mining progress.
  const warnings = useNodeStatusPart(({ warnings }) => warnings).data;
  if (!warnings) return <p className="loading">{t('app.starting')}</p>;
  return (
    <>
      <Header />
      <NodeWarnings warnings={warnings} />
      <StorageBanner />
      <main className="layout">
        <div className="column controls">
          <MinePanel />
          <TransactionForm />
          <ResolvePanel />
          <PeersPanel />
          <RulesPanel />
          <ChainFilePanel />
          <NodePanel />
          <ActivityLog />
        </div>
        <div className="column">
          <PendingPanel />
          <BalancesPanel />
          <ForkTree />
          <ChainView />
          <Suspense fallback={null}>
            <ApiConsole />
          </Suspense>
        </div>
      </main>
    </>
  );
}
