import {
  blockIndex,
  blockProof,
  createGenesisBlock,
  forgeBlock,
  rewardTransaction,
  type Block,
  type Transaction,
} from '../core/block';
import { chooseChain, type ChainCandidate } from '../core/consensus';
import { forkPoint } from '../core/fork';
import { reconcilePending } from '../core/mempool';
import { subtleSha256, type Sha256 } from '../core/digest';
import { hashBlock } from '../core/hash';
import { isJsonObject, type JsonValue } from '../core/json-value';
import { blockContentHash, guessParts } from '../core/proof';
import { dumpsPython, parsePythonJson } from '../core/python-json';
import { extractChain, validateChain, type Verdict } from '../core/validate';
import { parsePeerId, type NetworkName, type PeerId } from '../network/ids';
import { createPeerNetwork, type PeerNetwork } from '../network/peer-network';
import type { Transport } from '../network/transport';
import type {
  AddTransactionResult,
  ChainReplacement,
  ChainView,
  ImportResult,
  MineResult,
  MiningState,
  NodeEvent,
  NodeStatus,
  NodeTopic,
  PeerView,
  RegisterResult,
  ResolveResult,
} from './api';
import type { NetworkRules } from './config';
import { chainResponse, resolveResponse } from './endpoints';
import { searchProof } from './miner';
import { parseTransactionInput } from './transaction-input';

export interface TabNodeOptions {
  readonly id: PeerId;
  readonly network: NetworkName;
  readonly rules: NetworkRules;
  readonly transport: Transport;
  readonly sha256?: Sha256;
  /** seconds since the epoch as a float, like Python's time.time() */
  readonly now?: () => number;
  /** how long a resolve waits for each peer's chain */
  readonly fetchTimeoutMs?: number;
  readonly autoRegister?: boolean;
  readonly warnings?: readonly string[];
}

/** The fixed genesis timestamp of networks that share one genesis (2025-01-01T00:00:00Z). */
export const SHARED_GENESIS_TIMESTAMP = 1735689600.0;
export const DEFAULT_FETCH_TIMEOUT_MS = 3000;
/** Imported files above this size are refused before parsing. */
export const MAX_IMPORT_CHARS = 32 * 1024 * 1024;

interface Mining {
  readonly index: number;
  readonly startedAt: number;
  attempts: number;
  readonly controller: AbortController;
}

/**
 * One full node of the tutorial's blockchain: its chain, its pending transactions, the nodes
 * it registered, mining and consensus. Everything else (the worker, the page, the HTTP-like
 * endpoints) is a view of this object.
 */
export class TabNode {
  readonly id: PeerId;
  readonly network: NetworkName;
  readonly rules: NetworkRules;
  private readonly sha256: Sha256;
  private readonly now: () => number;
  private readonly fetchTimeoutMs: number;
  private readonly peerNetwork: PeerNetwork;
  private readonly warnings: readonly string[];
  private readonly listeners = new Set<(event: NodeEvent) => void>();

  private blocks: Block[];
  private hashes: string[];
  private chainBodyCache: string | null = null;
  private pendingTransactions: Transaction[] = [];
  /** the tutorial's `self.nodes`, in the order they were registered */
  private readonly registered: string[] = [];
  private readonly departed = new Set<string>();
  private readonly silent = new Set<string>();
  private autoRegister: boolean;
  private mining: Mining | null = null;

  private constructor(options: TabNodeOptions, genesis: Block, genesisHash: string) {
    this.id = options.id;
    this.network = options.network;
    this.rules = options.rules;
    this.sha256 = options.sha256 ?? subtleSha256;
    this.now = options.now ?? (() => Date.now() / 1000);
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    this.autoRegister = options.autoRegister ?? true;
    this.warnings = options.warnings ?? [];
    this.blocks = [genesis];
    this.hashes = [genesisHash];
    this.peerNetwork = createPeerNetwork({
      self: this.id,
      network: this.network,
      transport: options.transport,
      chainBody: () => this.chainBody(),
    });
    this.peerNetwork.onPeersChanged((peers) => {
      this.onPeersChanged(peers.map((peer) => peer.id));
    });
    this.peerNetwork.onMalformed(() => {
      this.emit(['status']);
    });
  }

