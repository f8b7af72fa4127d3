import i18next from 'i18next';
import type { VerdictCode, VerdictReason, VerdictValues } from '../../core/validate';

type Wording = (verdict: VerdictReason, values: VerdictValues, where: string) => string;

const number = (value: string | number | undefined): number => (typeof value === 'number' ? value : Number(value ?? 0));

/** One sentence per code, in the page's language, from the verdict's structured details (never from its English text). */
const WORDINGS: Readonly<Record<VerdictCode, Wording>> = {
  options: (_, values) => i18next.t('verdict.options', { rule: values['rule'], difficulty: values['difficulty'] }),
  'not-json': (_, values) => i18next.t('verdict.not-json', { error: values['error'] }),
  'not-a-list': (_, values) =>
    values['skipped'] === undefined
      ? i18next.t('verdict.not-a-list')
      : i18next.t('verdict.notAListSkipped', { skipped: values['skipped'], asked: values['asked'] }),
  empty: () => i18next.t('verdict.empty'),
  unhashable: (_, __, where) => i18next.t('verdict.unhashable', { where }),
  'not-an-object': (_, __, where) => i18next.t('verdict.not-an-object', { where }),
  'missing-field': (_, values, where) => i18next.t('verdict.missing-field', { where, field: values['field'] }),
  'previous-hash': ({ block }, values, where) =>
    i18next.t('verdict.previous-hash', { where, stated: values['stated'], expected: values['expected'], previous: (block ?? 1) - 1 }),
  proof: (_, values, where) => {
    const rule = values['rule'];
    if (values['digest'] === undefined) return i18next.t('verdict.proofUnchecked', { where, rule });
    const zeros = i18next.t('counts.zeros', { count: number(values['difficulty']) });
    return i18next.t('verdict.proof', { where, rule, zeros, guess: values['guess'], digest: values['digest'] });
  },
  'length-mismatch': (_, values) =>
    i18next.t('verdict.length-mismatch', { declared: values['declared'], blocks: i18next.t('counts.blocks', { count: number(values['length']) }) }),
  fields: (_, values, where) => i18next.t('verdict.fields', { where, missing: values['missing'], extra: values['extra'] }),
  'non-finite': (_, __, where) => i18next.t('verdict.non-finite', { where }),
  index: ({ block }, values, where) => i18next.t('verdict.index', { where, index: values['index'], block }),
  'proof-type': (_, values, where) => i18next.t('verdict.proof-type', { where, proof: values['proof'] }),
  timestamp: (_, values, where) => i18next.t('verdict.timestamp', { where, timestamp: values['timestamp'], previous: values['previous'] }),
  transactions: (_, __, where) => i18next.t('verdict.transactions', { where }),
  genesis: (_, values) => {
    if (values['expected'] === undefined) return i18next.t('verdict.genesisShared');
    if (values['previousHash'] !== values['expected']) {
      return i18next.t('verdict.genesisPreviousHash', { previousHash: values['previousHash'], expected: values['expected'], rule: values['rule'] });
    }
    const transactions = i18next.t('verdict.transactionCount', { count: number(values['transactions']) });
    return i18next.t('verdict.genesisShape', { proof: values['proof'], transactions });
  },
  reward: (_, values, where) => i18next.t('verdict.reward', { where, rewards: values['rewards'] }),
  'negative-amount': (_, values, where) => i18next.t('verdict.negative-amount', { where, recipient: values['recipient'], amount: values['amount'] }),
  overspend: (_, values, where) =>
    i18next.t('verdict.overspend', { where, sender: values['sender'], amount: values['amount'], balance: values['balance'] }),
};

/** Where a verdict points: a transaction of a block, a block, or the whole chain. */
function whereText({ block, values }: VerdictReason): string {
  if (block === null) return i18next.t('verdict.where.chain');
  const transaction = values?.['transaction'];
  return transaction === undefined ? i18next.t('verdict.where.block', { block }) : i18next.t('verdict.where.transaction', { block, transaction });
}

/** Whether the page shows English, the language the node's reasons are written in (also before i18next starts). */
function inEnglish(): boolean {
  const language = i18next.language as string | undefined;
  return language === undefined || language.startsWith('en');
}

/** An invalid verdict's reason in the page's language: the node's own sentence in English, a translated one otherwise. */
export function verdictText(verdict: VerdictReason): string {
  if (inEnglish()) return verdict.reason;
  const values = verdict.values ?? {};
  return WORDINGS[verdict.code](verdict, values, whereText(verdict));
}
