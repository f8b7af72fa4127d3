import { chainDocumentText } from '../../core/chain-document';
import { dumpsPython } from '../../core/python-json';
import { MAX_TIP_BLOCK_CHARS } from '../../network/limits';
import type { ChainPoint } from '../../network/messages';
import type { Announcement, ChainBody } from '../../network/peer-network';
import type { HashedChain } from '../chain/hashed-chain';
import type { NodeContext } from '../node-context';
import { createStatsAnnouncer, type StatsAnnouncement, type StatsAnnouncer } from '../stats-announcer';

/**
 * The chain as peers last heard of it, and its first block edited in the tamper lab (null:
 * none). A newcomer is greeted with its tip and a chain request answered with it, so that no
 * peer learns of an unstored block.
 */
interface AnnouncedChain {
  readonly chain: HashedChain;
  readonly tip: Announcement;
  readonly firstEdited: number | null;
}

/** What the announcer needs of the network and the store. */
export interface AnnouncerDeps {
  readonly send: (announcement: Announcement) => void;
  /** resolves once the node as it is now is stored */
  readonly save: () => Promise<void>;
}

/**
 * What this node tells its peers: its tip whenever its chain changes (after storing it), its
 * rules, its place in the class, its figures for the network view, what a newcomer is greeted
 * with, and the chain a request is answered with.
 */
export class Announcer {
  private announced: AnnouncedChain;
  private readonly stats: StatsAnnouncer;

  constructor(
    private readonly node: NodeContext,
    private readonly deps: AnnouncerDeps,
  ) {
    this.announced = this.toAnnounce();
    this.stats = createStatsAnnouncer(() => this.statsAnnouncement(), deps.send);
  }

  /** Everything a newly discovered peer is told, to it alone. */
  greeting(): Announcement[] {
    return [this.announced.tip, this.rules(), ...this.badge(), this.statsAnnouncement()];
  }

  /** Our chain changed: stored first, then its tip is announced (see NodeContext.chainChanged). */
  async chainChanged(emit: () => void): Promise<void> {
    this.node.miner.chainChanged();
    const changed = this.toAnnounce();
    const stored = this.deps.save();
    emit();
    await stored;
    this.announced = changed;
    this.deps.send(changed.tip);
  }

  announceRules(): void {
    this.deps.send(this.rules());
  }

  announceBadge(): void {
    for (const badge of this.badge()) this.deps.send(badge);
  }

  /** The figures the network view shows changed: they go out soon, throttled. */
  statsChanged(): void {
    this.stats.changed();
  }

  stop(): void {
    this.stats.stop();
  }

  /**
   * A peer's chain-request: only our blocks after its tip when our chain holds that tip, and
   * is linked up to it (an edited block breaks the link, so the same hash at that height no
   * longer means the same blocks below it).
   */
  answer(since: ChainPoint | null): ChainBody {
    const { chain, firstEdited } = this.announced;
    const linkedUpTo = firstEdited === null ? chain.height : firstEdited - 1;
    if (since === null || since.height > linkedUpTo || chain.hashes[since.height - 1] !== since.hash) {
      return { body: chain === this.node.state.chain ? this.node.state.body() : chainDocumentText(chain.blocks), skipped: 0 };
    }
    return { body: chainDocumentText(chain.blocks.slice(since.height), chain.height), skipped: since.height };
  }

  private toAnnounce(): AnnouncedChain {
    const { state } = this.node;
    return { chain: state.chain, tip: tipAnnouncement(state.chain, state.edits), firstEdited: state.firstEdited() };
  }

  private rules(): Announcement {
    const { rules, schedule, clock, signature } = this.node.rules.current;
    return { kind: 'rules', rules, schedule, clock, ...(signature === null ? {} : { signature }) };
  }

  private badge(): Announcement[] {
    const own = this.node.book.badges.own();
    return own === null ? [] : [{ kind: 'badge', slot: own.slot, since: own.since }];
  }

  /** For the network view: pending count, whether a proof search runs and, while it does, its rate. */
  private statsAnnouncement(): StatsAnnouncement {
    const mining = this.node.miner.state();
    const hashRate = mining?.rate ?? null;
    return { kind: 'stats', pending: this.node.state.pending.length, mining: mining !== null, ...(hashRate === null ? {} : { hashRate }) };
  }
}

/**
 * A chain's tip: its height, its last block's hash and, when small, that block itself, so that
 * a peer one block behind extends its chain without asking; `edits`, the tamper-lab edits under it.
 */
function tipAnnouncement(chain: HashedChain, edits: number): Announcement {
  const last = chain.blocks.at(-1);
  const block = last === undefined ? '' : dumpsPython(last, { compact: true });
  return {
    kind: 'tip',
    height: chain.height,
    hash: chain.hashes.at(-1) ?? '',
    ...(block !== '' && block.length <= MAX_TIP_BLOCK_CHARS ? { block } : {}),
    ...(edits > 0 ? { edits } : {}),
  };
}
