import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgeBlock, rewardTransaction, type Block } from '../../core/block';
import { hashBlock } from '../../core/hash';
import { mineProof } from '../../core/chain-builder.test-suite';
import { dumpsPython } from '../../core/python-json';
import type { Verdict } from '../../core/validate';
import type { PeerId } from '../../network/ids';
import { createMemoryHub, type MemoryHub } from '../../network/memory-transport';
import type { HashedChain } from '../chain/hashed-chain';
import { fakeNode, hashed, mined, nodeSha256, ourNetwork, peerNumber, remoteTab, settle, tx, type FakeNode, type RemoteTab } from '../node-parts.test-suite';
import { PeerChains } from './peer-chains';

const PEER = peerNumber(1);
const OTHER = peerNumber(2);
const closing: (() => void)[] = [];
afterEach(() => {
  for (const close of closing.splice(0)) close();
});

interface Setup {
  readonly hub: MemoryHub;
  readonly ours: FakeNode;
  readonly remote: RemoteTab;
  readonly chains: PeerChains;
  readonly learned: { peerId: PeerId; chain: Block[]; verdict: Verdict }[];
}

/** Our node and its PeerChains on a hub with one remote tab holding `theirs`. */
async function setup(
  oursChain: HashedChain,
  theirs: HashedChain,
  options: { readonly answers?: boolean; readonly timeoutMs?: number; readonly nowMs?: () => number } = {},
): Promise<Setup> {
  const hub = createMemoryHub();
  const ours = await fakeNode({ chain: oursChain });
  const remote = await remoteTab(hub, PEER, theirs, options.answers === undefined ? {} : { answers: options.answers });
  const network = await ourNetwork(hub, ours, [PEER]);
  const learned: Setup['learned'] = [];
  const chains = new PeerChains(
    ours.context,
    network,
    options.timeoutMs ?? 1000,
    (peerId, chain, verdict) => {
      learned.push({ peerId, chain, verdict });
    },
    options.nowMs === undefined ? {} : { nowMs: options.nowMs },
  );
  closing.push(() => {
    network.stop();
    remote.close();
    ours.close();
  });
  return { hub, ours, remote, chains, learned };
}

const tipOf = (chain: HashedChain, edits = 0) => ({ height: chain.height, hash: chain.hashes.at(-1)!, edits });

/** `base` and one more block mined on it (tutorial rule, difficulty 1). */
async function extended(base: HashedChain, count = 1): Promise<HashedChain> {
  let chain = base;
  for (let i = 0; i < count; i++) {
    const previous = chain.blocks.at(-1)!;
    const block = forgeBlock({
      index: BigInt(chain.height + 1),
      timestamp: 1_790_000_000 + chain.height,
      transactions: [tx('alice', 'bob', BigInt(chain.height)), rewardTransaction('remote')],
      proof: 0n,
      previousHash: await hashBlock(previous, nodeSha256),
    });
    block['proof'] = await mineProof(previous, block, 'tutorial', 1, nodeSha256);
    chain = await chain.append(block, nodeSha256);
  }
  return chain;
}

