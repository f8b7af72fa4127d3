import i18next from 'i18next';
import { wordVerdict, type Translate } from '../../core/verdicts';
import type { VerdictReason } from '../../core/validate';

/** Keys of a catalogue section the verdict wording picks at run time (core/verdicts.ts names them). */
export function sectionTranslate(section: 'verdict' | 'verdictShort'): Translate {
  const t = i18next.t as unknown as (key: string, values: object) => string;
  return (key, values) => t(`${section}.${key}`, values);
}

/** Whether the page shows English, the language the node's reasons are written in (also before i18next starts). */
function inEnglish(): boolean {
  const language = i18next.language as string | undefined;
  return language === undefined || language.startsWith('en');
}

/**
 * An invalid verdict's reason in the page's language: in English the node's own sentence
 * (written from the same templates as the page's English catalogue), in another language the
 * same template's translation, filled from the verdict's structured details.
 */
export function verdictText(verdict: VerdictReason): string {
  if (inEnglish()) return verdict.reason;
  return wordVerdict(verdict, sectionTranslate('verdict'));
}
