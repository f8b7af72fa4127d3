import { describe, expect, it } from 'vitest';
import { MAX_CHAIN_CHARS, MAX_MESSAGE_FIELD_CHARS, MAX_MESSAGE_KEYS, MAX_TIP_BLOCK_CHARS } from './limits';
import {
  PEER_MESSAGE_KINDS,
  parsePeerMessage,
  type MessageOf,
  type PeerMessage,
} from './messages';
import { PEER_A, PEER_B } from './test-peer-ids.test-suite';

const A = PEER_A;
const B = PEER_B;

const validInputs: Record<PeerMessage['kind'], Record<string, unknown>> = {
  arrive: { kind: 'arrive', v: 1, from: A, network: 'default' },
  welcome: { kind: 'welcome', v: 1, from: A, to: B },
  leave: { kind: 'leave', v: 1, from: A },
  heartbeat: { kind: 'heartbeat', v: 1, from: A },
  'chain-request': { kind: 'chain-request', v: 1, from: A, to: B, requestId: 'r1' },
  'chain-response': {
    kind: 'chain-response',
    v: 1,
    from: A,
    to: B,
    requestId: 'r1',
    body: '{"chain": [], "length": 0}',
  },
  tip: { kind: 'tip', v: 1, from: A, height: 3, hash: 'ab'.repeat(32) },
  rules: {
    kind: 'rules',
    v: 1,
    from: A,
    to: B,
    rules: { rule: 'bound', difficulty: 3, genesis: 'shared', strict: true, balances: true, autoResolve: true },
    schedule: [
      { from: 1, rule: 'tutorial', difficulty: 2, strict: false, balances: false },
      { from: 6, rule: 'bound', difficulty: 3, strict: true, balances: true },
    ],
    clock: { epoch: 2, at: 1_700_000_000_000, by: A },
  },
  badge: { kind: 'badge', v: 1, from: A, slot: 2, since: 1_700_000_000_000 },
  stats: { kind: 'stats', v: 1, from: A, pending: 2, mining: true, hashRate: 123_456 },
  observe: { kind: 'observe', v: 1, from: A },
  reset: {
    kind: 'reset',
    v: 1,
    from: A,
    rules: { rule: 'tutorial', difficulty: 4, genesis: 'node', strict: false, balances: false, autoResolve: false },
    clock: { epoch: 3, at: 1_700_000_000_000, by: A },
  },
};

function errorOf(data: unknown): string {
  const result = parsePeerMessage(data);
  if (result.ok) throw new Error(`expected a rejection of ${JSON.stringify(data)}`);
  return result.error;
}

