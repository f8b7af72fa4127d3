import { useTranslation } from 'react-i18next';
import type { GuessSample, MiningState } from '../../../contract/views';
import { formatCount, formatRate, power } from '../../shared/format';
import { engineSummary } from './engine-summary';

/**
 * The guess the search tried a moment ago and its hash, the leading digits set against the
 * zeros the difficulty asks for: each one that is not a zero is why this guess failed.
 */
function GuessLine({ sample, difficulty }: { sample: GuessSample; difficulty: number }) {
  const { t } = useTranslation();
  const head = sample.hash.slice(0, difficulty);
  const zeros = /^0*/.exec(head)?.[0].length ?? 0;
  return (
    <p className="meter-line meter-guess" data-testid="mining-sample">
      {t('mine.guess', { proof: sample.proof })}{' '}
      <span className="mono guess-hash" title={sample.hash}>
        {zeros > 0 && <mark>{head.slice(0, zeros)}</mark>}
        <span className="miss">{head.slice(zeros)}</span>
        {sample.hash.slice(difficulty, difficulty + 6)}…
      </span>{' '}
      <span className="guess-target">
        {t('mine.target', { target: '0'.repeat(difficulty) })}{' '}
        <span aria-hidden="true">{zeros >= difficulty ? '✓' : '✗'}</span>
      </span>
    </p>
  );
}

/**
 * What a class watches while a tab mines: the attempts against the 16ⁿ expected, the rate of
 * this search (never an earlier one's), its time, and a guess it just tried with its hash. It
 * arrives a few times a second and re-renders only itself.
 */
export function MiningMeter({ mining }: { mining: MiningState }) {
  const { t } = useTranslation();
  const expected = 16 ** mining.difficulty;
  const what = t(mining.purpose === 'repair' ? 'mine.repairingBlock' : 'mine.miningBlock', { index: mining.index });
  return (
    <div className="meter" data-testid="mining-progress">
      <p className="meter-line">
        {t('mine.progress', { what, attempts: formatCount(mining.attempts), expected: formatCount(expected), power: power(16, mining.difficulty) })}
      </p>
      <progress max={expected} value={Math.min(mining.attempts, expected)} aria-label={t('mine.progressLabel')} />
      {mining.sample !== null && <GuessLine sample={mining.sample} difficulty={mining.difficulty} />}
      <p className="meter-line">
        {mining.rate === null ? t('mine.measuringRate') : formatRate(mining.rate)}
        {' · '}
        {t('mine.seconds', { seconds: (mining.elapsedMs / 1000).toFixed(1) })}
        {' · '}
        <span data-testid="mining-engine">{engineSummary(mining.engine, mining.threads)}</span>
        {mining.restarts > 0 && ` · ${t('mine.restarted', { count: mining.restarts })}`}
      </p>
    </div>
  );
}
