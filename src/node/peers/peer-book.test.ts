import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../core/validate';
import { COLOURED_SLOTS } from '../../network/badges';
import { peerNumber } from '../node-parts.test-suite';
import { PeerBook, relationOfTip, relationTo, sameTip, type HeardTip, type PeerKnowledge } from './peer-book';

const SELF = peerNumber(0xff);
const [A, B, C, D] = [peerNumber(1), peerNumber(2), peerNumber(3), peerNumber(4)];
const OURS = ['h1', 'h2', 'h3'];

const tip = (height: number, hash: string, edits = 0): HeardTip => ({ height, hash, edits });
const valid = (hashes: readonly string[]): Verdict => ({ valid: true, length: hashes.length, hashes });

describe('PeerBook registration', () => {
  it('keeps registered nodes in the order they were registered, once each, never itself', () => {
    const book = new PeerBook(SELF, false);
    for (const address of [B, '127.0.0.1:5000', A, B, SELF, '127.0.0.1:5000']) book.register(address);
    expect(book.registered()).toEqual([B, '127.0.0.1:5000', A]);
    expect(book.isRegistered(A)).toBe(true);
    expect(book.isRegistered(SELF)).toBe(false);
  });

  it('registers every peer that comes online when registration is automatic, none otherwise', () => {
    const automatic = new PeerBook(SELF, true);
    automatic.online([B, A]);
    expect(automatic.registered()).toEqual([B, A]);
    const manual = new PeerBook(SELF, false);
    manual.online([B, A]);
    expect(manual.registered()).toEqual([]);
  });

  it('switched to automatic, registers the peers online at once', () => {
    const book = new PeerBook(SELF, false);
    book.register(C);
    book.setAutoRegister(true, [A, B]);
    expect(book.autoRegister).toBe(true);
    expect(book.registered()).toEqual([C, A, B]);
    book.setAutoRegister(false, [D]);
    expect(book.registered()).toEqual([C, A, B]);
  });

  it('restores a stored node’s registered nodes as departed until they come online again', () => {
    const book = new PeerBook(SELF, true);
    book.restore([A, B, SELF], false);
    expect(book.registered()).toEqual([A, B]);
    expect(book.autoRegister).toBe(false);
    expect(book.hasDeparted(A)).toBe(true);
    expect(book.hasDeparted(B)).toBe(true);
    book.online([A]);
    expect(book.hasDeparted(A)).toBe(false);
    expect(book.hasDeparted(B)).toBe(true);
  });

  it('marks a registered node that goes offline as departed', () => {
    const book = new PeerBook(SELF, true);
    book.online([A, B]);
    book.online([B]);
    expect(book.hasDeparted(A)).toBe(true);
    expect(book.registered()).toEqual([A, B]);
  });
});

describe('PeerBook online', () => {
  it('forgets what it knew of the chains of peers gone', () => {
    const book = new PeerBook(SELF, true);
    book.knowledgeOf(A).tip = tip(2, 'h2');
    book.knowledgeOf(B).tip = tip(3, 'h3');
    book.online([B]);
    expect([...book.known()].map(([id]) => id)).toEqual([B]);
    expect(book.knowledgeOf(A)).toEqual({ tip: null, chain: null });
  });

  it('says when this tab’s place moved because a lower one was freed, and only then', () => {
    const book = new PeerBook(SELF, false);
    const others = Array.from({ length: COLOURED_SLOTS }, (_, slot) => peerNumber(0x10 + slot));
    others.forEach((id, slot) => book.badges.hear(id, { slot, since: 1 }));
    book.badges.take();
    expect(book.badges.own()?.slot).toBe(COLOURED_SLOTS);
    expect(book.online(others)).toBe(false);
    // Peers on slots 3 and 5 leave: the lowest free place is 3.
    expect(book.online(others.filter((_, slot) => slot !== 3 && slot !== 5))).toBe(true);
    expect(book.badges.own()?.slot).toBe(3);
    expect(book.online(others.filter((_, slot) => slot !== 3 && slot !== 5))).toBe(false);
  });

  it('marks a peer silent until it speaks, saying whether that changed', () => {
    const book = new PeerBook(SELF, true);
    expect(book.markSilent(A, false)).toBe(false);
    expect(book.markSilent(A, true)).toBe(true);
    expect(book.markSilent(A, true)).toBe(false);
    expect(book.markSilent(A, false)).toBe(true);
    book.markSilent(B, true);
    // Coming online again is speaking.
    book.online([B]);
    expect(book.markSilent(B, false)).toBe(false);
  });
});

