import { describe, expect, it } from 'vitest';
import { fakeTimers } from './fake-timers.test-suite';
import {
  MAX_PARTIAL_BYTES,
  MAX_PARTIAL_MESSAGES,
  MAX_PARTIAL_MESSAGES_PER_SENDER,
  MAX_PIECED_MESSAGE_BYTES,
  MQTT_PIECE_BYTES,
  PARTIAL_MESSAGE_IDLE_MS,
} from './limits';
import { createReassembler, PIECE_DATA_BYTES, payloadsOf, readPayload, type PieceHeader } from './mqtt-pieces';
import { testPeerId } from './test-peer-ids.test-suite';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const sender = (n: number) => testPeerId(`${n.toString(16).padStart(12, '0')}4${'0'.repeat(19)}`);

/** A JSON text of about `bytes` bytes, with multi-byte characters that a cut may split. */
function jsonOf(bytes: number): string {
  return JSON.stringify({ kind: 'chain-response', body: 'é€𝄞x'.repeat(Math.ceil(bytes / 10)) });
}

function pieces(text: string, id = 'm1'): { header: PieceHeader; data: Uint8Array }[] {
  const payloads = payloadsOf(text, id);
  if (payloads === null) throw new Error('too large');
  return payloads.map((payload) => {
    const read = readPayload(payload);
    if (read.kind !== 'piece') throw new Error(`not a piece: ${read.kind}`);
    return { header: read.header, data: read.data };
  });
}

function reassembler() {
  const timers = fakeTimers();
  const dropped: string[] = [];
  const assembler = createReassembler({ timers: timers.api, onDropped: (reason) => dropped.push(reason) });
  return { assembler, dropped, timers };
}

describe('message pieces', () => {
  it('a message up to the piece size is one payload: its JSON text', () => {
    const text = JSON.stringify({ kind: 'tip', note: 'x'.repeat(1000) });
    const payloads = payloadsOf(text, 'm1');
    expect(payloads).toHaveLength(1);
    const read = readPayload(payloads![0]!);
    expect(read.kind).toBe('whole');
    if (read.kind === 'whole') expect(decoder.decode(read.bytes)).toBe(text);
    expect(payloadsOf('x'.repeat(MQTT_PIECE_BYTES), 'm1')).toHaveLength(1);
  });

  it('a longer one goes in pieces of at most the piece size, header included, and comes back byte for byte', () => {
    const text = jsonOf(3 * MQTT_PIECE_BYTES);
    const payloads = payloadsOf(text, 'k3x9a1')!;
    const bytes = encoder.encode(text).length;
    expect(payloads.length).toBe(Math.ceil(bytes / PIECE_DATA_BYTES));
    for (const payload of payloads) expect(payload.length).toBeLessThanOrEqual(MQTT_PIECE_BYTES);
    expect(decoder.decode(payloads[0]!.subarray(0, payloads[0]!.indexOf(0x0a)))).toBe(`~{"id":"k3x9a1","index":0,"count":${payloads.length},"bytes":${bytes}}`);
    const { assembler, dropped } = reassembler();
    const results = pieces(text).map(({ header, data }) => assembler.accept(sender(1), header, data));
    expect(results.slice(0, -1).every((result) => result === null)).toBe(true);
    expect(decoder.decode(results.at(-1)!)).toBe(text);
    expect(dropped).toEqual([]);
    expect(assembler.partials()).toEqual({ messages: 0, bytes: 0 });
  });

  it('refuses to cut a message beyond the largest size', () => {
    expect(payloadsOf('x'.repeat(MAX_PIECED_MESSAGE_BYTES + 1), 'm1')).toBeNull();
  });

  it.each([
    ['a payload larger than a piece', new Uint8Array(MQTT_PIECE_BYTES + 1).fill(0x20), /more than the 262144 allowed/],
    ['a piece without a header line', encoder.encode('~{"id":"a"'), /without a header/],
    ['a header that is not JSON', encoder.encode('~{id: a}\nxx'), /not JSON/],
    ['a header with an extra field', encoder.encode('~{"id":"a","index":0,"count":2,"bytes":300000,"x":1}\n'), /bad header/],
    ['a size beyond the largest message', encoder.encode(`~{"id":"a","index":0,"count":${Math.ceil((MAX_PIECED_MESSAGE_BYTES + 1) / PIECE_DATA_BYTES)},"bytes":${MAX_PIECED_MESSAGE_BYTES + 1}}\n`), /bad header/],
    ['a count that does not fit the size', encoder.encode('~{"id":"a","index":0,"count":9,"bytes":300000}\n'), /count does not fit/],
    ['an index beyond the count', encoder.encode('~{"id":"a","index":2,"count":2,"bytes":300000}\n'), /index beyond count/],
    ['a piece of the wrong length', encoder.encode('~{"id":"a","index":0,"count":2,"bytes":300000}\nshort'), /carries 5 bytes, not 261944/],
  ])('refuses %s unread', (_, payload, reason) => {
    const read = readPayload(payload);
    expect(read.kind).toBe('unreadable');
    if (read.kind === 'unreadable') expect(read.reason).toMatch(reason);
  });
});

