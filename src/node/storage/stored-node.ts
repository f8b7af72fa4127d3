import { z } from 'zod';
import { isTransaction, type Block, type Transaction } from '../../core/block';
import { isJsonObject } from '../../core/json-value';
import { dumpsPython, parsePythonJson } from '../../core/python-json';
import { initialSchedule, sameStepRules } from '../../core/rules';
import { networkRulesSchema, rulesClockSchema, rulesScheduleSchema } from '../../core/rules-schemas';
import { signatureSchema } from '../../network/messages';
import { MAX_BADGE_SLOT } from '../../network/limits';
import { MAX_THREADS } from '../config';
import { miningEngineSchema } from '../mining/range-search';
import type { LoadResult, NodeState, StoredNode, StoredPart } from './node-store';

/**
 * The stored form of a node. Blocks and pending transactions are kept as the text of
 * Python's JSON, so that numbers come back exactly as they were (`5.0` and `5` are different
 * blocks); the rest is plain data. Everything read back is parsed again: a record written by
 * an older version, or damaged, is discarded with its reason instead of breaking the node.
 */
export const NODE_RECORD_FORMAT = 1;

/** The most registered nodes a record keeps: the most recently registered when there are more. */
export const MAX_STORED_REGISTERED = 1000;

const settingsSchema = z.strictObject({ engine: miningEngineSchema, threads: z.number().int().min(1).max(MAX_THREADS) });

/** What a record is written as; read back piece by piece (see decodeStoredNode). */
const nodeRecordSchema = z.strictObject({
  format: z.literal(NODE_RECORD_FORMAT),
  height: z.number().int().min(1),
  /** Python JSON text of the pending list */
  pending: z.string(),
  registered: z.array(z.string().max(256)).max(MAX_STORED_REGISTERED),
  rules: networkRulesSchema,
  /** absent in records written before rules by height: one step, the rules from block 1 */
  schedule: rulesScheduleSchema.optional(),
  rulesClock: rulesClockSchema,
  /** absent in records written before signed rules, and while no teacher signed them */
  rulesSignature: signatureSchema.optional(),
  autoRegister: z.boolean(),
  mining: settingsSchema,
  slot: z.number().int().min(0).max(MAX_BADGE_SLOT).optional(),
});

/** The pieces a record must have to be a node at all: its format and its chain's height. */
const recordHeadSchema = z.looseObject({
  format: z.literal(NODE_RECORD_FORMAT, { error: `not format ${NODE_RECORD_FORMAT}` }),
  height: z.number().int().min(1),
});

export type NodeRecord = z.infer<typeof nodeRecordSchema>;

/** A node's records as read back from a store, not yet trusted. */
export interface NodeRecords {
  readonly record: unknown;
  /** the block texts, in chain order */
  readonly blocks: readonly unknown[];
}

export const encodeBlock = (block: Block): string => dumpsPython(block, { compact: true });

export function encodeNodeRecord(state: NodeState, height: number): NodeRecord {
  return {
    format: NODE_RECORD_FORMAT,
    height,
    pending: dumpsPython([...state.pending], { compact: true }),
    registered: state.registered.slice(-MAX_STORED_REGISTERED),
    rules: state.rules,
    schedule: state.schedule,
    rulesClock: state.rulesClock,
    ...(state.rulesSignature === null ? {} : { rulesSignature: state.rulesSignature }),
    autoRegister: state.autoRegister,
    mining: state.mining,
    ...(state.slot === undefined ? {} : { slot: state.slot }),
  };
}

/**
 * Reads a stored node back. Its chain is the node: a record without a readable format and
 * height, or a block that is not a JSON object, discards it with the reason. Every other
 * piece is read on its own and, when it cannot be, dropped alone and named: a damaged
 * pending list or peer list never costs the chain.
 */
export function decodeStoredNode({ record, blocks: texts }: NodeRecords): LoadResult {
  const discard = (reason: string): LoadResult => ({ kind: 'discarded', reason });
  const head = recordHeadSchema.safeParse(record);
  if (!head.success) {
    const issue = head.error.issues[0];
    return discard(`its record is not readable (${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'rejected'})`);
  }
  const { height } = head.data;
  if (texts.length !== height) return discard(`it should hold ${height} blocks but holds ${texts.length}`);
  const blocks: Block[] = [];
  for (const [position, text] of texts.entries()) {
    const block = typeof text === 'string' ? parsePythonJson(text) : null;
    if (!block?.ok || !isJsonObject(block.value)) return discard(`block ${position + 1} is not a JSON object`);
    blocks.push(block.value);
  }
  const fields = head.data as Record<string, unknown>;
  const dropped: StoredPart[] = [];
  const piece = <T,>(part: StoredPart, read: () => T | undefined): T | undefined => {
    const value = read();
    if (value === undefined) dropped.push(part);
    return value;
  };
  const pending = piece('pending', () => readPending(fields['pending']));
  const registered = piece('registered', () => readRegistered(fields['registered']));
  const rules = piece('rules', () => readRules(fields));
  const settings = piece('settings', () => {
    const mining = settingsSchema.safeParse(fields['mining']);
    const autoRegister = fields['autoRegister'];
    return mining.success && typeof autoRegister === 'boolean' ? { mining: mining.data, autoRegister } : undefined;
  });
  const slot = fields['slot'] === undefined ? undefined : piece('slot', () => nodeRecordSchema.shape.slot.safeParse(fields['slot']).data);
  return {
    kind: 'found',
    node: {
      blocks,
      ...(pending === undefined ? {} : { pending }),
      ...(registered === undefined ? {} : { registered }),
      ...(rules === undefined ? {} : { rules }),
      ...(settings === undefined ? {} : settings),
      ...(slot === undefined ? {} : { slot }),
      dropped,
    },
  };
}

function readPending(text: unknown): Transaction[] | undefined {
  const pending = typeof text === 'string' ? parsePythonJson(text) : null;
  return pending?.ok && Array.isArray(pending.value) && pending.value.every(isTransaction) ? pending.value : undefined;
}

/** The registered nodes: the readable ones, the most recent when there are too many. */
function readRegistered(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((address): address is string => typeof address === 'string' && address.length <= 256).slice(-MAX_STORED_REGISTERED);
}

/** The rules, their schedule (one step for records older than rules by height) and their clock, or nothing when they disagree. */
function readRules(fields: Record<string, unknown>): StoredNode['rules'] {
  const rules = networkRulesSchema.safeParse(fields['rules']);
  const clock = rulesClockSchema.safeParse(fields['rulesClock']);
  const schedule = fields['schedule'] === undefined ? null : rulesScheduleSchema.safeParse(fields['schedule']);
  if (!rules.success || !clock.success || (schedule !== null && !schedule.success)) return undefined;
  const steps = schedule?.data ?? initialSchedule(rules.data);
  const last = steps.at(-1);
  if (last === undefined || !sameStepRules(last, rules.data)) return undefined;
  // A signature that does not read is no signature: the node checks it against the key anyway.
  const signature = signatureSchema.safeParse(fields['rulesSignature']);
  return { rules: rules.data, schedule: steps, rulesClock: clock.data, rulesSignature: signature.success ? signature.data : null };
}