describe('PeerBook views', () => {
  it('lists every peer discovered, registered or departed with its status, place, tip and relation', () => {
    const book = new PeerBook(SELF, false);
    book.register(A);
    book.register(C);
    book.register('127.0.0.1:5000');
    book.online([A, B]);
    book.markSilent(B, true);
    book.badges.hear(A, { slot: 4, since: 1 });
    book.badges.hear(B, { slot: 2, since: 1 });
    book.knowledgeOf(A).tip = tip(2, 'h2');
    const views = book.views(new Set([A, B]), OURS);
    expect(views.slice(0, 3)).toEqual([
      { id: A, discovered: true, registered: true, status: 'online', slot: 4, tip: { height: 2, hash: 'h2' }, relation: { kind: 'behind', by: 1 } },
      { id: B, discovered: true, registered: false, status: 'silent', slot: 2, tip: null, relation: null },
      { id: C, discovered: true, registered: true, status: 'left', slot: null, tip: null, relation: null },
    ]);
    // An address that is no tab's id has no tip and no relation.
    expect(views[3]).toMatchObject({ id: '127.0.0.1:5000', registered: true, status: 'left', slot: null, tip: null, relation: null });
    expect(views).toHaveLength(4);
  });

  it('shows a registered node that never came online as not discovered', () => {
    const book = new PeerBook(SELF, false);
    book.register(C);
    expect(book.views(new Set(), OURS)).toEqual([{ id: C, discovered: false, registered: true, status: 'left', slot: null, tip: null, relation: null }]);
  });

  it('gives no place to a peer that left, even if it claimed one', () => {
    const book = new PeerBook(SELF, true);
    book.online([A]);
    book.badges.hear(A, { slot: 1, since: 1 });
    const [view] = book.views(new Set(), OURS);
    expect(view).toMatchObject({ id: A, status: 'left', slot: null });
  });
});

describe('relationTo', () => {
  const known = (heard: HeardTip | null, chain: PeerKnowledge['chain'] = null): PeerKnowledge => ({ tip: heard, chain });

  it('is null before the peer announced a tip', () => {
    expect(relationTo(known(null), OURS)).toBeNull();
  });

  it('reads a tip on our chain as that prefix of ours', () => {
    expect(relationTo(known(tip(3, 'h3')), OURS)).toEqual({ kind: 'same' });
    expect(relationTo(known(tip(1, 'h1')), OURS)).toEqual({ kind: 'behind', by: 2 });
  });

  it('cannot tell a tip off our chain until the chain is fetched', () => {
    expect(relationTo(known(tip(5, 'x5')), OURS)).toEqual({ kind: 'unknown-fork', height: 5 });
  });

  it('uses the fetched chain when it answers the tip announced', () => {
    const ahead = ['h1', 'h2', 'h3', 'x4', 'x5'];
    expect(relationTo(known(tip(5, 'x5'), { hashes: ahead, verdict: valid(ahead), tip: tip(5, 'x5') }), OURS)).toEqual({ kind: 'ahead', by: 2 });
    const fork = ['h1', 'y2', 'y3', 'y4'];
    expect(relationTo(known(tip(4, 'y4'), { hashes: fork, verdict: valid(fork), tip: tip(4, 'y4') }), OURS)).toEqual({
      kind: 'diverged',
      atBlock: 2,
      ours: 3,
      theirs: 4,
    });
  });

  it('does not use a chain fetched for an older tip', () => {
    const older = ['h1', 'h2', 'h3', 'x4'];
    expect(relationTo(known(tip(5, 'x5'), { hashes: older, verdict: valid(older), tip: tip(4, 'x4') }), OURS)).toEqual({ kind: 'unknown-fork', height: 5 });
  });

  it('reports a fetched chain that fails our rules as invalid, with its reason', () => {
    const verdict: Verdict = { valid: false, code: 'proof', block: 3, reason: 'Bad proof at block 3.', values: { rule: 'tutorial', difficulty: 1 } };
    expect(relationTo(known(tip(3, 'z3'), { hashes: ['h1', 'h2', 'z3'], verdict, tip: tip(3, 'z3') }), OURS)).toEqual({
      kind: 'invalid',
      code: 'proof',
      block: 3,
      reason: 'Bad proof at block 3.',
      values: { rule: 'tutorial', difficulty: 1 },
    });
  });

  it('reads a tip edited under (edits > 0) as an unknown fork even when its hash is ours, until its chain is fetched', () => {
    expect(relationTo(known(tip(3, 'h3', 1)), OURS)).toEqual({ kind: 'unknown-fork', height: 3 });
    const broken: Verdict = { valid: false, code: 'previous-hash', block: 3, reason: 'previous_hash mismatch at block 3.' };
    // A chain fetched before the edit does not answer the edited tip.
    expect(relationTo(known(tip(3, 'h3', 1), { hashes: OURS, verdict: valid(OURS), tip: tip(3, 'h3', 0) }), OURS)).toEqual({ kind: 'unknown-fork', height: 3 });
    expect(relationTo(known(tip(3, 'h3', 1), { hashes: OURS, verdict: broken, tip: tip(3, 'h3', 1) }), OURS)).toMatchObject({ kind: 'invalid', block: 3 });
  });
});

