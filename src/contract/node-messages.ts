import type { VerdictReason } from '../core/validate';

/**
 * The sentences the node writes for the page, part of the contract the page and the node
 * share (see worker-api.ts): the node stays language-free and sends a key and values; the
 * page renders `nodeMessages.<key>` in its language.
 */

/**
 * Every sentence the node writes for the page, by key, with the values it fills in. The node
 * stays language-free: it sends the key and values, the page renders `nodeMessages.<key>` in
 * its language. Counts are numbers (the page chooses the plural form); other values are text,
 * but for a chain's verdict, which the page words per code as the sentence's `reason`.
 */
export interface NodeMessageValues {
  // journal entries
  readonly restored: { readonly blocks: number; readonly pending: number; readonly registered: number };
  readonly savingFailed: { readonly error: string };
  readonly minerRestarted: { readonly index: number };
  readonly fastProofRejected: { readonly proof: string };
  readonly autoResolved: { readonly length: number; readonly peer: string; readonly dropped: number; readonly adopted: number; readonly returned: number };
  readonly rulesChangedHere: { readonly changes: string };
  readonly rulesChangedBy: { readonly peer: string; readonly changes: string };
  /** new chain rules from block `from` on: every block below keeps the rules it was mined under */
  readonly rulesFromBlockHere: { readonly changes: string; readonly from: number };
  readonly rulesFromBlockBy: { readonly peer: string; readonly changes: string; readonly from: number };
  /** our blocks from `from` on broke rules that start below them (a change made while we mined): back to pending */
  readonly chainCutUnderRules: { readonly from: number; readonly blocks: number; readonly returned: number; readonly verdict: VerdictReason };
  readonly newGenesisUnderRules: { readonly verdict: VerdictReason };
  readonly chainResetUnderRules: { readonly blocks: number; readonly returned: number; readonly verdict: VerdictReason };
  readonly tamperedStillValid: { readonly block: number };
  readonly tamperedInvalid: { readonly block: number; readonly verdict: VerdictReason };
  readonly repaired: { readonly relinked: number; readonly remined: number; readonly attempts: number; readonly rule: string };
  readonly nodeReset: Record<string, never>;
  readonly networkReset: Record<string, never>;
  /** the network's rules and resets are the teacher's, signed with a key this browser does not hold */
  readonly rulesNeedTeacherKey: Record<string, never>;
  readonly rulesNotSignedIgnored: { readonly peer: string };
  readonly resetNotSignedIgnored: { readonly peer: string };
  /** `?key=` is not a network key: the page follows a network of its own */
  readonly paramKey: { readonly value: string };
  /** `?teacher=` is not the secret half of `?key=`: this tab follows the teacher without being it */
  readonly paramTeacher: Record<string, never>;
  // warnings about the page's URL and the node it became
  readonly paramNotOneOf: { readonly name: string; readonly value: string; readonly choices: string };
  readonly paramNotNumber: { readonly name: string; readonly value: string };
  readonly paramNotWholeNumber: { readonly name: string; readonly value: string };
  readonly paramTooSmall: { readonly name: string; readonly value: string; readonly min: number };
  readonly paramTooLarge: { readonly name: string; readonly value: string; readonly max: number };
  readonly paramNotSwitch: { readonly name: string; readonly value: string };
  readonly paramGenesis: { readonly value: string };
  readonly paramNetwork: { readonly value: string };
  readonly strictNeeded: { readonly value: string };
  readonly threadsLowered: { readonly threads: number; readonly max: number };
  readonly savedNodeDiscarded: { readonly reason: string };
  /** a piece of the saved node could not be read and was left out; the chain was kept */
  readonly savedPartDropped: { readonly part: 'pending' | 'registered' | 'rules' | 'settings' | 'slot' };
  readonly savedChainUnhashable: Record<string, never>;
  readonly adoptedNetworkRules: { readonly peer: string };
  readonly invalidNodeId: { readonly id: string };
  readonly duplicatedTab: { readonly from: string; readonly id: string };
  /** opened over plain http from another computer: no SubtleCrypto, JavaScript hashes and the fast engine mines */
  readonly noSubtleCrypto: Record<string, never>;
  // storage problems
  readonly storageRefused: { readonly error: string };
  readonly readingFailed: { readonly error: string };
  // the Add transaction form's and the tamper lab's field errors
  readonly senderRequired: Record<string, never>;
  readonly recipientRequired: Record<string, never>;
  readonly amountRequired: Record<string, never>;
  readonly timestampRequired: Record<string, never>;
  readonly senderTooLong: { readonly max: number };
  readonly recipientTooLong: { readonly max: number };
  readonly amountTooLong: { readonly max: number };
  readonly timestampTooLong: { readonly max: number };
  readonly amountNotNumber: Record<string, never>;
  readonly timestampNotNumber: Record<string, never>;
  readonly amountOutOfRange: { readonly max: string };
  // a payment refused under the balances rule (core/balances SpendRefusal)
  readonly spendUncountable: Record<string, never>;
  readonly spendReward: Record<string, never>;
  readonly spendNegative: { readonly amount: string; readonly recipient: string };
  readonly spendTooMuch: { readonly sender: string; readonly available: string; readonly amount: string };
  readonly spendTooMuchHeld: { readonly sender: string; readonly available: string; readonly balance: string; readonly amount: string };
  // why mining or a repair stopped without a result
  readonly busyMining: { readonly index: number };
  readonly busyRepairing: { readonly index: number };
  readonly miningCancelled: Record<string, never>;
  readonly repairCancelled: Record<string, never>;
  readonly chainEmpty: Record<string, never>;
  readonly cannotMine: { readonly block: number; readonly reason: string };
  readonly cannotRepair: { readonly block: number; readonly reason: string };
  readonly chainChangedDuringRepair: Record<string, never>;
  readonly minerFailed: { readonly error: string };
  // a chain file refused before it was judged
  readonly fileNotText: Record<string, never>;
  readonly fileTooLarge: { readonly size: string };
  // why the next block leaves a pending transaction out (core/balances WaitReason)
  readonly waitUncountable: Record<string, never>;
  readonly waitReward: Record<string, never>;
  readonly waitNegative: { readonly amount: string };
  readonly waitUnaffordable: { readonly sender: string; readonly balance: string; readonly amount: string };
  // a tamper-lab edit refused before it was made (its field errors are the form's above)
  readonly tamperNotAnEdit: Record<string, never>;
  readonly tamperNoBlock: { readonly block: number; readonly length: number };
  readonly tamperNoTransaction: { readonly block: number; readonly transaction: number };
  // new network rules refused
  readonly rulesNotOneOf: { readonly name: string; readonly choices: string };
  readonly rulesDifficulty: { readonly min: number; readonly max: number };
  readonly rulesNotSwitch: { readonly name: string };
  readonly rulesUnknown: { readonly name: string };
  readonly balancesNeedStrict: Record<string, never>;
  readonly rulesNotAnObject: Record<string, never>;
  readonly rulesTooManySteps: { readonly max: number };
  // new mining settings refused
  readonly miningEngineNotOneOf: { readonly choices: string };
  readonly miningThreads: { readonly max: number };
  readonly miningSettingsNotAnObject: Record<string, never>;
  readonly noSubtleEngine: Record<string, never>;
  // the tutorial's register_node
  readonly registerNotAList: Record<string, never>;
  readonly registerInvalidUrl: { readonly address: string };
  readonly nodesAdded: Record<string, never>;
}

export type NodeMessageKey = keyof NodeMessageValues;

/** One sentence of the node: its key and values, rendered by the page in its language. */
export type NodeMessage = { readonly [K in NodeMessageKey]: { readonly key: K; readonly values: NodeMessageValues[K] } }[NodeMessageKey];
