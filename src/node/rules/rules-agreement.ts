import { changedRuleFields, initialSchedule, nextSchedule, rulesAt, rulesClockWins, sameSchedule, type ChainRules, type NetworkRules, type RulesClock, type RulesSchedule, type ScheduleChange } from '../../core/rules';
import { networkRulesSchema } from '../../core/rules-schemas';
import type { NodeMessage } from '../../contract/node-messages';
import type { RulesPreview } from '../../contract/results';
import { rulesRefusal, rulesTooManySteps } from '../refusals';

/** One version of the network's rules: as last set, the chain rules by height they add up to, and the clock that orders versions. */
export interface RulesVersion {
  readonly rules: NetworkRules;
  readonly schedule: RulesSchedule;
  readonly clock: RulesClock;
  /** the teacher's signature of this version (NetworkAuthority); null for a tab's own unsigned start */
  readonly signature: string | null;
}

/** What a new version changed for this node. */
export interface RulesApplied {
  readonly changedFields: readonly (keyof NetworkRules)[];
  /** a block is judged differently now (some height's chain rules, or the genesis mode) */
  readonly chainRulesChanged: boolean;
  readonly genesisChanged: boolean;
  /** the first block whose chain rules changed, null when none did */
  readonly fromBlock: number | null;
}

/** A change asked for here, checked: the rules and what they do to the schedule. */
export type RulesChange =
  | { readonly ok: true; readonly rules: NetworkRules; readonly change: Exclude<ScheduleChange, { kind: 'too-many-steps' }> }
  | { readonly ok: false; readonly message: NodeMessage };

/*
 * Which rules a network runs is agreed without a leader (see core/rules): every version
 * carries a clock, and every tab keeps the version whose clock wins. A tab starts at epoch 0
 * with its URL's rules, stamped with its start time, so a tab that joins a running network
 * adopts the network's rules instead of imposing its own.
 */
export class RulesAgreement {
  private version: RulesVersion;
  /** until it hears any peer's rules, this tab is joining: what it adopts then is the network's */
  private heard = false;

  constructor(rules: NetworkRules, self: string, now: () => number = Date.now) {
    this.version = { rules, schedule: initialSchedule(rules), clock: { epoch: 0, at: now(), by: self }, signature: null };
  }

  get current(): RulesVersion {
    return this.version;
  }

  get rules(): NetworkRules {
    return this.version.rules;
  }

  get schedule(): RulesSchedule {
    return this.version.schedule;
  }

  get clock(): RulesClock {
    return this.version.clock;
  }

  /** The chain rules block `height` is mined and judged under. */
  at(height: number): ChainRules {
    return rulesAt(this.version.schedule, height);
  }

  /** The version a stored node ran. */
  restore(version: RulesVersion): void {
    this.version = version;
  }

  /** New rules from outside (the page), checked, with what they do to the schedule at the network's `height`. */
  change(input: unknown, height: number): RulesChange {
    const parsed = networkRulesSchema.safeParse(input);
    if (!parsed.success) return { ok: false, message: rulesRefusal(parsed.error) };
    const change = nextSchedule(this.version.schedule, this.version.rules, parsed.data, height);
    if (change.kind === 'too-many-steps') return { ok: false, message: rulesTooManySteps() };
    return { ok: true, rules: parsed.data, change };
  }

  /**
   * What new rules would do, said before they are applied. `heights`: the chains of the tabs
   * online (this one among them), whose mined blocks a restart erases.
   */
  preview(input: unknown, heights: readonly number[]): RulesPreview {
    const checked = this.change(input, Math.max(1, ...heights));
    if (!checked.ok) return checked;
    const { change } = checked;
    switch (change.kind) {
      case 'same':
        return { ok: true, change: 'same' };
      case 'from-height':
        return { ok: true, change: 'from-height', from: change.from };
      case 'restart':
        return { ok: true, change: 'restart', blocks: heights.reduce((sum, height) => sum + height - 1, 0), tabs: heights.length };
    }
  }

  /** A change made here: it beats every version seen so far. */
  propose(change: Extract<RulesChange, { ok: true }>, by: string, now: () => number = Date.now): RulesVersion {
    return { rules: change.rules, schedule: change.change.schedule, clock: { epoch: this.version.clock.epoch + 1, at: now(), by }, signature: null };
  }

  /** A reset of the network: a version like any other, with the schedule starting over. */
  resetVersion(rules: NetworkRules, clock: RulesClock, signature: string | null = null): RulesVersion {
    return { rules, schedule: initialSchedule(rules), clock, signature };
  }

  /** A peer's version: whether its clock wins over ours, and whether this tab was still joining. */
  hear(clock: RulesClock): { readonly wins: boolean; readonly joining: boolean } {
    const joining = !this.heard;
    this.heard = true;
    return { wins: rulesClockWins(clock, this.version.clock), joining };
  }

  /**
   * A version the teacher signed (checked before): as `hear`, and it also wins over this tab's
   * own unsigned start, the rules of a link without the teacher's key.
   */
  hearSigned(clock: RulesClock): { readonly wins: boolean; readonly joining: boolean } {
    const heard = this.hear(clock);
    return { wins: heard.wins || this.version.signature === null, joining: heard.joining };
  }

  /** Switches to `version` and says what changed. */
  apply(version: RulesVersion): RulesApplied {
    const before = this.version;
    this.version = version;
    const genesisChanged = before.rules.genesis !== version.rules.genesis;
    const fromBlock = firstDifferentStep(before.schedule, version.schedule);
    return {
      changedFields: changedRuleFields(before.rules, version.rules),
      chainRulesChanged: genesisChanged || !sameSchedule(before.schedule, version.schedule),
      genesisChanged,
      fromBlock,
    };
  }
}

/** The first block number whose chain rules differ between two schedules, or null when they agree on every height. */
export function firstDifferentStep(a: RulesSchedule, b: RulesSchedule): number | null {
  const starts = [...new Set([...a, ...b].map((step) => step.from))].sort((x, y) => x - y);
  for (const from of starts) {
    const x = rulesAt(a, from);
    const y = rulesAt(b, from);
    if (x.rule !== y.rule || x.difficulty !== y.difficulty || x.strict !== y.strict || x.balances !== y.balances) return from;
  }
  return null;
}
