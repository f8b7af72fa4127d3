import type { Block } from '../../core/block';
import { chooseChain } from '../../core/consensus';
import type { Verdict } from '../../core/validate';
import type { PeerId } from '../../network/ids';
import type { ChainCandidate } from '../../core/consensus';
import { MAX_CHAIN_CHARS, MAX_RESOLVE_REPORTS, RESOLVE_DEADLINE_MS, formatChars } from '../../network/limits';
import type { ChainReplacement, ImportResult, RegisterResult, ResolveResult } from '../../contract/results';
import { HashedChain } from '../chain/hashed-chain';
import { shortId, type NodeContext } from '../node-context';
import type { PeerChains } from './peer-chains';

/**
 * Which chain we hold: the tutorial's consensus (the nodes registered by hand or on
 * discovery, `resolve_conflicts` on demand), auto-resolve, which adopts a longer valid chain
 * as soon as a registered peer's is learned, and a chain file imported.
 */
export class Consensus {
  constructor(
    private readonly node: NodeContext,
    private readonly peerChains: PeerChains,
  ) {}

  /** The tutorial's `register_node`, with the same address parsing (`http://host:port` or `host:port`). */
  register(addresses: unknown): RegisterResult {
    const { book } = this.node;
    const registered = (): readonly string[] => [...book.registered()];
    if (!Array.isArray(addresses)) {
      return { ok: false, text: 'Error: Please supply a valid list of nodes', message: { key: 'registerNotAList', values: {} }, registered: registered() };
    }
    const parsed = addresses.map(nodeAddress);
    const bad = parsed.findIndex((address) => address === null);
    if (bad >= 0) {
      const address = JSON.stringify(addresses[bad]);
      return { ok: false, text: `Invalid URL: ${address}`, message: { key: 'registerInvalidUrl', values: { address } }, registered: registered() };
    }
    for (const address of parsed) if (address !== null) book.register(address, true);
    this.node.emit(['peers']);
    return { ok: true, text: 'New nodes have been added', message: { key: 'nodesAdded', values: {} }, registered: registered() };
  }

  /**
   * The tutorial's `resolve_conflicts`: ask every registered node for its chain and adopt the
   * longest valid one that is longer than ours. Lengths are counted, never taken from the
   * answer; a node that does not answer in time is reported, never waited for. At most
   * MAX_RESOLVE_REPORTS nodes are asked (those online first, reported in the order
   * registered), the others counted, and the resolve ends within RESOLVE_DEADLINE_MS.
   */
  async resolve(): Promise<ResolveResult> {
    const started = performance.now();
    const registered = this.node.book.registered();
    const asked = this.toAsk(registered);
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => {
      deadline = setTimeout(resolve, RESOLVE_DEADLINE_MS);
    });
    const lateReason = `no answer within the resolve's ${RESOLVE_DEADLINE_MS / 1000} s`;
    const candidates = await Promise.all(
      asked.map((address) =>
        Promise.race<ChainCandidate>([
          this.peerChains.candidate(address),
          late.then(() => ({ peerId: address, outcome: { kind: 'no-answer', reason: lateReason } })),
        ]),
      ),
    ).finally(() => {
      clearTimeout(deadline);
    });
    const ourLength = this.node.state.chain.height;
    const decision = chooseChain({ length: ourLength }, candidates);
    const winner = candidates.find((candidate) => candidate.peerId === decision.winner);
    const replacement =
      winner?.outcome.kind === 'answered' && winner.outcome.verdict.valid ? this.adopt(winner.outcome.chain, winner.outcome.verdict) : null;
    performance.measure('tabchain:resolve', { start: started, detail: { height: this.node.state.chain.height, replaced: replacement !== null } });
    const unasked = registered.length - asked.length;
    return { replaced: replacement !== null, winner: decision.winner, ourLength, reports: decision.reports, replacement, ...(unasked > 0 ? { unasked } : {}) };
  }

  /** The registered nodes a resolve asks: all up to MAX_RESOLVE_REPORTS, else those online first, in the order registered. */
  private toAsk(registered: readonly string[]): readonly string[] {
    if (registered.length <= MAX_RESOLVE_REPORTS) return registered;
    const online = new Set(this.peerChains.onlineIds());
    const chosen = new Set(registered.filter((address) => online.has(address)).slice(0, MAX_RESOLVE_REPORTS));
    for (const address of registered) {
      if (chosen.size >= MAX_RESOLVE_REPORTS) break;
      chosen.add(address);
    }
    return registered.filter((address) => chosen.has(address));
  }

  /** Push sync: with auto-resolve on, a longer valid chain learned from a registered peer is adopted at once. */
  learned(peerId: PeerId, chain: Block[], verdict: Verdict): void {
    const { node } = this;
    if (!node.rules.rules.autoResolve || !verdict.valid || !node.book.isRegistered(peerId)) return;
    if (chain.length <= node.state.chain.height) return;
    const replacement = this.adopt(chain, verdict);
    node.record('auto-resolve', {
      key: 'autoResolved',
      values: {
        length: chain.length,
        peer: shortId(peerId),
        dropped: replacement.dropped.length,
        adopted: replacement.adopted.length,
        returned: replacement.returned.length,
      },
    });
  }

  /** Adopts a chain file only if it is valid under this network's rules; otherwise nothing changes. */
  async importChain(text: unknown): Promise<ImportResult> {
    if (typeof text !== 'string') {
      return { adopted: false, text: 'The file could not be read as text.', verdict: null, message: { key: 'fileNotText', values: {} } };
    }
    if (text.length > MAX_CHAIN_CHARS) {
      const size = formatChars(MAX_CHAIN_CHARS);
      const text = `The file is larger than ${size}, the most a chain file may hold.`;
      return { adopted: false, text, verdict: null, message: { key: 'fileTooLarge', values: { size } } };
    }
    const { chain, verdict } = await this.node.state.judgeText(text);
    if (!verdict.valid) return { adopted: false, text: verdict.reason, verdict };
    return { adopted: true, length: chain.length, replacement: this.adopt(chain, verdict) };
  }

  /**
   * Adopts a chain found valid under the rules in force: nothing lost, nothing doubled (see
   * ChainState.replace). The new chain shows at once; its write (one transaction) and then
   * its announcement follow. The blocks came from a peer or a file, not from our own mining,
   * so the caller need not wait.
   */
  adopt(blocks: readonly Block[], verdict: Extract<Verdict, { valid: true }>): ChainReplacement {
    const replacement = this.node.state.replace(HashedChain.validated(blocks, verdict));
    void this.node.chainChanged(['pending']);
    return replacement;
  }
}

/**
 * The tutorial's register_node reading of `urlparse(address)` (Python 3.11): the netloc if
 * there is one, else the path, else invalid. A scheme is split off whenever the text starts
 * with one (`http:host` is the path `host`, and since Python 3.9 `localhost:5000` is the path
 * `5000`); `127.0.0.1:5000` has none, as a scheme starts with a letter.
 */
export function nodeAddress(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(value);
  const rest = scheme ? value.slice(scheme[0].length) : value;
  const netloc = /^\/\/([^/?#]*)/.exec(rest);
  if (netloc?.[1]) return netloc[1];
  const path = (netloc ? rest.slice(netloc[0].length) : rest).split(/[?#]/, 1)[0] ?? '';
  return path === '' ? null : path;
}
