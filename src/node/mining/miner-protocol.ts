import { z } from 'zod';
import { miningEngineSchema } from './range-search';

/*
 * Messages between the node (the pool) and its miner threads. Both sides parse what they
 * receive: a thread is code of ours, but a message port is still a boundary.
 */

const searchId = z.number().int().nonnegative();
const proof = z.bigint().nonnegative();
const attempts = z.number().int().nonnegative();

export const toThreadSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('search'),
    id: searchId,
    engine: miningEngineSchema,
    prefix: z.string(),
    suffix: z.string(),
    difficulty: z.number().int().min(0).max(64),
    start: proof,
    /** this thread searches ranges lane, lane + lanes, lane + 2·lanes, … of `rangeSize` proofs */
    lane: z.number().int().nonnegative(),
    lanes: z.number().int().positive(),
    rangeSize: z.number().int().positive(),
  }),
  /** a proof below `limit` may still be smaller than the one found: search up to it, no further */
  z.strictObject({ type: z.literal('bound'), id: searchId, limit: proof }),
  z.strictObject({ type: z.literal('stop'), id: searchId }),
]);
export type ToThread = z.infer<typeof toThreadSchema>;
export type SearchOrder = Extract<ToThread, { type: 'search' }>;

export const fromThreadSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('progress'), id: searchId, attempts }),
  z.strictObject({
    type: z.literal('done'),
    id: searchId,
    attempts,
    found: proof.nullable(),
    /** why the thread stopped without a proof of its own: a smaller proof elsewhere, a stop, or an error */
    ended: z.enum(['found', 'bound', 'stopped', 'failed']),
    error: z.string().optional(),
  }),
]);
export type FromThread = z.infer<typeof fromThreadSchema>;

/** A thread's message as the pool reads it; null for anything else. */
export function parseFromThread(data: unknown): FromThread | null {
  const parsed = fromThreadSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}
