import i18next from 'i18next';
import type { ChainRules, RulesSchedule } from '../../../core/rules';

const FIELDS = ['rule', 'difficulty', 'strict', 'balances'] as const satisfies readonly (keyof ChainRules)[];
type Field = (typeof FIELDS)[number];

function fieldText(field: Field, step: ChainRules): string {
  const t = i18next.t;
  const value = field === 'strict' || field === 'balances' ? t(step[field] ? 'rules.on' : 'rules.off') : String(step[field]);
  return t(`rules.schedule.field.${field}`, { value });
}

/**
 * The chain rules by height in words: "difficulty 3 for blocks 1–5, difficulty 4 from block 6".
 * Only what changes somewhere in the schedule is said; a schedule of one step says its proof
 * rule and difficulty for every block.
 */
export function scheduleText(schedule: RulesSchedule): string {
  const t = i18next.t;
  const first = schedule[0];
  if (first === undefined) return '';
  if (schedule.length === 1) {
    return t('rules.schedule.part', { fields: [fieldText('rule', first), fieldText('difficulty', first)].join(t('rules.schedule.fieldSeparator')), range: t('rules.schedule.all') });
  }
  const changing = FIELDS.filter((field) => schedule.some((step) => step[field] !== first[field]));
  return schedule
    .map((step, i) => {
      const next = schedule[i + 1];
      const range =
        next === undefined
          ? t('rules.schedule.from', { from: step.from })
          : next.from - 1 === step.from
            ? t('rules.schedule.one', { from: step.from })
            : t('rules.schedule.range', { from: step.from, to: next.from - 1 });
      return t('rules.schedule.part', { fields: changing.map((field) => fieldText(field, step)).join(t('rules.schedule.fieldSeparator')), range });
    })
    .join(t('rules.schedule.separator'));
}
