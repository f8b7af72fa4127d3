import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgeBlock, rewardTransaction } from '../../core/block';
import { chainDocumentText } from '../../core/chain-document';
import { dumpsPython } from '../../core/python-json';
import { MAX_TIP_BLOCK_CHARS } from '../../network/limits';
import { createMemoryHub } from '../../network/memory-transport';
import { createPeerNetwork, type Announcement } from '../../network/peer-network';
import type { HashedChain } from '../chain/hashed-chain';
import { fakeNode, mined, nodeSha256, peerNumber, settle, tx, type FakeNode } from '../node-parts.test-suite';
import { testNetwork } from '../test-nodes.test-suite';
import { Announcer } from './announcer';

const open: { close: () => void }[] = [];
afterEach(() => {
  for (const item of open.splice(0)) item.close();
});

/** An announcer on a fake node whose saves a test may hold, with everything it sends. */
async function announcerOn(chain?: HashedChain) {
  const fake = await fakeNode({ pending: [tx('alice', 'bob', 1n)], ...(chain ? { chain } : {}) });
  const sent: Announcement[] = [];
  const saves: (() => void)[] = [];
  let holdSaves = false;
  const announcer = new Announcer(fake.context, {
    send: (announcement) => {
      sent.push(announcement);
    },
    save: () => (holdSaves ? new Promise<void>((resolve) => saves.push(resolve)) : Promise.resolve()),
  });
  open.push({ close: () => { announcer.stop(); fake.close(); } });
  return {
    fake,
    announcer,
    sent,
    holdSaves: () => {
      holdSaves = true;
    },
    /** lets the oldest held save finish */
    finishSave: () => {
      saves.shift()?.();
    },
  };
}

const tipOf = (chain: HashedChain, extra: { edits?: number } = {}): Announcement => ({
  kind: 'tip',
  height: chain.height,
  hash: chain.hashes.at(-1)!,
  block: dumpsPython(chain.blocks.at(-1)!, { compact: true }),
  ...extra,
});

/** Our chain with one more block mined on it (its proof need not hold: nothing here judges it). */
async function mineOn(fake: FakeNode): Promise<HashedChain> {
  const { chain } = fake.state;
  const block = forgeBlock({
    index: BigInt(chain.height + 1),
    timestamp: fake.context.now(),
    transactions: [rewardTransaction(fake.id)],
    proof: 7n,
    previousHash: chain.hashes.at(-1)!,
  });
  const next = await chain.append(block, nodeSha256);
  fake.state.mined(next, 0, []);
  return next;
}

describe('Announcer greeting', () => {
  it('greets a newcomer with our tip (its block along), the rules in force and our figures, and our place once we hold one', async () => {
    const { fake, announcer } = await announcerOn(await mined({ blocks: [[tx('alice', 'bob', 5n)]] }));
    const { rules, schedule, clock } = fake.rules.current;
    expect(announcer.greeting()).toEqual([
      tipOf(fake.state.chain),
      { kind: 'rules', rules, schedule, clock },
      { kind: 'stats', pending: 1, mining: false },
    ]);
    fake.book.badges.take();
    const own = fake.book.badges.own()!;
    expect(announcer.greeting()).toContainEqual({ kind: 'badge', slot: own.slot, since: own.since });
  });

  it('says it mines in its figures while a proof search runs, with no rate before one is known', async () => {
    const { fake, announcer } = await announcerOn();
    const work = fake.miner.begin('mine', 2, fake.rules.at(2))!;
    expect(announcer.greeting().at(-1)).toEqual({ kind: 'stats', pending: 1, mining: true });
    fake.miner.end(work);
  });

  it('leaves a tip block larger than a message may carry out of the tip', async () => {
    const huge = tx('alice', 'x'.repeat(MAX_TIP_BLOCK_CHARS), 1n);
    const { announcer } = await announcerOn(await mined({ blocks: [[huge]] }));
    const [tip] = announcer.greeting();
    expect(tip).toMatchObject({ kind: 'tip', height: 2 });
    expect(tip).not.toHaveProperty('block');
  });
});

describe('Announcer chainChanged', () => {
  it('stores the chain before it announces its tip, the page hearing of it at once; until then peers are told the old chain', async () => {
    const { fake, announcer, sent, holdSaves, finishSave } = await announcerOn();
    const before = fake.state.chain;
    holdSaves();
    const moved = vi.spyOn(fake.miner, 'chainChanged');
    const next = await mineOn(fake);
    const emit = vi.fn();
    const changed = announcer.chainChanged(emit);
    expect(moved).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledTimes(1);
    await settle(5);
    expect(sent).toEqual([]);
    // A newcomer and a chain request still get the stored chain: no peer learns of an unstored block.
    expect(announcer.greeting()[0]).toEqual(tipOf(before));
    expect(announcer.answer(null)).toEqual({ body: chainDocumentText(before.blocks), skipped: 0 });
    finishSave();
    await changed;
    expect(sent).toEqual([tipOf(next)]);
    expect(announcer.greeting()[0]).toEqual(tipOf(next));
  });

  it('announces the count of edits with a tip the tamper lab changed the chain under', async () => {
    const { fake, announcer, sent } = await announcerOn(await mined({ blocks: [[], []] }));
    const chain = fake.state.chain;
    fake.state.edit(await chain.edit(1, { ...chain.blocks[1]!, timestamp: 3.5 }, nodeSha256), 2);
    await announcer.chainChanged(() => undefined);
    expect(sent).toEqual([tipOf(fake.state.chain, { edits: 1 })]);
    expect(sent[0]).toMatchObject({ hash: chain.hashes.at(-1) });
  });
});

