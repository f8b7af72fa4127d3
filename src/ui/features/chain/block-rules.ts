import type { ProofRule } from '../../../core/proof';
import type { RulesSchedule, RulesStep } from '../../../core/rules';

/**
 * The step of `schedule` that holds block `height`: core/rules' `rulesAt`, which a test holds
 * this to. Written again here because core/rules builds its zod schemas when it loads, and that
 * would bring the whole of zod into the page's first load for these few lines.
 */
export function stepAt(schedule: RulesSchedule, height: number): RulesStep | undefined {
  let found = schedule[0];
  for (const step of schedule) {
    if (step.from > height) break;
    found = step;
  }
  return found;
}

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
  const step = schedule === undefined ? undefined : stepAt(schedule, height);
  if (schedule === undefined || step === undefined) return { rule: 'tutorial', boundFrom: null };
  const rule = step.rule;
  if (rule === 'bound') return { rule, boundFrom: null };
  const later = schedule.find((step) => step.from > height && step.rule === 'bound');
  return { rule, boundFrom: later?.from ?? null };
}
