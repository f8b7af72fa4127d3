import { changedRuleFields } from '../../core/rules';
import type { InvalidVerdict } from '../../core/validate';
import type { PeerId } from '../../network/ids';
import type { NodeMessage } from '../../contract/node-messages';
import type { RulesPreview, SetRulesResult } from '../../contract/results';
import { shortId, type NodeContext } from '../node-context';
import type { NetworkAuthority } from './network-authority';
import type { RulesApplied, RulesVersion } from './rules-agreement';

/** How many peers' unsigned rules the journal names; the rest change nothing silently. */
const MAX_REFUSALS_SAID = 16;

/** What adopting rules needs beyond the node's shared state. */
export interface RulesKeeperDeps {
  /** the heights of the tabs online, ours first (a tab that told none yet counts as a genesis block) */
  readonly heights: () => readonly number[];
  /** tells every tab the version in force */
  readonly announce: () => void;
  /** resolves once the node as it is now is stored */
  readonly save: () => Promise<void>;
  readonly warn: (message: NodeMessage) => void;
  /** peers' chains are judged again under the new rules */
  readonly relearnPeers: () => void;
  /** the teacher's key: only versions it signed are adopted, and only its holder changes them */
  readonly authority: NetworkAuthority;
}

/**
 * The network's rules as they reach our chain: a change made here or heard from a peer, what
 * it does to our blocks (kept, cut back, or started again from a new genesis, nothing lost),
 * and what it would do, said first.
 */
export class RulesKeeper {
  constructor(
    private readonly node: NodeContext,
    private readonly deps: RulesKeeperDeps,
  ) {}

  /** What new rules would do, said before they are applied: from which block, or what a restart erases. */
  preview(input: unknown): RulesPreview {
    return this.node.rules.preview(input, this.deps.heights());
  }

  /**
   * Checks the version this node started with or restored: a signature that is not the
   * teacher's is dropped; a node holding the teacher's key signs its version, so that tabs
   * that join adopt it.
   */
  async checkOwnVersion(): Promise<void> {
    const { authority } = this.deps;
    const version = this.node.rules.current;
    if (await authority.verifies('rules', version, version.signature)) return;
    const signature = await authority.sign('rules', version);
    if (this.node.rules.current === version) this.node.rules.restore({ ...version, signature });
  }

  /** A change made in this tab: it beats every version seen so far and reaches every tab. Only the teacher's tabs may. */
  async set(input: unknown): Promise<SetRulesResult> {
    const change = this.node.rules.change(input, Math.max(...this.deps.heights()));
    if (!change.ok) return change;
    const { authority } = this.deps;
    if (!authority.canSign) return { ok: false, message: { key: 'rulesNeedTeacherKey', values: {} } };
    const proposed = this.node.rules.propose(change, this.node.id);
    const chainReset = await this.adopt({ ...proposed, signature: await authority.sign('rules', proposed) });
    await this.deps.save();
    this.deps.announce();
    return { ok: true, rules: this.node.rules.rules, from: change.change.kind === 'from-height' ? change.change.from : null, chainReset };
  }

  /**
   * A peer's version: adopted when the teacher signed it and its clock wins; a tab still
   * joining says it took the network's rules. An unsigned or forged version changes nothing
   * and is said once per peer.
   */
  async heard(from: PeerId, version: RulesVersion): Promise<void> {
    if (!(await this.deps.authority.verifies('rules', version, version.signature))) {
      this.refused(from);
      return;
    }
    const { wins, joining } = this.node.rules.hearSigned(version.clock);
    if (!wins) return;
    if (joining && changedRuleFields(this.node.rules.rules, version.rules).length > 0) {
      this.deps.warn({ key: 'adoptedNetworkRules', values: { peer: shortId(version.clock.by) } });
    }
    await this.adopt(version, from);
  }

  /**
   * The teacher reset the whole network from the network view. The reset is a version of the
   * rules: applied only when the teacher signed it and its clock beats the version in force,
   * so a forged, late or replayed reset never wipes a network. `resetNode` starts this node over.
   */
  async heardReset(from: PeerId, reset: RulesVersion, resetNode: () => Promise<void>): Promise<void> {
    const { node } = this;
    if (!(await this.deps.authority.verifies('reset', reset, reset.signature))) {
      node.record('network-reset', { key: 'resetNotSignedIgnored', values: { peer: shortId(from) } });
      return;
    }
    if (!node.rules.hearSigned(reset.clock).wins) return;
    node.miner.cancel();
    node.rules.apply(reset);
    node.state.rulesChanged();
    await resetNode();
    node.record('network-reset', { key: 'networkReset', values: {} });
  }

