import { useTranslation } from 'react-i18next';
import type { ChainView as ChainData } from '../../../contract/views';
import { nodeMessageText } from '../../shared/node-message-text';
import { useNodeStatusPart } from '../../shared/node-queries';
import { MiningMeter } from '../mining/mining-meter';
import { repairLesson } from './repair-lesson';
import { useRepair } from './tamper-queries';

/** The tamper lab's switch, Repair and what the repair cost. */
export function TamperLab({ chain, editing, setEditing }: { chain: ChainData; editing: boolean; setEditing: (on: boolean) => void }) {
  const { t } = useTranslation();
  // Mining progress re-renders this part only while it is a repair.
  const status = useNodeStatusPart(({ mining, rules }) => {
    const repairing = mining?.purpose === 'repair' ? mining : null;
    return { searching: mining !== null, repairing, rule: rules.rule };
  }).data;
  const repair = useRepair();
  const busy = repair.isPending || status?.searching === true;
  const result = repair.data;
  return (
    <div className="tamper-lab">
      <label className="toggle">
        <input type="checkbox" checked={editing} onChange={(event) => { setEditing(event.target.checked); }} />
        {t('chain.tamperLab')}
      </label>
      {(editing || chain.tampered.length > 0 || !chain.verdict.valid) && (
        <>
          <button type="button" onClick={() => { repair.mutate(); }} disabled={busy || chain.verdict.valid} aria-busy={repair.isPending}>
            {repair.isPending && <span className="spinner" aria-hidden="true" />}
            {t('chain.repair')}
          </button>
          <span className="hint">{t('chain.repairHint')}</span>
        </>
      )}
      {status?.repairing && <MiningMeter mining={status.repairing} />}
      <p className="result" role="status" aria-live="polite" data-testid="repair-result">
        {result?.ok === false && nodeMessageText(result.message)}
        {result?.ok === true && status && repairLesson(result, status.rule)}
      </p>
    </div>
  );
}
