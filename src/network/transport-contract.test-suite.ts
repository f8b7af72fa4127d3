import { afterEach, describe, expect, it, vi } from 'vitest';
import { newPeerId, type PeerId } from './ids';
import type { PeerMessage } from './messages';
import type { Transport } from './transport';

export interface Trio {
  readonly a: Transport;
  readonly b: Transport;
  readonly c: Transport;
}

/** The peer ids of a trio's endpoints: fresh for each test. */
export interface TrioIds {
  readonly a: PeerId;
  readonly b: PeerId;
  readonly c: PeerId;
}

/**
 * Opens three endpoints on `channel` (a network name for a broker), endpoint `a` for node
 * `ids.a` and so on. A transport that needs a connection resolves once all three can hear.
 */
export type MakeTransports = (channel: string, ids: TrioIds) => Trio | Promise<Trio>;

export interface ContractOptions {
  /**
   * The transport carries JSON text (a broker), not structured clones: bigint and the like
   * are not part of its contract. A PeerMessage is plain JSON data, so every transport
   * carries every message alike.
   */
  readonly json?: boolean;
  /** blocks of the "large chain body" test, 14 characters each: 100,000 (1.4 MB) by default */
  readonly largeBodyBlocks?: number;
}

function broadcast(from: PeerId, n: number): PeerMessage {
  return { kind: 'stats', v: 1, from, pending: n, mining: false };
}

