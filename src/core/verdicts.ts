/*
 * What a verdict is, and its words: the one English text of every verdict.
 *
 * Validation (validate.ts) writes its reasons from these templates, so the HTTP answers and the
 * node's journal say exactly what the page says in English; the page's English catalogue
 * (src/ui/i18n/en.ts) imports them as its `verdict` and `verdictShort` sections, and every other
 * catalogue translates the same keys with the same placeholders (i18next syntax: `{{name}}`,
 * `{{name, position}}` for a block's place in the list, `_one`/`_other` plural forms).
 *
 * A verdict names its sentence by its code and, where a code has several, by `values.variant`;
 * `wordVerdict` picks the sentence and fills it, in any language, through a `Translate`.
 */

export type VerdictCode =
  // normal mode
  | 'options'
  | 'not-json'
  | 'not-a-list'
  | 'empty'
  | 'unhashable'
  | 'not-an-object'
  | 'missing-field'
  | 'previous-hash'
  | 'proof'
  // strict mode
  | 'length-mismatch'
  | 'fields'
  | 'non-finite'
  | 'index'
  | 'proof-type'
  | 'timestamp'
  | 'transactions'
  | 'genesis'
  | 'reward'
  // balances
  | 'negative-amount'
  | 'overspend';

/**
 * The details of an invalid verdict that its reason holds only as text (values shown, field
 * names, the transaction within the block), so that the page can say the same in another language.
 */
export type VerdictValues = Readonly<Record<string, string | number>>;

export type Verdict =
  | { valid: true; length: number; hashes: readonly string[] }
  | { valid: false; code: VerdictCode; block: number | null; reason: string; values?: VerdictValues };

export type InvalidVerdict = Extract<Verdict, { valid: false }>;

/** What the page needs of an invalid verdict to word it: a chain's verdict, a peer's invalid relation, a resolve report, an unexplainable proof. */
export type VerdictReason = Pick<InvalidVerdict, 'code' | 'block' | 'reason' | 'values'>;

const STRICT_BLOCK = "but strict rules require exactly the fields 'index', 'previous_hash', 'proof', 'timestamp' and 'transactions'.";
const ONE_REWARD = 'but strict rules require exactly one mining reward of 1 as its last transaction.';