describe('PeerChains heardTip', () => {
  it('knows the chain of a peer whose tip is on our chain without asking for it', async () => {
    const ourChain = await mined({ blocks: [[], []] });
    const { ours, remote, chains, learned } = await setup(ourChain, ourChain.cut(2));
    chains.heardTip(PEER, tipOf(ourChain.cut(2)), undefined);
    const known = ours.book.knowledgeOf(PEER);
    expect(known.chain).toEqual({ hashes: ourChain.hashes.slice(0, 2), verdict: { valid: true, length: 2, hashes: ourChain.hashes.slice(0, 2) }, tip: tipOf(ourChain.cut(2)) });
    expect(ours.emitted).toContainEqual(['peers', 'forks']);
    await settle();
    expect(remote.requests).toEqual([]);
    expect(learned).toEqual([]);
  });

  it('fetches the chain of a tip off our chain, sending our tip so that only the new blocks come, and learns it', async () => {
    const ourChain = await mined({ blocks: [[]] });
    const theirs = await extended(ourChain, 2);
    const { ours, remote, chains, learned } = await setup(ourChain, theirs);
    chains.heardTip(PEER, tipOf(theirs), undefined);
    await vi.waitFor(() => {
      expect(learned).toHaveLength(1);
    });
    expect(remote.requests).toEqual([{ height: 2, hash: ourChain.hashes[1] }]);
    expect(learned[0]).toMatchObject({ peerId: PEER, chain: theirs.blocks, verdict: { valid: true, hashes: theirs.hashes } });
    expect(ours.book.knowledgeOf(PEER).chain).toMatchObject({ hashes: theirs.hashes, tip: tipOf(theirs) });
    // Heard again, the same tip needs no second fetch.
    chains.heardTip(PEER, tipOf(theirs), undefined);
    await settle();
    expect(remote.requests).toHaveLength(1);
  });

  it('judges a tip block one ahead on arrival: a valid extension is the peer’s chain, known without a request', async () => {
    const ourChain = await mined({ blocks: [[]] });
    const theirs = await extended(ourChain);
    const { ours, remote, chains, learned } = await setup(ourChain, theirs);
    chains.heardTip(PEER, tipOf(theirs), dumpsPython(theirs.blocks.at(-1)!, { compact: true }));
    await vi.waitFor(() => {
      expect(learned).toHaveLength(1);
    });
    expect(learned[0]).toMatchObject({ peerId: PEER, chain: theirs.blocks, verdict: { valid: true } });
    expect(ours.book.knowledgeOf(PEER).chain).toMatchObject({ hashes: theirs.hashes, tip: tipOf(theirs) });
    await settle();
    expect(remote.requests).toEqual([]);
  });

  it('fetches the chain when the tip block one ahead does not extend ours validly', async () => {
    const ourChain = await mined({ blocks: [[]] });
    const theirs = await extended(ourChain);
    const { remote, chains } = await setup(ourChain, theirs);
    const forged = { ...theirs.blocks.at(-1)!, proof: 'not the proof' };
    chains.heardTip(PEER, tipOf(theirs), dumpsPython(forged, { compact: true }));
    await vi.waitFor(() => {
      expect(remote.requests).toHaveLength(1);
    });
  });

  it('fetches a peer’s chain again when its tip says the tamper lab changed the chain under it', async () => {
    const ourChain = await mined({ blocks: [[], []] });
    const { ours, remote, chains } = await setup(ourChain, ourChain);
    chains.heardTip(PEER, tipOf(ourChain, 1), undefined);
    await vi.waitFor(() => {
      expect(remote.requests).toHaveLength(1);
    });
    expect(ours.book.knowledgeOf(PEER).chain?.tip).toEqual(tipOf(ourChain, 1));
  });

  it('fetches once more, not once per tip, when tips come while a fetch runs', async () => {
    const ourChain = await mined();
    const theirs = await extended(ourChain, 3);
    const { remote, chains } = await setup(ourChain, theirs);
    for (let height = 2; height <= 4; height++) chains.heardTip(PEER, tipOf(theirs.cut(height)), undefined);
    await vi.waitFor(() => {
      expect(remote.requests.length).toBeGreaterThan(0);
    });
    await settle(50);
    expect(remote.requests).toHaveLength(2);
  });

  it('judges every peer’s chain again from its tip on learnAll (our chain changed)', async () => {
    const ourChain = await mined({ blocks: [[]] });
    const theirs = await extended(ourChain);
    const { ours, chains } = await setup(ourChain, theirs);
    chains.heardTip(PEER, tipOf(ourChain), undefined);
    expect(ours.book.knowledgeOf(PEER).chain?.hashes).toEqual(ourChain.hashes);
    // Our chain is now the peer's plus nothing: its tip is behind ours, and so is its chain.
    ours.state.replace(await extended(ourChain, 2));
    ours.book.forgetChains();
    chains.learnAll();
    expect(ours.book.knowledgeOf(PEER).chain).toMatchObject({ hashes: ourChain.hashes, verdict: { valid: true } });
  });
});