describe('parsePeerMessage', () => {
  it('knows exactly the twelve kinds of protocol v1', () => {
    expect(PEER_MESSAGE_KINDS).toEqual([
      'arrive',
      'welcome',
      'leave',
      'heartbeat',
      'chain-request',
      'chain-response',
      'tip',
      'rules',
      'badge',
      'stats',
      'observe',
      'reset',
    ]);
  });

  it('accepts stats without a hash rate (a tab that is not mining) and an observe addressed to one tab', () => {
    expect(parsePeerMessage({ kind: 'stats', v: 1, from: A, pending: 0, mining: false }).ok).toBe(true);
    expect(parsePeerMessage({ ...validInputs.observe, to: B }).ok).toBe(true);
  });

  it.each(Object.entries(validInputs))('accepts a valid %s and returns a fresh object', (_, input) => {
    const result = parsePeerMessage(input);
    expect(result).toEqual({ ok: true, message: input });
    if (result.ok) expect(result.message).not.toBe(input);
  });

  it('narrows by kind', () => {
    const result = parsePeerMessage(validInputs['chain-response']);
    if (!result.ok || result.message.kind !== 'chain-response') throw new Error('unexpected');
    const response: MessageOf<'chain-response'> = result.message;
    expect(response.body).toBe('{"chain": [], "length": 0}');
  });

  it('keeps the body text verbatim (no JSON parsing here)', () => {
    const body = '{"chain": [{"amount": 5.0, "big": 123456789012345678901234567890}], "length": 1}';
    const result = parsePeerMessage({ ...validInputs['chain-response'], body });
    expect(result.ok && result.message.kind === 'chain-response' && result.message.body).toBe(body);
  });

  it('accepts a request with the requester\'s tip and an answer that skips the blocks before it', () => {
    const since = { height: 7, hash: 'cd'.repeat(32) };
    expect(parsePeerMessage({ ...validInputs['chain-request'], since })).toMatchObject({ ok: true, message: { since } });
    expect(parsePeerMessage({ ...validInputs['chain-response'], skipped: 7 })).toMatchObject({ ok: true, message: { skipped: 7 } });
  });

  it('accepts a body of exactly MAX_CHAIN_CHARS and rejects one more', () => {
    const base = validInputs['chain-response'];
    expect(MAX_CHAIN_CHARS).toBe(32 * 1024 * 1024);
    expect(parsePeerMessage({ ...base, body: 'x'.repeat(MAX_CHAIN_CHARS) }).ok).toBe(true);
    expect(errorOf({ ...base, body: 'x'.repeat(MAX_CHAIN_CHARS + 1) })).toMatch(
      /^chain-response\.body: /,
    );
  });

  it.each([
    ['null', null, /^expected a message object, received null$/],
    ['a number', 42, /received number/],
    ['a string', 'arrive', /received "arrive"/],
    ['an array', [validInputs.leave], /received an array/],
    ['undefined', undefined, /received undefined/],
    ['an empty object', {}, /^missing kind$/],
    ['an unknown kind', { ...validInputs.leave, kind: 'block' }, /^unknown kind "block" \(expected arrive \|/],
    ['a non-string kind', { ...validInputs.leave, kind: 7 }, /^unknown kind number/],
    ['protocol v2', { ...validInputs.leave, v: 2 }, /^leave\.v: /],
    ['v as a string', { ...validInputs.leave, v: '1' }, /^leave\.v: /],
    ['a missing from', { kind: 'leave', v: 1 }, /^leave\.from: /],
    ['a dashed from', { ...validInputs.leave, from: 'aaaaaaaa-aaaa-4aaa-aaaa-aaaaaaaaaaaa' }, /^leave\.from: /],
    ['a missing to', { kind: 'welcome', v: 1, from: A }, /^welcome\.to: /],
    ['an extra field', { ...validInputs.leave, extra: true }, /^leave: Unrecognized key/],
    ['a bad network', { ...validInputs.arrive, network: 'a b' }, /^arrive\.network: /],
    ['an empty requestId', { ...validInputs['chain-request'], requestId: '' }, /^chain-request\.requestId: /],
    ['a long requestId', { ...validInputs['chain-request'], requestId: 'r'.repeat(65) }, /requestId/],
    ['a numeric body', { ...validInputs['chain-response'], body: 12 }, /^chain-response\.body: /],
    ['a tip at height 0', { ...validInputs.tip, height: 0 }, /^tip\.height: /],
    ['a fractional height', { ...validInputs.tip, height: 1.5 }, /^tip\.height: /],
    ['an uppercase tip hash', { ...validInputs.tip, hash: 'AB'.repeat(32) }, /^tip\.hash: expected 64 lowercase hex/],
    ['a short tip hash', { ...validInputs.tip, hash: 'ab' }, /^tip\.hash: /],
    ['difficulty 7', { ...validInputs.rules, rules: { ...(validInputs.rules.rules as object), difficulty: 7 } }, /^rules\.rules\.difficulty: /],
    ['an unknown rule', { ...validInputs.rules, rules: { ...(validInputs.rules.rules as object), rule: 'fast' } }, /^rules\.rules\.rule: /],
    ['a missing rules field', { ...validInputs.rules, rules: { rule: 'tutorial' } }, /^rules\.rules\./],
    ['a negative epoch', { ...validInputs.rules, clock: { epoch: -1, at: 0, by: A } }, /^rules\.clock\.epoch: /],
    ['an infinite clock time', { ...validInputs.rules, clock: { epoch: 0, at: Infinity, by: A } }, /^rules\.clock\.at: /],
    ['a parsed body', { ...validInputs['chain-response'], body: { chain: [], length: 0 } }, /body/],
    ['a since at height 0', { ...validInputs['chain-request'], since: { height: 0, hash: 'ab'.repeat(32) } }, /^chain-request\.since\.height: /],
    ['a since without hash', { ...validInputs['chain-request'], since: { height: 2 } }, /^chain-request\.since\.hash: /],
    ['an oversized tip block', { ...validInputs.tip, block: 'x'.repeat(64 * 1024 + 1) }, /^tip\.block: /],
    ['a tip block that is not text', { ...validInputs.tip, block: { index: 2 } }, /^tip\.block: /],
    ['a negative skipped', { ...validInputs['chain-response'], skipped: -1 }, /^chain-response\.skipped: /],
    ['a fractional skipped', { ...validInputs['chain-response'], skipped: 0.5 }, /^chain-response\.skipped: /],
    ['a negative pending count', { ...validInputs.stats, pending: -1 }, /^stats\.pending: /],
    ['a fractional pending count', { ...validInputs.stats, pending: 0.5 }, /^stats\.pending: /],
    ['stats without the mining flag', { kind: 'stats', v: 1, from: A, pending: 0 }, /^stats\.mining: /],
    ['an infinite hash rate', { ...validInputs.stats, hashRate: Infinity }, /^stats\.hashRate: /],
    ['a negative hash rate', { ...validInputs.stats, hashRate: -5 }, /^stats\.hashRate: /],
    ['an observe with a payload', { ...validInputs.observe, height: 3 }, /^observe: Unrecognized key/],
    ['a reset without a clock', { kind: 'reset', v: 1, from: A, rules: validInputs.reset.rules }, /^reset\.clock: /],
    ['a reset with bad rules', { ...validInputs.reset, rules: { rule: 'tutorial' } }, /^reset\.rules\./],
    ['a class instance', new (class Leave {
      readonly kind = 'leave';
    })(), /^expected a plain object$/],
    ['an inherited kind', Object.create(validInputs.leave) as unknown, /^expected a plain object$/],
  ])('rejects %s with a clear one-line error', (_, data, pattern) => {
    const error = errorOf(data);
    expect(error).toMatch(pattern);
    expect(error).not.toMatch(/\n/);
  });

  it('counts further issues without listing them', () => {
    expect(errorOf({ kind: 'chain-request', v: 2 })).toMatch(/^chain-request\.v: .* \(\+3 more\)$/);
  });

  it('rejects an own __proto__ key (as JSON.parse or structured clone produce it)', () => {
    const polluted: unknown = JSON.parse(
      '{"kind": "leave", "v": 1, "from": "aaaaaaaaaaaa4aaaaaaaaaaaaaaaaaaa", "__proto__": {"polluted": true}}',
    );
    expect(errorOf(polluted)).toMatch(/__proto__/);
    expect(errorOf(structuredClone(polluted))).toMatch(/__proto__/);
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
  });

  it('accepts a null-prototype object, as a hand-built message may be', () => {
    const bare: unknown = Object.assign(Object.create(null) as object, validInputs.leave);
    expect(parsePeerMessage(bare).ok).toBe(true);
  });

  it('keeps errors short even for hostile keys and kinds', () => {
    const keys = Object.fromEntries(Array.from({ length: 10_000 }, (_, n) => [`key\n${n}`, n]));
    const error = errorOf({ ...validInputs.leave, ...keys });
    expect(error.length).toBeLessThanOrEqual(300);
    expect(error).not.toMatch(/\n/);
    expect(errorOf({ kind: 'k'.repeat(1_000_000) }).length).toBeLessThanOrEqual(300);
  });

  it.each([
    ['too many fields', { ...validInputs.leave, a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, `leave: 9 fields, more than the ${MAX_MESSAGE_KEYS} allowed (refused unread)`],
    ['a long id', { ...validInputs.leave, from: 'a'.repeat(MAX_MESSAGE_FIELD_CHARS + 1) }, `leave.from: ${MAX_MESSAGE_FIELD_CHARS + 1} characters, more than the ${MAX_MESSAGE_FIELD_CHARS} allowed (refused unread)`],
    ['a long kind', { kind: 'k'.repeat(1000) }, `message.kind: 1000 characters, more than the ${MAX_MESSAGE_FIELD_CHARS} allowed (refused unread)`],
    ['a tip block over its limit', { ...validInputs.tip, block: 'x'.repeat(MAX_TIP_BLOCK_CHARS + 1) }, `tip.block: ${MAX_TIP_BLOCK_CHARS + 1} characters, more than the ${MAX_TIP_BLOCK_CHARS} allowed (refused unread)`],
    ['a body under another name', { ...validInputs.leave, note: 'x'.repeat(MAX_MESSAGE_FIELD_CHARS + 1) }, /^leave\.note: 257 characters/],
    ['a long text inside rules', { ...validInputs.rules, clock: { epoch: 2, at: 1, by: 'b'.repeat(10_000) } }, /^rules\.clock\.by: 10000 characters/],
    ['deep nesting', { ...validInputs.rules, rules: { rule: { rule: { rule: 'bound' } } } }, 'rules.rules.rule: nested deeper than any message of the protocol'],
    ['a list', { ...validInputs.leave, from: Array.from({ length: 1_000_000 }, () => A) }, 'leave.from: nested deeper than any message of the protocol'],
    ['a Map inside', { ...validInputs.rules, clock: new Map([['epoch', 1]]) }, 'rules.clock: expected a plain object'],
    ['a symbol key', { ...validInputs.leave, [Symbol('x')]: 1 }, 'leave.Symbol(x): not a data field'],
    ['a getter', Object.defineProperty({ ...validInputs.leave }, 'to', { get: () => { throw new Error('read'); }, enumerable: true }), 'leave.to: not a data field'],
  ])('refuses %s before parsing, with a clear reason', (_, data, expected) => {
    if (typeof expected === 'string') expect(errorOf(data)).toBe(expected);
    else expect(errorOf(data)).toMatch(expected);
  });

  it('never throws, even on a Proxy whose traps throw', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(errorOf(hostile)).toMatch(/^unreadable message: /);
  });
});
