import type { RepairResult, TamperResult } from '../api';
import type { NodeContext } from '../node-context';
import { busyWith, minerFailed } from '../refusals';
import { applyTamperEdit } from '../tamper-input';
import { repairChain } from './repair';

/** Edits one of our blocks in place: its hash changes, the link to the next block breaks. */
export async function tamperWith(node: NodeContext, edit: unknown): Promise<TamperResult> {
  const outcome = applyTamperEdit(node.state.chain.blocks, edit);
  if (!outcome.ok) return outcome;
  const edited = await node.state.chain.edit(outcome.position, outcome.block, node.sha256);
  const block = outcome.position + 1;
  node.state.edit(edited, block);
  await node.chainChanged();
  const verdict = await node.state.verdict();
  node.record('tamper', verdict.valid ? { key: 'tamperedStillValid', values: { block } } : { key: 'tamperedInvalid', values: { block, verdict } });
  return { ok: true, hash: edited.hashes[outcome.position] ?? '', verdict };
}

/** Makes our chain valid again, each block under the rules of its height (see repairChain). */
export async function repairOurChain(node: NodeContext): Promise<RepairResult> {
  const busy = node.miner.work;
  if (busy) return busyWith(busy.purpose, busy.index);
  const original = node.state.chain;
  const schedule = node.rules.schedule;
  const next = original.height + 1;
  const work = node.miner.begin('repair', next, node.rules.at(next));
  if (!work) return busyWith('repair', next);
  try {
    const repaired = await repairChain(original, schedule, node.sha256, {
      search: (parts, index, rules) => {
        node.miner.target(work, index, rules);
        return node.miner.search(work, parts, rules.difficulty);
      },
      stillCurrent: () => node.state.chain === original && node.rules.schedule === schedule,
    });
    if (!repaired.ok) return repaired;
    node.state.repaired(repaired.chain);
    await node.chainChanged();
    const verdict = await node.state.verdict();
    const { relinked, remined } = repaired;
    const rule = node.rules.at(repaired.chain.height).rule;
    node.record('repair', { key: 'repaired', values: { relinked, remined, attempts: work.attempts, rule } });
    return { ok: true, relinked, remined, attempts: work.attempts, ms: Date.now() - work.startedAt, verdict };
  } catch (error: unknown) {
    return minerFailed(error);
  } finally {
    node.miner.end(work);
  }
}