describe('Announcer answer', () => {
  it('answers a request without a tip with our whole chain, the body of our chain', async () => {
    const { fake, announcer } = await announcerOn(await mined({ blocks: [[], []] }));
    expect(announcer.answer(null)).toEqual({ body: fake.state.body(), skipped: 0 });
  });

  it('answers with only the blocks after the requester’s tip when our chain holds it, the length still the whole chain’s', async () => {
    const chain = await mined({ blocks: [[], [], []] });
    const { announcer } = await announcerOn(chain);
    for (let height = 1; height <= chain.height; height++) {
      expect(announcer.answer({ height, hash: chain.hashes[height - 1]! })).toEqual({
        body: chainDocumentText(chain.blocks.slice(height), chain.height),
        skipped: height,
      });
    }
  });

  it('answers with the whole chain when the requester’s tip is not ours', async () => {
    const chain = await mined({ blocks: [[], []] });
    const { announcer } = await announcerOn(chain);
    const whole = { body: chainDocumentText(chain.blocks), skipped: 0 };
    expect(announcer.answer({ height: 2, hash: 'f'.repeat(64) })).toEqual(whole);
    expect(announcer.answer({ height: 4, hash: chain.hashes[2]! })).toEqual(whole);
  });

  it('answers whole below an edited block: the same hash at or above it no longer means the same blocks', async () => {
    const chain = await mined({ blocks: [[], [], [], []] });
    const { fake, announcer } = await announcerOn(chain);
    const edited = await chain.edit(2, { ...chain.blocks[2]!, timestamp: 9.5 }, nodeSha256);
    fake.state.edit(edited, 3);
    await announcer.chainChanged(() => undefined);
    expect(announcer.answer({ height: 2, hash: edited.hashes[1]! })).toEqual({ body: chainDocumentText(edited.blocks.slice(2), 5), skipped: 2 });
    for (const height of [3, 4, 5]) {
      expect(announcer.answer({ height, hash: edited.hashes[height - 1]! })).toEqual({ body: chainDocumentText(edited.blocks), skipped: 0 });
    }
  });

  it('answers a peer’s chain request over the network with only the blocks it lacks', async () => {
    const chain = await mined({ blocks: [[tx('alice', 'bob', 5n)], []] });
    const { fake, announcer } = await announcerOn(chain);
    const hub = createMemoryHub();
    const network = testNetwork('announcer-test');
    const ours = createPeerNetwork({
      self: fake.id,
      network,
      transport: hub.connect(),
      chainBody: (since) => announcer.answer(since),
      greeting: () => announcer.greeting(),
    });
    const heard: Announcement[] = [];
    const peer = createPeerNetwork({ self: peerNumber(1), network, transport: hub.connect() });
    peer.onAnnouncement((_, announcement) => heard.push(announcement));
    open.push({ close: () => { ours.stop(); peer.stop(); } });
    ours.start();
    peer.start();
    await vi.waitFor(() => {
      expect(heard.map((announcement) => announcement.kind)).toEqual(['tip', 'rules', 'stats']);
    });
    expect(heard[0]).toEqual(tipOf(chain));
    const fetched = await peer.requestChain(fake.id, 1000, { height: 1, hash: chain.hashes[0]! });
    expect(fetched).toMatchObject({ ok: true, body: chainDocumentText(chain.blocks.slice(1), 3), skipped: 1 });
  });
});

describe('Announcer rules, badge and stats', () => {
  it('announces the rules in force and our place when asked', async () => {
    const { fake, announcer, sent } = await announcerOn();
    announcer.announceBadge();
    expect(sent).toEqual([]);
    fake.book.badges.take(3);
    announcer.announceBadge();
    announcer.announceRules();
    const { rules, schedule, clock } = fake.rules.current;
    expect(sent).toEqual([
      { kind: 'badge', slot: 3, since: fake.book.badges.own()!.since },
      { kind: 'rules', rules, schedule, clock },
    ]);
  });

  it('sends its figures when they change, at most one more within a quarter second, and nothing after stop', async () => {
    const { announcer, sent } = await announcerOn();
    announcer.statsChanged();
    announcer.statsChanged();
    announcer.statsChanged();
    expect(sent).toEqual([{ kind: 'stats', pending: 1, mining: false }]);
    await settle(320);
    expect(sent).toHaveLength(2);
    announcer.stop();
    announcer.statsChanged();
    await settle(320);
    expect(sent).toHaveLength(2);
  });
});
