import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_NETWORK, type PeerId } from './ids';
import { CHAIN_ANSWERS_PER_SECOND, PEER_MESSAGE_BURST, PEER_MESSAGES_PER_SECOND, TIP_INTERVAL_MS } from './limits';
import type { MessageOf, PeerMessage } from './messages';
import { createPeerNetwork, type Announcement } from './peer-network';
import { fakeTransport, manualClock } from './peer-network-harness.test-suite';
import { PEER_A, PEER_B, testPeerId } from './test-peer-ids.test-suite';

const SELF = PEER_A;
const FLOODER = PEER_B;
const CALM = testPeerId('cccccccccccc4ccccccccccccccccccc');

/** A network on a fake transport and a manual clock, with everything it hears and answers recorded. */
function floodedNetwork() {
  const clock = manualClock();
  const fake = fakeTransport();
  const chainRequests: string[] = [];
  const network = createPeerNetwork({
    self: SELF,
    network: DEFAULT_NETWORK,
    transport: fake.transport,
    chainBody: () => {
      chainRequests.push('asked');
      return { body: '{"chain": [], "length": 0}', skipped: 0 };
    },
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
  });
  const heard: [PeerId, Announcement][] = [];
  const dropReasons: string[] = [];
  network.onAnnouncement((from, announcement) => heard.push([from, announcement]));
  network.onDropped((_, reason) => dropReasons.push(reason));
  network.start();
  const answers = () =>
    fake.sent.filter((message): message is MessageOf<'chain-response'> => message.kind === 'chain-response').map((answer) => answer.requestId);
  return { clock, fake, network, heard, dropReasons, chainRequests, answers };
}

const rules = (from: PeerId, epoch: number): PeerMessage => ({
  kind: 'rules',
  v: 1,
  from,
  rules: { rule: 'tutorial', difficulty: 2, genesis: 'node', strict: false, balances: false, autoResolve: false },
  schedule: [{ from: 1, rule: 'tutorial', difficulty: 2, strict: false, balances: false }],
  clock: { epoch, at: 1, by: from },
});
const tip = (from: PeerId, height: number): PeerMessage => ({ kind: 'tip', v: 1, from, height, hash: height.toString(16).padStart(64, '0') });
const chainRequest = (from: PeerId, requestId: string): PeerMessage => ({ kind: 'chain-request', v: 1, from, to: SELF, requestId });

/** Lets the answers' promises run. */
const flush = () => vi.waitFor(() => undefined);

