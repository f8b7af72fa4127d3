import { beforeAll, describe, expect, it } from 'vitest';
import type { VerdictReason } from '../../core/validate';
import type { NodeMessage, NodeMessageKey, NodeMessageValues } from '../../contract/node-messages';
import { en } from '../i18n/en';
import { loadLanguage, startI18n } from '../i18n/i18n';
import { nodeMessageText } from './node-message-text';
import { verdictText } from './verdict-text';

/** Verdicts as validation gives them (core/validate), for the messages that carry one. */
const BAD_PROOF: VerdictReason = {
  code: 'proof',
  block: 2,
  reason: 'Bad proof at block 2 (chain[1]): sha256("100226") = 00e06c672cf57bed… does not start with 3 zeros, as the tutorial rule requires.',
  values: { rule: 'tutorial', difficulty: 3, guess: '"100226"', digest: '00e06c672cf57bed…' },
};
const BROKEN_LINK: VerdictReason = {
  code: 'previous-hash',
  block: 3,
  reason: 'previous_hash mismatch at block 3 (chain[2]): it holds "981c", but the hash of block 2 (chain[1]) is "2b3c", so the link between them is broken.',
  values: { stated: '"981c"', expected: '2b3c' },
};

/** One example of every message the node can send: the type checker requires each key with its values. */
const examples: { readonly [K in NodeMessageKey]: NodeMessageValues[K] } = {
  restored: { blocks: 2, pending: 1, registered: 0 },
  savingFailed: { error: 'QuotaExceededError: The quota has been exceeded.' },
  minerRestarted: { index: 3 },
  fastProofRejected: { proof: '35293' },
  autoResolved: { length: 4, peer: '9f3c2a1b', dropped: 1, adopted: 2, returned: 1 },
  rulesChangedHere: { changes: 'difficulty 3' },
  rulesChangedBy: { peer: '9f3c2a1b', changes: 'rule repo, difficulty 2' },
  rulesFromBlockHere: { changes: 'difficulty 5', from: 7 },
  rulesFromBlockBy: { peer: '9f3c2a1b', changes: 'rule bound', from: 5 },
  chainCutUnderRules: { from: 6, blocks: 2, returned: 1, verdict: BAD_PROOF },
  newGenesisUnderRules: { verdict: { code: 'genesis', block: 1, reason: "Block 1 is not the network's shared genesis.", values: {} } },
  chainResetUnderRules: { blocks: 3, returned: 2, verdict: BAD_PROOF },
  tamperedStillValid: { block: 4 },
  tamperedInvalid: { block: 2, verdict: BROKEN_LINK },
  repaired: { relinked: 1, remined: 2, attempts: 1, rule: 'bound' },
  nodeReset: {},
  networkReset: {},
  rulesNeedTeacherKey: {},
  rulesNotSignedIgnored: { peer: '9f3c2a1b' },
  resetNotSignedIgnored: { peer: '9f3c2a1b' },
  paramKey: { value: 'abc' },
  paramTeacher: {},
  paramNotOneOf: { name: 'engine', value: 'asic', choices: 'subtle, fast' },
  paramNotNumber: { name: 'difficulty', value: 'zero' },
  paramNotWholeNumber: { name: 'threads', value: '1.5' },
  paramTooSmall: { name: 'threads', value: '0', min: 1 },
  paramTooLarge: { name: 'difficulty', value: '9', max: 6 },
  paramNotSwitch: { name: 'autoresolve', value: 'maybe' },
  paramGenesis: { value: 'bogus' },
  paramNetwork: { value: '!' },
  strictNeeded: { value: '0' },
  threadsLowered: { threads: 8, max: 1 },
  savedNodeDiscarded: { reason: 'block 2 is not a JSON object' },
  savedChainUnhashable: {},
  adoptedNetworkRules: { peer: '9f3c2a1b' },
  invalidNodeId: { id: '1a2b3c4d' },
  duplicatedTab: { from: '9f3c2a1b', id: '1a2b3c4d' },
  savedPartDropped: { part: 'registered' },
  noSubtleCrypto: {},
  storageRefused: { error: 'UnknownError: The user denied permission to access the database.' },
  readingFailed: { error: 'UnknownError' },
  senderRequired: {},
  recipientRequired: {},
  amountRequired: {},
  timestampRequired: {},
  senderTooLong: { max: 100 },
  recipientTooLong: { max: 100 },
  amountTooLong: { max: 40 },
  timestampTooLong: { max: 40 },
  amountNotNumber: {},
  timestampNotNumber: {},
  amountOutOfRange: { max: '1,000,000,000,000,000,000,000' },
  spendUncountable: {},
  spendReward: {},
  spendNegative: { amount: '-1', recipient: 'carol' },
  spendTooMuch: { sender: 'bob', available: '0', amount: '1' },
  spendTooMuchHeld: { sender: 'bob', available: '0.25', balance: '1', amount: '0.5' },
  busyMining: { index: 3 },
  busyRepairing: { index: 2 },
  miningCancelled: {},
  repairCancelled: {},
  chainEmpty: {},
  cannotMine: { block: 2, reason: "block 2's proof is not an int" },
  cannotRepair: { block: 3, reason: "block 2's proof is not an int" },
  chainChangedDuringRepair: {},
  minerFailed: { error: 'Worker script failed to load' },
  fileNotText: {},
  fileTooLarge: { size: '32 MiB' },
  waitUncountable: {},
  waitReward: {},
  waitNegative: { amount: '-1' },
  waitUnaffordable: { sender: 'bob', balance: '0', amount: '1' },
  tamperNotAnEdit: {},
  tamperNoBlock: { block: 5, length: 3 },
  tamperNoTransaction: { block: 2, transaction: 4 },
  rulesNotOneOf: { name: 'rule', choices: 'tutorial, repo, bound' },
  rulesDifficulty: { min: 1, max: 6 },
  rulesNotSwitch: { name: 'autoResolve' },
  rulesUnknown: { name: 'reward' },
  balancesNeedStrict: {},
  rulesNotAnObject: {},
  rulesTooManySteps: { max: 32 },
  miningEngineNotOneOf: { choices: 'subtle, fast' },
  miningThreads: { max: 2 },
  miningSettingsNotAnObject: {},
  noSubtleEngine: {},
  registerNotAList: {},
  registerInvalidUrl: { address: '"http://"' },
  nodesAdded: {},
};