describe('PeerChains fetch and candidate', () => {
  it('reports a peer that does not answer in time as silent, once', async () => {
    const ourChain = await mined();
    const { ours, chains } = await setup(ourChain, ourChain, { answers: false, timeoutMs: 50 });
    expect(await chains.fetch(PEER)).toEqual({ ok: false, reason: 'no answer within 0.05 s' });
    expect(ours.emitted).toEqual([['peers']]);
    expect(ours.book.markSilent(PEER, true)).toBe(false);
    await chains.fetch(PEER);
    expect(ours.emitted).toEqual([['peers']]);
  });

  it('judges a fetched chain under our rules and remembers it, invalid ones too', async () => {
    const ourChain = await mined();
    const theirs = await extended(ourChain, 2);
    const broken = await theirs.edit(1, { ...theirs.blocks[1]!, timestamp: 5 }, nodeSha256);
    const { ours, chains } = await setup(ourChain, broken);
    const fetched = await chains.fetch(PEER);
    expect(fetched).toMatchObject({ ok: true, chain: broken.blocks, verdict: { valid: false, code: 'previous-hash', block: 3 } });
    expect(ours.book.knowledgeOf(PEER).chain).toMatchObject({ hashes: broken.hashes, verdict: { valid: false }, tip: tipOf(broken) });
  });

  it('asks a registered node for its chain, but not one that is no tab of the network or has closed', async () => {
    const ourChain = await mined();
    const theirs = await extended(ourChain);
    const { ours, remote, chains } = await setup(ourChain, theirs);
    expect(await chains.candidate('127.0.0.1:5000')).toEqual({ peerId: '127.0.0.1:5000', outcome: { kind: 'no-answer', reason: 'not the id of a tab on this network' } });
    ours.book.register(OTHER);
    ours.book.online([PEER]);
    expect(await chains.candidate(OTHER)).toEqual({ peerId: OTHER, outcome: { kind: 'no-answer', reason: 'the tab has closed' } });
    expect(await chains.candidate(PEER)).toMatchObject({ peerId: PEER, outcome: { kind: 'answered', chain: theirs.blocks, verdict: { valid: true } } });
    expect(remote.requests).toHaveLength(1);
  });

  it('tells whether a peer is online on the network', async () => {
    const ourChain = await mined();
    const { chains } = await setup(ourChain, ourChain);
    expect(chains.isOnline(PEER)).toBe(true);
    expect(chains.isOnline(OTHER)).toBe(false);
  });

  it('remembers the hash of every block of an invalid chain, for the fork tree to draw', async () => {
    const ourChain = await mined();
    const unlinked = await hashed([{ index: 1n, proof: 100n }, { index: 2n, proof: 1n, previous_hash: 'x' }]);
    const { ours, chains } = await setup(ourChain, unlinked);
    const fetched = await chains.fetch(PEER);
    expect(fetched).toMatchObject({ ok: true, verdict: { valid: false, code: 'previous-hash', block: 2 } });
    expect(ours.book.knowledgeOf(PEER).chain).toMatchObject({ hashes: unlinked.hashes, tip: tipOf(unlinked) });
    expect(ours.book.chainsOnline(new Set([PEER]))).toEqual([{ owner: PEER, hashes: unlinked.hashes, valid: false }]);
  });

  it('answers with the chain judged on arrival when judging the same chain again is over the budget, and not once the peer moved on', async () => {
    const ourChain = await mined();
    const theirs = await extended(ourChain, 2);
    let now = 0;
    const { ours, remote, chains, learned } = await setup(ourChain, theirs, { nowMs: () => now });
    const judgeText = ours.state.judgeText.bind(ours.state);
    // Each judging takes 5 s on this clock: one uses up the peer's judging budget for a while.
    const judge = vi.spyOn(ours.state, 'judgeText').mockImplementation(async (...args) => {
      now += 5_000;
      return judgeText(...args);
    });
    chains.heardTip(PEER, tipOf(theirs), undefined);
    await vi.waitFor(() => {
      expect(learned).toHaveLength(1);
    });

    expect(await chains.candidate(PEER)).toMatchObject({ peerId: PEER, outcome: { kind: 'answered', chain: theirs.blocks, verdict: { valid: true, hashes: theirs.hashes } } });
    expect(remote.requests).toHaveLength(2);
    expect(judge).toHaveBeenCalledTimes(1);

    // A new tip is another chain, unjudged: the budget says when it will be.
    const longer = await extended(theirs);
    ours.book.knowledgeOf(PEER).tip = tipOf(longer);
    const refused = await chains.candidate(PEER);
    expect(refused.outcome.kind === 'no-answer' ? refused.outcome.reason : refused.outcome.kind).toMatch(/^its chains took long to judge lately: judged again in \d+ s$/);
    expect(judge).toHaveBeenCalledTimes(1);
  });

  it('answers a resolve with the chain judged on hearing the tip when the peer sends the very same text again, and judges any other text', async () => {
    const ourChain = await mined();
    // Another genesis: the peer holds nothing of ours and sends its whole chain.
    const theirs = await extended(await mined({ startTime: 1_700_000_000 }), 2);
    const { ours, remote, chains, learned } = await setup(ourChain, theirs);
    const judge = vi.spyOn(ours.state, 'judgeText');
    chains.heardTip(PEER, tipOf(theirs), undefined);
    await vi.waitFor(() => {
      expect(learned).toHaveLength(1);
    });
    expect(judge).toHaveBeenCalledTimes(1);

    // The resolve asks again, as the tutorial's resolve does, and gets the very same text.
    expect(await chains.candidate(PEER)).toMatchObject({ outcome: { kind: 'answered', chain: theirs.blocks, verdict: { valid: true, hashes: theirs.hashes } } });
    expect(remote.requests).toHaveLength(2);
    expect(judge).toHaveBeenCalledTimes(1);

    // It mined again before we heard its tip: another text, judged again.
    const longer = await extended(theirs);
    remote.node.state.replace(longer);
    await remote.chainChanged();
    expect(await chains.candidate(PEER)).toMatchObject({ outcome: { kind: 'answered', chain: longer.blocks, verdict: { valid: true, hashes: longer.hashes } } });
    expect(judge).toHaveBeenCalledTimes(2);
  });

  it('forgets the chain judged before once ours is as long', async () => {
    const ourChain = await mined();
    const theirs = await extended(ourChain, 2);
    let now = 0;
    const { ours, chains } = await setup(ourChain, theirs, { nowMs: () => now });
    const judgeText = ours.state.judgeText.bind(ours.state);
    vi.spyOn(ours.state, 'judgeText').mockImplementation(async (...args) => {
      now += 5_000;
      return judgeText(...args);
    });
    expect(await chains.fetch(PEER)).toMatchObject({ ok: true, verdict: { valid: true } });
    ours.state.replace(theirs);
    expect(await chains.candidate(PEER)).toMatchObject({ outcome: { kind: 'no-answer' } });
  });
});
