import { createGenesisBlock, type Block } from '../core/block';
import type { Sha256 } from '../core/digest';
import { hashBlock } from '../core/hash';
import { isJsonObject, type JsonValue } from '../core/json-value';
import { parsePythonJson } from '../core/python-json';
import type { NetworkRules, RulesSchedule } from '../core/rules';
import { extractChain, validateChain, type Verdict } from '../core/validate';
import { invalidVerdict, type InvalidVerdict } from '../core/verdicts';

/** The fixed genesis timestamp of networks that share one genesis (2025-01-01T00:00:00Z). */
export const SHARED_GENESIS_TIMESTAMP = 1735689600.0;

/**
 * What a chain is judged by: the network's rules (its genesis mode), its rules by height,
 * the hash function and, for a new genesis, the clock.
 */
export interface JudgeContext {
  readonly rules: NetworkRules;
  readonly schedule: RulesSchedule;
  readonly sha256: Sha256;
  /** seconds since the epoch as a float, like Python's time.time() */
  readonly now: () => number;
}

/**
 * A chain answer that left out the first `skipped` blocks, which are the requester's own
 * `blocks` (it sent its tip); `trusted` are the hashes of the leading ones already found valid.
 */
export interface ChainBase {
  readonly blocks: readonly Block[];
  readonly skipped: number;
  readonly trusted: readonly string[];
}

/** A genesis block as the network's first step makes it (the tutorial's `previous_hash` 1 is an int, the others' a string). */
export function newGenesis(rules: NetworkRules, schedule: RulesSchedule, now: () => number): Block {
  const rule = schedule[0]?.rule ?? rules.rule;
  return createGenesisBlock(rule, rules.genesis === 'shared' ? SHARED_GENESIS_TIMESTAMP : now());
}

/** The network's rules: the tutorial's validation, and the shared genesis when the network has one. */
export async function judgeChain(
  context: JudgeContext,
  blocks: readonly Block[],
  declaredLength?: JsonValue,
  validPrefix: readonly string[] = [],
): Promise<Verdict> {
  const { rules, schedule, sha256 } = context;
  const verdict = await validateChain(blocks, schedule, sha256, declaredLength, validPrefix);
  if (!verdict.valid || rules.genesis !== 'shared') return verdict;
  const expected = await hashBlock(newGenesis(rules, schedule, context.now), sha256);
  if (verdict.hashes[0] === expected) return verdict;
  return invalidVerdict('genesis', 1);
}

/** Parses and validates a `/chain`-shaped text under the network's rules. Never throws. */
export async function judgeChainText(
  context: JudgeContext,
  text: string,
  base: ChainBase | null = null,
): Promise<{ chain: Block[]; verdict: Verdict }> {
  const refuse = (verdict: InvalidVerdict) => ({ chain: [], verdict });
  const doc = parsePythonJson(text);
  if (!doc.ok) return refuse(invalidVerdict('not-json', null, { error: doc.error }));
  const extracted = extractChain(doc.value);
  if (!extracted.ok) return refuse(extracted.verdict);
  const sent = Array.isArray(extracted.chain) ? extracted.chain : [];
  if (base !== null && base.skipped !== base.blocks.length) {
    return refuse(invalidVerdict('not-a-list', null, { skipped: base.skipped, asked: base.blocks.length }));
  }
  const chain = base === null ? sent : [...base.blocks, ...sent];
  const objects = chain.filter(isJsonObject);
  if (objects.length !== chain.length) {
    const verdict = await validateChain(chain, context.schedule, context.sha256, extracted.declaredLength);
    if (!verdict.valid) return { chain: objects, verdict };
    const block = chain.findIndex((b) => !isJsonObject(b)) + 1;
    return { chain: [], verdict: invalidVerdict('not-an-object', block) };
  }
  return { chain: objects, verdict: await judgeChain(context, objects, extracted.declaredLength, base?.trusted ?? []) };
}

/** The hash of every block, for drawing a chain that failed validation. */
export async function hashBlocks(blocks: readonly Block[], sha256: Sha256): Promise<string[]> {
  // Blocks that cannot be written as JSON have no hash to draw.
  return (await hashBlocksOrNull(blocks, sha256)) ?? [];
}

/** Every block's hash, or null when one cannot be hashed (a block nested too deep to write as JSON). */
export async function hashBlocksOrNull(blocks: readonly Block[], sha256: Sha256): Promise<string[] | null> {
  try {
    return await Promise.all(blocks.map((block) => hashBlock(block, sha256)));
  } catch {
    return null;
  }
}
