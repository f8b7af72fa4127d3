import type { Block, Transaction } from '../core/block';
import type { PeerReport } from '../core/consensus';
import type { NetworkRules } from '../core/rules';
import type { Verdict } from '../core/validate';
import type { NodeMessage } from './node-messages';
import type { MiningSettings, TransactionField } from './views';

/**
 * What the node's actions answer, part of the contract the page and the node share (see worker-api.ts).
 *
 * Fields are named one way:
 * - `message: NodeMessage`: what the page shows, in its language (a refusal, a notice). Every
 *   refusal carries one, except an import judged invalid, whose `verdict` the page words itself.
 * - `text: string`: the same in English, only where an HTTP endpoint answers it as the
 *   tutorial's Flask node would (its byte-for-byte wording lives with the code that writes it).
 * - per form field, `messages` and `texts`: `Partial<Record<Field, …>>` of the same two.
 */

export type MineResult =
  | { readonly ok: true; readonly block: Block; readonly hash: string; readonly attempts: number; readonly ms: number }
  | StoppedWork;

/** Why a proof search (mining or repair) ended without a result: `text` for the HTTP answer, `message` for the page. */
export interface StoppedWork {
  readonly ok: false;
  readonly text: string;
  readonly message: NodeMessage;
}

/** The tutorial's new_transaction: the index of the block it will join, or why it was refused. */
export type NewTransactionResult =
  | { readonly ok: true; readonly blockIndex: number }
  | { readonly ok: false; readonly text: string; readonly message: NodeMessage };

/**
 * `texts` in English, as the HTTP answer of the button's request holds them; `messages`,
 * the same refusals for the page to show in its language.
 */
export type AddTransactionResult =
  | { readonly ok: true; readonly blockIndex: number; readonly transaction: Transaction }
  | {
      readonly ok: false;
      readonly texts: Partial<Record<TransactionField, string>>;
      readonly messages: Partial<Record<TransactionField, NodeMessage>>;
    };

/** What a chain replacement did: nothing lost, nothing doubled. */
export interface ChainReplacement {
  /** how many leading blocks both chains share */
  readonly fork: number;
  /** hashes of our blocks that left the chain */
  readonly dropped: readonly string[];
  /** hashes of the new chain's blocks after the fork */
  readonly adopted: readonly string[];
  /** transactions of dropped blocks that the new chain lacks: back to pending */
  readonly returned: readonly Transaction[];
  /** pending transactions the new chain already holds: no longer pending */
  readonly confirmed: readonly Transaction[];
}

export interface ResolveResult {
  readonly replaced: boolean;
  /** the peer whose chain we adopted */
  readonly winner: string | null;
  readonly ourLength: number;
  readonly reports: readonly PeerReport[];
  readonly replacement: ChainReplacement | null;
  /** registered nodes past MAX_RESOLVE_REPORTS, neither asked nor reported: "and N more" (absent when none) */
  readonly unasked?: number;
}

export type ImportResult =
  | { readonly adopted: true; readonly length: number; readonly replacement: ChainReplacement }
  | { readonly adopted: false; readonly text: string; readonly verdict: Verdict }
  /** refused before it was judged (not text, too large) */
  | { readonly adopted: false; readonly text: string; readonly verdict: null; readonly message: NodeMessage };

export type TamperResult =
  | { readonly ok: true; readonly hash: string; readonly verdict: Verdict }
  | { readonly ok: false; readonly message: NodeMessage };

export type RepairResult =
  | {
      readonly ok: true;
      /** blocks whose previous_hash was rewritten */
      readonly relinked: number;
      /** blocks whose proof had to be searched again */
      readonly remined: number;
      readonly attempts: number;
      readonly ms: number;
      readonly verdict: Verdict;
    }
  | StoppedWork;

export type MiningSettingsResult =
  | { readonly ok: true; readonly settings: MiningSettings }
  | { readonly ok: false; readonly message: NodeMessage };

/**
 * What new rules would do before they are applied: take effect `from` a block (every block
 * below keeps its rules), change nothing the chain is judged by, or restart every chain (a new
 * genesis), erasing the mined `blocks` of `tabs` tabs known now (their payments go back to pending).
 */
export type RulesPreview =
  | { readonly ok: true; readonly change: 'same' }
  | { readonly ok: true; readonly change: 'from-height'; readonly from: number }
  | { readonly ok: true; readonly change: 'restart'; readonly blocks: number; readonly tabs: number }
  | { readonly ok: false; readonly message: NodeMessage };

export type SetRulesResult =
  | {
      readonly ok: true;
      readonly rules: NetworkRules;
      /** the block the new chain rules start at; null when they did not change the chain rules or restarted them */
      readonly from: number | null;
      /** whether our own chain started again from a new genesis */
      readonly chainReset: boolean;
    }
  | { readonly ok: false; readonly message: NodeMessage };

export interface RegisterResult {
  readonly ok: boolean;
  /** the tutorial's English answer, as POST /nodes/register gives it */
  readonly text: string;
  /** the same for the page, in its language */
  readonly message: NodeMessage;
  readonly registered: readonly string[];
}

export type ResetNetworkResult = ResetNetworkSent | { readonly ok: false; readonly message: NodeMessage };

export interface ResetNetworkSent {
  readonly ok: true;
  /** the version of the rules the reset carries */
  readonly epoch: number;
  /** tabs online when the reset was sent */
  readonly tabs: number;
}
