import i18next from 'i18next';
import type { NodeMessage } from '../../contract/node-messages';
import { verdictText } from './verdict-text';

/**
 * A sentence of the node (journal entry, warning, storage problem) in the page's language.
 * A verdict among its values is worded by the page too, and fills the sentence's `reason`;
 * a `peer` the node names by id is named by `nameTab` when given (see useTabNames).
 */
export function nodeMessageText(message: NodeMessage, nameTab?: (id: string) => string): string {
  let values: Readonly<Record<string, unknown>> = message.values;
  const peer = values['peer'];
  if (nameTab !== undefined && typeof peer === 'string') values = { ...values, peer: nameTab(peer) };
  const verdict = 'verdict' in message.values ? message.values.verdict : undefined;
  return i18next.t(wordingKey(message), verdict === undefined ? values : { ...values, reason: verdictText(verdict) });
}

/** "can spend only -5" says nothing a class understands: below zero, a sender has nothing to spend. */
function wordingKey(message: NodeMessage): `nodeMessages.${NodeMessage['key']}` | 'transactionForm.spendNothing' {
  const overspent = message.key === 'spendTooMuch' || message.key === 'spendTooMuchHeld';
  return overspent && Number(message.values.available) < 0 ? 'transactionForm.spendNothing' : `nodeMessages.${message.key}`;
}