function request(from: PeerId, to: PeerId, n: number): PeerMessage {
  return { kind: 'chain-request', v: 1, from, to, requestId: `r${n}` };
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
async function expectCount(got: readonly unknown[], count: number, timeout = 2000): Promise<void> {
  await vi.waitFor(() => { expect(got.length).toBeGreaterThanOrEqual(count); }, { timeout });
  await pause(20);
  expect(got).toHaveLength(count);
}

const newId = (): PeerId => newPeerId(() => crypto.randomUUID());

/**
 * The behaviour every Transport must share (see transport.ts). Each test opens its
 * endpoints on a fresh random channel name, with fresh peer ids, so tests never hear each other.
 */
export function runTransportContract(name: string, makeTrio: MakeTransports, options: ContractOptions = {}): void {
  describe(`Transport contract: ${name}`, () => {
    const opened: Transport[] = [];
    const open = async (): Promise<Trio & { ids: TrioIds }> => {
      const ids: TrioIds = { a: newId(), b: newId(), c: newId() };
      const trio = await makeTrio(`contract-${crypto.randomUUID()}`, ids);
      opened.push(trio.a, trio.b, trio.c);
      return { ...trio, ids };
    };

    afterEach(() => {
      for (const transport of opened.splice(0)) transport.close();
    });

    it('delivers a broadcast to every other endpoint and never to the sender', async () => {
      const { a, b, c, ids } = await open();
      const [ra, rb, rc] = [record(a), record(b), record(c)];
      a.send(broadcast(ids.a, 1));
      await expectCount(rb.got, 1);
      await expectCount(rc.got, 1);
      expect(ra.got).toEqual([]);
      expect(rb.got[0]).toEqual(broadcast(ids.a, 1));
    });

    it('delivers a message with `to` to its addressee, never to the sender', async () => {
      // Whether the others overhear it is the transport's own: a broker routes it to the addressee only.
      const { a, b, ids } = await open();
      const [ra, rb] = [record(a), record(b)];
      a.send(request(ids.a, ids.b, 1));
      await expectCount(rb.got, 1);
      expect(rb.got[0]).toEqual(request(ids.a, ids.b, 1));
      expect(ra.got).toEqual([]);
    });

    it('delivers asynchronously', async () => {
      const { a, b, ids } = await open();
      const rb = record(b);
      a.send(broadcast(ids.a, 1));
      expect(rb.got).toEqual([]);
      await expectCount(rb.got, 1);
    });

    it('preserves the sending order between two endpoints', async () => {
      const { a, b, ids } = await open();
      const rb = record(b);
      const sent = Array.from({ length: 200 }, (_, n) => (n % 2 === 0 ? broadcast(ids.a, n) : request(ids.a, ids.b, n)));
      for (const message of sent) a.send(message);
      await expectCount(rb.got, sent.length);
      expect(rb.got).toEqual(sent);
    });

    if (options.json === true) {
      it('delivers a copy: nested data survives, no shared object', async () => {
        const { a, b, c } = await open();
        const [rb, rc] = [record(b), record(c)];
        const payload = { kind: 'future-kind', float: 5.5, nested: { list: [1, { deep: ['x', null, true] }], empty: {} } };
        a.send(payload as unknown as PeerMessage);
        payload.nested.list.push(2);
        await expectCount(rb.got, 1);
        await expectCount(rc.got, 1);
        expect(rb.got[0]).toStrictEqual({ kind: 'future-kind', float: 5.5, nested: { list: [1, { deep: ['x', null, true] }], empty: {} } });
        expect(rb.got[0]).not.toBe(rc.got[0]);
      });
    } else {
      it('delivers a structured clone: bigint and nested data survive, no shared object', async () => {
        const { a, b, c } = await open();
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
    }

    it('carries a large chain body intact', async () => {
      const { a, b, ids } = await open();
      const rb = record(b);
      const blocks = options.largeBodyBlocks ?? 100_000;
      const body = `{"chain": [${'{"index": 1}, '.repeat(blocks)}], "length": ${blocks}}`;
      a.send({ kind: 'chain-response', v: 1, from: ids.a, to: ids.b, requestId: 'big', body });
      await expectCount(rb.got, 1, 20_000);
      expect(rb.got[0]).toMatchObject({ body });
    });

    it('after close, the endpoint neither sends nor receives, both ways', async () => {
      const { a, b, c, ids } = await open();
      const [ra, rb, rc] = [record(a), record(b), record(c)];
      b.close();
      b.send(broadcast(ids.b, 1));
      a.send(broadcast(ids.a, 2));
      await expectCount(rc.got, 1);
      expect(rc.got).toEqual([broadcast(ids.a, 2)]);
      expect(rb.got).toEqual([]);
      expect(ra.got).toEqual([]);
    });

    it('closing a receiver drops messages still in flight to it', async () => {
      const { a, b, c, ids } = await open();
      const [rb, rc] = [record(b), record(c)];
      a.send(broadcast(ids.a, 1));
      b.close();
      await expectCount(rc.got, 1);
      expect(rb.got).toEqual([]);
    });

    it('still delivers a message sent just before the sender closes (a leave)', async () => {
      const { a, b, ids } = await open();
      const rb = record(b);
      const leave: PeerMessage = { kind: 'leave', v: 1, from: ids.a };
      a.send(leave);
      a.close();
      await expectCount(rb.got, 1);
      expect(rb.got[0]).toEqual(leave);
    });

    it('close is idempotent and a listener added after close never fires', async () => {
      const { a, b, c, ids } = await open();
      b.close();
      b.close();
      const rb = record(b);
      const rc = record(c);
      rb.off();
      a.send(broadcast(ids.a, 1));
      await expectCount(rc.got, 1);
      expect(rb.got).toEqual([]);
    });

    it('a throwing listener stops neither the other listeners nor the transport', async () => {
      const { a, b, ids } = await open();
      let thrown = 0;
      b.onMessage(() => {
        thrown += 1;
        throw new Error('listener failure (expected in this test)');
      });
      const rb = record(b);
      a.send(broadcast(ids.a, 1));
      a.send(broadcast(ids.a, 2));
      await expectCount(rb.got, 2);
      expect(thrown).toBe(2);
      expect(rb.got).toEqual([broadcast(ids.a, 1), broadcast(ids.a, 2)]);
      // The endpoint that hosted the failing listener still sends.
      const ra = record(a);
      b.send(broadcast(ids.b, 3));
      await expectCount(ra.got, 1);
    });

    it('unsubscribe removes that listener only, and is harmless twice', async () => {
      const { a, b, ids } = await open();
      const first = record(b);
      const second = record(b);
      first.off();
      first.off();
      a.send(broadcast(ids.a, 1));
      await expectCount(second.got, 1);
      expect(first.got).toEqual([]);
    });

    it('a listener removed by another during a delivery is not called', async () => {
      const { a, b, ids } = await open();
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
      a.send(broadcast(ids.a, 1));
      await expectCount(rb.got, 1);
      expect(calls).toEqual(['first']);
    });

    it('endpoints on different channels do not hear each other', async () => {
      const one = await open();
      const two = await open();
      const [r1, r2] = [record(one.b), record(two.b)];
      one.a.send(broadcast(one.ids.a, 1));
      two.a.send(broadcast(two.ids.a, 2));
      await expectCount(r1.got, 1);
      await expectCount(r2.got, 1);
      expect(r1.got).toEqual([broadcast(one.ids.a, 1)]);
      expect(r2.got).toEqual([broadcast(two.ids.a, 2)]);
    });
  });
}
