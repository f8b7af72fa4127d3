import type { z } from 'zod';
import type { SpendRefusal, WaitReason } from '../core/balances';
import { PROOF_RULES } from '../core/proof';
import { GENESIS_MODES, MAX_DIFFICULTY, MAX_RULES_STEPS, MIN_DIFFICULTY } from '../core/rules';
import type { NodeMessage } from '../contract/node-messages';
import type { StoppedWork } from '../contract/results';
import { MINING_ENGINES } from './mining/range-search';

/*
 * Why the node refused or stopped something, written twice on purpose: `text` in English
 * for the tutorial's HTTP answers (409 of /mine, 400 of /transactions/new), `message` for the
 * page, which renders it in its language (its English text is the same sentence).
 */

const stopped = (text: string, message: NodeMessage): StoppedWork => ({ ok: false, text, message });

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

/** Why the next block leaves a pending transaction out (core/balances), as a message for the page. */
export function waitReasonMessage(reason: WaitReason): NodeMessage {
  switch (reason.kind) {
    case 'uncountable':
      return { key: 'waitUncountable', values: {} };
    case 'reward':
      return { key: 'waitReward', values: {} };
    case 'negative':
      return { key: 'waitNegative', values: { amount: reason.amount } };
    case 'unaffordable':
      return { key: 'waitUnaffordable', values: { sender: reason.sender, balance: reason.balance, amount: reason.amount } };
  }
}

/** The field a failed parse of an object stopped at first, or null when the input was not an object of fields. */
function firstField(error: z.ZodError): { readonly name: string; readonly issue: z.core.$ZodIssue } | null {
  const issue = error.issues[0];
  if (issue === undefined) return null;
  if (issue.code === 'unrecognized_keys') return { name: issue.keys[0] ?? '', issue };
  const name = issue.path[0];
  return typeof name === 'string' ? { name, issue } : null;
}

/** Why new network rules (core/rules networkRulesSchema) were refused, from the first problem found. */
export function rulesRefusal(error: z.ZodError): NodeMessage {
  const field = firstField(error);
  if (field?.issue.code === 'unrecognized_keys') return { key: 'rulesUnknown', values: { name: field.name } };
  switch (field?.name) {
    case 'rule':
      return { key: 'rulesNotOneOf', values: { name: 'rule', choices: PROOF_RULES.join(', ') } };
    case 'genesis':
      return { key: 'rulesNotOneOf', values: { name: 'genesis', choices: GENESIS_MODES.join(', ') } };
    case 'difficulty':
      return { key: 'rulesDifficulty', values: { min: MIN_DIFFICULTY, max: MAX_DIFFICULTY } };
    case 'balances':
      if (field.issue.code === 'custom') return { key: 'balancesNeedStrict', values: {} };
      return { key: 'rulesNotSwitch', values: { name: field.name } };
    case 'strict':
    case 'autoResolve':
      return { key: 'rulesNotSwitch', values: { name: field.name } };
    default:
      return { key: 'rulesNotAnObject', values: {} };
  }
}

/** New rules that would add a step past the most a schedule holds (a reset of the network starts a new one). */
export const rulesTooManySteps = (): NodeMessage => ({ key: 'rulesTooManySteps', values: { max: MAX_RULES_STEPS } });

/** Why new mining settings were refused; `maxThreads`, this computer's logical processors. */
export function miningSettingsRefusal(error: z.ZodError, maxThreads: number): NodeMessage {
  switch (firstField(error)?.name) {
    case 'engine':
      return { key: 'miningEngineNotOneOf', values: { choices: MINING_ENGINES.join(', ') } };
    case 'threads':
      return { key: 'miningThreads', values: { max: maxThreads } };
    default:
      return { key: 'miningSettingsNotAnObject', values: {} };
  }
}
