import type { PeerReport } from '../../core/consensus';
import { useResolve } from '../queries/use-resolve';
import { NodeBadge } from './node-badge';

const blocks = (count: number) => (count === 1 ? '1 block' : `${count} blocks`);

function describe(report: PeerReport): string {
  switch (report.kind) {
    case 'adopted':
      return `longer and valid (${blocks(report.length)}): adopted`;
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
