import type { ProofRule } from '../../../core/proof';
import { rulesAt, type RulesSchedule } from '../../../core/rules';

/** Under which proof rule a block is judged, and from which later block on `bound` holds (null if none does, or it is bound already). */
export interface BlockRules {
  readonly rule: ProofRule;
  readonly boundFrom: number | null;
}

/**
 * The rules of block `height` (1-based) in a schedule. A block mined under the tutorial or
 * repo rule stays judged by it when later blocks move to `bound`: it can still be rewritten
 * without mining, which the tamper lab says on its card.
 */
export function blockRules(schedule: RulesSchedule | undefined, height: number): BlockRules {
  if (schedule === undefined || schedule.length === 0) return { rule: 'tutorial', boundFrom: null };
  const step = rulesAt(schedule, height);
  const rule = step.rule;
  if (rule === 'bound') return { rule, boundFrom: null };
  const later = schedule.find((step) => step.from > height && step.rule === 'bound');
  return { rule, boundFrom: later?.from ?? null };
}
