import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MiningEngine } from '../../../contract/views';
import { useNodeStatusPart } from '../../shared/node-queries';
import { useMiningSettings } from './mining-settings-queries';

const ENGINES: readonly MiningEngine[] = ['subtle', 'fast'];

/** Engine and threads: a setting of this tab, for the next search. */
export function MiningSettingsPanel() {
  const id = useId();
  const { t } = useTranslation();
  const settings = useMiningSettings();
  const status = useNodeStatusPart(({ miningSettings, maxThreads, mining, rules }) => ({
    ...miningSettings,
    maxThreads,
    busy: mining !== null,
    difficulty: rules.difficulty,
    rule: rules.rule,
  })).data;
  if (!status) return null;
  const { engine, threads, maxThreads, busy } = status;
  const threadChoices = Array.from({ length: maxThreads }, (_, i) => i + 1);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('mine.settingsTitle')}</h2>
      <p className="hint">{t('mine.hint', { difficulty: status.difficulty, rule: status.rule })}</p>
      <div className="mining-settings">
        <div className="field">
          <label htmlFor={`${id}-engine`}>{t('mine.engine')}</label>
          <select
            id={`${id}-engine`}
            value={engine}
            disabled={busy}
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
            disabled={busy}
            onChange={(event) => { settings.mutate({ engine, threads: Number(event.target.value) }); }}
          >
            {threadChoices.map((choice) => (
              <option key={choice} value={choice}>
                {t('mine.threadChoice', { count: choice, max: maxThreads })}
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
    </section>
  );
}