/** The whole sentence of every verdict: what is wrong and where. */
export const VERDICT_TEXT = {
  where: {
    chain: 'the chain',
    block: 'block {{block}} (chain[{{block, position}}])',
    transaction: 'transaction {{transaction}} of block {{block}} (chain[{{block, position}}])',
  },
  /** `where` at the start of a sentence */
  subject: {
    chain: 'The chain',
    block: 'Block {{block}} (chain[{{block, position}}])',
    transaction: 'Transaction {{transaction}} of block {{block}} (chain[{{block, position}}])',
  },
  zeros_one: '{{count}} zero',
  zeros_other: '{{count}} zeros',
  blocks_one: '{{count}} block',
  blocks_other: '{{count}} blocks',
  transactionCount_one: '{{count}} transaction',
  transactionCount_other: '{{count}} transactions',
  options:
    'The rules are not usable (proof rule {{rule}}, difficulty {{difficulty}}): the rule must be tutorial, repo or bound, and the difficulty a whole number from 0 to 64.',
  optionsNoStep: 'The rules schedule has no step.',
  optionsRule: 'Unknown proof rule "{{rule}}".',
  optionsDifficulty: 'Difficulty {{difficulty}} is not an integer from 0 to 64.',
  'not-json': 'It is not JSON: {{error}}.',
  'not-a-list': 'The chain is not a list.',
  notAListField: "The document's '{{field}}' is not a list.",
  notAListObject: "The document is an object without a 'chain' list.",
  notAListOther: 'The document is neither a list nor an object.',
  notAListSkipped: 'The answer left out {{skipped}} blocks, but we asked for the blocks after our block {{asked}}.',
  empty: 'The chain is empty: it has not even a genesis block (the reference would crash with IndexError).',
  unhashable: '{{subject}} cannot be written as JSON: {{error}}.',
  unhashableChain: 'The chain could not be hashed: {{error}}.',
  'not-an-object': '{{subject}} is not a JSON object with fields, so it cannot be a block (the reference would crash).',
  'missing-field': "Missing field '{{field}}' at {{where}}, so its proof of work cannot be checked (the reference would crash with KeyError).",
  missingPreviousHash: "Missing field '{{field}}' at {{where}}, so nothing links it to the block before (the reference would crash with KeyError).",
  missingPreviousProof:
    "Missing field '{{field}}' at {{where}}, so the proof of the block after it cannot be checked (the reference would crash with KeyError).",
  'previous-hash':
    'previous_hash mismatch at {{where}}: it holds {{stated}}, but the hash of block {{previous}} (chain[{{previous, position}}]) is "{{expected}}", so the link between them is broken.',
  proof: 'Bad proof at {{where}}: sha256({{guess}}) = {{digest}} does not start with {{zeros}}, as the {{rule}} rule requires.',
  proofUnchecked: 'Bad proof at {{where}}: {{problem}}.',
  'length-mismatch': 'The document claims a length of {{declared}}, but it holds {{blocks}}, and strict rules count them.',
  fields: `{{subject}} lacks {{missing}} and has the extra {{extra}}, ${STRICT_BLOCK}`,
  fieldsMissing: `{{subject}} lacks {{missing}}, ${STRICT_BLOCK}`,
  fieldsExtra: `{{subject}} has the extra {{extra}}, ${STRICT_BLOCK}`,
  'non-finite': '{{subject}} contains NaN or Infinity, which JSON cannot hold and strict rules refuse.',
  index: '{{subject}} has index {{index}}, but strict rules require its position, {{block}}.',
  'proof-type': '{{subject}} has proof {{proof}}, but strict rules require a whole number of 0 or more.',
  timestamp: '{{subject}} has timestamp {{timestamp}}, but strict rules require a number.',
  timestampEarlier:
    '{{subject}} has timestamp {{timestamp}}, earlier than the block before it ({{previous}}), but strict rules require time to go forward.',
  transactions: '{{subject}} has transactions that are not a list, which strict rules refuse.',
  transactionFields: '{{subject}} does not have exactly the fields sender, recipient and amount, which strict rules require.',
  transactionParties: '{{subject}} has a sender or recipient that is not text, which strict rules refuse.',
  transactionAmount: '{{subject}} has amount {{amount}}, but strict rules require a number.',
  genesisPreviousHash: 'The genesis block has previous_hash {{previousHash}}, but strict rules under the {{rule}} rule require {{expected}}.',
  genesisShape: 'The genesis block has proof {{proof}} and {{transactions}}, but strict rules require proof 100 and none.',
  genesisShared: "Block 1 is not the network's shared genesis block, so this chain belongs to another network.",
  rewardNone: `{{subject}} has no mining reward (a transaction from sender "0"), ${ONE_REWARD}`,
  rewardMany: `{{subject}} has {{rewards}} mining rewards (transactions from sender "0"), ${ONE_REWARD}`,
  rewardNotLast: `{{subject}} does not end with its mining reward, ${ONE_REWARD}`,
  rewardAmount: `{{subject}} has a mining reward of {{amount}}, ${ONE_REWARD}`,
  'negative-amount': '{{subject}} pays {{recipient}} a negative amount, {{amount}}, which would take coins instead of giving them.',
  overspend: '{{subject}} spends more than its sender has: {{sender}} pays {{amount}} but has only {{balance}} at that point of the chain.',
};

/**
 * A verdict in a few words, for a card or a line read from the back of the room; the whole
 * sentence stays one click away. Only the codes and short values: no hash, no `chain[i]`.
 */
