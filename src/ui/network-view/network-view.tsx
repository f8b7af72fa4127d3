import { NodeWarnings } from '../components/node-warnings';
import { ForkTreePanel } from '../components/fork-tree';
import { NetworkRulesPanel } from '../components/rules-panel';
import { useNetworkView } from './network-view-context';
import { useNetworkForks, useNetworkStatus } from './network-view-queries';
import { pageViewHref } from './page-view';
import { ResetNetworkPanel } from './reset-network-panel';
import { TabsTable } from './tabs-table';
import './network-view.css';

/**
 * The teacher's view of the whole network, made for a projector: every tab side by side, the
 * fork tree of all their chains, the network's rules and Reset network. It is no tab itself.
 */
export function NetworkView() {
  const view = useNetworkView();
  const status = useNetworkStatus().data;
  const forks = useNetworkForks().data;
  if (!status) return <p className="loading">Starting the network view…</p>;
  return (
    <div className="network-view">
      <header className="top">
        <h1>Network view</h1>
        <p className="whoami">
          Every tab of network <strong>{status.network}</strong>, live. This view watches the tabs: it is not a tab and
          does not mine.
        </p>
        <a className="view-link" href={pageViewHref(window.location.search, 'node')}>
          Open a tab of this network
        </a>
      </header>
      <NodeWarnings warnings={status.warnings} />
      <main className="network-layout">
        <TabsTable />
        <ForkTreePanel forks={forks} self={null} />
        <div className="network-controls">
          <NetworkRulesPanel
            rules={status.rules}
            rulesClock={status.rulesClock}
            hashRate={null}
            setRules={(rules) => view.setRules(rules)}
            note={
              !status.rulesKnown && (
                <p className="hint" data-testid="rules-unknown">
                  No tab has told its rules yet: these are the rules of this page’s address. Rules applied here reach every
                  tab, and every tab that joins later.
                </p>
              )
            }
          />
          <ResetNetworkPanel />
        </div>
      </main>
    </div>
  );
}
