import { describe, expect, it } from 'vitest';
import { englishReason, fillTemplate, VERDICT_SHORT, VERDICT_TEXT, wordVerdict, type Translate } from './verdicts';

/** The sentences validation wrote by hand before its reasons came from the templates: they stay the same, byte for byte. */
describe('englishReason', () => {
  it.each([
    [
      englishReason('previous-hash', 3, { stated: '"ab"', expected: 'f00d' }),
      'previous_hash mismatch at block 3 (chain[2]): it holds "ab", but the hash of block 2 (chain[1]) is "f00d", so the link between them is broken.',
    ],
    [
      englishReason('missing-field', 3, { field: 'previous_hash' }),
      "Missing field 'previous_hash' at block 3 (chain[2]), so nothing links it to the block before (the reference would crash with KeyError).",
    ],
    [
      englishReason('missing-field', 2, { field: 'proof', next: 3 }),
      "Missing field 'proof' at block 2 (chain[1]), so the proof of the block after it cannot be checked (the reference would crash with KeyError).",
    ],
    [
      englishReason('missing-field', 3, { field: 'proof' }),
      "Missing field 'proof' at block 3 (chain[2]), so its proof of work cannot be checked (the reference would crash with KeyError).",
    ],
    [
      englishReason('proof', 2, { rule: 'tutorial', difficulty: 3, guess: '"100226"', digest: '00e06c672cf57bed…' }),
      'Bad proof at block 2 (chain[1]): sha256("100226") = 00e06c672cf57bed… does not start with 3 zeros, as the tutorial rule requires.',
    ],
    [
      englishReason('proof', 2, { rule: 'repo', difficulty: 3, problem: 'the proof is a list, not a number or string' }),
      'Bad proof at block 2 (chain[1]): the proof is a list, not a number or string.',
    ],
    [englishReason('not-an-object', 2), 'Block 2 (chain[1]) is not a JSON object with fields, so it cannot be a block (the reference would crash).'],
    [englishReason('non-finite', 2), 'Block 2 (chain[1]) contains NaN or Infinity, which JSON cannot hold and strict rules refuse.'],
    [englishReason('unhashable', 4, { error: 'too deep' }), 'Block 4 (chain[3]) cannot be written as JSON: too deep.'],
    [englishReason('unhashable', null, { error: 'no digest' }), 'The chain could not be hashed: no digest.'],
    [englishReason('not-a-list', null), 'The chain is not a list.'],
    [englishReason('not-a-list', null, { field: 'chain' }), "The document's 'chain' is not a list."],
    [englishReason('not-a-list', null, { variant: 'object' }), "The document is an object without a 'chain' list."],
    [englishReason('not-a-list', null, { variant: 'other' }), 'The document is neither a list nor an object.'],
    [
      englishReason('not-a-list', null, { skipped: 2, asked: 3 }),
      'The answer left out 2 blocks, but we asked for the blocks after our block 3.',
    ],
    [englishReason('not-json', null, { error: 'Unexpected end' }), 'It is not JSON: Unexpected end.'],
    [englishReason('options', null, { variant: 'no-step', rule: '—', difficulty: '—' }), 'The rules schedule has no step.'],
    [englishReason('options', null, { variant: 'rule', rule: 'x', difficulty: '4' }), 'Unknown proof rule "x".'],
    [englishReason('options', null, { variant: 'difficulty', rule: 'repo', difficulty: '65' }), 'Difficulty 65 is not an integer from 0 to 64.'],
    [
      englishReason('length-mismatch', null, { declared: '9', length: 1 }),
      'The document claims a length of 9, but it holds 1 block, and strict rules count them.',
    ],
    [
      englishReason('length-mismatch', null, { declared: '9', length: 3 }),
      'The document claims a length of 9, but it holds 3 blocks, and strict rules count them.',
    ],
    [
      englishReason('fields', 2, { missing: "'proof'", extra: '—' }),
      "Block 2 (chain[1]) lacks 'proof', but strict rules require exactly the fields 'index', 'previous_hash', 'proof', 'timestamp' and 'transactions'.",
    ],
    [
      englishReason('fields', 2, { missing: "'proof'", extra: "'x'" }),
      "Block 2 (chain[1]) lacks 'proof' and has the extra 'x', but strict rules require exactly the fields 'index', 'previous_hash', 'proof', 'timestamp' and 'transactions'.",
    ],
    [englishReason('index', 2, { index: '7' }), 'Block 2 (chain[1]) has index 7, but strict rules require its position, 2.'],
    [englishReason('timestamp', 2, { timestamp: '"x"', previous: '—', variant: 'not-number' }), 'Block 2 (chain[1]) has timestamp "x", but strict rules require a number.'],
    [
      englishReason('timestamp', 3, { timestamp: '5', previous: '9' }),
      'Block 3 (chain[2]) has timestamp 5, earlier than the block before it (9), but strict rules require time to go forward.',
    ],
    [englishReason('transactions', 2), 'Block 2 (chain[1]) has transactions that are not a list, which strict rules refuse.'],
    [
      englishReason('transactions', 2, { transaction: 1 }),
      'Transaction 1 of block 2 (chain[1]) does not have exactly the fields sender, recipient and amount, which strict rules require.',
    ],
    [
      englishReason('transactions', 2, { transaction: 1, variant: 'parties' }),
      'Transaction 1 of block 2 (chain[1]) has a sender or recipient that is not text, which strict rules refuse.',
    ],
    [englishReason('transactions', 2, { transaction: 2, amount: '"5"' }), 'Transaction 2 of block 2 (chain[1]) has amount "5", but strict rules require a number.'],
    [
      englishReason('genesis', 1, { rule: 'repo', previousHash: '1', expected: '"1"', proof: '100', transactions: 0 }),
      'The genesis block has previous_hash 1, but strict rules under the repo rule require "1".',
    ],
    [
      englishReason('genesis', 1, { rule: 'repo', previousHash: '"1"', expected: '"1"', proof: '7', transactions: 1 }),
      'The genesis block has proof 7 and 1 transaction, but strict rules require proof 100 and none.',
    ],
    [englishReason('genesis', 1), "Block 1 is not the network's shared genesis block, so this chain belongs to another network."],
    [
      englishReason('reward', 2, { rewards: 0 }),
      'Block 2 (chain[1]) has no mining reward (a transaction from sender "0"), but strict rules require exactly one mining reward of 1 as its last transaction.',
    ],
    [
      englishReason('reward', 2, { rewards: 2 }),
      'Block 2 (chain[1]) has 2 mining rewards (transactions from sender "0"), but strict rules require exactly one mining reward of 1 as its last transaction.',
    ],
    [
      englishReason('reward', 2, { rewards: 1, variant: 'not-last' }),
      'Block 2 (chain[1]) does not end with its mining reward, but strict rules require exactly one mining reward of 1 as its last transaction.',
    ],
    [
      englishReason('reward', 2, { rewards: 1, variant: 'amount', amount: '2' }),
      'Block 2 (chain[1]) has a mining reward of 2, but strict rules require exactly one mining reward of 1 as its last transaction.',
    ],
  ])('%s', (text, expected) => {
    expect(text).toBe(expected);
  });
});

