import { NodeWarnings } from '../this-node/node-warnings';
import { ConnectionLine } from '../class-connection/connection-line';
import { JoinPanel } from '../class-connection/join-panel';
import { Trans, useTranslation } from 'react-i18next';
import { ForkTreePanel } from '../fork-tree/fork-tree';
import { PreferencesBar } from '../display/preferences-bar';
import { NetworkRulesPanel } from '../rules/rules-panel';
import { useNetworkView } from './network-view-context';
import { networkViewKey, useNetworkForks, useNetworkStatus, useNetworkTabs } from './network-view-queries';
import { SlotsProvider } from '../../shared/slots';
import { pageViewHref } from './page-view';
import { ResetNetworkPanel } from './reset-network-panel';
import { TabStrips } from './tab-strips';
import { TabsTable } from './tabs-table';
import './network-view.css';

/**
 * The teacher's view of the whole network, made for a projector: every tab side by side, the
 * fork tree of all their chains, the network's rules and Reset network. It is no tab itself.
 */
export function NetworkView() {
  const { t } = useTranslation();
  const view = useNetworkView();
  const status = useNetworkStatus().data;
  const forks = useNetworkForks().data;
  const slots = useNetworkTabs().data?.map((tab) => [tab.id, tab.slot] as const) ?? [];
  if (!status) return <p className="loading">{t('networkView.starting')}</p>;
  return (
    <SlotsProvider entries={slots}>
    <div className="network-view">
      <header className="top">
        <h1>{t('networkView.title')}</h1>
        <p className="whoami">
          <Trans i18nKey="networkView.whoami" values={{ network: status.network }} components={{ strong: <strong /> }} />
        </p>
        <a className="view-link" href={pageViewHref(window.location.search, 'node')} target="_blank" rel="noopener">
          {t('networkView.openTab')}
        </a>
        <PreferencesBar />
      </header>
      {status.link && <ConnectionLine link={status.link} />}
      <NodeWarnings warnings={status.warnings} />
      <main className="network-layout">
        {/* Beside the tabs on a wide screen: the address and QR code students join by, in the first screen. */}
        <div className="network-top">
          <TabsTable />
          <JoinPanel network={status.network} onBroker={status.link !== null} teacherKey={status.authority.publicKey} />
        </div>
        <TabStrips />
        <ForkTreePanel forks={forks} self={null} />
        <div className="network-controls">
          <NetworkRulesPanel
            rules={status.rules}
            rulesClock={status.rulesClock}
            hashRate={null}
            authority={status.authority}
            schedule={status.schedule}
            setRules={(rules) => view.setRules(rules)}
            previewRules={(rules) => view.previewRules(rules)}
            statusKey={networkViewKey('status')}
            note={
              !status.rulesKnown && (
                <p className="hint" data-testid="rules-unknown">
                  {t('networkView.rulesUnknown')}
                </p>
              )
            }
          />
          <ResetNetworkPanel />
        </div>
      </main>
    </div>
    </SlotsProvider>
  );
}
