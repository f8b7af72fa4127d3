import { displayValue } from '../format';
import { useMine } from '../queries/use-mine';
import { useNodeStatus } from '../queries/node-queries';

export function MinePanel() {
  const mine = useMine();
  const status = useNodeStatus().data;
  const mining = status?.mining ?? null;
  const busy = mine.isPending || mining !== null;
  const result = mine.data;
  return (
    <section className="panel" aria-labelledby="mine-title">
      <h2 id="mine-title">Mine</h2>
      <p className="hint">
        Find a proof with {status?.rules.difficulty ?? 4} leading zeros ({status?.rules.rule ?? 'tutorial'} rule), then forge
        the pending transactions and your reward into a new block.
      </p>
      <button type="button" className="primary" onClick={() => { mine.mutate(); }} disabled={busy} aria-busy={busy}>
        {busy && <span className="spinner" aria-hidden="true" />}
        Mine
      </button>
      <p className="result" role="status" aria-live="polite" data-testid="mine-result">
        {busy && mining ? `Mining block ${mining.index}…` : ''}
        {!busy && result?.ok === true
          ? `Block ${displayValue(result.block['index'])} forged: proof ${displayValue(result.block['proof'])} after ${result.attempts.toLocaleString('en')} attempts in ${(result.ms / 1000).toFixed(1)} s.`
          : ''}
        {!busy && result?.ok === false ? result.reason : ''}
      </p>
    </section>
  );
}
