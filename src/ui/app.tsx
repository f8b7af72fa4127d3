import { lazy, Suspense } from 'react';
import { NodeWarnings } from './features/this-node/node-warnings';
import { ActivityLog } from './features/activity/activity-log';
import { BalancesPanel } from './features/balances/balances-panel';
import { ChainFilePanel } from './features/chain-file/chain-file-panel';
import { ChainView } from './features/chain/chain-view';
import { ForkTree } from './features/fork-tree/fork-tree';
import { MinePanel } from './features/mining/mine-panel';
import { NodeBadge } from './shared/node-badge';
import { NodePanel } from './features/this-node/node-panel';
import { PeersPanel } from './features/peers/peers-panel';
import { PendingPanel } from './features/transactions/pending-panel';
import { ResolvePanel } from './features/resolve/resolve-panel';
import { RulesPanel } from './features/rules/rules-panel';
import { StorageBanner } from './features/this-node/storage-banner';
import { TransactionForm } from './features/transactions/transaction-form';
import { PreferencesBar } from './features/display/preferences-bar';
import { pageViewHref } from './features/network-view/page-view';
import { useNodeStatusPart } from './shared/node-queries';
import { Trans, useTranslation } from 'react-i18next';

// The console sits last on the page and is loaded after the rest, keeping the first load small.
const ApiConsole = lazy(() => import('./features/console/api-console').then((module) => ({ default: module.ApiConsole })));

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