  static async create(options: TabNodeOptions): Promise<TabNode> {
    const sha256 = options.sha256 ?? subtleSha256;
    const timestamp =
      options.rules.genesis === 'shared' ? SHARED_GENESIS_TIMESTAMP : (options.now ?? (() => Date.now() / 1000))();
    const genesis = createGenesisBlock(options.rules.rule, timestamp);
    return new TabNode(options, genesis, await hashBlock(genesis, sha256));
  }

  start(): void {
    this.peerNetwork.start();
  }

  close(): void {
    this.mining?.controller.abort();
    this.peerNetwork.stop();
    this.listeners.clear();
  }

  subscribe(listener: (event: NodeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- reading -------------------------------------------------------------------------

  status(): NodeStatus {
    return {
      id: this.id,
      network: this.network,
      rules: this.rules,
      autoRegister: this.autoRegister,
      height: this.blocks.length,
      pendingCount: this.pendingTransactions.length,
      mining: this.miningState(),
      malformedMessages: this.peerNetwork.malformedCount(),
      warnings: this.warnings,
    };
  }

  chain(): ChainView {
    return { blocks: this.blocks, hashes: this.hashes };
  }

  pending(): readonly Transaction[] {
    return this.pendingTransactions;
  }

  peers(): readonly PeerView[] {
    const discovered = new Set<string>(this.peerNetwork.peers().map((peer) => peer.id));
    const ids = [...new Set([...discovered, ...this.registered, ...this.departed])];
    return ids.map((id) => ({
      id,
      discovered: discovered.has(id) || this.departed.has(id),
      registered: this.registered.includes(id),
      status: !discovered.has(id) ? 'left' : this.silent.has(id) ? 'silent' : 'online',
    }));
  }

  /** The `/chain` answer: `{"chain": [...], "length": N}` as Flask's jsonify writes it. */
  chainBody(): string {
    this.chainBodyCache ??= dumpsPython(chainResponse(this.blocks), { compact: true }) + '\n';
    return this.chainBodyCache;
  }

  lastBlockIndex(): number {
    const index = blockIndex(this.blocks.at(-1));
    return index === null ? this.blocks.length : Number(index);
  }

  // ---- transactions ----------------------------------------------------------------------

  /** The page's form: every field required, the amount a finite number. */
  addTransaction(form: unknown): AddTransactionResult {
    const parsed = parseTransactionInput(form);
    if (!parsed.ok) return parsed;
    return { ok: true, blockIndex: this.newTransaction(parsed.transaction), transaction: parsed.transaction };
  }

  /** The tutorial's `new_transaction`: queue it, answer the index of the block it will join. */
  newTransaction(transaction: Transaction): number {
    this.pendingTransactions.push(transaction);
    this.emit(['pending', 'status']);
    return this.lastBlockIndex() + 1;
  }

  // ---- mining ----------------------------------------------------------------------------

  private miningState(): MiningState | null {
    const { mining } = this;
    return mining && { index: mining.index, startedAt: mining.startedAt, attempts: mining.attempts };
  }

  /**
   * The tutorial's `/mine`: find the proof, append the reward, forge the block. The search
   * stops without a block if the chain is replaced meanwhile (the proof would be for a block
   * that is no longer our tip).
   */
  async mine(): Promise<MineResult> {
    if (this.mining) return { ok: false, reason: `Already mining block ${this.mining.index}.` };
    const lastBlock = this.blocks.at(-1);
    const lastHash = this.hashes.at(-1);
    if (!lastBlock || lastHash === undefined) return { ok: false, reason: 'The chain is empty.' };
    const index = this.blocks.length + 1;
    const controller = new AbortController();
    const startedAt = Date.now();
    const mining: Mining = { index, startedAt, attempts: 0, controller };
    this.mining = mining;
    this.emit(['status']);
    try {
      // Under the bound rule the proof covers the block's content, so fix it first.
      const bound = this.rules.rule === 'bound' ? this.blockTemplate(index, this.pendingTransactions.slice()) : null;
      const contentHash = bound ? await blockContentHash(bound, this.sha256) : undefined;
      const parts = guessParts({
        rule: this.rules.rule,
        lastProof: blockProof(lastBlock),
        lastHash,
        ...(contentHash === undefined ? {} : { contentHash }),
      });
      if (!parts.ok) return { ok: false, reason: `Cannot mine on block ${this.blocks.length}: ${parts.reason}` };
      const result = await searchProof({
        prefix: parts.prefix,
        suffix: parts.suffix,
        difficulty: this.rules.difficulty,
        signal: controller.signal,
        sha256: this.sha256,
        onProgress: (attempts) => {
          mining.attempts = attempts;
        },
      });
      mining.attempts = result.attempts;
      if (!result.found) return { ok: false, reason: 'Mining stopped: the chain changed under the miner.' };

      const template = bound ?? this.blockTemplate(index, this.pendingTransactions.slice());
      const block = forgeBlock({
        index: BigInt(index),
        timestamp: template.timestamp,
        transactions: template.transactions,
        proof: result.proof,
        previousHash: lastHash,
      });
      const hash = await hashBlock(block, this.sha256);
      // Pending only grows while mining (a replaced chain aborts it), so the block took its head.
      this.pendingTransactions = this.pendingTransactions.slice(template.transactions.length - 1);
      this.blocks = [...this.blocks, block];
      this.hashes = [...this.hashes, hash];
      this.chainBodyCache = null;
      return { ok: true, block, hash, attempts: result.attempts, ms: Date.now() - startedAt };
    } finally {
      this.mining = null;
      this.emit(['chain', 'pending', 'status']);
    }
  }

  private blockTemplate(index: number, transactions: Transaction[]) {
    return {
      index: BigInt(index),
      timestamp: this.now(),
      transactions: [...transactions, rewardTransaction(this.id)],
      previous_hash: this.hashes.at(-1) ?? '',
    };
  }

  // ---- consensus -------------------------------------------------------------------------

  /** The tutorial's `register_node`, with the same address parsing (`http://host:port` or `host:port`). */
  register(addresses: unknown): RegisterResult {
    if (!Array.isArray(addresses)) {
      return { ok: false, message: 'Error: Please supply a valid list of nodes', registered: this.registered };
    }
    const parsed = addresses.map(nodeAddress);
    const bad = parsed.findIndex((address) => address === null);
    if (bad >= 0) {
      return { ok: false, message: `Invalid URL: ${JSON.stringify(addresses[bad])}`, registered: this.registered };
    }
    for (const address of parsed) if (address !== null) this.addRegistered(address);
    this.emit(['peers']);
    return { ok: true, message: 'New nodes have been added', registered: [...this.registered] };
  }

  registeredNodes(): readonly string[] {
    return this.registered;
  }

  setAutoRegister(enabled: boolean): void {
    this.autoRegister = enabled;
    if (enabled) for (const peer of this.peerNetwork.peers()) this.addRegistered(peer.id);
    this.emit(['status', 'peers']);
  }

  private addRegistered(address: string): void {
    if (address !== this.id && !this.registered.includes(address)) this.registered.push(address);
  }

  private onPeersChanged(online: readonly string[]): void {
    for (const id of online) {
      this.departed.delete(id);
      this.silent.delete(id);
      if (this.autoRegister) this.addRegistered(id);
    }
    for (const id of this.registered) if (!online.includes(id)) this.departed.add(id);
    this.emit(['peers']);
  }

  /**
   * The tutorial's `resolve_conflicts`: ask every registered node for its chain and adopt the
   * longest valid one that is longer than ours. Lengths are counted, never taken from the
   * answer; a node that does not answer in time is reported, never waited for.
   */
  async resolve(): Promise<ResolveResult> {
    const candidates = await Promise.all(this.registered.map((address) => this.fetchCandidate(address)));
    const decision = chooseChain({ length: this.blocks.length }, candidates);
    const winner = candidates.find((candidate) => candidate.peerId === decision.winner);
    const ourLength = this.blocks.length;
    const replacement =
      winner?.outcome.kind === 'answered' && winner.outcome.verdict.valid
        ? this.replaceChain(winner.outcome.chain, winner.outcome.verdict.hashes)
        : null;
    return {
      replaced: replacement !== null,
      winner: decision.winner,
      ourLength,
      reports: decision.reports,
      replacement,
      response: resolveResponse(replacement !== null, this.blocks),
    };
  }

  private async fetchCandidate(address: string): Promise<ChainCandidate> {
    const peerId = parsePeerId(address);
    if (peerId === null) {
      return { peerId: address, outcome: { kind: 'no-answer', reason: 'not the id of a tab on this network' } };
    }
    if (this.departed.has(peerId)) {
      return { peerId, outcome: { kind: 'no-answer', reason: 'the tab has closed' } };
    }
    const fetched = await this.peerNetwork.requestChain(peerId, this.fetchTimeoutMs);
    this.markSilent(peerId, !fetched.ok && fetched.reason === 'timeout');
    if (!fetched.ok) {
      const reason =
        fetched.reason === 'timeout'
          ? `no answer within ${this.fetchTimeoutMs / 1000} s`
          : fetched.reason === 'left'
            ? 'the tab closed while we asked'
            : 'this node was closing';
      return { peerId, outcome: { kind: 'no-answer', reason } };
    }
    const judged = await this.judgeChainText(fetched.body);
    return { peerId, outcome: { kind: 'answered', chain: judged.chain, verdict: judged.verdict } };
  }

  private markSilent(peerId: PeerId, silent: boolean): void {
    if (silent === this.silent.has(peerId)) return;
    if (silent) this.silent.add(peerId);
    else this.silent.delete(peerId);
    this.emit(['peers']);
  }

  /** Parses and validates a `/chain`-shaped text under this network's rules. Never throws. */
  private async judgeChainText(text: string): Promise<{ chain: Block[]; verdict: Verdict }> {
    const doc = parsePythonJson(text);
    if (!doc.ok) return { chain: [], verdict: { valid: false, code: 'not-json', block: null, reason: `It is not JSON: ${doc.error}.` } };
    const extracted = extractChain(doc.value);
    if (!extracted.ok) return { chain: [], verdict: { valid: false, code: 'not-a-list', block: null, reason: extracted.reason } };
    const verdict = await validateChain(extracted.chain, this.rules, this.sha256, extracted.declaredLength);
    const chain = Array.isArray(extracted.chain) ? extracted.chain : [];
    if (verdict.valid && !chain.every(isJsonObject)) {
      const block = chain.findIndex((b) => !isJsonObject(b)) + 1;
      return { chain: [], verdict: { valid: false, code: 'not-an-object', block, reason: `Block ${block} is not an object.` } };
    }
    return { chain: chain.filter(isJsonObject), verdict };
  }

  /**
   * Adopts a validated chain. The transactions of our dropped blocks come back to pending
   * unless the new chain holds them, and pending ones the new chain holds leave: the tutorial
   * silently loses the first and mines the second twice.
   */
  private replaceChain(blocks: readonly Block[], hashes: readonly string[]): ChainReplacement {
    this.mining?.controller.abort();
    const fork = forkPoint(this.hashes, hashes);
    const reconciled = reconcilePending({
      pending: this.pendingTransactions,
      dropped: this.blocks.slice(fork),
      adopted: blocks.slice(fork),
    });
    const replacement: ChainReplacement = {
      fork,
      dropped: this.hashes.slice(fork),
      adopted: hashes.slice(fork),
      returned: reconciled.returned,
      confirmed: reconciled.confirmed,
    };
    this.blocks = [...blocks];
    this.hashes = [...hashes];
    this.pendingTransactions = reconciled.pending;
    this.chainBodyCache = null;
    this.emit(['chain', 'pending', 'status']);
    return replacement;
  }

  // ---- files -----------------------------------------------------------------------------

  exportChain(): string {
    return this.chainBody();
  }

  /** Adopts a chain file only if it is valid under this network's rules; otherwise nothing changes. */
  async importChain(text: unknown): Promise<ImportResult> {
    if (typeof text !== 'string') return { adopted: false, error: 'The file could not be read as text.', verdict: null };
    if (text.length > MAX_IMPORT_CHARS) {
      return { adopted: false, error: `The file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MiB.`, verdict: null };
    }
    const { chain, verdict } = await this.judgeChainText(text);
    if (!verdict.valid) return { adopted: false, error: verdict.reason, verdict };
    const replacement = this.replaceChain(chain, verdict.hashes);
    return { adopted: true, length: chain.length, replacement };
  }

  private emit(topics: readonly NodeTopic[]): void {
    for (const listener of this.listeners) {
      try {
        listener({ topics });
      } catch {
        // A page that went away must not break the node.
      }
    }
  }
}

/** Python's `urlparse(address)`: the netloc if there is one, else the path, else invalid. */
export function nodeAddress(value: JsonValue | undefined): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/([^/?#]*)/.exec(value);
  if (match) return match[1] ? match[1] : null;
  const path = value.split(/[?#]/, 1)[0] ?? '';
  return path === '' ? null : path;
}
