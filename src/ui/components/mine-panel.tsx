import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import type { MiningEngine, MiningState, NodeStatus } from '../../node/api';
import { displayValue, formatCount, formatRate } from '../format';
import { useNode } from '../node-context';
import { useMine } from '../queries/use-mine';
import { useMiningSettings } from '../queries/use-mining-settings';
import { useNodeStatus } from '../queries/node-queries';

const ENGINE_NAME: Record<MiningEngine, string> = {
  subtle: 'SubtleCrypto',
  fast: 'fast engine',
};

const ENGINE_TEXT: Record<MiningEngine, string> = {
  subtle: "SubtleCrypto — the browser's own SHA-256, as the tutorial uses hashlib",
  fast: 'Fast engine — a SHA-256 written for this one short message',
};

/** Which engine and how many threads: "fast engine × 4 threads". */
export function engineSummary(engine: MiningEngine, threads: number): string {
  return `${ENGINE_NAME[engine]} × ${threads} thread${threads === 1 ? '' : 's'}`;
}

/** Engine and threads: a setting of this tab, for the next search. */
function MiningSettingsForm({ status, disabled }: { status: NodeStatus; disabled: boolean }) {
  const id = useId();
  const settings = useMiningSettings();
  const { engine, threads } = status.miningSettings;
  const threadChoices = Array.from({ length: status.maxThreads }, (_, i) => i + 1);
  return (
    <div className="mining-settings">
      <div className="field">
        <label htmlFor={`${id}-engine`}>Engine</label>
        <select
          id={`${id}-engine`}
          value={engine}
          disabled={disabled}
          onChange={(event) => { settings.mutate({ engine: event.target.value as MiningEngine, threads }); }}
        >
          {(Object.keys(ENGINE_TEXT) as MiningEngine[]).map((choice) => (
            <option key={choice} value={choice}>
              {ENGINE_TEXT[choice]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-threads`}>Threads</label>
        <select
          id={`${id}-threads`}
          value={threads}
          disabled={disabled}
          onChange={(event) => { settings.mutate({ engine, threads: Number(event.target.value) }); }}
        >
          {threadChoices.map((choice) => (
            <option key={choice} value={choice}>
              {choice} of {status.maxThreads}
            </option>
          ))}
        </select>
      </div>
      {engine === 'fast' && (
        <p className="hint" data-testid="engine-lesson">
          Same proofs, many times faster: like mining hardware built for one hash, this engine does only what this
          message needs. Every proof it finds is checked again with SubtleCrypto before the block is forged.
        </p>
      )}
    </div>
  );
}

/** Attempts, rate and elapsed time of the search in progress; it arrives a few times a second. */
export function MiningProgress({ mining, difficulty, hashRate }: { mining: MiningState; difficulty: number; hashRate: number | null }) {
  const expected = 16 ** difficulty;
  const elapsed = mining.elapsedMs / 1000;
  const what = mining.purpose === 'repair' ? `Repairing: searching the proof of block ${mining.index}` : `Mining block ${mining.index}`;
  return (
    <div className="progress" data-testid="mining-progress">
      <p>
        {what}: {formatCount(mining.attempts)} attempts of about {formatCount(expected)} expected (16^{difficulty}) ·{' '}
        {hashRate === null ? 'measuring the rate' : formatRate(hashRate)} · {elapsed.toFixed(1)} s ·{' '}
        <span data-testid="mining-engine">{engineSummary(mining.engine, mining.threads)}</span>
        {mining.restarts > 0 && ` · started again ${mining.restarts}× on a new tip`}
      </p>
      <progress max={expected} value={Math.min(mining.attempts, expected)} aria-label="Attempts against the expected number" />
    </div>
  );
}

export function MinePanel() {
  const node = useNode();
  const mine = useMine();
  const cancel = useMutation({ mutationFn: () => node.cancelMining() });
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
      <div className="row">
        <button type="button" className="primary" onClick={() => { mine.mutate(); }} disabled={busy} aria-busy={busy}>
          {busy && <span className="spinner" aria-hidden="true" />}
          Mine
        </button>
        {mining && (
          <button type="button" onClick={() => { cancel.mutate(); }}>
            Cancel
          </button>
        )}
      </div>
      {status && <MiningSettingsForm status={status} disabled={busy} />}
      {mining?.purpose === 'mine' && status && <MiningProgress mining={mining} difficulty={status.rules.difficulty} hashRate={status.hashRate} />}
      <p className="result" role="status" aria-live="polite" data-testid="mine-result">
        {busy && mining ? (mining.purpose === 'mine' ? `Mining block ${mining.index}…` : 'Repairing the chain (see the tamper lab)…') : ''}
        {!busy && result?.ok === true
          ? `Block ${displayValue(result.block['index'])} forged: proof ${displayValue(result.block['proof'])} after ${formatCount(result.attempts)} attempts in ${(result.ms / 1000).toFixed(1)} s.`
          : ''}
        {!busy && result?.ok === false ? result.reason : ''}
      </p>
    </section>
  );
}