const messages = Object.entries(examples).map(([key, values]) => ({ key, values }) as NodeMessage);
const i18n = await startI18n('en');
await loadLanguage('zh-CN');
const inLanguage = (language: 'en' | 'zh-CN', message: NodeMessage): string => {
  void i18n.changeLanguage(language);
  return nodeMessageText(message);
};

describe('node messages', () => {
  beforeAll(() => i18n.changeLanguage('en'));

  it('have an English text for every key the node sends, and no other', () => {
    expect(Object.keys(en.nodeMessages).sort()).toEqual(Object.keys(examples).sort());
  });

  it.each(messages)('render $key in both languages with every value filled in', (message) => {
    for (const language of ['en', 'zh-CN'] as const) {
      const text = inLanguage(language, message);
      expect(text, language).not.toMatch(/\{\{|\$t\(|nodeMessages\.|nodeCounts\./);
      const values: readonly (string | number | VerdictReason)[] = Object.values(message.values);
      for (const value of values) expect(text, language).toContain(typeof value === 'object' ? verdictText(value) : String(value));
    }
    // Chinese text has Chinese in it: nothing fell back to English.
    expect(inLanguage('zh-CN', message)).toMatch(/\p{Script=Han}/u);
  });

  it("word a verdict they carry in the page's language: its English sentence in English, the Chinese wording of its code in Chinese", () => {
    const message: NodeMessage = { key: 'tamperedInvalid', values: { block: 2, verdict: BROKEN_LINK } };
    expect(inLanguage('en', message)).toBe(`Block 2 was edited; ${BROKEN_LINK.reason}`);
    const chinese = inLanguage('zh-CN', message);
    expect(chinese).toBe('第 2 个区块被修改；第 3 个区块的 previous_hash 不匹配：它写的是 "981c"，但第 2 个区块的哈希是 "2b3c"，所以两者之间的链接断了。');
    expect(chinese).not.toContain('mismatch');
  });

  it('shows a value as it is, even one that looks like a nested key (a sender may be named anything)', () => {
    const reason = 'alice pays $t(nodeMessages.nodeReset) {{count}}';
    expect(inLanguage('en', { key: 'tamperedInvalid', values: { block: 2, verdict: { ...BROKEN_LINK, reason } } })).toBe(`Block 2 was edited; ${reason}`);
  });

  it.each([
    [{ key: 'restored', values: { blocks: 2, pending: 1, registered: 0 } }, "Restored from this browser's storage: 2 blocks, 1 pending transaction, 0 registered nodes."],
    [
      { key: 'autoResolved', values: { length: 4, peer: '9f3c2a1b', dropped: 1, adopted: 2, returned: 1 } },
      'Adopted the 4 blocks chain of 9f3c2a1b (auto-resolve): 1 block of ours dropped, 2 adopted, 1 transaction back to pending.',
    ],
    [
      { key: 'chainResetUnderRules', values: { blocks: 3, returned: 2, verdict: BAD_PROOF } },
      `Our 3 blocks chain is not valid under the new rules, so this tab started a new chain and 2 transactions went back to pending. Why: ${BAD_PROOF.reason}`,
    ],
    [
      { key: 'repaired', values: { relinked: 1, remined: 2, attempts: 1, rule: 'bound' } },
      'Repaired: 1 link rewritten, 2 proofs mined again (1 attempt, rule bound).',
    ],
    [{ key: 'threadsLowered', values: { threads: 8, max: 1 } }, '?threads=8 lowered to 1: this computer has 1 logical processor.'],
    [{ key: 'paramNotOneOf', values: { name: 'engine', value: 'asic', choices: 'subtle, fast' } }, '?engine=asic ignored: engine must be one of subtle, fast.'],
    [{ key: 'paramTooLarge', values: { name: 'difficulty', value: '9', max: 6 } }, '?difficulty=9 ignored: difficulty must be at most 6.'],
    [{ key: 'paramNotSwitch', values: { name: 'autoresolve', value: 'maybe' } }, '?autoresolve=maybe ignored: autoresolve must be 0 or 1.'],
    [{ key: 'paramGenesis', values: { value: 'bogus' } }, '?genesis=bogus ignored: genesis must be node or shared.'],
    [{ key: 'paramNetwork', values: { value: '!!' } }, '?net=!! ignored: invalid network name: expected 1 to 64 characters among A-Z a-z 0-9 . _ -'],
    [{ key: 'strictNeeded', values: { value: '0' } }, '?strict=0 ignored: ?balances=1 needs strict validation on.'],
    [
      { key: 'savingFailed', values: { error: 'QuotaExceededError: The quota has been exceeded.' } },
      'Saving failed (QuotaExceededError: The quota has been exceeded.). This node keeps working in memory, but its chain, pending transactions and peers will be lost when this tab is reloaded or closed.',
    ],
    [{ key: 'fastProofRejected', values: { proof: '35293' } }, "The fast engine's proof 35293 failed the SubtleCrypto check; the search goes on past it."],
    // the node's English reasons, exactly as the HTTP answers and the node's own tests have them
    [{ key: 'recipientRequired', values: {} }, 'Recipient is required.'],
    [{ key: 'senderTooLong', values: { max: 100 } }, 'Sender must be at most 100 characters.'],
    [{ key: 'amountNotNumber', values: {} }, 'Amount must be a finite number, like 5 or 2.5.'],
    [{ key: 'timestampNotNumber', values: {} }, 'Timestamp must be a finite number of seconds, like 1735689600.5.'],
    [
      { key: 'amountOutOfRange', values: { max: '1,000,000,000,000,000,000,000' } },
      'Amount must be between -1,000,000,000,000,000,000,000 and 1,000,000,000,000,000,000,000.',
    ],
    [{ key: 'spendTooMuch', values: { sender: 'alice', available: '0', amount: '5' } }, 'alice can spend only 0, so 5 is too much.'],
    [{ key: 'spendTooMuch', values: { sender: 'alice', available: '-5', amount: '1' } }, 'alice has nothing to spend (it stands at -5), so 1 is too much.'],
    [
      { key: 'spendTooMuchHeld', values: { sender: 'bob', available: '-0.5', balance: '1', amount: '2' } },
      'bob has nothing to spend (it stands at -0.5), so 2 is too much.',
    ],
    [
      { key: 'spendTooMuchHeld', values: { sender: 'bob', available: '0.25', balance: '1', amount: '0.5' } },
      'bob can spend only 0.25 (balance 1 less pending spends), so 0.5 is too much.',
    ],
    [
      { key: 'spendNegative', values: { amount: '-1', recipient: 'carol' } },
      'The amount -1 is negative, which would take coins from carol instead of paying them.',
    ],
    [{ key: 'spendReward', values: {} }, 'Sender "0" stands for the mining reward: it creates new coins and has no balance to spend.'],
    [{ key: 'miningCancelled', values: {} }, 'Mining cancelled.'],
    [{ key: 'busyMining', values: { index: 3 } }, 'Already mining block 3.'],
    [{ key: 'cannotRepair', values: { block: 3, reason: 'no proof' } }, 'Block 3 cannot be repaired: no proof.'],
    [{ key: 'chainChangedDuringRepair', values: {} }, 'The chain changed during the repair; nothing was rewritten.'],
    [{ key: 'minerFailed', values: { error: 'Worker script failed to load' } }, 'Worker script failed to load'],
    [{ key: 'fileNotText', values: {} }, 'The file could not be read as text.'],
    [{ key: 'fileTooLarge', values: { size: '32 MiB' } }, 'The file is larger than 32 MiB, the most a chain file may hold.'],
    // what the node wrote in English before these became messages
    [{ key: 'waitUncountable', values: {} }, 'It cannot be counted: its sender and recipient must be text and its amount a number.'],
    [{ key: 'waitReward', values: {} }, 'Sender "0" stands for the mining reward, which only mining creates.'],
    [{ key: 'waitNegative', values: { amount: '-1' } }, 'Its amount -1 is negative, which no block may hold.'],
    [{ key: 'waitUnaffordable', values: { sender: 'bob', balance: '0', amount: '1.5' } }, 'bob has 0 but this spends 1.5: it waits until bob has enough.'],
    [{ key: 'tamperNoBlock', values: { block: 3, length: 2 } }, 'There is no block 3: the chain has 2.'],
    [{ key: 'tamperNoTransaction', values: { block: 2, transaction: 4 } }, 'Block 2 has no transaction 4.'],
    [{ key: 'balancesNeedStrict', values: {} }, 'Invalid rules: balances needs strict validation on (spending only what you have builds on it).'],
    [{ key: 'rulesNotOneOf', values: { name: 'rule', choices: 'tutorial, repo, bound' } }, 'Invalid rules: rule must be one of tutorial, repo, bound.'],
    [
      { key: 'miningThreads', values: { max: 1 } },
      'Invalid mining settings: threads must be a whole number from 1 to 1: this computer has 1 logical processor.',
    ],
    [{ key: 'registerNotAList', values: {} }, 'Error: Please supply a valid list of nodes'],
    [{ key: 'registerInvalidUrl', values: { address: '"http://"' } }, 'Invalid URL: "http://"'],
    [{ key: 'nodesAdded', values: {} }, 'New nodes have been added'],
  ] satisfies [NodeMessage, string][])('renders %j in English as before', (message, english) => {
    expect(inLanguage('en', message)).toBe(english);
  });
});