describe('reassembly within bounds', () => {
  const twoPieces = (id: string) => pieces(jsonOf(PIECE_DATA_BYTES + 1000), id);

  it('drops a message whose pieces come out of order, and ignores the rest of it', () => {
    const { assembler, dropped } = reassembler();
    const [first, second, third] = pieces(jsonOf(2.5 * PIECE_DATA_BYTES));
    expect(assembler.accept(sender(1), first!.header, first!.data)).toBeNull();
    expect(assembler.accept(sender(1), third!.header, third!.data)).toBeNull();
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatch(/piece 2 came where piece 1 was due/);
    expect(assembler.accept(sender(1), second!.header, second!.data)).toBeNull();
    expect(dropped).toHaveLength(1);
    expect(assembler.partials()).toEqual({ messages: 0, bytes: 0 });
  });

  it(`holds at most ${MAX_PARTIAL_MESSAGES_PER_SENDER} messages of one sender under way`, () => {
    const { assembler, dropped } = reassembler();
    const messages = Array.from({ length: MAX_PARTIAL_MESSAGES_PER_SENDER + 1 }, (_, n) => twoPieces(`m${n}`));
    for (const [first] of messages) assembler.accept(sender(1), first!.header, first!.data);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatch(/this sender already has 2 messages under way/);
    // Another sender is not held back by this one, and the first messages still complete.
    const other = twoPieces('m0');
    expect(assembler.accept(sender(2), other[0]!.header, other[0]!.data)).toBeNull();
    const [, second] = messages[0]!;
    expect(assembler.accept(sender(1), second!.header, second!.data)).not.toBeNull();
  });

  it(`holds at most ${MAX_PARTIAL_MESSAGES} messages under way in all`, () => {
    const { assembler, dropped } = reassembler();
    for (let n = 0; n <= MAX_PARTIAL_MESSAGES; n++) {
      const [first] = twoPieces('m1');
      assembler.accept(sender(n), first!.header, first!.data);
    }
    expect(assembler.partials().messages).toBe(MAX_PARTIAL_MESSAGES);
    expect(dropped).toEqual([expect.stringMatching(/already 32 messages under way/)]);
  });

  it(`holds at most ${MAX_PARTIAL_BYTES} bytes under way in all`, () => {
    const { assembler, dropped } = reassembler();
    // Each sender starts a large message; together they pass the byte bound before the message bound.
    const large = pieces(jsonOf(24 * 1024 * 1024));
    const refused = (): boolean => dropped.length > 0;
    let senders = 0;
    while (!refused()) {
      senders += 1;
      for (const { header, data } of large.slice(0, -1)) {
        assembler.accept(sender(senders), header, data);
        if (refused()) break;
      }
    }
    expect(dropped[0]).toMatch(/would hold more than 134217728 bytes/);
    expect(assembler.partials().bytes).toBeLessThanOrEqual(MAX_PARTIAL_BYTES);
    expect(senders).toBe(Math.ceil(MAX_PARTIAL_BYTES / ((large.length - 1) * PIECE_DATA_BYTES)));
  });

  it(`drops a message whose next piece has not come for ${PARTIAL_MESSAGE_IDLE_MS} ms, and frees its bytes`, () => {
    const { assembler, dropped, timers } = reassembler();
    const [first, second, third] = pieces(jsonOf(2.5 * PIECE_DATA_BYTES));
    assembler.accept(sender(1), first!.header, first!.data);
    timers.advance(PARTIAL_MESSAGE_IDLE_MS - 1);
    assembler.accept(sender(1), second!.header, second!.data);
    timers.advance(PARTIAL_MESSAGE_IDLE_MS - 1);
    expect(dropped).toEqual([]);
    expect(assembler.partials()).toEqual({ messages: 1, bytes: 2 * PIECE_DATA_BYTES });
    timers.advance(1);
    expect(dropped).toEqual([expect.stringMatching(new RegExp(`no piece for ${PARTIAL_MESSAGE_IDLE_MS} ms after piece 1`))]);
    expect(assembler.partials()).toEqual({ messages: 0, bytes: 0 });
    expect(assembler.accept(sender(1), third!.header, third!.data)).toBeNull();
    expect(timers.pending()).toBe(0);
  });

  it('pieces that disagree on the size drop their message', () => {
    const { assembler, dropped } = reassembler();
    const [first] = twoPieces('m1');
    const [, otherSecond] = pieces(jsonOf(PIECE_DATA_BYTES + 5000), 'm1');
    assembler.accept(sender(1), first!.header, first!.data);
    assembler.accept(sender(1), otherSecond!.header, otherSecond!.data);
    expect(dropped).toEqual([expect.stringMatching(/disagree on its size/)]);
  });

  it('clear forgets every message under way and its timer', () => {
    const { assembler, timers } = reassembler();
    const [first] = twoPieces('m1');
    assembler.accept(sender(1), first!.header, first!.data);
    assembler.clear();
    expect(assembler.partials()).toEqual({ messages: 0, bytes: 0 });
    expect(timers.pending()).toBe(0);
  });
});
