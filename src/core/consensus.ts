import type { Chain } from './block';
import type { Verdict, VerdictCode, VerdictValues } from './validate';

/*
 * The reference's resolve_conflicts, as a pure choice: walk the peers in order; a peer's
 * chain wins if it is valid and longer than the best so far (initially ours). Unlike the
 * reference, the length is the number of blocks actually received, never the `length` the
 * peer claims — a peer claiming 999 with 3 blocks has 3.
 */

export type ChainOutcome =
  | { kind: 'answered'; chain: Chain; verdict: Verdict }
  | { kind: 'no-answer'; reason: string };

export interface ChainCandidate {
  peerId: string;
  outcome: ChainOutcome;
}

export type PeerReport =
  /** Valid, longer than ours and the longest: its chain replaces ours. */
  | { peerId: string; kind: 'adopted'; length: number }
  /** Valid and longer than ours, but another peer's chain was chosen (longer, or as long and earlier). */
  | { peerId: string; kind: 'longer-but-beaten'; length: number }
  /** Valid but not longer than ours (equal length never replaces ours). */
  | { peerId: string; kind: 'not-longer'; length: number }
  /** Its chain failed validation (whatever its length). */
  | { peerId: string; kind: 'invalid'; length: number; code: VerdictCode; block: number | null; reason: string; values?: VerdictValues }
  | { peerId: string; kind: 'no-answer'; length: null; reason: string };

export interface ConsensusDecision {
  /** The peer whose chain to adopt, or null to keep ours. */
  winner: string | null;
  /** One report per candidate, in the candidates' order. */
  reports: readonly PeerReport[];
}

export function chooseChain(ours: { length: number }, candidates: readonly ChainCandidate[]): ConsensusDecision {
  let best = ours.length;
  let winnerAt = -1;
  candidates.forEach(({ outcome }, i) => {
    if (outcome.kind === 'answered' && outcome.verdict.valid && outcome.chain.length > best) {
      best = outcome.chain.length;
      winnerAt = i;
    }
  });
  const reports = candidates.map(({ peerId, outcome }, i): PeerReport => {
    if (outcome.kind === 'no-answer') return { peerId, kind: 'no-answer', length: null, reason: outcome.reason };
    const length = outcome.chain.length;
    const verdict = outcome.verdict;
    if (!verdict.valid) {
      const { code, block, reason, values } = verdict;
      return { peerId, kind: 'invalid', length, code, block, reason, ...(values === undefined ? {} : { values }) };
    }
    if (i === winnerAt) return { peerId, kind: 'adopted', length };
    return { peerId, kind: length > ours.length ? 'longer-but-beaten' : 'not-longer', length };
  });
  return { winner: candidates[winnerAt]?.peerId ?? null, reports };
}
