import type { PeerReport } from '../../core/consensus';
import type { ChainReplacement } from '../../node/api';
import { shortHash } from '../format';
import { TransactionList } from './transaction-list';
import { useResolve } from '../queries/use-resolve';
import { NodeBadge } from './node-badge';

const blocks = (count: number) => (count === 1 ? '1 block' : `${count} blocks`);

function describe(report: PeerReport): string {
  switch (report.kind) {
    case 'adopted':
      return `longer and valid (${blocks(report.length)}): the winner, adopted`;
    case 'longer-but-beaten':
      return `longer and valid (${blocks(report.length)}), but another chain was longer`;
    case 'not-longer':
      return `valid but not longer (${blocks(report.length)})`;
    case 'invalid':
      return `invalid: ${report.reason}`;
    case 'no-answer':
      return `no answer: ${report.reason}`;
  }
}

const range = (fork: number, count: number) =>
  count === 1 ? `block ${fork + 1}` : `blocks ${fork + 1}–${fork + count}`;

function BlockHashes({ label, first, hashes, testId }: { label: string; first: number; hashes: readonly string[]; testId: string }) {
  if (hashes.length === 0) return null;
  return (
    <p className="block-hashes" data-testid={testId}>
      {label}:{' '}
      {hashes.map((hash, i) => (
        <span key={hash} className="mono" title={hash}>
          {i > 0 && ', '}block {first + i} ({shortHash(hash)})
        </span>
      ))}
    </p>
  );
}

/** Which of our blocks were dropped and adopted, and where their transactions went. */
function ReplacementSummary({ replacement }: { replacement: ChainReplacement }) {
  const { fork, dropped, adopted, returned, confirmed } = replacement;
  return (
    <div className="replacement" data-testid="replacement">
      <p>
        {fork === 0 ? 'The chains share no block (each node made its own genesis).' : `Both chains share blocks 1–${fork}.`}{' '}
        {dropped.length === 0 ? 'None of our blocks was dropped' : `Dropped our ${range(fork, dropped.length)}`}; adopted{' '}
        {range(fork, adopted.length)}.
      </p>
      <BlockHashes label="Dropped" first={fork + 1} hashes={dropped} testId="dropped-blocks" />
      <BlockHashes label="Adopted" first={fork + 1} hashes={adopted} testId="adopted-blocks" />
      {returned.length > 0 && (
        <TransactionList transactions={returned} caption="Back to pending (they were only in dropped blocks)" />
      )}
      {confirmed.length > 0 && (
        <TransactionList transactions={confirmed} caption="No longer pending (the new chain holds them)" />
      )}
    </div>
  );
}

export function ResolvePanel() {
  const resolve = useResolve();
  const result = resolve.data;
  return (
    <section className="panel" aria-labelledby="resolve-title">
      <h2 id="resolve-title">Resolve</h2>
      <p className="hint">Ask every registered node for its chain and adopt the longest valid one, if it is longer than ours.</p>
      <button type="button" onClick={() => { resolve.mutate(); }} disabled={resolve.isPending} aria-busy={resolve.isPending}>
        {resolve.isPending && <span className="spinner" aria-hidden="true" />}
        Resolve
      </button>
      <div className="result" role="status" aria-live="polite" data-testid="resolve-result">
        {resolve.isPending && <p>Asking every registered node for its chain…</p>}
        {result && (
          <>
            <p className="verdict">
              {result.replaced && result.winner !== null ? (
                <>
                  Our chain was replaced by <NodeBadge id={result.winner} />
                  ’s chain.
                </>
              ) : (
                'Our chain is authoritative.'
              )}
            </p>
            {result.replacement && <ReplacementSummary replacement={result.replacement} />}
            {result.reports.length === 0 ? (
              <p>No registered nodes to ask.</p>
            ) : (
              <ul className="reports">
                {result.reports.map((report) => (
                  <li key={report.peerId} data-kind={report.kind}>
                    <NodeBadge id={report.peerId} />: {describe(report)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
