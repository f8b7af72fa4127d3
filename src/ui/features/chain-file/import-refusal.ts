import type { ImportResult } from '../../../contract/results';
import { nodeMessageText } from '../../shared/node-message-text';
import { verdictText } from '../../shared/verdict-text';

/** Why an import was refused: the chain's verdict when it was judged, else the node's own message (file unreadable, too large). */
export function importRefusal(result: Extract<ImportResult, { adopted: false }>): string {
  if (result.verdict === null) return nodeMessageText(result.message);
  return result.verdict.valid ? result.text : verdictText(result.verdict);
}