export const VERDICT_SHORT = {
  where: { chain: 'the chain', block: 'block {{block}}', transaction: 'block {{block}}, payment {{transaction}}' },
  zeros_one: '{{count}} zero',
  zeros_other: '{{count}} zeros',
  options: 'rules not usable',
  'not-json': 'not JSON',
  'not-a-list': 'no list of blocks',
  empty: 'no block at all',
  unhashable: '{{where}}: cannot be hashed',
  'not-an-object': '{{where}}: not a block',
  'missing-field': '{{where}}: no {{field}} field',
  'previous-hash': '{{where}}: previous hash ≠ hash of block {{previous}}',
  proof: '{{where}}: proof fails ({{zeros}} needed)',
  proofUnchecked: '{{where}}: proof cannot be checked',
  'length-mismatch': 'claims {{declared}} blocks, holds {{length}}',
  fields: '{{where}}: wrong fields',
  'non-finite': '{{where}}: NaN or Infinity',
  index: '{{where}}: index {{index}}, not {{block}}',
  'proof-type': '{{where}}: proof not a whole number',
  timestamp: '{{where}}: timestamp goes back',
  transactions: '{{where}}: malformed transactions',
  genesis: "not this network's genesis",
  reward_one: '{{where}}: {{count}} mining reward, not 1',
  reward_other: '{{where}}: {{count}} mining rewards, not 1',
  'negative-amount': '{{where}}: negative amount',
  overspend: '{{where}}: {{sender}} spends more than it has',
};

export type VerdictTextKey = Exclude<keyof typeof VERDICT_TEXT, 'where' | 'subject'>;
type ShortKey = Exclude<keyof typeof VERDICT_SHORT, 'where'>;
/** A key without its plural ending, as i18next is asked for it. */
type Base<K extends string> = K extends `${infer B}_${'one' | 'other'}` ? B : K;

type Values = Record<string, string | number>;

/** Looks a template up by key (plural forms by `count`) in one language and fills it. */
export type Translate = (key: string, values: Values) => string;

interface Wording {
  readonly key: Base<VerdictTextKey> | Base<ShortKey>;
  readonly values: Values;
}

const num = (value: string | number | undefined): number => (typeof value === 'number' ? value : Number(value ?? 0));

/** The sentence of each code, and the values it is filled with beyond the verdict's own. */
function fullWording({ code, block, values = {} }: VerdictReason, t: Translate): Wording {
  const variant = values['variant'];
  const own = { ...values, block: block ?? '' };
  const by = (key: Base<VerdictTextKey>, extra: Values = {}): Wording => ({ key, values: { ...own, ...extra } });
  switch (code) {
    case 'options':
      return by(variant === 'no-step' ? 'optionsNoStep' : variant === 'rule' ? 'optionsRule' : variant === 'difficulty' ? 'optionsDifficulty' : 'options');
    case 'not-a-list':
      if (values['skipped'] !== undefined) return by('notAListSkipped');
      if (values['field'] !== undefined) return by('notAListField');
      return by(variant === 'object' ? 'notAListObject' : variant === 'other' ? 'notAListOther' : 'not-a-list');
    case 'unhashable':
      return by(block === null ? 'unhashableChain' : 'unhashable');
    case 'missing-field':
      if (values['field'] === 'previous_hash') return by('missingPreviousHash');
      return by(values['next'] === undefined ? 'missing-field' : 'missingPreviousProof');
    case 'previous-hash':
      return by('previous-hash', { previous: (block ?? 1) - 1 });
    case 'proof':
      if (values['digest'] === undefined) return by('proofUnchecked', { problem: values['problem'] ?? '—' });
      return by('proof', { zeros: t('zeros', { count: num(values['difficulty']) }) });
    case 'length-mismatch':
      return by('length-mismatch', { blocks: t('blocks', { count: num(values['length']) }) });
    case 'fields':
      return by(values['extra'] === '—' ? 'fieldsMissing' : values['missing'] === '—' ? 'fieldsExtra' : 'fields');
    case 'timestamp':
      return by(variant === 'not-number' ? 'timestamp' : 'timestampEarlier');
    case 'transactions':
      if (values['transaction'] === undefined) return by('transactions');
      if (values['amount'] !== undefined) return by('transactionAmount');
      return by(variant === 'parties' ? 'transactionParties' : 'transactionFields');
    case 'genesis':
      if (values['expected'] === undefined) return by('genesisShared');
      if (values['previousHash'] !== values['expected']) return by('genesisPreviousHash');
      return by('genesisShape', { transactions: t('transactionCount', { count: num(values['transactions']) }) });
    case 'reward':
      if (variant === 'not-last') return by('rewardNotLast');
      if (variant === 'amount') return by('rewardAmount');
      return by(num(values['rewards']) === 0 ? 'rewardNone' : 'rewardMany');
    default:
      return by(code);
  }
}

