// Test-only: the pieces the unit tests of the node's parts share — chains, transactions, a
// brute-force proof search with Node's crypto, and a small NodeContext made of real parts.
import { createHash } from 'node:crypto';
import { expect, vi } from 'vitest';
import { blockTransactions, forgeBlock, isTransaction, rewardTransaction, type Block, type Transaction } from '../core/block';
import { mineChain } from '../core/chain-builder.test-suite';
import { hashBlock } from '../core/hash';
import { isReward, transactionKey } from '../core/mempool';
import { hasLeadingZeroNibbles, type ProofRule } from '../core/proof';
import { DEFAULT_RULES, type NetworkRules, type RulesSchedule } from '../core/rules';
import type { PeerId } from '../network/ids';
import type { MemoryHub } from '../network/memory-transport';
import type { ChainPoint } from '../network/messages';
import { createPeerNetwork, type PeerNetwork } from '../network/peer-network';
import { testPeerId } from '../network/test-peer-ids.test-suite';
import type { NodeMessage } from '../contract/node-messages';
import type { JournalEntry, MiningSettings, NodeTopic } from '../contract/views';
import { ChainState } from './chain/chain-state';
import { HashedChain } from './chain/hashed-chain';
import { createInProcessThread } from './mining/in-process-thread';
import { Miner, type GuessParts } from './mining/miner';
import type { NodeContext } from './node-context';
import { Announcer } from './peers/announcer';
import { PeerBook } from './peers/peer-book';
import { RulesAgreement } from './rules/rules-agreement';
import { nodeSha256, testNetwork } from './test-nodes.test-suite';

export { nodeSha256 };

/** The rules of the parts' tests: the tutorial's, at difficulty 1, so that every proof is found at once. */
export const TEST_RULES: NetworkRules = { ...DEFAULT_RULES, difficulty: 1 };

/** A peer id ending in `n` (hex), for as many peers as a test needs. */
export const peerNumber = (n: number): PeerId => testPeerId(`${n.toString(16).padStart(12, '0')}4${'0'.repeat(19)}`);

export const tx = (sender: string, recipient: string, amount: bigint | number): Transaction => ({ sender, recipient, amount });

/** A chain whose hashes are known; throws if a block cannot be hashed (tests build hashable ones). */
export async function hashed(blocks: readonly Block[]): Promise<HashedChain> {
  const chain = await HashedChain.of(blocks, nodeSha256);
  if (chain === null) throw new Error('test chain cannot be hashed');
  return chain;
}

export interface MinedOptions {
  readonly rule?: ProofRule;
  readonly difficulty?: number;
  readonly schedule?: RulesSchedule;
  /** the transactions of blocks 2, 3, … (the reward is appended) */
  readonly blocks?: readonly (readonly Transaction[])[];
  readonly startTime?: number;
  readonly nodeId?: string;
}

/** A valid chain mined with the real core functions (tutorial rule, difficulty 1 by default). */
export async function mined(options: MinedOptions = {}): Promise<HashedChain> {
  const blocks = await mineChain({
    rule: options.rule ?? 'tutorial',
    difficulty: options.difficulty ?? 1,
    sha256: nodeSha256,
    blocks: options.blocks ?? [],
    ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
    ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
    ...(options.nodeId === undefined ? {} : { nodeId: options.nodeId }),
  });
  return hashed(blocks);
}

/** Blocks linked by hash but with no valid proof: enough for the parts that do not judge. */
export async function linkedBlocks(after: Block, count: number, transactionsOf: (i: number) => readonly Transaction[], tag = 'x'): Promise<Block[]> {
  const out: Block[] = [];
  let previous = after;
  for (let i = 0; i < count; i++) {
    const index = (typeof previous['index'] === 'bigint' ? previous['index'] : 0n) + 1n;
    const block = forgeBlock({
      index,
      timestamp: 1_800_000_000 + i,
      transactions: [...transactionsOf(i), rewardTransaction(tag)],
      proof: 0n,
      previousHash: await hashBlock(previous, nodeSha256),
    });
    out.push(block);
    previous = block;
  }
  return out;
}

/** Node's SHA-256 hex of a text. */
export const sha256HexSync = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The smallest proof of `parts` at `difficulty`, tried in order from 0 with Node's crypto (how the tutorial's loop finds it). */
export function bruteForceProof(parts: GuessParts, difficulty: number): bigint {
  for (let proof = 0n; ; proof++) {
    const digest = createHash('sha256').update(`${parts.prefix}${proof}${parts.suffix}`, 'utf8').digest();
    if (hasLeadingZeroNibbles(digest, difficulty)) return proof;
  }
}

/** The user payments (the closing reward aside) of the blocks and the pending list, counted by canonical JSON. */
export function paymentCounts(blocks: readonly Block[], pending: readonly Transaction[] = []): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (transaction: Transaction): void => {
    const key = transactionKey(transaction);
    if (key === null) throw new Error('test transaction without canonical JSON');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const block of blocks) {
    for (const transaction of blockTransactions(block)) if (isTransaction(transaction) && !isReward(transaction)) add(transaction);
  }
  for (const transaction of pending) add(transaction);
  return counts;
}

