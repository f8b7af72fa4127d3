import { z } from 'zod';
import { isTransaction, type Block } from '../../core/block';
import { isJsonObject } from '../../core/json-value';
import { dumpsPython, parsePythonJson } from '../../core/python-json';
import { initialSchedule, networkRulesSchema, rulesClockSchema, rulesScheduleSchema, sameStepRules } from '../../core/rules';
import { MAX_BADGE_SLOT } from '../../network/limits';
import { MAX_THREADS } from '../config';
import { miningEngineSchema } from '../mining/range-search';
import type { LoadResult, NodeState } from './node-store';

/**
 * The stored form of a node. Blocks and pending transactions are kept as the text of
 * Python's JSON, so that numbers come back exactly as they were (`5.0` and `5` are different
 * blocks); the rest is plain data. Everything read back is parsed again: a record written by
 * an older version, or damaged, is discarded with its reason instead of breaking the node.
 */
export const NODE_RECORD_FORMAT = 1;

const MAX_REGISTERED = 1000;

const nodeRecordSchema = z.strictObject({
  format: z.literal(NODE_RECORD_FORMAT, { error: `not format ${NODE_RECORD_FORMAT}` }),
  height: z.number().int().min(1),
  /** Python JSON text of the pending list */
  pending: z.string(),
  registered: z.array(z.string().max(256)).max(MAX_REGISTERED),
  rules: networkRulesSchema,
  /** absent in records written before rules by height: one step, the rules from block 1 */
  schedule: rulesScheduleSchema.optional(),
  rulesClock: rulesClockSchema,
  autoRegister: z.boolean(),
  mining: z.strictObject({ engine: miningEngineSchema, threads: z.number().int().min(1).max(MAX_THREADS) }),
  slot: z.number().int().min(0).max(MAX_BADGE_SLOT).optional(),
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
    registered: [...state.registered],
    rules: state.rules,
    schedule: state.schedule,
    rulesClock: state.rulesClock,
    autoRegister: state.autoRegister,
    mining: state.mining,
    ...(state.slot === undefined ? {} : { slot: state.slot }),
  };
}

export function decodeStoredNode({ record, blocks: texts }: NodeRecords): LoadResult {
  const discard = (reason: string): LoadResult => ({ kind: 'discarded', reason });
  const parsed = nodeRecordSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return discard(`its record is not readable (${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'rejected'})`);
  }
  const { height, pending: pendingText, registered, rules, rulesClock, autoRegister, mining, slot } = parsed.data;
  const schedule = parsed.data.schedule ?? initialSchedule(rules);
  const last = schedule.at(-1);
  if (last === undefined || !sameStepRules(last, rules)) return discard('its rules by height do not end with its rules');
  if (texts.length !== height) return discard(`it should hold ${height} blocks but holds ${texts.length}`);
  const blocks: Block[] = [];
  for (const [position, text] of texts.entries()) {
    const block = typeof text === 'string' ? parsePythonJson(text) : null;
    if (!block?.ok || !isJsonObject(block.value)) return discard(`block ${position + 1} is not a JSON object`);
    blocks.push(block.value);
  }
  const pending = parsePythonJson(pendingText);
  if (!pending.ok || !Array.isArray(pending.value) || !pending.value.every(isTransaction)) {
    return discard('its pending transactions are not a list of transactions');
  }
  return {
    kind: 'found',
    node: { blocks, pending: pending.value, registered, rules, schedule, rulesClock, autoRegister, mining, ...(slot === undefined ? {} : { slot }) },
  };
}
