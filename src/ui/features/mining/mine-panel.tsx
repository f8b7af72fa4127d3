import { useMutation } from '@tanstack/react-query';
import i18next from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MiningEngine, MiningState, NodeStatus } from '../../../node/api';
import { displayValue, formatCount, formatRate } from '../../shared/format';
import { useNode } from '../../connection/node-context';
import { nodeMessageText } from '../../shared/node-message-text';
import { useMine } from './mine-queries';
import { useMiningSettings } from './mining-settings-queries';
import { useNodeStatus } from '../../shared/node-queries';
import { SHORTCUTS, useShortcut } from '../../shared/shortcuts';
import { ShortcutKey } from '../../shared/shortcut-key';

const ENGINES: readonly MiningEngine[] = ['subtle', 'fast'];

/** Which engine and how many threads: "fast engine × 4 threads". */
export function engineSummary(engine: MiningEngine, threads: number): string {
  return i18next.t('mine.engineSummary', { engine: i18next.t(`mine.engineNames.${engine}`), count: threads });
}

/** Engine and threads: a setting of this tab, for the next search. */
function MiningSettingsForm({ status, disabled }: { status: NodeStatus; disabled: boolean }) {
  const id = useId();
  const { t } = useTranslation();
  const settings = useMiningSettings();
  const { engine, threads } = status.miningSettings;
  const threadChoices = Array.from({ length: status.maxThreads }, (_, i) => i + 1);
  return (
    <div className="mining-settings">
      <div className="field">
        <label htmlFor={`${id}-engine`}>{t('mine.engine')}</label>
        <select
          id={`${id}-engine`}
          value={engine}
          disabled={disabled}
          onChange={(event) => { settings.mutate({ engine: event.target.value as MiningEngine, threads }); }}
        >
          {ENGINES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`mine.engines.${choice}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-threads`}>{t('mine.threads')}</label>
        <select
          id={`${id}-threads`}
          value={threads}
          disabled={disabled}
          onChange={(event) => { settings.mutate({ engine, threads: Number(event.target.value) }); }}
        >
          {threadChoices.map((choice) => (
            <option key={choice} value={choice}>
              {t('mine.threadChoice', { count: choice, max: status.maxThreads })}
            </option>
          ))}
        </select>
      </div>
      {engine === 'fast' && (
        <p className="hint" data-testid="engine-lesson">
          {t('mine.engineLesson')}
        </p>
      )}
    </div>
  );
}

/** Attempts, rate and elapsed time of the search in progress; it arrives a few times a second. */
export function MiningProgress({ mining, difficulty, hashRate }: { mining: MiningState; difficulty: number; hashRate: number | null }) {
  const { t } = useTranslation();
  const expected = 16 ** difficulty;
  const what = t(mining.purpose === 'repair' ? 'mine.repairingBlock' : 'mine.miningBlock', { index: mining.index });
  return (
    <div className="progress" data-testid="mining-progress">
      <p>
        {t('mine.progress', { what, attempts: formatCount(mining.attempts), expected: formatCount(expected), difficulty })} ·{' '}
        {hashRate === null ? t('mine.measuringRate') : formatRate(hashRate)} · {t('mine.seconds', { seconds: (mining.elapsedMs / 1000).toFixed(1) })} ·{' '}
        <span data-testid="mining-engine">{engineSummary(mining.engine, mining.threads)}</span>
        {mining.restarts > 0 && ` · ${t('mine.restarted', { count: mining.restarts })}`}
      </p>
      <progress max={expected} value={Math.min(mining.attempts, expected)} aria-label={t('mine.progressLabel')} />
    </div>
  );
}

export function MinePanel() {
  const { t } = useTranslation();
  const node = useNode();
  const mine = useMine();
  const cancel = useMutation({ mutationFn: () => node.cancelMining() });
  const status = useNodeStatus().data;
  const mining = status?.mining ?? null;
  const busy = mine.isPending || mining !== null;
  const result = mine.data;
  useShortcut(SHORTCUTS.mine, () => {
    if (!busy) mine.mutate();
  });
  return (
    <section className="panel" aria-labelledby="mine-title">
      <h2 id="mine-title">{t('mine.title')}</h2>
      <p className="hint">{t('mine.hint', { difficulty: status?.rules.difficulty ?? 4, rule: status?.rules.rule ?? 'tutorial' })}</p>
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={() => { mine.mutate(); }}
          disabled={busy}
          aria-busy={busy}
          aria-keyshortcuts={SHORTCUTS.mine}
        >
          {busy && <span className="spinner" aria-hidden="true" />}
          {t('mine.button')}
          <ShortcutKey shortcut={SHORTCUTS.mine} />
        </button>
        {mining && (
          <button type="button" onClick={() => { cancel.mutate(); }}>
            {t('mine.cancel')}
          </button>
        )}
      </div>
      {status && <MiningSettingsForm status={status} disabled={busy} />}
      {mining?.purpose === 'mine' && status && <MiningProgress mining={mining} difficulty={status.rules.difficulty} hashRate={status.hashRate} />}
      <p className="result" role="status" aria-live="polite" data-testid="mine-result">
        {busy && mining ? (mining.purpose === 'mine' ? t('mine.busyMining', { index: mining.index }) : t('mine.busyRepairing')) : ''}
        {!busy && result?.ok === true
          ? t('mine.forged', {
              index: displayValue(result.block['index']),
              proof: displayValue(result.block['proof']),
              attempts: formatCount(result.attempts),
              seconds: (result.ms / 1000).toFixed(1),
            })
          : ''}
        {!busy && result?.ok === false ? nodeMessageText(result.message) : ''}
      </p>
    </section>
  );
}
