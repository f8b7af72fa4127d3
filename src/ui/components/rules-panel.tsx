import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { NetworkRules, SetRulesResult } from '../../node/api';
import type { RulesClock } from '../../core/rules';
import { formatDuration, formatRate } from '../format';
import { useNode } from '../node-context';
import { useNodeStatus } from '../queries/node-queries';
import { NodeBadge } from './node-badge';

const DIFFICULTIES = [1, 2, 3, 4, 5, 6] as const;

const RULE_TEXT: Record<NetworkRules['rule'], string> = {
  tutorial: 'tutorial — the proof hashes only the last proof and the new one; blocks can be rewritten for free',
  repo: 'repo — the proof also covers the previous hash; the newest block is still unprotected',
  bound: 'bound — the proof covers the previous hash and the block itself; any change needs mining again',
};

/**
 * The network's rules, shared by every tab: a change here is announced and adopted everywhere.
 * Remounted (by key) whenever the rules in force change, so the form always starts from them.
 */
function RulesForm({
  rules,
  rate,
  apply,
  applying,
}: {
  rules: NetworkRules;
  /** attempts per second the expected times are computed at, if known */
  rate: number | null;
  apply: (rules: NetworkRules) => void;
  applying: boolean;
}) {
  const [draft, setDraft] = useState<NetworkRules>(rules);
  const id = useId();
  const changed = JSON.stringify(draft) !== JSON.stringify(rules);
  const set = <K extends keyof NetworkRules>(field: K, value: NetworkRules[K]) => { setDraft({ ...draft, [field]: value }); };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-difficulty`}>Difficulty</label>
        <select id={`${id}-difficulty`} value={draft.difficulty} onChange={(event) => { set('difficulty', Number(event.target.value)); }}>
          {DIFFICULTIES.map((d) => (
            <option key={d} value={d}>
              {d} zero{d === 1 ? '' : 's'} — {rate ? `${formatDuration(16 ** d / rate)} per block here` : `${(16 ** d).toLocaleString('en')} attempts`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-rule`}>Proof rule</label>
        <select id={`${id}-rule`} value={draft.rule} onChange={(event) => { set('rule', event.target.value as NetworkRules['rule']); }}>
          {(Object.keys(RULE_TEXT) as NetworkRules['rule'][]).map((rule) => (
            <option key={rule} value={rule}>
              {RULE_TEXT[rule]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-genesis`}>Genesis</label>
        <select id={`${id}-genesis`} value={draft.genesis} onChange={(event) => { set('genesis', event.target.value as NetworkRules['genesis']); }}>
          <option value="node">each node makes its own (as in the tutorial)</option>
          <option value="shared">one shared genesis block</option>
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
        Strict validation
      </label>
      <label className="toggle nested">
        <input
          type="checkbox"
          checked={draft.balances}
          onChange={(event) => { setDraft({ ...draft, balances: event.target.checked, strict: draft.strict || event.target.checked }); }}
        />
        Spend only what you have: refuse a payment above the payer’s balance (builds on strict rules)
      </label>
      <label className="toggle">
        <input type="checkbox" checked={draft.autoResolve} onChange={(event) => { set('autoResolve', event.target.checked); }} />
        Auto-resolve: adopt a longer valid chain as soon as a peer announces it
      </label>
      <p className="hint">
        Every tab of the network adopts the new rules. A chain that is not valid under them starts again from a new genesis;
        its transactions go back to pending.
      </p>
      <button type="submit" disabled={!changed || applying}>
        Apply to network
      </button>
    </form>
  );
}

/** A tab's rules panel: the expected times per block are at this tab's hash rate. */
export function RulesPanel() {
  const node = useNode();
  const status = useNodeStatus().data;
  const unmeasured = status?.hashRate === null;
  useEffect(() => {
    // The expected times need this tab's hash rate; a short sample measures it once.
    if (unmeasured) void node.measureHashRate();
  }, [node, unmeasured]);
  if (!status) return null;
  return (
    <NetworkRulesPanel
      rules={status.rules}
      rulesClock={status.rulesClock}
      hashRate={status.hashRate}
      setRules={(rules) => node.setRules(rules)}
    />
  );
}

/** The network's rules and the form that changes them, for a tab or for the network view. */
export function NetworkRulesPanel({
  rules,
  rulesClock,
  hashRate,
  setRules,
  note,
}: {
  rules: NetworkRules;
  rulesClock: RulesClock;
  /** this tab's hash rate; null in the network view, which does not mine */
  hashRate: number | null;
  setRules: (rules: NetworkRules) => Promise<SetRulesResult>;
  note?: ReactNode;
}) {
  // Held here, not in the form: applying changes the rules' clock, which remounts the form.
  const apply = useMutation({ mutationFn: setRules });
  const result = apply.data;
  return (
    <section className="panel" aria-labelledby="rules-title" data-testid="rules-panel">
      <h2 id="rules-title">Network rules</h2>
      <p className="hint" data-testid="rules-summary">
        Rule <strong>{rules.rule}</strong>, difficulty <strong>{rules.difficulty}</strong>, genesis{' '}
        <strong>{rules.genesis}</strong>, strict <strong>{rules.strict ? 'on' : 'off'}</strong>, spend only what you have{' '}
        <strong>{rules.balances ? 'on' : 'off'}</strong>, auto-resolve{' '}
        <strong>{rules.autoResolve ? 'on' : 'off'}</strong>.{' '}
        {rulesClock.epoch === 0 ? 'As the network started.' : <>Version {rulesClock.epoch}, set by <NodeBadge id={rulesClock.by} />.</>}{' '}
        {hashRate !== null && <>This tab hashes at {formatRate(hashRate)}.</>}
      </p>
      {note}
      <RulesForm
        key={`${rulesClock.epoch}:${rulesClock.by}:${rulesClock.at}`}
        rules={rules}
        rate={hashRate}
        apply={(draft) => { apply.mutate(draft); }}
        applying={apply.isPending}
      />
      <p className="result" role="status" aria-live="polite" data-testid="rules-result">
        {result?.ok === false && <span className="invalid">{result.error}</span>}
        {result?.ok === true &&
          (result.chainReset
            ? 'Applied. Our chain was not valid under the new rules, so this tab started a new one.'
            : 'Applied. Every tab now runs these rules.')}
      </p>
    </section>
  );
}
