import i18next from 'i18next';
import type { RepairResult } from '../../../contract/results';
import type { NetworkRules } from '../../../core/rules';
import { formatCount } from '../../shared/format';

/** What a repair cost, and what that says about the proof rule: the lesson of the tamper lab. */
export function repairLesson(result: Extract<RepairResult, { ok: true }>, rule: NetworkRules['rule']): string {
  const t = i18next.t;
  const done = t('chain.repaired', {
    links: t('counts.links', { count: result.relinked }),
    proofs: t('counts.proofs', { count: result.remined }),
    attempts: formatCount(result.attempts),
  });
  let why: string;
  if (result.remined === 0 && rule === 'tutorial') why = t('chain.lessonFree');
  else if (rule === 'bound') why = t('chain.lessonBound');
  else why = t('chain.lessonRule', { rule });
  return t('chain.lesson', { done, why });
}
