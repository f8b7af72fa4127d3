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

export function App() {
  const { t } = useTranslation();
  // The whole page hangs below this component: it must not re-render on mining progress.
  const status = useNodeStatusPart(({ id, network, rules, height, warnings }) => ({ id, network, rules, height, warnings })).data;
  if (!status) return <p className="loading">{t('app.starting')}</p>;
  return (
    <>
      <header className="top">
        <h1>tabchain</h1>
        <p className="whoami">
          <Trans
            i18nKey="header.whoami"
            values={{ network: status.network, rule: status.rules.rule, difficulty: status.rules.difficulty, height: status.height }}
            components={{ badge: <NodeBadge id={status.id} />, strong: <strong />, height: <strong data-testid="height" /> }}
          />
        </p>
        <a className="view-link" href={pageViewHref(window.location.search, 'network')}>
          {t('app.openNetworkView')}
        </a>
        <PreferencesBar />
      </header>
      <NodeWarnings warnings={status.warnings} />
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