/** A value a peer or a file wrote, cut to fit one line. */
function shortValue(value: string | number | undefined): string {
  const text = String(value ?? '');
  return text.length > 16 ? `${text.slice(0, 15)}…` : text;
}

function shortWording({ code, block, values = {} }: VerdictReason, t: Translate): Wording {
  const own = { ...values, block: block ?? '' };
  const by = (key: Base<ShortKey>, extra: Values = {}): Wording => ({ key, values: { ...own, ...extra } });
  switch (code) {
    case 'previous-hash':
      return by('previous-hash', { previous: (block ?? 1) - 1 });
    case 'proof':
      return values['difficulty'] === undefined ? by('proofUnchecked') : by('proof', { zeros: t('zeros', { count: num(values['difficulty']) }) });
    case 'reward':
      return by('reward', { count: num(values['rewards']) });
    case 'overspend':
      return by('overspend', { sender: shortValue(values['sender']) });
    default:
      return by(code);
  }
}

/** Where a verdict points: a transaction of a block, a block, or the whole chain. */
function place({ block, values }: VerdictReason): { key: 'chain' | 'block' | 'transaction'; values: Values } {
  if (block === null) return { key: 'chain', values: {} };
  const transaction = values?.['transaction'];
  return transaction === undefined ? { key: 'block', values: { block } } : { key: 'transaction', values: { block, transaction } };
}

/**
 * An invalid verdict in words: the whole sentence, or `short` the few words of a card.
 * `t` looks keys up in one language's `verdict` (or `verdictShort`) section.
 */
export function wordVerdict(verdict: VerdictReason, t: Translate, short = false): string {
  const at = place(verdict);
  const where = t(`where.${at.key}`, at.values);
  if (short) {
    const { key, values } = shortWording(verdict, t);
    return t(key, { ...values, where });
  }
  const subject = t(`subject.${at.key}`, at.values);
  const { key, values } = fullWording(verdict, t);
  return t(key, { ...values, where, subject });
}

type Templates = { readonly [key: string]: string | Templates };

/** `{{name}}`, or `{{name, position}}`: a block number as its place in the list (block 3 is chain[2]). */
export function fillTemplate(template: string, values: Values): string {
  return template.replace(/\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g, (_, name: string, format: string | undefined) => {
    const value = values[name];
    if (value === undefined) return '';
    return format === 'position' ? String(Number(value) - 1) : String(value);
  });
}

/** English plural forms: `_one` for exactly 1, `_other` otherwise. */
function englishIn(templates: Templates): Translate {
  return (key, values) => {
    let node: string | Templates | undefined = templates;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string' && typeof values['count'] === 'number') {
      const form = values['count'] === 1 ? 'one' : 'other';
      const parent = key.split('.').slice(0, -1).reduce<string | Templates | undefined>((n, p) => (typeof n === 'object' ? n[p] : undefined), templates);
      node = typeof parent === 'object' ? parent[`${key.split('.').at(-1) ?? ''}_${form}`] : undefined;
    }
    if (typeof node !== 'string') throw new Error(`No English verdict text "${key}".`);
    return fillTemplate(node, values);
  };
}

const english = englishIn(VERDICT_TEXT);

/** The English sentence of a verdict, as validation writes it in `reason`. */
export function englishReason(code: VerdictCode, block: number | null, values: VerdictValues = {}): string {
  return wordVerdict({ code, block, reason: '', values }, english);
}

/** A verdict with its English reason. */
export function invalidVerdict(code: VerdictCode, block: number | null, values?: VerdictValues): InvalidVerdict {
  const reason = englishReason(code, block, values);
  return values === undefined ? { valid: false, code, block, reason } : { valid: false, code, block, reason, values };
}
