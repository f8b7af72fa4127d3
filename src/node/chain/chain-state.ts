import type { Block, Transaction } from '../../core/block';
import { forkPoint } from '../../core/fork';
import { reconcilePending } from '../../core/mempool';
import { spendRefusal, type Ledger, type SpendRefusal } from '../../core/balances';
import type { Verdict } from '../../core/validate';
import type { ChainReplacement } from '../api';
import { judgeChain, judgeChainText, newGenesis, type JudgeContext } from '../chain-judge';
import { HashedChain } from './hashed-chain';
import { OwnChain } from './own-chain';

/** Our former chains whose last blocks a replacement dropped, newest first, for the fork tree. */
const MAX_ORPHANS = 8;

/** What a change that drops blocks did with their payments. */
export interface Dropped {
  /** how many blocks left the chain */
  readonly blocks: number;
  /** transactions of those blocks back in pending */
  readonly returned: readonly Transaction[];
}

/**
 * Our chain and our pending transactions, changed only in ways that lose nothing: a block
 * takes its payments from pending; a replacement returns the payments of our dropped blocks
 * that the new chain lacks, and confirms those it holds; a cut or a restart returns the
 * payments of every block that goes. It also remembers what the tamper lab edited, and
 * judges other chains as it judges ours, trusting the blocks they share with ours.
 */
export class ChainState {
  private readonly own: OwnChain;
  private pendingList: Transaction[];
  private orphanChains: (readonly string[])[] = [];
  /** 1-based numbers of the blocks edited in the tamper lab since the last repair */
  private readonly editedBlocks = new Set<number>();
  /** tamper-lab edits made since this node started: announced with the tip they changed the chain under */
  private editCount = 0;

  /** `context`: the rules in force, the hash function and the clock, read at every judgement */
  constructor(
    chain: HashedChain,
    pending: readonly Transaction[],
    private readonly context: () => JudgeContext,
  ) {
    this.own = new OwnChain(chain, context);
    this.pendingList = [...pending];
  }

  /** Blocks judged under the network's rules by height; `validPrefix`: hashes of leading blocks already found valid. */
  judge(blocks: readonly Block[], validPrefix: readonly string[] = []): Promise<Verdict> {
    return judgeChain(this.context(), blocks, undefined, validPrefix);
  }

  /** Blocks judged as extending `ours`: the blocks they share with our last valid chain are not judged again. */
  judgeExtending(blocks: readonly Block[], ours: readonly Block[]): Promise<Verdict> {
    return this.judge(blocks, this.trustedPrefix(ours));
  }

  /**
   * Parses and judges a `/chain`-shaped text. `base`: the text left out the first `skipped`
   * blocks of `chain` (ours, whose tip we sent), so the chain is those followed by its blocks.
   */
  judgeText(text: string, base: { readonly chain: HashedChain; readonly skipped: number } | null = null): Promise<{ chain: Block[]; verdict: Verdict }> {
    const known = base && { blocks: base.chain.blocks, skipped: base.skipped, trusted: this.trustedPrefix(base.chain.blocks) };
    return judgeChainText(this.context(), text, known);
  }

  /** A new genesis block as the network's rules make it. */
  async genesis(): Promise<HashedChain> {
    const { rules, schedule, sha256, now } = this.context();
    const chain = await HashedChain.of([newGenesis(rules, schedule, now)], sha256);
    if (!chain) throw new Error('A genesis block can always be hashed.');
    return chain;
  }

  get chain(): HashedChain {
    return this.own.chain;
  }

  get pending(): readonly Transaction[] {
    return this.pendingList;
  }

  get orphans(): readonly (readonly string[])[] {
    return this.orphanChains;
  }

  /** Edited blocks, in chain order. */
  get edited(): readonly number[] {
    return [...this.editedBlocks].sort((a, b) => a - b);
  }

  get edits(): number {
    return this.editCount;
  }

  /** The first edited block; blocks before it are linked as mined. */
  firstEdited(): number | null {
    return this.editedBlocks.size === 0 ? null : Math.min(...this.editedBlocks);
  }

  verdict(): Promise<Verdict> {
    return this.own.verdict();
  }

