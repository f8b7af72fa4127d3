import { Trans, useTranslation } from 'react-i18next';
import type { PeerReport } from '../../../core/consensus';
import type { ChainReplacement, ResolveResult } from '../../../contract/results';
import { shortHash } from '../../shared/format';
import { SHORTCUTS, useShortcut } from '../../shared/shortcuts';
import { verdictText } from '../../shared/verdict-text';
import { TransactionList } from '../transactions/transaction-list';
import { useResolve } from './resolve-queries';
import { NodeBadge } from '../../shared/node-badge';
import { ShortcutKey } from '../../shared/shortcut-key';

function ReportText({ report }: { report: PeerReport }) {
  const { t } = useTranslation();
  if (report.kind === 'invalid') return <>{t('resolve.report.invalid', { reason: verdictText(report) })}</>;
  if (report.kind === 'no-answer') return <>{t('resolve.report.no-answer', { reason: report.reason })}</>;
  return <>{t(`resolve.report.${report.kind}`, { blocks: t('resolve.blocks', { count: report.length }) })}</>;
}

function useBlockRange(): (fork: number, count: number) => string {
  const { t } = useTranslation();
  return (fork, count) => (count === 1 ? t('resolve.oneBlock', { first: fork + 1 }) : t('resolve.blockRange', { first: fork + 1, last: fork + count }));
}

function BlockHashes({ label, first, hashes, testId }: { label: string; first: number; hashes: readonly string[]; testId: string }) {
  const { t } = useTranslation();
  if (hashes.length === 0) return null;
  return (
    <p className="block-hashes" data-testid={testId}>
      {label}:{' '}
      {hashes.map((hash, i) => (
        <span key={hash} className="mono" title={hash}>
          {i > 0 && ', '}
          {t('resolve.blockHash', { index: first + i, hash: shortHash(hash) })}
        </span>
      ))}
    </p>
  );
}

/** Which of our blocks were dropped and adopted, and where their transactions went. */
function ReplacementSummary({ replacement }: { replacement: ChainReplacement }) {
  const { t } = useTranslation();
  const range = useBlockRange();
  const { fork, dropped, adopted, returned, confirmed } = replacement;
  return (
    <div className="replacement" data-testid="replacement">
      <p>
        {fork === 0 ? t('resolve.noSharedBlock') : fork === 1 ? t('resolve.sharedGenesis') : t('resolve.sharedBlocks', { fork })}{' '}
        {dropped.length === 0 ? t('resolve.noneDropped') : t('resolve.dropped', { range: range(fork, dropped.length) })};{' '}
        {t('resolve.adopted', { range: range(fork, adopted.length) })}
      </p>
      <BlockHashes label={t('resolve.droppedLabel')} first={fork + 1} hashes={dropped} testId="dropped-blocks" />
      <BlockHashes label={t('resolve.adoptedLabel')} first={fork + 1} hashes={adopted} testId="adopted-blocks" />
      {returned.length > 0 && <TransactionList transactions={returned} caption={t('resolve.returned')} />}
      {confirmed.length > 0 && <TransactionList transactions={confirmed} caption={t('resolve.confirmed')} />}
    </div>
  );
}

/** The outcome in a few words: whose chain we now hold. */
function ResolveShort({ result }: { result: ResolveResult }) {
  const { t } = useTranslation();
  if (result.replaced && result.winner !== null) {
    return (
      <Trans
        i18nKey="resolve.shortAdopted"
        values={{ blocks: t('counts.blocks', { count: result.reports.find((report) => report.kind === 'adopted')?.length ?? result.ourLength }) }}
        components={{ badge: <NodeBadge id={result.winner} /> }}
      />
    );
  }
  if (result.reports.length === 0) return <>{t('resolve.shortNoNodes')}</>;
  return <>{t('resolve.shortOurs')}</>;
}

/** Resolve, its result in one line, and the report of every peer one click away. */
export function ResolveControls() {
  const { t } = useTranslation();
  const resolve = useResolve();
  const result = resolve.data;
  useShortcut(SHORTCUTS.resolve, () => {
    if (!resolve.isPending) resolve.mutate();
  });
  return (
    <div className="resolve-controls">
      <button
        type="button"
        onClick={() => { resolve.mutate(); }}
        disabled={resolve.isPending}
        aria-busy={resolve.isPending}
        aria-keyshortcuts={SHORTCUTS.resolve}
        title={t('resolve.hint')}
      >
        {resolve.isPending && <span className="spinner" aria-hidden="true" />}
        {t('resolve.button')}
        <ShortcutKey shortcut={SHORTCUTS.resolve} />
      </button>
      <div className="result" role="status" aria-live="polite" data-testid="resolve-result">
        {resolve.isPending && <p>{t('resolve.asking')}</p>}
        {result && (
          <details className="resolve-details">
            <summary>
              <ResolveShort result={result} />
            </summary>
            <p className="verdict">
              {result.replaced && result.winner !== null ? (
                <Trans i18nKey="resolve.replacedBy" components={{ badge: <NodeBadge id={result.winner} /> }} />
              ) : (
                t('resolve.authoritative')
              )}
            </p>
            {result.replacement && <ReplacementSummary replacement={result.replacement} />}
            {result.reports.length === 0 ? (
              <p>{t('resolve.noNodes')}</p>
            ) : (
              <ul className="reports">
                {result.reports.map((report) => (
                  <li key={report.peerId} data-kind={report.kind}>
                    <NodeBadge id={report.peerId} />: <ReportText report={report} />
                  </li>
                ))}
              </ul>
            )}
          </details>
        )}
      </div>
    </div>
  );
}
