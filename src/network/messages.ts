import { z } from 'zod';
import { MAX_RULES_STEPS, sameStepRules, type NetworkRules, type RulesSchedule } from '../core/rules';
import { networkRulesSchema, rulesClockSchema, rulesScheduleSchema } from '../core/rules-schemas';
import { networkNameSchema, peerIdSchema } from './ids';
import { MAX_BADGE_SLOT, MAX_CHAIN_CHARS, MAX_MESSAGE_FIELD_CHARS, MAX_MESSAGE_KEYS, MAX_TIP_BLOCK_CHARS } from './limits';

export const requestIdSchema = z.string().min(1).max(64);

/** An Ed25519 signature in base64url (network/signing.ts): the teacher's, over a version of the rules. */
export const signatureSchema = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'expected an Ed25519 signature (86 base64url characters)');

/** Every message carries the protocol version and its sender. */
const envelope = {
  v: z.literal(1),
  from: peerIdSchema,
};

/**
 * A node joins: every node answers with a welcome and tells it its state. Addressed to one
 * node (`to`), it asks that node alone: sent to a peer heard again after it was taken for gone.
 */
export const arriveMessageSchema = z.strictObject({
  kind: z.literal('arrive'),
  ...envelope,
  network: networkNameSchema,
  to: z.optional(peerIdSchema),
});

/**
 * A node is still here: sent every few seconds (limits.ts HEARTBEAT_MS). A peer not heard for
 * longer than GONE_AFTER_MS is taken for gone: a tab whose renderer crashed, a laptop asleep.
 */
export const heartbeatMessageSchema = z.strictObject({
  kind: z.literal('heartbeat'),
  ...envelope,
});

export const welcomeMessageSchema = z.strictObject({
  kind: z.literal('welcome'),
  ...envelope,
  to: peerIdSchema,
});

export const leaveMessageSchema = z.strictObject({
  kind: z.literal('leave'),
  ...envelope,
});

const heightSchema = z.number().int().min(1).max(2 ** 31);
const blockHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

/** A block of a chain: its 1-based height and its hash. */
export const chainPointSchema = z.strictObject({ height: heightSchema, hash: blockHashSchema });
export type ChainPoint = z.infer<typeof chainPointSchema>;

export const chainRequestMessageSchema = z.strictObject({
  kind: z.literal('chain-request'),
  ...envelope,
  to: peerIdSchema,
  requestId: requestIdSchema,
  /** the requester's tip: if the answering chain holds that block, only the blocks after it are sent */
  since: chainPointSchema.optional(),
});

export const chainResponseMessageSchema = z.strictObject({
  kind: z.literal('chain-response'),
  ...envelope,
  to: peerIdSchema,
  requestId: requestIdSchema,
  /**
   * a /chain body, parsed later by the node with its lossless JSON reader; when `skipped` > 0
   * its list holds only the blocks after the first `skipped`
   */
  body: z.string().max(MAX_CHAIN_CHARS),
  skipped: z.number().int().min(0).max(2 ** 31).optional(),
});

/**
 * Announcements go to everybody, or to one newcomer (`to`) when a peer is discovered, so
 * that a tab that joins learns the network's state without asking.
 */
const announcement = {
  ...envelope,
  to: z.optional(peerIdSchema),
};

/**
 * A node's tip, sent whenever its chain changes: the height, the last block's hash and,
 * when it is small, that block itself as JSON text, so that a peer one block behind extends
 * its chain without asking. `edits` counts the tamper-lab edits made under this tip: an
 * edited block breaks the link to the next one, so the tip no longer tells the chain.
 */
export const tipMessageSchema = z.strictObject({
  kind: z.literal('tip'),
  ...announcement,
  height: heightSchema,
  hash: blockHashSchema,
  block: z.string().max(MAX_TIP_BLOCK_CHARS).optional(),
  edits: z.number().int().min(1).max(2 ** 31).optional(),
});

/** A schedule's last step is the chain rules `rules` name: the two halves of one version agree. */
const scheduleEndsWith = ({ rules, schedule }: { rules: NetworkRules; schedule: RulesSchedule }): boolean => {
  const last = schedule.at(-1);
  return last !== undefined && sameStepRules(last, rules);
};

/**
 * The network's rules as this node runs them: the rules as last set, the chain rules by
 * height they add up to, and the clock that decides which version wins.
 */
