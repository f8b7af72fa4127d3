import { readLedger, type Ledger } from '../../core/balances';
import type { Block } from '../../core/block';
import { sameSchedule, type RulesSchedule } from '../../core/rules';
import type { Verdict } from '../../core/validate';
import { chainDocumentText } from '../../core/chain-document';
import type { HashedChain } from './hashed-chain';

import { judgeChain, type JudgeContext } from '../chain-judge';

/**
 * Our chain and what is derived from it — its verdict under the rules in force, its
 * balances, its `/chain` body — each computed once per chain. A new chain or new rules is the
 * one place they are forgotten.
 */
export class OwnChain {
  private current: HashedChain;
  private verdictCache: Promise<Verdict> | null = null;
  /** our last chain found valid and the schedule it was judged under: its blocks need no second look */
  private validated: { readonly chain: HashedChain; readonly schedule: RulesSchedule } | null = null;
  private ledgerCache: { readonly chain: HashedChain; readonly ledger: Ledger } | null = null;
  private bodyCache: { readonly chain: HashedChain; readonly body: string } | null = null;

  /** `context`: the rules in force, read at every judgement */
  constructor(
    chain: HashedChain,
    private readonly context: () => JudgeContext,
  ) {
    this.current = chain;
  }

  private schedule(): RulesSchedule {
    return this.context().schedule;
  }

  get chain(): HashedChain {
    return this.current;
  }

  /** A new chain; `valid` when it was judged valid under the rules in force (an adopted chain). */
  set(chain: HashedChain, valid = false): void {
    this.current = chain;
    this.verdictCache = null;
    if (valid) this.validated = { chain, schedule: this.schedule() };
  }

  /** The rules changed: the verdict is given again, and no block is trusted from before. */
  rulesChanged(): void {
    this.verdictCache = null;
  }

  /** Forgets what it found valid (a reset). */
  forgetValidated(): void {
    this.validated = null;
  }

  /** Our chain judged under the rules in force (a tampered chain is invalid). */
  verdict(): Promise<Verdict> {
    if (!this.verdictCache) {
      const chain = this.current;
      const schedule = this.schedule();
      this.verdictCache = judgeChain(this.context(), chain.blocks, undefined, this.trustedPrefix(chain.blocks)).then((verdict) => {
        if (verdict.valid && this.schedule() === schedule) this.validated = { chain, schedule };
        return verdict;
      });
    }
    return this.verdictCache;
  }

  /**
   * The hashes of the leading blocks of `blocks` that are the very blocks of our last valid
   * chain, judged under the same rules: validation starts after them. A mined block, an
   * adopted extension or a tampered block late in the chain then costs a few blocks, not all.
   */
  trustedPrefix(blocks: readonly Block[]): readonly string[] {
    const { validated } = this;
    if (!validated || !sameSchedule(validated.schedule, this.schedule())) return [];
    const known = validated.chain.blocks;
    const shared = Math.min(known.length, blocks.length);
    let same = 0;
    while (same < shared && known[same] === blocks[same]) same++;
    return validated.chain.hashes.slice(0, same);
  }

  /** The balances of our chain, counted again only when it changes. */
  ledger(): Ledger {
    if (this.ledgerCache?.chain !== this.current) this.ledgerCache = { chain: this.current, ledger: readLedger(this.current.blocks) };
    return this.ledgerCache.ledger;
  }

  /** The `/chain` answer: `{"chain": [...], "length": N}` as Flask's jsonify writes it. */
  body(): string {
    if (this.bodyCache?.chain !== this.current) this.bodyCache = { chain: this.current, body: chainDocumentText(this.current.blocks) };
    return this.bodyCache.body;
  }
}
