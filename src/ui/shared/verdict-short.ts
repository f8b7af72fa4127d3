import { wordVerdict } from '../../core/verdicts';
import type { VerdictReason } from '../../core/validate';
import { sectionTranslate } from './verdict-text';

/**
 * A verdict in a few words, for a card or a line read from the back of the room; the whole
 * sentence (`verdictText`) stays one click away. Its English is core's VERDICT_SHORT.
 */
export function verdictShort(verdict: VerdictReason): string {
  return wordVerdict(verdict, sectionTranslate('verdictShort'), true);
}
