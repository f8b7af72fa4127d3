import type { PeerStatus, TabView } from '../../node/api';
import { NodeBadge } from '../components/node-badge';
import { formatRate, shortHash } from '../format';
import { useNetworkTabs } from './network-view-queries';

const STATUS_TEXT: Record<PeerStatus, string> = {
  online: 'online',
  silent: 'not answering',
  left: 'closed',
};

const UNKNOWN = '—';

function miningText(tab: TabView): string {
  if (tab.mining === null) return UNKNOWN;
  if (!tab.mining) return 'no';
  return `yes · ${tab.hashRate === null ? 'measuring' : formatRate(tab.hashRate)}`;
}

/** Every tab of the network side by side, live: what each one announces, a few times a second at most. */
export function TabsTable() {
  const tabs = useNetworkTabs().data;
  const online = tabs?.filter((tab) => tab.status !== 'left').length ?? 0;
  return (
    <section className="panel tabs-panel" aria-labelledby="tabs-title">
      <h2 id="tabs-title">
        Tabs <span className="tabs-count">({online} online)</span>
      </h2>
      {tabs === undefined ? (
        <p className="hint">Listening for the tabs of this network…</p>
      ) : tabs.length === 0 ? (
        <p className="hint">No tab on this network yet. Open this network’s address in other tabs: each one appears here.</p>
      ) : (
        <div className="tabs-scroll">
          <table className="tabs-table" data-testid="tabs-table">
            <thead>
              <tr>
                <th scope="col">Tab</th>
                <th scope="col">Status</th>
                <th scope="col">Height</th>
                <th scope="col">Tip</th>
                <th scope="col">Mining</th>
                <th scope="col">Pending</th>
              </tr>
            </thead>
            <tbody>
              {tabs.map((tab) => (
                <tr key={tab.id} data-tab-id={tab.id} data-status={tab.status}>
                  <th scope="row">
                    <NodeBadge id={tab.id} />
                  </th>
                  <td data-column="status">
                    <span className={`peer-status ${tab.status}`}>{STATUS_TEXT[tab.status]}</span>
                  </td>
                  <td data-column="height" className="number">
                    {tab.height ?? UNKNOWN}
                  </td>
                  <td data-column="tip">
                    <span className="mono" title={tab.tipHash ?? undefined}>
                      {tab.tipHash === null ? UNKNOWN : shortHash(tab.tipHash)}
                    </span>
                    {tab.chainValid === false && <span className="invalid tab-chain-problem"> invalid chain: {tab.chainProblem}</span>}
                  </td>
                  <td data-column="mining" data-mining={tab.mining === true ? 'true' : undefined}>
                    {miningText(tab)}
                  </td>
                  <td data-column="pending" className="number">
                    {tab.pendingCount ?? UNKNOWN}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
