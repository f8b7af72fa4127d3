import { useTranslation } from 'react-i18next';
import type { MiningState } from '../../../node/api';
import { formatCount, formatRate, power } from '../../shared/format';
import { engineSummary } from './engine-summary';

/** A search needs this long before its own rate says anything. */
const RATE_AFTER_MS = 300;

/** Attempts per second of this search alone; null until it has run long enough to tell. */
export function searchRate(mining: Pick<MiningState, 'attempts' | 'elapsedMs'>): number | null {
  return mining.elapsedMs < RATE_AFTER_MS ? null : (mining.attempts * 1000) / mining.elapsedMs;
}

/**
 * What a class watches while a tab mines: the attempts against the 16ⁿ expected, the rate
 * of this search, its time. It arrives a few times a second and re-renders only itself.
 */
export function MiningMeter({ mining, difficulty }: { mining: MiningState; difficulty: number }) {
  const { t } = useTranslation();
  const expected = 16 ** difficulty;
  const rate = searchRate(mining);
  const what = t(mining.purpose === 'repair' ? 'mine.repairingBlock' : 'mine.miningBlock', { index: mining.index });
  return (
    <div className="meter" data-testid="mining-progress">
      <p className="meter-line">
        {t('mine.progress', { what, attempts: formatCount(mining.attempts), expected: formatCount(expected), power: power(16, difficulty) })}
      </p>
      <progress max={expected} value={Math.min(mining.attempts, expected)} aria-label={t('mine.progressLabel')} />
      <p className="meter-line">
        {rate === null ? t('mine.measuringRate') : formatRate(rate)}
        {' · '}
        {t('mine.seconds', { seconds: (mining.elapsedMs / 1000).toFixed(1) })}
        {' · '}
        <span data-testid="mining-engine">{engineSummary(mining.engine, mining.threads)}</span>
        {mining.restarts > 0 && ` · ${t('mine.restarted', { count: mining.restarts })}`}
      </p>
    </div>
  );
}
