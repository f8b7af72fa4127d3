import { useTranslation } from 'react-i18next';
import type { MineResult } from '../../../contract/results';
import { displayValue, formatCount } from '../../shared/format';
import { nodeMessageText } from '../../shared/node-message-text';
import { useNodeStatusPart } from '../../shared/node-queries';
import { ShortcutKey } from '../../shared/shortcut-key';
import { SHORTCUTS, useShortcut } from '../../shared/shortcuts';
import { MiningMeter } from './mining-meter';
import { useCancelMining, useInOurChain, useMine } from './mine-queries';

/** The search in progress, if it is mining: the only part that re-renders on every progress report. */
function LiveMeter() {
  const mining = useNodeStatusPart(({ mining }) => (mining?.purpose === 'mine' ? mining : null)).data;
  if (!mining) return null;
  return <MiningMeter mining={mining} />;
}

/** What the last Mine did, said of the chain as it is now: a block since replaced says so. */
function MinedLine({ result }: { result: Extract<MineResult, { ok: true }> }) {
  const { t } = useTranslation();
  const inChain = useInOurChain(result.hash);
  const index = displayValue(result.block['index']);
  if (inChain === false) return <>{t('mine.forgedThenReplaced', { index })}</>;
  return (
    <>
      {t('mine.forged', {
        index,
        proof: displayValue(result.block['proof']),
        attempts: formatCount(result.attempts),
        seconds: (result.ms / 1000).toFixed(1),
      })}
    </>
  );
}

/** Mine (and Cancel) with the live meter and the result in one line. */
export function MineControls() {
  const { t } = useTranslation();
  const mine = useMine();
  const cancel = useCancelMining();
  const search = useNodeStatusPart(({ mining }) => (mining === null ? null : { purpose: mining.purpose, index: mining.index })).data ?? null;
  const busy = mine.isPending || search !== null;
  const result = mine.data;
  useShortcut(SHORTCUTS.mine, () => {
    if (!busy) mine.mutate();
  });
  return (
    <div className="mine-controls">
      <div className="mine-buttons">
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
        {search && (
          <button type="button" onClick={() => { cancel.mutate(); }}>
            {t('mine.cancel')}
          </button>
        )}
      </div>
      <LiveMeter />
      <p className="result" role="status" aria-live="polite" data-testid="mine-result">
        {busy && search ? (search.purpose === 'mine' ? t('mine.busyMining', { index: search.index }) : t('mine.busyRepairing')) : ''}
        {!busy && result?.ok === true && <MinedLine result={result} />}
        {!busy && result?.ok === false ? nodeMessageText(result.message) : ''}
      </p>
    </div>
  );
}
