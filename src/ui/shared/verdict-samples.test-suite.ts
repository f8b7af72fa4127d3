import type { VerdictCode, VerdictReason } from '../../core/validate';

/** One verdict per code, with the values validation gives it (the record makes the type checker require every code). */
export const SAMPLES: Readonly<Record<VerdictCode, VerdictReason>> = {
  options: { code: 'options', block: null, reason: 'Unknown proof rule "x".', values: { rule: 'x', difficulty: '4' } },
  'not-json': { code: 'not-json', block: null, reason: 'It is not JSON: Unexpected end.', values: { error: 'Unexpected end' } },
  'not-a-list': { code: 'not-a-list', block: null, reason: 'The chain is not a list.' },
  empty: { code: 'empty', block: null, reason: 'The chain is empty.' },
  unhashable: { code: 'unhashable', block: 4, reason: 'Block 4 (chain[3]) cannot be written as JSON: too deep.', values: { error: 'too deep' } },
  'not-an-object': { code: 'not-an-object', block: 4, reason: 'Block 4 is not an object.' },
  'missing-field': { code: 'missing-field', block: 4, reason: "Missing field 'proof' at block 4.", values: { field: 'proof' } },
  'previous-hash': { code: 'previous-hash', block: 4, reason: 'previous_hash mismatch at block 4.', values: { stated: '"abc"', expected: 'f00d' } },
  proof: {
    code: 'proof',
    block: 4,
    reason: 'Bad proof at block 4.',
    values: { rule: 'tutorial', difficulty: 4, guess: '"100353"', digest: '1234abcd…' },
  },
  'length-mismatch': { code: 'length-mismatch', block: null, reason: 'The document claims a length of 9.', values: { declared: '9', length: 3 } },
  fields: { code: 'fields', block: 4, reason: "Block 4 lacks 'proof'.", values: { missing: 'proof', extra: '—' } },
  'non-finite': { code: 'non-finite', block: 4, reason: 'Block 4 contains NaN.' },
  index: { code: 'index', block: 4, reason: 'Block 4 has index 7.', values: { index: '7' } },
  'proof-type': { code: 'proof-type', block: 4, reason: 'Block 4 has proof -1.', values: { proof: '-1' } },
  timestamp: { code: 'timestamp', block: 4, reason: 'Block 4 has timestamp 5.', values: { timestamp: '5', previous: '9' } },
  transactions: { code: 'transactions', block: 4, reason: 'Transaction 2 of block 4 has amount "x".', values: { transaction: 2 } },
  genesis: {
    code: 'genesis',
    block: 1,
    reason: 'The genesis block has previous_hash "1".',
    values: { rule: 'tutorial', previousHash: '"1"', expected: '1', proof: '100', transactions: 0 },
  },
  reward: { code: 'reward', block: 4, reason: 'Block 4 has 2 mining rewards.', values: { rewards: 2 } },
  'negative-amount': {
    code: 'negative-amount',
    block: 4,
    reason: 'Transaction 1 of block 4 pays bob a negative amount, -1.',
    values: { transaction: 1, recipient: 'bob', amount: '-1' },
  },
  overspend: {
    code: 'overspend',
    block: 4,
    reason: 'Transaction 1 of block 4 spends more than its sender has.',
    values: { transaction: 1, sender: 'alice', amount: '5', balance: '0' },
  },
};

