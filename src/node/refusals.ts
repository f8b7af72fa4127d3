import type { SpendRefusal } from '../core/balances';
import type { NodeMessage, StoppedWork } from './api';

/*
 * Why the node refused or stopped something, written twice on purpose: `reason` in English
 * for the tutorial's HTTP answers (409 of /mine, 400 of /transactions/new), `message` for the
 * page, which renders it in its language (its English text is the same sentence).
 */

const stopped = (reason: string, message: NodeMessage): StoppedWork => ({ ok: false, reason, message });

export const busyWith = (purpose: 'mine' | 'repair', index: number): StoppedWork =>
  purpose === 'mine'
    ? stopped(`Already mining block ${index}.`, { key: 'busyMining', values: { index } })
    : stopped(`Already repairing block ${index}.`, { key: 'busyRepairing', values: { index } });

export const miningCancelled = (): StoppedWork => stopped('Mining cancelled.', { key: 'miningCancelled', values: {} });

export const repairCancelled = (): StoppedWork => stopped('Repair cancelled.', { key: 'repairCancelled', values: {} });

export const chainEmpty = (): StoppedWork => stopped('The chain is empty.', { key: 'chainEmpty', values: {} });

/** `reason`: the guess pieces' problem (core/proof), a value the page shows as it is. */
export const cannotMine = (block: number, reason: string): StoppedWork =>
  stopped(`Cannot mine on block ${block}: ${reason}`, { key: 'cannotMine', values: { block, reason } });

export const cannotRepair = (block: number, reason: string): StoppedWork =>
  stopped(`Block ${block} cannot be repaired: ${reason}.`, { key: 'cannotRepair', values: { block, reason } });

export const chainChangedDuringRepair = (): StoppedWork =>
  stopped('The chain changed during the repair; nothing was rewritten.', { key: 'chainChangedDuringRepair', values: {} });

/** A miner thread that could not start or crashed: its error as the browser wrote it. */
export const minerFailed = (error: unknown): StoppedWork => {
  const text = error instanceof Error ? error.message : String(error);
  return stopped(text, { key: 'minerFailed', values: { error: text } });
};

/** A spend refusal (core/balances) as a message for the page. */
export function spendRefusalMessage(refusal: SpendRefusal): NodeMessage {
  switch (refusal.kind) {
    case 'uncountable':
      return { key: 'spendUncountable', values: {} };
    case 'reward':
      return { key: 'spendReward', values: {} };
    case 'negative':
      return { key: 'spendNegative', values: { amount: refusal.amount, recipient: refusal.recipient } };
    case 'overspend':
      return { key: 'spendTooMuch', values: { sender: refusal.sender, available: refusal.available, amount: refusal.amount } };
    case 'overspend-held': {
      const { sender, available, balance, amount } = refusal;
      return { key: 'spendTooMuchHeld', values: { sender, available, balance, amount } };
    }
  }
}
