import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK, type PeerId } from '../../network/ids';
import { ARRIVAL_REPLY_BURST, GREETING_COALESCE_MS, NEW_PEER_BURST, NEW_PEER_RESERVE, NEWCOMER_CHAIN_REQUEST_BURST, PEER_PROVEN_AFTER_MS } from '../../network/limits';
import { createMemoryHub } from '../../network/memory-transport';
import { testPeerId } from '../../network/test-peer-ids.test-suite';
import { guardTransport } from './guarded-transport';
import { TrackedPeers } from './tracked-peers';

const SELF = testPeerId('aaaaaaaaaaaa4aaaaaaaaaaaaaaaaaaa');
const OTHER_TAB = testPeerId('bbbbbbbbbbbb4bbbbbbbbbbbbbbbbbbb');
const fakeId = (n: number): PeerId => testPeerId(`${n.toString(16).padStart(12, '0')}4${'e'.repeat(19)}`);

function guarded() {
  let at = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const clock = {
    now: () => at,
    setTimeout: (fn: () => void, ms: number) => {
      const timer = { at: at + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle: unknown) => {
      const i = timers.indexOf(handle as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    at += ms;
    for (const timer of timers.filter((t) => t.at <= at)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
  };
  const hub = createMemoryHub({ schedule: (deliver) => { deliver(); } });
  const page = hub.connect();
  const tracked = new TrackedPeers({ now: clock.now, byHand: () => false });
  let greetings = 0;
  const transport = guardTransport({ self: SELF, inner: hub.connect(), tracked, byHand: () => false, broadcastGreeting: () => { greetings += 1; }, timers: clock });
  const heard: unknown[] = [];
  transport.onMessage((data) => heard.push(data));
  const sent: unknown[] = [];
  page.onMessage((data) => sent.push(data));
  return { page, transport, tracked, heard, sent, advance, greetings: () => greetings };
}

describe('the guarded transport', () => {
  it('lets through a burst of invented arrivals, nothing addressed to another tab, and every malformed message', () => {
    const { page, heard } = guarded();
    for (let n = 0; n < 1100; n++) page.sendUnknown({ kind: 'arrive', v: 1, from: fakeId(n), network: DEFAULT_NETWORK });
    expect(heard).toHaveLength(NEW_PEER_BURST - NEW_PEER_RESERVE);
    page.sendUnknown({ kind: 'chain-request', v: 1, from: fakeId(1), to: OTHER_TAB, requestId: 'r1' });
    page.sendUnknown({ kind: 'nonsense' });
    expect(heard.at(-1)).toEqual({ kind: 'nonsense' });
    expect(heard).toHaveLength(NEW_PEER_BURST - NEW_PEER_RESERVE + 1);
  });

  it('bounds replies to unproven peers and folds the rest into one broadcast greeting per interval', () => {
    const { transport, sent, advance, greetings } = guarded();
    for (let n = 0; n < 1100; n++) transport.send({ kind: 'welcome', v: 1, from: SELF, to: fakeId(n) });
    expect(sent).toHaveLength(ARRIVAL_REPLY_BURST);
    expect(greetings()).toBe(1);
    expect(transport.repliesHeldBack()).toBe(1100 - ARRIVAL_REPLY_BURST);
    advance(GREETING_COALESCE_MS / 2);
    for (let n = 0; n < 100; n++) transport.send({ kind: 'welcome', v: 1, from: SELF, to: fakeId(2000 + n) });
    advance(GREETING_COALESCE_MS / 2);
    expect(greetings()).toBe(2);
    // Broadcasts and chain answers are never held back.
    transport.send({ kind: 'heartbeat', v: 1, from: SELF });
    transport.send({ kind: 'chain-response', v: 1, from: SELF, to: fakeId(3), requestId: 'r1', body: '{}' });
    expect(sent.slice(-2).map((message) => (message as { kind: string }).kind)).toEqual(['heartbeat', 'chain-response']);
  });

  it('answers a proven peer always, and the chain requests of unproven ones within their shared budget', () => {
    const { page, transport, sent, heard, advance } = guarded();
    page.sendUnknown({ kind: 'heartbeat', v: 1, from: OTHER_TAB });
    advance(PEER_PROVEN_AFTER_MS);
    page.sendUnknown({ kind: 'heartbeat', v: 1, from: OTHER_TAB });
    for (let n = 0; n < 200; n++) transport.send({ kind: 'welcome', v: 1, from: SELF, to: fakeId(n) });
    transport.send({ kind: 'welcome', v: 1, from: SELF, to: OTHER_TAB });
    expect(sent.at(-1)).toMatchObject({ to: OTHER_TAB });
    const before = heard.length;
    for (let n = 0; n < 40; n++) page.sendUnknown({ kind: 'arrive', v: 1, from: fakeId(n), network: DEFAULT_NETWORK });
    for (let round = 0; round < 5; round++) {
      for (let n = 0; n < 40; n++) page.sendUnknown({ kind: 'chain-request', v: 1, from: fakeId(n), to: SELF, requestId: `r${round}` });
    }
    const requests = heard.slice(before).filter((data) => (data as { kind: string }).kind === 'chain-request');
    expect(requests).toHaveLength(NEWCOMER_CHAIN_REQUEST_BURST);
    expect(transport.requestsRefused()).toBe(200 - NEWCOMER_CHAIN_REQUEST_BURST);
    for (let n = 0; n < 10; n++) page.sendUnknown({ kind: 'chain-request', v: 1, from: OTHER_TAB, to: SELF, requestId: `p${n}` });
    expect(heard.slice(-10).every((data) => (data as { from: string }).from === OTHER_TAB)).toBe(true);
  });
});
