import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PeerId } from '../../network/ids';
import { GONE_AFTER_MS, HEARTBEAT_MS, MAX_TRACKED_PEERS, NEW_PEER_BURST, NEW_PEER_RESERVE, NEW_PEERS_PER_SECOND, PEER_PROVEN_AFTER_MS } from '../../network/limits';
import { MAX_PEERS } from '../../network/peer-network';
import { testPeerId } from '../../network/test-peer-ids.test-suite';
import { TrackedPeers } from './tracked-peers';

const fake = (n: number): PeerId => testPeerId(`${n.toString(16).padStart(12, '0')}4${'f'.repeat(19)}`);
const HONEST = testPeerId('aaaaaaaaaaaa4aaaaaaaaaaaaaaaaaaa');
const BY_HAND = testPeerId('bbbbbbbbbbbb4bbbbbbbbbbbbbbbbbbb');

function trackedOn(maxPeers?: number) {
  let at = 1_000_000;
  const tracked = new TrackedPeers({ now: () => at, byHand: (id) => id === BY_HAND, ...(maxPeers === undefined ? {} : { maxPeers }) });
  return { tracked, advance: (ms: number) => { at += ms; } };
}

describe('TrackedPeers', () => {
  it('admits a burst of new ids, then a steady rate, keeping a reserve for ids heard again', () => {
    const { tracked, advance } = trackedOn();
    let admitted = 0;
    for (let i = 0; i < 1100; i++) if (tracked.heard(fake(i))) admitted += 1;
    expect(admitted).toBe(NEW_PEER_BURST - NEW_PEER_RESERVE);
    // A real tab says several things in a row: refused once, its next message may use the reserve.
    const newcomer = testPeerId('cccccccccccc4ccccccccccccccccccc');
    expect(tracked.heard(newcomer)).toBe(false);
    expect(tracked.heard(newcomer)).toBe(true);
    advance(1000);
    let later = 0;
    for (let i = 2000; i < 2100; i++) if (tracked.heard(fake(i))) later += 1;
    expect(later).toBeLessThanOrEqual(NEW_PEERS_PER_SECOND + 1);
  });

  it('keeps the peer network below its own bound, whatever the flood (evicted ids linger there until gone)', () => {
    const lingering = NEW_PEER_BURST + (NEW_PEERS_PER_SECOND * (GONE_AFTER_MS + HEARTBEAT_MS)) / 1000;
    expect(MAX_TRACKED_PEERS + lingering).toBeLessThan(MAX_PEERS);
  });

  it('proves a peer heard again a while after its first message; invented ids evict each other, not it', () => {
    const { tracked, advance } = trackedOn(4);
    tracked.heard(HONEST);
    advance(PEER_PROVEN_AFTER_MS);
    tracked.heard(HONEST);
    expect(tracked.isProven(HONEST)).toBe(true);
    tracked.heard(BY_HAND);
    for (let i = 0; i < 40; i++) {
      advance(100);
      tracked.heard(fake(i));
    }
    expect(tracked.isTracked(HONEST)).toBe(true);
    expect(tracked.isTracked(BY_HAND)).toBe(true);
    expect(tracked.isTracked(fake(39))).toBe(true);
    expect(tracked.isTracked(fake(30))).toBe(false);
    expect(tracked.size()).toBe(4);
  });

  it('gives the place of a peer that left or went silent to a newcomer', () => {
    const { tracked, advance } = trackedOn(2);
    tracked.heard(HONEST);
    advance(PEER_PROVEN_AFTER_MS);
    tracked.heard(HONEST);
    tracked.heard(fake(1));
    advance(PEER_PROVEN_AFTER_MS);
    tracked.heard(fake(1));
    tracked.left(fake(1));
    expect(tracked.heard(fake(2))).toBe(true);
    expect(tracked.isTracked(fake(1))).toBe(false);
    advance(GONE_AFTER_MS - 1);
    tracked.heard(HONEST);
    advance(1);
    expect(tracked.heard(fake(3))).toBe(true);
    expect(tracked.isTracked(HONEST)).toBe(true);
    expect(tracked.isTracked(fake(2))).toBe(false);
  });

  it('under any interleaving of arrivals and leaves of fake ids, an honest peer heard within GONE_AFTER_MS stays tracked', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('arrive' as const), id: fc.nat(3000) }),
      fc.record({ kind: fc.constant('leave' as const), id: fc.nat(3000) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.nat(3 * HEARTBEAT_MS) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(8, 64, MAX_TRACKED_PEERS), fc.array(step, { maxLength: 600 }), (maxPeers, steps) => {
        let at = 0;
        const tracked = new TrackedPeers({ now: () => at, byHand: (id) => id === BY_HAND, maxPeers });
        // The honest tab arrived and beat once: it is proven; the hand-registered one only arrived.
        expect(tracked.heard(HONEST)).toBe(true);
        expect(tracked.heard(BY_HAND)).toBe(true);
        at += HEARTBEAT_MS;
        tracked.heard(HONEST);
        let honestHeard = at;
        let byHandHeard = at;
        tracked.heard(BY_HAND);
        for (const s of steps) {
          if (s.kind === 'arrive') tracked.heard(fake(s.id));
          else if (s.kind === 'leave') tracked.left(fake(s.id));
          else {
            // Time passes; both honest tabs beat every HEARTBEAT_MS meanwhile.
            const until = at + s.ms;
            while (honestHeard + HEARTBEAT_MS <= until) {
              at = honestHeard + HEARTBEAT_MS;
              tracked.heard(HONEST);
              tracked.heard(BY_HAND);
              honestHeard = byHandHeard = at;
            }
            at = until;
          }
          if (at - honestHeard < GONE_AFTER_MS) expect(tracked.isTracked(HONEST)).toBe(true);
          if (at - byHandHeard < GONE_AFTER_MS) expect(tracked.isTracked(BY_HAND)).toBe(true);
          expect(tracked.size()).toBeLessThanOrEqual(maxPeers);
        }
      }),
      { numRuns: 200 },
    );
  });
});