export const rulesMessageSchema = z
  .strictObject({
    kind: z.literal('rules'),
    ...announcement,
    rules: networkRulesSchema,
    schedule: rulesScheduleSchema,
    clock: rulesClockSchema,
    /** the teacher's signature of this version (network-authority.ts); a version without one is never adopted */
    signature: signatureSchema.optional(),
  })
  .refine(scheduleEndsWith, { error: 'the schedule does not end with the rules', path: ['schedule'] });

/**
 * A tab's place in the class: a small number, its letter and colour on every screen. Each
 * tab takes the lowest place no other online tab holds; of two tabs that claim one place, the
 * older claim (`since`, ms since the epoch) keeps it and the other takes another.
 */
export const badgeMessageSchema = z.strictObject({
  kind: z.literal('badge'),
  ...announcement,
  slot: z.number().int().min(0).max(MAX_BADGE_SLOT),
  since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

// ---- the network view: tabs' figures, observers, a reset of the whole network ----------

const countSchema = z.number().int().min(0).max(2 ** 31);

/**
 * What the network view shows of a tab besides its tip: how many transactions wait, whether
 * it searches a proof and, while it does, its hash rate in attempts per second. Sent when they
 * change, a few times a second at most.
 */
export const statsMessageSchema = z.strictObject({
  kind: z.literal('stats'),
  ...announcement,
  pending: countSchema,
  mining: z.boolean(),
  hashRate: z.number().min(0).max(1e12).optional(),
});

/**
 * Sent by an observer (the network view): every tab, or only `to`, answers with what it tells
 * a new peer, but does not count the observer as a peer.
 */
export const observeMessageSchema = z.strictObject({
  kind: z.literal('observe'),
  ...announcement,
});

/**
 * Every tab starts over under `rules`: a fresh genesis block, nothing pending. The clock is a
 * version of the rules like any other: a tab applies the reset only if it beats the version in
 * force, so a late or replayed reset never wipes a newer network, and only when the teacher
 * signed it.
 */
export const resetMessageSchema = z.strictObject({
  kind: z.literal('reset'),
  ...announcement,
  rules: networkRulesSchema,
  clock: rulesClockSchema,
  /** the teacher's signature: a reset without it is never applied */
  signature: signatureSchema.optional(),
});

/** A new kind is one more schema in this list. */
export const peerMessageSchema = z.discriminatedUnion('kind', [
  arriveMessageSchema,
  welcomeMessageSchema,
  leaveMessageSchema,
  heartbeatMessageSchema,
  chainRequestMessageSchema,
  chainResponseMessageSchema,
  tipMessageSchema,
  rulesMessageSchema,
  badgeMessageSchema,
  statsMessageSchema,
  observeMessageSchema,
  resetMessageSchema,
]);

export type PeerMessage = z.infer<typeof peerMessageSchema>;
export type PeerMessageKind = PeerMessage['kind'];
export type MessageOf<K extends PeerMessageKind> = Extract<PeerMessage, { kind: K }>;

export const PEER_MESSAGE_KINDS: readonly PeerMessageKind[] = peerMessageSchema.options.map(
  (schema) => schema.shape.kind.value,
);

/** Error texts end up in logs and the UI; a hostile message must not make them huge. */
const MAX_ERROR_CHARS = 300;

export type ParsePeerMessageResult =
  | { ok: true; message: PeerMessage }
  | { ok: false; error: string };

/**
 * Parses anything received from a transport. Never throws: even a Proxy or a throwing
 * getter (impossible after structured clone, possible from a direct caller) yields an error.
 * Oversized or deeply nested data is refused by a cheap look at its size and shape first,
 * so that the work spent on any one message is bounded.
 */
export function parsePeerMessage(data: unknown): ParsePeerMessageResult {
  try {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return { ok: false, error: `expected a message object, received ${describe(data)}` };
    }
    const refused = refuseBeforeParsing(data, kindLabel(data));
    if (refused !== null) return { ok: false, error: clip(refused) };
    const result = peerMessageSchema.safeParse(data);
    if (result.success) return { ok: true, message: result.data };
    return { ok: false, error: formatIssues(data, result.error.issues) };
  } catch (error) {
    return { ok: false, error: clip(`unreadable message: ${String(error)}`) };
  }
}

/** The longest text each field may hold; any other field is a short one. */
const LONG_FIELDS: ReadonlyMap<string, number> = new Map([['body', MAX_CHAIN_CHARS], ['block', MAX_TIP_BLOCK_CHARS]]);

/** The one list of the protocol, and its longest length: a rules schedule, a list of flat steps. */
const LIST_FIELDS: ReadonlyMap<string, number> = new Map([['schedule', MAX_RULES_STEPS]]);

/**
 * Why `data` is refused without parsing, or null: too many fields, a text over its limit,
 * an object nested deeper than the protocol's (`since`, `rules`, `clock` and the steps of
 * `schedule` hold only scalars), a list other than `schedule` or longer than it may be, or
 * anything that is not plain data. Reads own data properties only, never getters.
 */
function refuseBeforeParsing(data: object, path: string, nested = false): string | null {
  // Structured clone only ever produces plain objects; anything else (e.g. an object
  // whose prototype supplies `kind`) did not come over the wire as a message.
  const proto: unknown = Object.getPrototypeOf(data);
  if (proto !== Object.prototype && proto !== null) return nested ? `${path}: expected a plain object` : 'expected a plain object';
  const keys = Reflect.ownKeys(data);
  if (keys.length > MAX_MESSAGE_KEYS) {
    return `${path}: ${keys.length} fields, more than the ${MAX_MESSAGE_KEYS} allowed (refused unread)`;
  }
  for (const key of keys) {
    const name = `${path}.${String(key)}`;
    const descriptor = Reflect.getOwnPropertyDescriptor(data, key);
    if (typeof key === 'symbol' || descriptor === undefined || !('value' in descriptor)) return `${name}: not a data field`;
    const value: unknown = descriptor.value;
    if (typeof value === 'string') {
      const max = (nested ? undefined : LONG_FIELDS.get(key)) ?? MAX_MESSAGE_FIELD_CHARS;
      if (value.length > max) return `${name}: ${value.length} characters, more than the ${max} allowed (refused unread)`;
    } else if (Array.isArray(value)) {
      const refused = nested ? `${name}: nested deeper than any message of the protocol` : refuseList(value, name, LIST_FIELDS.get(key));
      if (refused !== null) return refused;
    } else if (typeof value === 'object' && value !== null) {
      if (nested) return `${name}: nested deeper than any message of the protocol`;
      const inner = refuseBeforeParsing(value, name, true);
      if (inner !== null) return inner;
    }
  }
  return null;
}

/** A list is refused unless the field may hold one, it is no longer than allowed, and each item is a flat plain object. */
function refuseList(list: readonly unknown[], path: string, max: number | undefined): string | null {
  if (max === undefined) return `${path}: nested deeper than any message of the protocol`;
  // A plain array only: its length and items read as data, with no getter of a subclass.
  if (Object.getPrototypeOf(list) !== Array.prototype) return `${path}: expected a plain list`;
  const length: unknown = Reflect.getOwnPropertyDescriptor(list, 'length')?.value;
  if (typeof length !== 'number' || length > max) return `${path}: more than the ${max} items allowed (refused unread)`;
  for (let i = 0; i < length; i++) {
    const descriptor = Reflect.getOwnPropertyDescriptor(list, i);
    const item: unknown = descriptor && 'value' in descriptor ? descriptor.value : undefined;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${path}[${i}]: expected an object`;
    const inner = refuseBeforeParsing(item, `${path}[${i}]`, true);
    if (inner !== null) return inner;
  }
  return null;
}

/** The message's kind when it names one briefly, for error texts. */
function kindLabel(data: object): string {
  const descriptor = Reflect.getOwnPropertyDescriptor(data, 'kind');
  const kind: unknown = descriptor && 'value' in descriptor ? descriptor.value : undefined;
  return typeof kind === 'string' && kind.length <= 40 ? kind : 'message';
}

function formatIssues(data: object, issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (first === undefined) return 'rejected';
  const kind: unknown = Reflect.get(data, 'kind');
  let text: string;
  if (first.code === 'invalid_union' && first.path.length === 1 && first.path[0] === 'kind') {
    text =
      kind === undefined
        ? 'missing kind'
        : `unknown kind ${describe(kind)} (expected ${PEER_MESSAGE_KINDS.join(' | ')})`;
  } else {
    const where = first.path.length === 0 ? '' : `.${first.path.map(String).join('.')}`;
    text = `${typeof kind === 'string' ? kind : 'message'}${where}: ${first.message}`;
    if (issues.length > 1) text += ` (+${issues.length - 1} more)`;
  }
  return clip(text);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return typeof value;
}

function clip(text: string): string {
  // One line: keys and kinds come from the sender and may contain newlines.
  const line = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS - 1)}…` : line;
}