describe('relationOfTip and sameTip', () => {
  it('reads a tip of any height as ahead of an empty chain, unless edited under', () => {
    expect(relationOfTip(tip(4, 'x4'), [])).toEqual({ kind: 'ahead', by: 4 });
    expect(relationOfTip(tip(4, 'x4', 2), [])).toEqual({ kind: 'unknown-fork', height: 4 });
  });

  it('sees two tips as the same only with the same height, hash and edits', () => {
    expect(sameTip(tip(2, 'h2', 1), tip(2, 'h2', 1))).toBe(true);
    expect(sameTip(tip(2, 'h2', 1), tip(2, 'h2', 2))).toBe(false);
    expect(sameTip(tip(2, 'h2'), tip(3, 'h2'))).toBe(false);
    expect(sameTip(tip(2, 'h2'), tip(2, 'h3'))).toBe(false);
  });
});

describe('PeerBook heights, chains and reset', () => {
  it('counts the heights and chains of the peers online only', () => {
    const book = new PeerBook(SELF, true);
    book.knowledgeOf(A).tip = tip(7, 'a7');
    book.knowledgeOf(B).tip = tip(4, 'b4');
    book.knowledgeOf(B).chain = { hashes: ['b1', 'b2', 'b3', 'b4'], verdict: valid(['b1']), tip: tip(4, 'b4') };
    book.knowledgeOf(C);
    const online = (id: string): boolean => id !== A;
    expect(book.networkHeight(3, online)).toBe(4);
    expect(book.networkHeight(3, () => true)).toBe(7);
    expect(book.networkHeight(9, () => true)).toBe(9);
    expect(book.heightsOnline(online)).toEqual([4]);
    expect(book.chainsOnline(new Set([A, B, C]))).toEqual([{ owner: B, hashes: ['b1', 'b2', 'b3', 'b4'], valid: true }]);
    expect(book.chainsOnline(new Set([A]))).toEqual([]);
  });

  it('forgets the fetched chains but keeps the tips on forgetChains', () => {
    const book = new PeerBook(SELF, true);
    book.knowledgeOf(A).tip = tip(2, 'h2');
    book.knowledgeOf(A).chain = { hashes: ['h1', 'h2'], verdict: valid(['h1', 'h2']), tip: tip(2, 'h2') };
    book.forgetChains();
    expect(book.knowledgeOf(A)).toEqual({ tip: tip(2, 'h2'), chain: null });
  });

  it('reset forgets registrations, departures, silences and chains, keeps tips, and registers the peers online again when automatic', () => {
    const book = new PeerBook(SELF, true);
    book.online([A, B]);
    book.register(C);
    book.online([B]);
    book.markSilent(B, true);
    book.knowledgeOf(B).tip = tip(2, 'h2');
    book.knowledgeOf(B).chain = { hashes: ['h1', 'h2'], verdict: valid(['h1', 'h2']), tip: tip(2, 'h2') };
    book.reset([B, D]);
    expect(book.registered()).toEqual([B, D]);
    expect(book.hasDeparted(A)).toBe(false);
    expect(book.markSilent(B, false)).toBe(false);
    expect(book.knowledgeOf(B)).toEqual({ tip: tip(2, 'h2'), chain: null });
    const manual = new PeerBook(SELF, false);
    manual.register(A);
    manual.reset([A]);
    expect(manual.registered()).toEqual([]);
  });
});
