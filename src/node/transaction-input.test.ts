import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ABS_AMOUNT, MAX_AMOUNT_CHARS, MAX_PARTY_CHARS } from '../network/limits';
import { handleRequest } from './endpoints';
import { parseTransactionInput } from './transaction-input';
import { DEFAULT_RULES } from '../core/rules';
import { createMemoryHub } from '../network/memory-transport';
import { testNetwork, testNodes } from './test-nodes.test-suite';

const form = (amount: string, sender = 'alice', recipient = 'bob') => parseTransactionInput({ sender, recipient, amount });

describe('the Add transaction form’s limits', () => {
  it('takes sender and recipient up to the stated length, trimmed, and refuses one character more', () => {
    const longest = 'x'.repeat(MAX_PARTY_CHARS);
    expect(form('1', ` ${longest} `, longest)).toMatchObject({ ok: true, transaction: { sender: longest, recipient: longest } });
    expect(form('1', `${longest}x`, `${longest}y`)).toEqual({
      ok: false,
      texts: { sender: `Sender must be at most ${MAX_PARTY_CHARS} characters.`, recipient: `Recipient must be at most ${MAX_PARTY_CHARS} characters.` },
      messages: { sender: { key: 'senderTooLong', values: { max: MAX_PARTY_CHARS } }, recipient: { key: 'recipientTooLong', values: { max: MAX_PARTY_CHARS } } },
    });
  });

  it('takes amounts within the stated range, keeping ints and floats apart', () => {
    expect(form('1000000000000000000000')).toMatchObject({ ok: true, transaction: { amount: 10n ** 21n } });
    expect(form('-1e21')).toMatchObject({ ok: true, transaction: { amount: -MAX_ABS_AMOUNT } });
    expect(form('2.5')).toMatchObject({ ok: true, transaction: { amount: 2.5 } });
    const range = 'Amount must be between -1,000,000,000,000,000,000,000 and 1,000,000,000,000,000,000,000.';
    for (const amount of ['1000000000000000000001', '-1000000000000000000001', '1.0000000000000002e21', '1e300', '123456789012345678901234567890']) {
      expect(form(amount)).toEqual({
        ok: false,
        texts: { amount: range },
        messages: { amount: { key: 'amountOutOfRange', values: { max: '1,000,000,000,000,000,000,000' } } },
      });
    }
  });

  it('refuses amounts that are not finite numbers, and text over the length limit', () => {
    for (const amount of ['NaN', 'Infinity', '-Infinity', '1e400', 'five', '"5"', 'true', 'null', '[1]', '0x10']) {
      expect(form(amount)).toEqual({
        ok: false,
        texts: { amount: 'Amount must be a finite number, like 5 or 2.5.' },
        messages: { amount: { key: 'amountNotNumber', values: {} } },
      });
    }
    expect(form('1'.padStart(MAX_AMOUNT_CHARS + 1, '0'))).toEqual({
      ok: false,
      texts: { amount: `Amount must be at most ${MAX_AMOUNT_CHARS} characters.` },
      messages: { amount: { key: 'amountTooLong', values: { max: MAX_AMOUNT_CHARS } } },
    });
  });

  it('refuses a value whose length is no number (an object without a prototype) as a missing field, without throwing', () => {
    const length = [Object.create(null) as object];
    expect(parseTransactionInput({ sender: { length }, recipient: 'bob', amount: { length } })).toEqual({
      ok: false,
      texts: { sender: 'Sender is required.', amount: 'Amount is required.' },
      messages: { sender: { key: 'senderRequired', values: {} }, amount: { key: 'amountRequired', values: {} } },
    });
  });

  it('never throws, and whatever it accepts is within every limit', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true }), fc.string(), fc.string(), (amount, sender, recipient) => {
        const result = parseTransactionInput({ sender, recipient, amount });
        const raw = parseTransactionInput(amount);
        expect(raw.ok).toBe(false);
        if (!result.ok) return;
        const { transaction } = result;
        expect(typeof transaction.sender === 'string' && transaction.sender.length <= MAX_PARTY_CHARS).toBe(true);
        expect(typeof transaction.recipient === 'string' && transaction.recipient.length <= MAX_PARTY_CHARS).toBe(true);
        const value = transaction.amount;
        expect(typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value))).toBe(true);
        expect(Math.abs(Number(value))).toBeLessThanOrEqual(MAX_ABS_AMOUNT);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('POST /transactions/new keeps the tutorial’s semantics', () => {
  const nodes = testNodes(testNetwork('transaction-input-test'), 'f', DEFAULT_RULES);

  it('queues any JSON in the three fields, over the form’s limits, and answers 400 Missing values only when one is absent', async () => {
    const node = await nodes.start(createMemoryHub());
    const huge = { sender: 'x'.repeat(MAX_PARTY_CHARS * 2), recipient: ['not', 'text'], amount: 10n ** 30n };
    const body = `{"sender": "${huge.sender}", "recipient": ["not", "text"], "amount": ${huge.amount}}`;
    expect(await handleRequest(node, 'POST', '/transactions/new', body)).toMatchObject({ status: 201 });
    expect(node.pending()).toEqual([huge]);
    expect(await handleRequest(node, 'POST', '/transactions/new', '{"sender": "a", "amount": 1}')).toEqual({
      status: 400,
      kind: 'text',
      body: 'Missing values',
    });
    nodes.closeAll();
  });
});
