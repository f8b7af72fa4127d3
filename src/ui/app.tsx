import { ActivityLog } from './components/activity-log';
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
import { useNodeStatusPart } from './queries/node-queries';

export function App() {
  // The whole page hangs below this component: it must not re-render on mining progress.
  const status = useNodeStatusPart(({ id, network, rules, height, warnings }) => ({ id, network, rules, height, warnings })).data;
  if (!status) return <p className="loading">Starting the node…</p>;
  return (
    <>
      <header className="top">
        <h1>tabchain</h1>
        <p className="whoami">
          This tab is node <NodeBadge id={status.id} /> on network <strong>{status.network}</strong> · rule{' '}
          <strong>{status.rules.rule}</strong> · difficulty <strong>{status.rules.difficulty}</strong> · height{' '}
          <strong data-testid="height">{status.height}</strong>
        </p>
      </header>
      {status.warnings.length > 0 && (
        <div className="banner" role="alert">
          {status.warnings.map((warning) => (
            <p key={warning}>{warning}</p>
          ))}
        </div>
      )}
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
          <ForkTree />
          <ChainView />
        </div>
      </main>
    </>
  );
}
