import i18next from 'i18next';
import type { VerdictCode, VerdictReason, VerdictValues } from '../../core/validate';

type ShortWording = (values: VerdictValues, where: string, block: number | null) => string;

const count = (value: string | number | undefined): number => (typeof value === 'number' ? value : Number(value ?? 0));

/**
 * A verdict in a few words, for a card or a line read from the back of the room; the whole
 * sentence (`verdictText`) stays one click away. Words only the codes and short values: no
 * hash, no `chain[i]`.
 */
const SHORT: Readonly<Record<VerdictCode, ShortWording>> = {
  options: () => i18next.t('verdictShort.options'),
  'not-json': () => i18next.t('verdictShort.not-json'),
  'not-a-list': () => i18next.t('verdictShort.not-a-list'),
  empty: () => i18next.t('verdictShort.empty'),
  unhashable: (_, where) => i18next.t('verdictShort.unhashable', { where }),
  'not-an-object': (_, where) => i18next.t('verdictShort.not-an-object', { where }),
  'missing-field': (values, where) => i18next.t('verdictShort.missing-field', { where, field: values['field'] }),
  'previous-hash': (_, where, block) => i18next.t('verdictShort.previous-hash', { where, previous: (block ?? 1) - 1 }),
  proof: (values, where) =>
    values['difficulty'] === undefined
      ? i18next.t('verdictShort.proofUnchecked', { where })
      : i18next.t('verdictShort.proof', { where, zeros: i18next.t('counts.zeros', { count: count(values['difficulty']) }) }),
  'length-mismatch': (values) => i18next.t('verdictShort.length-mismatch', { declared: values['declared'], length: values['length'] }),
  fields: (_, where) => i18next.t('verdictShort.fields', { where }),
  'non-finite': (_, where) => i18next.t('verdictShort.non-finite', { where }),
  index: (values, where, block) => i18next.t('verdictShort.index', { where, index: values['index'], block }),
  'proof-type': (_, where) => i18next.t('verdictShort.proof-type', { where }),
  timestamp: (_, where) => i18next.t('verdictShort.timestamp', { where }),
  transactions: (_, where) => i18next.t('verdictShort.transactions', { where }),
  genesis: () => i18next.t('verdictShort.genesis'),
  reward: (values, where) => i18next.t('verdictShort.reward', { where, count: count(values['rewards']) }),
  'negative-amount': (_, where) => i18next.t('verdictShort.negative-amount', { where }),
  overspend: (values, where) => i18next.t('verdictShort.overspend', { where, sender: shortValue(values['sender']) }),
};

/** A value a peer or a file wrote, cut to fit one line. */
function shortValue(value: string | number | undefined): string {
  const text = String(value ?? '');
  return text.length > 16 ? `${text.slice(0, 15)}…` : text;
}

function shortWhere({ block, values }: VerdictReason): string {
  if (block === null) return i18next.t('verdictShort.where.chain');
  const transaction = values?.['transaction'];
  return transaction === undefined
    ? i18next.t('verdictShort.where.block', { block })
    : i18next.t('verdictShort.where.transaction', { block, transaction });
}

/** "block 3: previous hash ≠ hash of block 2", in the page's language. */
export function verdictShort(verdict: VerdictReason): string {
  return SHORT[verdict.code](verdict.values ?? {}, shortWhere(verdict), verdict.block);
}
