import i18next from 'i18next';
import type { NodeMessage } from '../node/api';

/** A sentence of the node (journal entry, warning, storage problem) in the page's language. */
export const nodeMessageText = (message: NodeMessage): string => i18next.t(`nodeMessages.${message.key}`, message.values);
