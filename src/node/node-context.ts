import type { Sha256 } from '../core/digest';
import type { PeerId } from '../network/ids';
import type { JournalEntry, NodeMessage, NodeTopic } from './api';
import type { ChainState } from './chain/chain-state';
import type { Miner } from './mining/miner';
import type { PeerBook } from './peers/peer-book';
import type { RulesAgreement } from './rules/rules-agreement';

/**
 * What the parts of a node share: its state and the few steps every part takes the same way.
 * The tab node builds it once; each part (mining a block, adopting rules, announcing) gets it.
 */
export interface NodeContext {
  readonly id: PeerId;
  readonly sha256: Sha256;
  /** seconds since the epoch as a float, like Python's time.time() */
  readonly now: () => number;
  readonly state: ChainState;
  readonly rules: RulesAgreement;
  readonly book: PeerBook;
  readonly miner: Miner;
  /** the page should hear of these topics (at the end of the step) */
  readonly emit: (topics: readonly NodeTopic[]) => void;
  readonly record: (kind: JournalEntry['kind'], message: NodeMessage) => void;
  /**
   * Every change of our chain ends here: the miner moves to the new tip, and the new chain is
   * stored (a replaced chain in one write) before peers hear its tip, so that a tab closed at
   * any moment keeps every block it announced.
   */
  readonly chainChanged: (extra?: readonly NodeTopic[]) => Promise<void>;
}

/** Peers say who they are by the first characters of their id in journal lines. */
export const shortId = (id: string): string => id.slice(0, 8);