  trustedPrefix(blocks: readonly Block[]): readonly string[] {
    return this.own.trustedPrefix(blocks);
  }

  ledger(): Ledger {
    return this.own.ledger();
  }

  body(): string {
    return this.own.body();
  }

  /** The rules changed: the verdict is given again, and the former chains of the fork tree are forgotten. */
  rulesChanged(): void {
    this.own.rulesChanged();
    this.orphanChains = [];
  }

  /**
   * The tutorial's `new_transaction`: queued for the next block. Under "spend only what you
   * have" (`enforced`, the next block's rules) a payment its sender cannot afford is refused.
   */
  addPending(transaction: Transaction, enforced: boolean): SpendRefusal | null {
    const refusal = enforced ? spendRefusal(this.ledger(), this.pendingList, transaction) : null;
    if (refusal === null) this.pendingList.push(transaction);
    return refusal;
  }

  /**
   * A block we mined on our tip. It took the head of the pending list (`seen` transactions)
   * and left `left` of them pending; pending only grows while the tip stays, so whatever came
   * after stays too.
   */
  mined(chain: HashedChain, seen: number, left: readonly Transaction[]): void {
    this.pendingList = [...left, ...this.pendingList.slice(seen)];
    this.own.set(chain);
  }

  /**
   * Adopts a chain found valid under the rules in force. The transactions of our dropped blocks
   * come back to pending unless the new chain holds them, and pending ones the new chain holds
   * leave: the tutorial silently loses the first and mines the second twice.
   */
  replace(chain: HashedChain): ChainReplacement {
    const ours = this.own.chain;
    const fork = forkPoint(ours.hashes, chain.hashes);
    const reconciled = reconcilePending({ pending: this.pendingList, dropped: ours.blocks.slice(fork), adopted: chain.blocks.slice(fork) });
    const replacement: ChainReplacement = {
      fork,
      dropped: ours.hashes.slice(fork),
      adopted: chain.hashes.slice(fork),
      returned: reconciled.returned,
      confirmed: reconciled.confirmed,
    };
    if (replacement.dropped.length > 0 && fork > 0) this.orphanChains = [ours.hashes, ...this.orphanChains].slice(0, MAX_ORPHANS);
    this.own.set(chain, true);
    this.pendingList = reconciled.pending;
    this.editedBlocks.clear();
    return replacement;
  }

  /** Keeps our first `length` blocks (found valid on their own); the payments of the others come back to pending. */
  cut(length: number): Dropped {
    const ours = this.own.chain;
    const reconciled = reconcilePending({ pending: this.pendingList, dropped: ours.blocks.slice(length), adopted: [] });
    this.own.set(ours.cut(length), true);
    this.pendingList = reconciled.pending;
    for (const number of [...this.editedBlocks]) if (number > length) this.editedBlocks.delete(number);
    return { blocks: ours.height - length, returned: reconciled.returned };
  }

  /** A new chain from a new genesis; the payments of every block of the old one come back to pending. */
  restart(genesis: HashedChain): Dropped {
    const ours = this.own.chain;
    // The genesis block too: the tutorial never checks block 1, so an adopted one may hold payments.
    const reconciled = reconcilePending({ pending: this.pendingList, dropped: ours.blocks, adopted: [] });
    this.own.set(genesis);
    this.pendingList = reconciled.pending;
    this.editedBlocks.clear();
    return { blocks: ours.height, returned: reconciled.returned };
  }

  /** Starts again from `genesis` with nothing pending, no former chains and no edits (Reset node). */
  reset(genesis: HashedChain): void {
    this.own.forgetValidated();
    this.own.set(genesis);
    this.pendingList = [];
    this.orphanChains = [];
    this.editedBlocks.clear();
  }

  /** A block edited in the tamper lab: its hash changed, the link to the next block is broken. */
  edit(chain: HashedChain, number: number): void {
    this.own.set(chain);
    this.editedBlocks.add(number);
    this.editCount += 1;
  }

  /** Links rewritten and proofs mined again: nothing is edited any more. */
  repaired(chain: HashedChain): void {
    this.own.set(chain);
    this.editedBlocks.clear();
  }
}