/** Waits for a few macrotasks: deliveries of the in-memory hub and promise chains settle. */
export const settle = (ms = 20): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export interface FakeNodeOptions {
  readonly id?: PeerId;
  readonly rules?: Partial<NetworkRules>;
  readonly chain?: HashedChain;
  readonly pending?: readonly Transaction[];
  readonly autoRegister?: boolean;
  readonly mining?: MiningSettings;
  /** what chainChanged does after the miner moved on (the tab node stores and announces) */
  readonly chainChanged?: (extra: readonly NodeTopic[]) => Promise<void>;
}

/** A NodeContext of real parts (chain state, rules, peer book, miner on an in-process thread), with its calls recorded. */
export interface FakeNode {
  readonly context: NodeContext;
  readonly id: PeerId;
  readonly state: ChainState;
  readonly rules: RulesAgreement;
  readonly book: PeerBook;
  readonly miner: Miner;
  /** every emit, in order */
  readonly emitted: (readonly NodeTopic[])[];
  /** every journal line recorded */
  readonly records: { readonly kind: JournalEntry['kind']; readonly message: NodeMessage }[];
  /** the extra topics of every chainChanged, in order */
  readonly chainChanges: (readonly NodeTopic[])[];
  readonly close: () => void;
}

export const FAKE_NODE_ID = testPeerId('f0f0f0f0f0f04f0f0f0f0f0f0f0f0f0f');

export async function fakeNode(options: FakeNodeOptions = {}): Promise<FakeNode> {
  const id = options.id ?? FAKE_NODE_ID;
  // After the timestamps of every test chain: a block mined on one is never older than its tip.
  let clock = 1_900_000_000;
  const now = (): number => (clock += 0.5);
  const rules = new RulesAgreement({ ...TEST_RULES, ...options.rules }, id, () => 1_000);
  const sha256 = nodeSha256;
  const chain = options.chain ?? (await mined({ rule: rules.rules.rule, difficulty: rules.rules.difficulty }));
  const state = new ChainState(chain, options.pending ?? [], () => ({ ...rules.current, sha256, now }));
  const book = new PeerBook(id, options.autoRegister ?? true);
  const miner = new Miner({
    spawn: createInProcessThread,
    maxThreads: 2,
    settings: options.mining ?? { engine: 'fast', threads: 1 },
    sha256,
    subtleCrypto: true,
    changed: () => undefined,
    fastProofRejected: () => undefined,
  });
  const emitted: (readonly NodeTopic[])[] = [];
  const records: { kind: JournalEntry['kind']; message: NodeMessage }[] = [];
  const chainChanges: (readonly NodeTopic[])[] = [];
  const context: NodeContext = {
    id,
    sha256,
    now,
    state,
    rules,
    book,
    miner,
    emit: (topics) => {
      emitted.push([...topics]);
    },
    record: (kind, message) => {
      records.push({ kind, message });
    },
    chainChanged: async (extra = []) => {
      miner.chainChanged();
      chainChanges.push([...extra]);
      await options.chainChanged?.(extra);
    },
  };
  return { context, id, state, rules, book, miner, emitted, records, chainChanges, close: () => { miner.close(); } };
}

export const PARTS_NETWORK = testNetwork('node-parts-test');

/** Another tab on `hub`, as its peers see it: its chain, its tip and rules in its greeting, its chain requests answered (and counted). */
export interface RemoteTab {
  readonly node: FakeNode;
  readonly network: PeerNetwork;
  /** the `since` of every chain request it answered */
  readonly requests: (ChainPoint | null)[];
  /** makes it answer with its chain as it is now, as its node does once a change is stored */
  readonly chainChanged: () => Promise<void>;
  readonly close: () => void;
}

export async function remoteTab(hub: MemoryHub, id: PeerId, chain: HashedChain, options: { readonly answers?: boolean } = {}): Promise<RemoteTab> {
  const node = await fakeNode({ id, chain });
  const requests: (ChainPoint | null)[] = [];
  const announcer = new Announcer(node.context, { send: () => undefined, save: () => Promise.resolve() });
  const network = createPeerNetwork({
    self: id,
    network: PARTS_NETWORK,
    transport: hub.connect(),
    greeting: () => announcer.greeting(),
    ...(options.answers === false
      ? {}
      : {
          chainBody: (since: ChainPoint | null) => {
            requests.push(since);
            return announcer.answer(since);
          },
        }),
  });
  network.start();
  return {
    node,
    network,
    requests,
    chainChanged: () => announcer.chainChanged(() => undefined),
    close: () => {
      announcer.stop();
      network.stop();
      node.close();
    },
  };
}

/** Our side of the hub: a peer network for a fake node, started, that knows `peers` once they are discovered. */
export async function ourNetwork(hub: MemoryHub, node: FakeNode, peers: readonly PeerId[]): Promise<PeerNetwork> {
  const network = createPeerNetwork({ self: node.id, network: PARTS_NETWORK, transport: hub.connect() });
  network.start();
  await vi.waitFor(() => {
    const online = network.peers().map((peer) => peer.id);
    for (const peer of peers) expect(online).toContain(peer);
  });
  return network;
}