  /** Peers whose unsigned rules were said in the journal: once each (a bounded set). */
  private readonly refusedFrom = new Set<PeerId>();

  private refused(from: PeerId): void {
    if (this.refusedFrom.has(from)) return;
    if (this.refusedFrom.size >= MAX_REFUSALS_SAID) return;
    this.refusedFrom.add(from);
    this.node.record('rules', { key: 'rulesNotSignedIgnored', values: { peer: shortId(from) } });
    this.node.emit(['status']);
  }

  /**
   * Switches to a version of the rules. Blocks are judged under the rules of their height,
   * so a change from a height keeps our chain; only blocks we mined at or past that height
   * before we heard of it (under the old rules) can fail them, and those go, their payments
   * back to pending. A new genesis mode, or a chain whose genesis fails, starts a new chain
   * from a fresh genesis, the payments of the old one back to pending: nothing is lost.
   * Returns whether the chain was restarted.
   */
  async adopt(version: RulesVersion, from?: PeerId): Promise<boolean> {
    const { node } = this;
    const applied = node.rules.apply(version);
    if (applied.changedFields.length === 0 && !applied.chainRulesChanged) {
      node.emit(['status']);
      return false;
    }
    node.record('rules', journalLine(applied, version, from));
    if (!applied.chainRulesChanged) {
      node.emit(['status', 'peers']);
      return false;
    }
    // Verdicts of peers' chains were given under the old rules: judge them again.
    node.book.forgetChains();
    node.state.rulesChanged();
    const chain = node.state.chain;
    const verdict = await node.state.verdict();
    const current = node.state.chain === chain && node.rules.clock === version.clock;
    let restarted = false;
    if (verdict.valid || !current) await node.chainChanged();
    else if (applied.genesisChanged || verdict.block === null || verdict.block <= 1 || !(await this.cutAt(verdict.block, verdict))) {
      await this.restart(verdict);
      restarted = true;
    }
    this.deps.relearnPeers();
    node.emit(['peers', 'forks']);
    return restarted;
  }

  /**
   * Keeps our blocks before `block` (1-based), the first that fails the rules now in force,
   * when they are valid on their own; the payments of the blocks that go come back to pending.
   */
  private async cutAt(block: number, broken: InvalidVerdict): Promise<boolean> {
    const { node } = this;
    const chain = node.state.chain;
    const version = node.rules.current;
    const verdict = await node.state.judge(chain.blocks.slice(0, block - 1));
    if (!verdict.valid || node.state.chain !== chain || node.rules.current !== version) return false;
    const dropped = node.state.cut(block - 1);
    node.record('chain-reset', { key: 'chainCutUnderRules', values: { from: block, blocks: dropped.blocks, returned: dropped.returned.length, verdict: broken } });
    await node.chainChanged(['pending']);
    return true;
  }

  private async restart(broken: InvalidVerdict): Promise<void> {
    const { node } = this;
    const dropped = node.state.restart(await node.state.genesis());
    node.record(
      'chain-reset',
      dropped.blocks === 1
        ? { key: 'newGenesisUnderRules', values: { verdict: broken } }
        : { key: 'chainResetUnderRules', values: { blocks: dropped.blocks, returned: dropped.returned.length, verdict: broken } },
    );
    await node.chainChanged(['pending']);
  }
}

/** The journal line of a new version: which fields changed and, for chain rules, from which block. */
function journalLine(applied: RulesApplied, version: RulesVersion, from?: PeerId): NodeMessage {
  const changes = applied.changedFields.map((field) => `${field} ${String(version.rules[field])}`).join(', ');
  const peer = shortId(version.clock.by);
  if (applied.fromBlock !== null && applied.fromBlock > 1 && !applied.genesisChanged) {
    return from === undefined
      ? { key: 'rulesFromBlockHere', values: { changes, from: applied.fromBlock } }
      : { key: 'rulesFromBlockBy', values: { peer, changes, from: applied.fromBlock } };
  }
  return from === undefined ? { key: 'rulesChangedHere', values: { changes } } : { key: 'rulesChangedBy', values: { peer, changes } };
}
