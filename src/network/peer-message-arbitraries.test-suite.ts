// Test-only: arbitrary peer messages for property tests and fuzzing: valid ones, mutations of
// valid ones, and anything at all.
import fc from 'fast-check';
import type { PeerId } from './ids';
import { MAX_CHAIN_CHARS } from './limits';

/** Longer than any field may be; built once and shared, so that fuzzing with it costs nothing. */
let huge: string | null = null;
const hugeString = (): string => (huge ??= 'x'.repeat(MAX_CHAIN_CHARS + 1));

/** An object nested 10,000 deep, built once. */
let deep: object | null = null;
function deeplyNested(): object {
  if (deep === null) {
    let value: object = {};
    for (let depth = 0; depth < 10_000; depth++) value = { kind: 'leave', inner: value };
    deep = value;
  }
  return deep;
}

/** Sets the `n`-th own field of a copy of `message` (modulo its size) to `value`. */
function replaceField(message: Record<string, unknown>, n: number, value: unknown): Record<string, unknown> {
  const keys = Object.keys(message);
  return { ...message, [keys[n % keys.length] ?? 'kind']: value };
}

export type Mutation = { guaranteedInvalid: boolean; apply: (message: Record<string, unknown>) => unknown };

/**
 * `target`: the node under test, which valid messages are often addressed to; `network`: the
 * one its arrivals name; rules announcements ask for at most `maxDifficulty`.
 */
