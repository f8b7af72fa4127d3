import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TabView } from '../../../contract/views';
import { NodeBadge } from '../../shared/node-badge';
import { formatRate, shortHash } from '../../shared/format';
import { verdictShort } from '../../shared/verdict-short';
import { verdictText } from '../../shared/verdict-text';
import { useNetworkTabs } from './network-view-queries';

const UNKNOWN = '—';
const COLUMNS = ['tab', 'status', 'height', 'tip', 'mining', 'pending'] as const;

function miningText(tab: TabView): string {
  if (tab.mining === null) return UNKNOWN;
  const t = i18next.t;
  if (!tab.mining) return t('networkView.tabs.notMining');
  return t('networkView.tabs.mining', { rate: tab.hashRate === null ? t('networkView.tabs.measuring') : formatRate(tab.hashRate) });
}

/** Every tab of the network side by side, live: what each one announces, a few times a second at most. */
export function TabsTable() {
  const { t } = useTranslation();
  const tabs = useNetworkTabs().data;
  const online = tabs?.filter((tab) => tab.status !== 'left').length ?? 0;
  return (
    <section className="panel tabs-panel" aria-labelledby="tabs-title">
      <h2 id="tabs-title">
        {t('networkView.tabs.title')} <span className="tabs-count">{t('networkView.tabs.online', { online })}</span>
      </h2>
      {tabs === undefined ? (
        <p className="hint">{t('networkView.tabs.listening')}</p>
      ) : tabs.length === 0 ? (
        <p className="hint">{t('networkView.tabs.none')}</p>
      ) : (
        <div className="tabs-scroll">
          <table className="tabs-table" data-testid="tabs-table">
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column} scope="col">
                    {t(`networkView.tabs.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tabs.map((tab) => (
                <tr key={tab.id} data-tab-id={tab.id} data-status={tab.status}>
                  <th scope="row">
                    <NodeBadge id={tab.id} />
                  </th>
                  <td data-column="status">
                    <span className={`peer-status ${tab.status}`}>{t(`peers.status.${tab.status}`)}</span>
                  </td>
                  <td data-column="height" className="number">
                    {tab.height ?? UNKNOWN}
                  </td>
                  <td data-column="tip">
                    <span className="mono" title={tab.tipHash ?? undefined}>
                      {tab.tipHash === null ? UNKNOWN : shortHash(tab.tipHash)}
                    </span>
                    {tab.chainProblem !== null && (
                      <details className="invalid tab-chain-problem">
                        <summary>
                          <span aria-hidden="true">✗ </span>
                          {verdictShort(tab.chainProblem)}
                        </summary>
                        {t('networkView.tabs.invalidChain', { problem: verdictText(tab.chainProblem) })}
                      </details>
                    )}
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
