import { lazy, Suspense, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ActionBar } from './features/action-bar/action-bar';
import { ChainSection } from './features/chain/chain-section';
import { useNodeLink } from './features/class-connection/class-connection-queries';
import { InsecureContextNotice, isInsecureContextWarning } from './features/class-connection/insecure-context-notice';
import { PreferencesBar } from './features/display/preferences-bar';
import { LessonTabs } from './features/lesson-tabs/lesson-tabs';
import { PANEL_MODULES } from './features/lesson-tabs/panel-modules';
import { pageViewHref } from './features/network-view/page-view';
import { PeersPanel } from './features/peers/peers-panel';
import { NodeWarnings } from './features/this-node/node-warnings';
import { StorageBanner } from './features/this-node/storage-banner';
import { NodeBadge } from './shared/node-badge';
import { useNodePeersPart, useNodeStatusPart } from './shared/node-queries';
import { SlotsProvider } from './shared/slots';

// Only a page on a class broker draws its connection line: the others never load it.
const NodeConnectionLine = lazy(() => import('./features/class-connection/connection-line').then((module) => ({ default: module.NodeConnectionLine })));

/** How this tab reaches the class broker; nothing over BroadcastChannel (the tabs of this browser). */
function ClassConnection() {
  const onBroker = (useNodeLink().data ?? null) !== null;
  if (!onBroker) return null;
  return (
    <Suspense fallback={null}>
      <NodeConnectionLine />
    </Suspense>
  );
}

// The fork tree sits below the chain and the action bar: loaded after them, keeping the first load small.
const ForkTree = lazy(() => PANEL_MODULES.forkTree().then((module) => ({ default: module.ForkTree })));

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
      {/* A new tab: this one stays open, and so its node stays in the network. */}
      <a className="view-link" href={pageViewHref(window.location.search, 'network')} target="_blank" rel="noopener">
        {t('app.openNetworkView')}
        <span aria-hidden="true"> ↗</span>
      </a>
      <PreferencesBar />
    </header>
  );
}

/** Every tab's place in the class known here (this one and its peers), for every badge on the page. */
function ClassSlots({ children }: { children: ReactNode }) {
  const own = useNodeStatusPart(({ id, slot }) => [id, slot] as const).data;
  const peers = useNodePeersPart((list) => list.map((peer) => [peer.id, peer.slot] as const)).data ?? [];
  return <SlotsProvider entries={own === undefined ? peers : [own, ...peers]}>{children}</SlotsProvider>;
}

export function App() {
  const { t } = useTranslation();
  // The whole page hangs below this component: it re-renders only when the node starts or
  // its warnings change, never on a new block or on mining progress.
  const warnings = useNodeStatusPart(({ warnings }) => warnings).data;
  if (!warnings) return <p className="loading">{t('app.starting')}</p>;
  return (
    <ClassSlots>
      <Header />
      <ClassConnection />
      <InsecureContextNotice />
      <NodeWarnings warnings={warnings.filter((warning) => !isInsecureContextWarning(warning))} />
      <StorageBanner />
      <main className="main-view">
        <ChainSection />
        <ActionBar />
        <div className="below-chain">
          <PeersPanel />
          <Suspense fallback={null}>
            <ForkTree />
          </Suspense>
        </div>
        <LessonTabs />
      </main>
    </ClassSlots>
  );
}