describe('the templates', () => {
  it('fill `{{name}}` and `{{name, position}}`, and leave no placeholder behind', () => {
    expect(fillTemplate('block {{block}} (chain[{{block, position}}]) {{missing}}', { block: 3 })).toBe('block 3 (chain[2]) ');
  });

  it('word a short verdict from the same module', () => {
    const english: Translate = (key, values) => {
      const plural = typeof values['count'] === 'number' ? `${key}_${values['count'] === 1 ? 'one' : 'other'}` : key;
      const table = VERDICT_SHORT as Record<string, unknown>;
      const where = VERDICT_SHORT.where as Record<string, string>;
      const template = key.startsWith('where.') ? where[key.slice(6)] : (table[key] ?? table[plural]);
      if (typeof template !== 'string') throw new Error(key);
      return fillTemplate(template, values);
    };
    expect(wordVerdict({ code: 'previous-hash', block: 3, reason: '' }, english, true)).toBe('block 3: previous hash ≠ hash of block 2');
  });

  it('write every sentence with placeholders only (no literal braces left unbalanced)', () => {
    const all = JSON.stringify([VERDICT_TEXT, VERDICT_SHORT]);
    expect(all.match(/\{\{/g)?.length).toBe(all.match(/\}\}/g)?.length);
  });
});
