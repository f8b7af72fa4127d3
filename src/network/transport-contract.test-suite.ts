import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PeerMessage } from './messages';
import type { Transport } from './transport';
import { PEER_A, PEER_B } from './test-peer-ids.test-suite';

export type MakeTransports = (channel: string) => { a: Transport; b: Transport; c: Transport };

const A = PEER_A;
const B = PEER_B;

function request(n: number): PeerMessage {
  return { kind: 'chain-request', v: 1, from: A, to: B, requestId: `r${n}` };
}

function record(transport: Transport): { got: unknown[]; off: () => void } {
  const got: unknown[] = [];
  const off = transport.onMessage((data) => {
    got.push(data);
  });
  return { got, off };
}

/** Real time, not fake timers: BroadcastChannel delivers through the runtime's own queue. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}

/** Waits until `got` holds `count` items; then a little longer so that extras would show. */
async function expectCount(got: readonly unknown[], count: number): Promise<void> {
  await vi.waitFor(() => { expect(got.length).toBeGreaterThanOrEqual(count); }, { timeout: 2000 });
  await pause(20);
  expect(got).toHaveLength(count);
}

/**
 * The behaviour every Transport must share (see transport.ts). Each test opens its
 * endpoints on a fresh random channel name, so tests never hear each other.
 */
export function runTransportContract(name: string, makePair: MakeTransports): void {
  describe(`Transport contract: ${name}`, () => {
    const opened: Transport[] = [];
    const open = (): { a: Transport; b: Transport; c: Transport } => {
      const trio = makePair(`contract-${crypto.randomUUID()}`);
      opened.push(trio.a, trio.b, trio.c);
      return trio;
    };

    afterEach(() => {
      for (const transport of opened.splice(0)) transport.close();
    });

    it('delivers to every other endpoint and never to the sender', async () => {
      const { a, b, c } = open();
      const [ra, rb, rc] = [record(a), record(b), record(c)];
      a.send(request(1));
      await expectCount(rb.got, 1);
      await expectCount(rc.got, 1);
      expect(ra.got).toEqual([]);
      expect(rb.got[0]).toEqual(request(1));
    });

    it('delivers asynchronously', async () => {
      const { a, b } = open();
      const rb = record(b);
      a.send(request(1));
      expect(rb.got).toEqual([]);
      await expectCount(rb.got, 1);
    });

    it('preserves the sending order between two endpoints', async () => {
      const { a, b } = open();
      const rb = record(b);
      const sent = Array.from({ length: 200 }, (_, n) => request(n));
      for (const message of sent) a.send(message);
      await expectCount(rb.got, sent.length);
      expect(rb.got).toEqual(sent);
    });

    it('delivers a structured clone: bigint and nested data survive, no shared object', async () => {
      const { a, b, c } = open();
      const [rb, rc] = [record(b), record(c)];
      const payload = {
        kind: 'future-kind',
        big: 123456789012345678901234567890n,
        float: 5.5,
        nested: { list: [1n, { deep: ['x', null, true] }], empty: {} },
      };
      // The transport is payload-agnostic at run time; a future message kind may carry
      // bigint-valued chain data, so the clone behaviour is part of the contract.
      a.send(payload as unknown as PeerMessage);
      payload.nested.list.push(2n);
      await expectCount(rb.got, 1);
      await expectCount(rc.got, 1);
      const expected = {
        kind: 'future-kind',
        big: 123456789012345678901234567890n,
        float: 5.5,
        nested: { list: [1n, { deep: ['x', null, true] }], empty: {} },
      };
      expect(rb.got[0]).toStrictEqual(expected);
      expect(rb.got[0]).not.toBe(payload);
      expect(rb.got[0]).not.toBe(rc.got[0]);
    });

    it('carries a large chain body intact', async () => {
      const { a, b } = open();
      const rb = record(b);
      const body = `{"chain": [${'{"index": 1}, '.repeat(100_000)}], "length": 100000}`;
      a.send({ kind: 'chain-response', v: 1, from: A, to: B, requestId: 'big', body });
      await expectCount(rb.got, 1);
      expect(rb.got[0]).toMatchObject({ body });
    });

    it('after close, the endpoint neither sends nor receives, both ways', async () => {
      const { a, b, c } = open();
      const [ra, rb, rc] = [record(a), record(b), record(c)];
      b.close();
      b.send(request(1));
      a.send(request(2));
      await expectCount(rc.got, 1);
      expect(rc.got).toEqual([request(2)]);
      expect(rb.got).toEqual([]);
      expect(ra.got).toEqual([]);
    });

    it('closing a receiver drops messages still in flight to it', async () => {
      const { a, b, c } = open();
      const [rb, rc] = [record(b), record(c)];
      a.send(request(1));
      b.close();
      await expectCount(rc.got, 1);
      expect(rb.got).toEqual([]);
    });

    it('still delivers a message sent just before the sender closes (a leave)', async () => {
      const { a, b } = open();
      const rb = record(b);
      const leave: PeerMessage = { kind: 'leave', v: 1, from: A };
      a.send(leave);
      a.close();
      await expectCount(rb.got, 1);
      expect(rb.got[0]).toEqual(leave);
    });

    it('close is idempotent and a listener added after close never fires', async () => {
      const { a, b, c } = open();
      b.close();
      b.close();
      const rb = record(b);
      const rc = record(c);
      rb.off();
      a.send(request(1));
      await expectCount(rc.got, 1);
      expect(rb.got).toEqual([]);
    });

    it('a throwing listener stops neither the other listeners nor the transport', async () => {
      const { a, b } = open();
      let thrown = 0;
      b.onMessage(() => {
        thrown += 1;
        throw new Error('listener failure (expected in this test)');
      });
      const rb = record(b);
      a.send(request(1));
      a.send(request(2));
      await expectCount(rb.got, 2);
      expect(thrown).toBe(2);
      expect(rb.got).toEqual([request(1), request(2)]);
      // The endpoint that hosted the failing listener still sends.
      const ra = record(a);
      b.send(request(3));
      await expectCount(ra.got, 1);
    });

    it('unsubscribe removes that listener only, and is harmless twice', async () => {
      const { a, b } = open();
      const first = record(b);
      const second = record(b);
      first.off();
      first.off();
      a.send(request(1));
      await expectCount(second.got, 1);
      expect(first.got).toEqual([]);
    });

    it('a listener removed by another during a delivery is not called', async () => {
      const { a, b } = open();
      const calls: string[] = [];
      let offSecond = (): void => undefined;
      b.onMessage(() => {
        calls.push('first');
        offSecond();
      });
      offSecond = b.onMessage(() => {
        calls.push('second');
      });
      const rb = record(b);
      a.send(request(1));
      await expectCount(rb.got, 1);
      expect(calls).toEqual(['first']);
    });

    it('endpoints on different channels do not hear each other', async () => {
      const one = open();
      const two = open();
      const [r1, r2] = [record(one.b), record(two.b)];
      one.a.send(request(1));
      two.a.send(request(2));
      await expectCount(r1.got, 1);
      await expectCount(r2.got, 1);
      expect(r1.got).toEqual([request(1)]);
      expect(r2.got).toEqual([request(2)]);
    });
  });
}
