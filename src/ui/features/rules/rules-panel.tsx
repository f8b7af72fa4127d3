import { useId, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { RulesPreview, SetRulesResult } from '../../../contract/results';
import type { NetworkRules, RulesSchedule } from '../../../core/rules';
import type { RulesClock } from '../../../core/rules';
import { ConfirmButton } from '../../shared/confirm-button';
import { formatDuration, formatRate, power } from '../../shared/format';
import { useNode } from '../../connection/node-context';
import { nodeMessageText } from '../../shared/node-message-text';
import { nodeKey, useNodeStatusPart } from '../../shared/node-queries';
import { useUiStore } from '../../shared/store';
import { useApplyRules, useMeasureWhenOpen, useRulesPreview } from './rules-queries';
import { scheduleText } from './schedule-text';
import { NodeBadge } from '../../shared/node-badge';
import { RulesSignature } from './rules-signature';
import type { NetworkAuthorityView } from '../../../contract/views';

const DIFFICULTIES = [1, 2, 3, 4, 5, 6] as const;

const RULES: readonly NetworkRules['rule'][] = ['tutorial', 'repo', 'bound'];
const GENESES: readonly NetworkRules['genesis'][] = ['node', 'shared'];

/**
 * The network's rules, shared by every tab: a change here is announced and adopted everywhere.
 * Remounted (by key) whenever the rules in force change, so the form always starts from them.
 */
function RulesForm({
  rules,
  rate,
  apply,
  applying,
  previewRules,
  statusKey,
}: {
  rules: NetworkRules;
  /** attempts per second the expected times are computed at, if known */
  rate: number | null;
  apply: (rules: NetworkRules) => void;
  applying: boolean;
  previewRules: (rules: NetworkRules) => Promise<RulesPreview>;
  statusKey: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<NetworkRules>(rules);
  const id = useId();
  const changed = JSON.stringify(draft) !== JSON.stringify(rules);
  const preview = useRulesPreview(previewRules, statusKey, draft, changed).data;
  const restart = preview?.ok === true && preview.change === 'restart' ? preview : null;
  const set = <K extends keyof NetworkRules>(field: K, value: NetworkRules[K]) => { setDraft({ ...draft, [field]: value }); };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-difficulty`}>{t('rules.difficulty')}</label>
        <select id={`${id}-difficulty`} value={draft.difficulty} onChange={(event) => { set('difficulty', Number(event.target.value)); }}>
          {DIFFICULTIES.map((d) => (
            <option key={d} value={d}>
              {t('rules.difficultyChoice', {
                zeros: t('counts.zeros', { count: d }),
                cost: rate
                  ? t('rules.perBlockHere', { duration: formatDuration(16 ** d / rate) })
                  : t('rules.attempts', { attempts: (16 ** d).toLocaleString(i18n.language) }),
              })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-rule`}>{t('rules.proofRule')}</label>
        <select id={`${id}-rule`} value={draft.rule} onChange={(event) => { set('rule', event.target.value as NetworkRules['rule']); }}>
          {RULES.map((rule) => (
            <option key={rule} value={rule}>
              {t(`rules.ruleChoices.${rule}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-genesis`}>{t('rules.genesis')}</label>
        <select id={`${id}-genesis`} value={draft.genesis} onChange={(event) => { set('genesis', event.target.value as NetworkRules['genesis']); }}>
          {GENESES.map((genesis) => (
            <option key={genesis} value={genesis}>
              {t(`rules.genesisChoices.${genesis}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="toggle">
        <input
          type="checkbox"
          checked={draft.strict}
          onChange={(event) => {
            // Spending only what you have builds on strict validation: it goes with it.
            setDraft({ ...draft, strict: event.target.checked, balances: event.target.checked && draft.balances });
          }}
        />
        {t('rules.strict')}
      </label>
      <label className="toggle nested">
        <input
          type="checkbox"
          checked={draft.balances}
          onChange={(event) => { setDraft({ ...draft, balances: event.target.checked, strict: draft.strict || event.target.checked }); }}
        />
        {t('rules.balances')}
      </label>
      <label className="toggle">
        <input type="checkbox" checked={draft.autoResolve} onChange={(event) => { set('autoResolve', event.target.checked); }} />
        {t('rules.autoResolve')}
      </label>
      <p className="hint">{t('rules.applyHint')}</p>
      {changed && (
        <p className="rules-preview" data-testid="rules-preview" role="status">
          {preview === undefined ? t('rules.preview.checking') : <PreviewText preview={preview} />}
        </p>
      )}
      {restart === null ? (
        <button type="submit" disabled={!changed || applying || preview === undefined}>
          {t('rules.apply')}
        </button>
      ) : (
        <ConfirmButton
          label={t('rules.apply')}
          question={t('rules.restartQuestion')}
          consequence={t('rules.restartConsequence', { count: restart.tabs, blocks: t('counts.blocks', { count: restart.blocks }) })}
          confirmLabel={t('rules.restartConfirm')}
          disabled={applying}
          danger
          onConfirm={() => { apply(draft); }}
        />
      )}
    </form>
  );
}

/** What the change would do, before it is applied. */
function PreviewText({ preview }: { preview: RulesPreview }) {
  const { t } = useTranslation();
  if (!preview.ok) return <span className="invalid">{nodeMessageText(preview.message)}</span>;
  switch (preview.change) {
    case 'same':
      return <>{t('rules.preview.same')}</>;
    case 'from-height':
      return <>{t('rules.preview.fromHeight', { from: preview.from })}</>;
    case 'restart':
      return <>{t('rules.preview.restart', { count: preview.tabs, blocks: t('counts.blocks', { count: preview.blocks }) })}</>;
  }
}

/** How long a block takes at this tab's hash rate, under the rules the next block is mined by. */
function BlockTime({ hashRate, difficulty }: { hashRate: number | null; difficulty: number }) {
  const { t } = useTranslation();
  if (hashRate === null) return <>{t('rules.blockTimeUnknown')}</>;
  return <>{t('rules.blockTime', { duration: formatDuration(16 ** difficulty / hashRate), power: power(16, difficulty), rate: formatRate(hashRate) })}</>;
}

/** A tab's rules panel: the expected times per block are at this tab's hash rate. */
export function RulesPanel() {
  const node = useNode();
  // The rate moves with every search: the panel follows it, to two significant digits, only
  // while it is open (a hidden panel redrawn a few times a second costs a mining tab its frames).
  const open = useUiStore((state) => state.lessonTab === 'rules');
  const status = useNodeStatusPart(({ rules, rulesClock, hashRate, schedule, authority }) => ({
    rules,
    rulesClock,
    authority,
    hashRate: open && hashRate !== null ? Number(hashRate.toPrecision(2)) : null,
    schedule,
  })).data;
  useMeasureWhenOpen();
  if (!status) return null;
  return (
    <NetworkRulesPanel
      rules={status.rules}
      rulesClock={status.rulesClock}
      schedule={status.schedule}
      hashRate={status.hashRate}
      authority={status.authority}
      setRules={(rules) => node.setRules(rules)}
      previewRules={(rules) => node.previewRules(rules)}
      statusKey={nodeKey('status')}
    />
  );
}

/** The network's rules and the form that changes them, for a tab or for the network view. */
export function NetworkRulesPanel({
  rules,
  rulesClock,
  schedule,
  hashRate,
  authority,
  setRules,
  previewRules,
  statusKey,
  note,
}: {
  rules: NetworkRules;
  rulesClock: RulesClock;
  schedule: RulesSchedule;
  /** this tab's hash rate; null in the network view, which does not mine */
  hashRate: number | null;
  /** who signs the rules: only the teacher's browser gets the form that changes them */
  authority: NetworkAuthorityView;
  setRules: (rules: NetworkRules) => Promise<SetRulesResult>;
  previewRules: (rules: NetworkRules) => Promise<RulesPreview>;
  /** the query key its page refetches on every change of the rules, the chains or the tabs */
  statusKey: readonly string[];
  note?: ReactNode;
}) {
  const { t } = useTranslation();
  const onOff = (on: boolean) => t(on ? 'rules.on' : 'rules.off');
  // Held here, not in the form: applying changes the rules' clock, which remounts the form.
  const apply = useApplyRules(setRules);
  const result = apply.data;
  // The network view does not mine: it has no time per block to tell.
  const withRate = note === undefined;
  return (
    <section className="panel" aria-labelledby="rules-title" data-testid="rules-panel">
      <h2 id="rules-title">{t('rules.title')}</h2>
      <p className="hint" data-testid="rules-summary">
        <Trans
          i18nKey="rules.summary"
          values={{
            rule: rules.rule,
            difficulty: rules.difficulty,
            genesis: rules.genesis,
            strict: onOff(rules.strict),
            balances: onOff(rules.balances),
            autoResolve: onOff(rules.autoResolve),
          }}
          components={{ strong: <strong /> }}
        />{' '}
        {rulesClock.epoch === 0 ? (
          t('rules.asStarted')
        ) : (
          <Trans i18nKey="rules.version" values={{ epoch: rulesClock.epoch }} components={{ badge: <NodeBadge id={rulesClock.by} /> }} />
        )}{' '}
      </p>
      <p className="rules-schedule" data-testid="rules-schedule">
        {t('rules.schedule.label')} <strong>{scheduleText(schedule)}</strong>
      </p>
      {withRate && (
        <p className="hint" data-testid="block-time">
          <BlockTime hashRate={hashRate} difficulty={rules.difficulty} />
        </p>
      )}
      <RulesSignature authority={authority} />
      {note}
      {authority.teacher && <RulesForm
        key={`${rulesClock.epoch}:${rulesClock.by}:${rulesClock.at}`}
        rules={rules}
        rate={hashRate}
        apply={(draft) => { apply.mutate(draft); }}
        applying={apply.isPending}
        previewRules={previewRules}
        statusKey={statusKey}
      />}
      <p className="result" role="status" aria-live="polite" data-testid="rules-result">
        {result?.ok === false && <span className="invalid">{nodeMessageText(result.message)}</span>}
        {result?.ok === true && <AppliedText result={result} />}
      </p>
    </section>
  );
}

/** What an applied change did: from which block it holds, or that our chain started again. */
function AppliedText({ result }: { result: Extract<SetRulesResult, { ok: true }> }) {
  const { t } = useTranslation();
  if (result.chainReset) return t('rules.appliedNewChain');
  return result.from === null ? t('rules.applied') : t('rules.appliedFrom', { from: result.from });
}