describe('a peer flooding the channel', () => {
  it('gets a burst, then its steady rate; the rest is dropped and counted, and other peers are heard as usual', () => {
    const { clock, fake, network, heard, dropReasons } = floodedNetwork();
    for (let epoch = 0; epoch < PEER_MESSAGE_BURST + 300; epoch++) fake.deliver(rules(FLOODER, epoch));
    expect(heard).toHaveLength(PEER_MESSAGE_BURST);
    expect(network.droppedCount()).toBe(300);
    expect(dropReasons[0]).toBe(`${FLOODER} sent more than ${PEER_MESSAGES_PER_SECOND} messages a second`);
    expect(network.malformedCount()).toBe(0);

    fake.deliver(rules(CALM, 1));
    expect(heard.at(-1)?.[0]).toBe(CALM);

    clock.advance(1000);
    for (let epoch = 0; epoch < PEER_MESSAGES_PER_SECOND * 2; epoch++) fake.deliver(rules(FLOODER, epoch));
    expect(heard.filter(([from]) => from === FLOODER)).toHaveLength(PEER_MESSAGE_BURST + PEER_MESSAGES_PER_SECOND);
    expect(network.droppedCount()).toBe(300 + PEER_MESSAGES_PER_SECOND);
  });

  it('is charged only for messages to this node: a busy tab talking to others is not throttled here', () => {
    const { fake, network, heard } = floodedNetwork();
    for (let n = 0; n < PEER_MESSAGE_BURST * 5; n++) fake.deliver({ kind: 'welcome', v: 1, from: FLOODER, to: CALM });
    expect(network.droppedCount()).toBe(0);
    fake.deliver(rules(FLOODER, 1));
    expect(heard).toEqual([[FLOODER, expect.objectContaining({ kind: 'rules' })]]);
  });

  it('has its chain requests answered at most CHAIN_ANSWERS_PER_SECOND a second; the newest waiting one is answered later', async () => {
    const { clock, fake, network, chainRequests, answers } = floodedNetwork();
    for (let n = 0; n < 20; n++) fake.deliver(chainRequest(FLOODER, `r${n}`));
    await flush();
    expect(chainRequests).toHaveLength(CHAIN_ANSWERS_PER_SECOND);
    expect(answers()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    // r5 waited, then r6 … r19 each replaced the one waiting before it.
    expect(network.droppedCount()).toBe(20 - CHAIN_ANSWERS_PER_SECOND - 1);

    clock.advance(1000 / CHAIN_ANSWERS_PER_SECOND);
    await flush();
    expect(answers().at(-1)).toBe('r19');
    expect(chainRequests).toHaveLength(CHAIN_ANSWERS_PER_SECOND + 1);
    clock.advance(10_000);
    await flush();
    expect(chainRequests).toHaveLength(CHAIN_ANSWERS_PER_SECOND + 1);
  });

  it('has its tips folded: the first at once, then the newest once per TIP_INTERVAL_MS', () => {
    const { clock, fake, heard, network } = floodedNetwork();
    for (let height = 2; height <= 50; height++) fake.deliver(tip(FLOODER, height));
    expect(heard.map(([, announcement]) => announcement.kind === 'tip' && announcement.height)).toEqual([2]);
    clock.advance(TIP_INTERVAL_MS);
    expect(heard.map(([, announcement]) => announcement.kind === 'tip' && announcement.height)).toEqual([2, 50]);
    clock.advance(TIP_INTERVAL_MS * 10);
    expect(heard).toHaveLength(2);
    // Folded tips are not dropped messages: the peer's newest tip is still heard.
    expect(network.droppedCount()).toBe(0);

    fake.deliver(tip(FLOODER, 51));
    expect(heard.map(([, announcement]) => announcement.kind === 'tip' && announcement.height)).toEqual([2, 50, 51]);
  });

  it('leaving forgets its waiting chain request and its held tip', async () => {
    const { clock, fake, heard, chainRequests } = floodedNetwork();
    for (let n = 0; n <= CHAIN_ANSWERS_PER_SECOND; n++) fake.deliver(chainRequest(FLOODER, `r${n}`));
    fake.deliver(tip(FLOODER, 2));
    fake.deliver(tip(FLOODER, 3));
    fake.deliver({ kind: 'leave', v: 1, from: FLOODER });
    clock.advance(5000);
    await flush();
    expect(chainRequests).toHaveLength(CHAIN_ANSWERS_PER_SECOND);
    expect(heard).toHaveLength(1);
  });

  it('stop clears every timer the limits armed', () => {
    const { clock, fake, network } = floodedNetwork();
    for (let n = 0; n <= CHAIN_ANSWERS_PER_SECOND; n++) fake.deliver(chainRequest(FLOODER, `r${n}`));
    fake.deliver(tip(FLOODER, 2));
    fake.deliver(tip(FLOODER, 3));
    expect(clock.armed()).toHaveLength(2);
    network.stop();
    expect(clock.armed()).toHaveLength(0);
  });

  it('with thousands of fake ids, nothing throws, and a real newcomer is still heard', () => {
    const { fake, network, heard } = floodedNetwork();
    for (let n = 0; n < 5000; n++) {
      const id = testPeerId(`${n.toString(16).padStart(12, '0')}4${'9'.repeat(19)}`);
      expect(() => { fake.deliver(rules(id, 1)); }).not.toThrow();
    }
    expect(heard).toHaveLength(5000);
    expect(network.peers()).toHaveLength(1024);
    fake.deliver(rules(CALM, 2));
    expect(heard.at(-1)?.[0]).toBe(CALM);
    expect(network.droppedCount()).toBe(0);
  });
});