export function peerMessageArbitraries(target: PeerId, { network = 'default', maxDifficulty = 6 } = {}) {
  const hex = fc.integer({ min: 0, max: 15 }).map((n) => n.toString(16));
  const peerId = fc
    .tuple(fc.string({ unit: hex, minLength: 12, maxLength: 12 }), fc.string({ unit: hex, minLength: 19, maxLength: 19 }))
    .map(([head, tail]) => `${head}4${tail}`);
  const toField = fc.oneof(fc.constant(target), peerId);
  const chainRules = fc
    .record({
      rule: fc.constantFrom('tutorial', 'repo', 'bound'),
      difficulty: fc.integer({ min: 1, max: maxDifficulty }),
      strict: fc.boolean(),
      balances: fc.boolean(),
    })
    .map((rules) => ({ ...rules, balances: rules.strict && rules.balances })); // balances builds on strict
  const validMessage: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc.record({
      kind: fc.constant('arrive'),
      v: fc.constant(1),
      from: peerId,
      network: fc.oneof(fc.constant(network), fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/)),
    }),
    fc.record({ kind: fc.constant('welcome'), v: fc.constant(1), from: peerId, to: toField }),
    fc.record({ kind: fc.constant('leave'), v: fc.constant(1), from: peerId }),
    fc.record({ kind: fc.constant('heartbeat'), v: fc.constant(1), from: peerId }),
    fc.record({ kind: fc.constant('arrive'), v: fc.constant(1), from: peerId, network: fc.constant(network), to: toField }),
    fc.record({
      kind: fc.constant('chain-request'),
      v: fc.constant(1),
      from: peerId,
      to: toField,
      requestId: fc.string({ minLength: 1, maxLength: 64 }),
    }),
    fc.record({
      kind: fc.constant('chain-response'),
      v: fc.constant(1),
      from: peerId,
      to: toField,
      requestId: fc.oneof(fc.constant('r1'), fc.string({ minLength: 1, maxLength: 64 })),
      body: fc.string(),
    }),
    fc.record({
      kind: fc.constant('tip'),
      v: fc.constant(1),
      from: peerId,
      height: fc.integer({ min: 1, max: 2 ** 31 }),
      hash: fc.string({ unit: hex, minLength: 64, maxLength: 64 }),
    }),
    fc
      .record({
        kind: fc.constant('rules'),
        v: fc.constant(1),
        from: peerId,
        to: toField,
        rules: chainRules.chain((chain) =>
          fc.record({ genesis: fc.constantFrom('node', 'shared'), autoResolve: fc.boolean() }).map((rest) => ({ ...chain, ...rest })),
        ),
        earlier: fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), chainRules), { maxLength: 3 }),
        clock: fc.record({ epoch: fc.nat(), at: fc.nat(), by: peerId }),
      })
      .map(({ earlier, ...message }) => {
        // Rules by height: earlier steps at rising block numbers from block 1, the last one the rules themselves.
        const { rule, difficulty, strict, balances } = message.rules;
        const schedule: Record<string, unknown>[] = [];
        let from = 1;
        for (const [gap, step] of earlier) {
          schedule.push({ from, ...step });
          from += gap;
        }
        schedule.push({ from, rule, difficulty, strict, balances });
        return { ...message, schedule };
      }),
    fc.record({
      kind: fc.constant('badge'),
      v: fc.constant(1),
      from: peerId,
      to: toField,
      slot: fc.integer({ min: 0, max: 12 }),
      since: fc.nat(),
    }),
    fc.record({
      kind: fc.constant('stats'),
      v: fc.constant(1),
      from: peerId,
      pending: fc.nat(),
      mining: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('observe'), v: fc.constant(1), from: peerId, to: toField }),
  );
  const hostileKey = fc.oneof(
    fc.string(),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'kind', 'v', 'from', 'to', 'body', 'toString'),
  );
  const anything = fc.anything({
    key: hostileKey,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  });

  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.nat().map((n) => ({
      guaranteedInvalid: true,
      apply: (message: Record<string, unknown>) => {
        // Every key is required, except the optional `to` of announcements.
        const optional = ['tip', 'rules', 'badge', 'observe', 'arrive'].includes(String(message.kind)) ? ['to'] : [];
        const keys = Object.keys(message).filter((key) => !optional.includes(key));
        const copy = { ...message };
        Reflect.deleteProperty(copy, keys[n % keys.length] ?? 'kind');
        return copy;
      },
    })),
    fc.tuple(hostileKey, anything).map(([key, value]) => ({
      guaranteedInvalid: false,
      apply: (message: Record<string, unknown>) => {
        const copy: Record<string, unknown> = { ...message };
        Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
        return copy;
      },
    })),
    fc.tuple(fc.string({ minLength: 1 }), anything).map(([suffix, value]) => ({
      // A key that is in no schema.
      guaranteedInvalid: true,
      apply: (message: Record<string, unknown>) => ({ ...message, [`x-${suffix}`]: value }),
    })),
    fc.constantFrom('arrive', 'welcome', 'leave', 'chain-request', 'chain-response', 'tip', '', 'ARRIVE').map(
      (kind) => ({ guaranteedInvalid: false, apply: (message: Record<string, unknown>) => ({ ...message, kind }) }),
    ),
    anything.map((v) => ({ guaranteedInvalid: v !== 1, apply: (message: Record<string, unknown>) => ({ ...message, v }) })),
    fc.nat().map((n) => ({ guaranteedInvalid: true, apply: (message: Record<string, unknown>) => replaceField(message, n, hugeString()) })),
    fc.nat().map((n) => ({ guaranteedInvalid: true, apply: (message: Record<string, unknown>) => replaceField(message, n, deeplyNested()) })),
    fc
      .tuple(fc.nat(), fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, -0, 2 ** 53 + 2, 10n, true, null, undefined, [], '', '1'))
      .map(([n, value]) => ({ guaranteedInvalid: false, apply: (message: Record<string, unknown>) => replaceField(message, n, value) })),
    fc.constant({ guaranteedInvalid: true, apply: (message: Record<string, unknown>) => [message] }),
    fc.constant({ guaranteedInvalid: true, apply: (message: Record<string, unknown>) => JSON.stringify(message) }),
  );

  return { peerId, validMessage, hostileKey, anything, mutation };
}
