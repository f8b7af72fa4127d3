import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHub } from '../network/memory-transport';
import type { Transport, TransportLink } from '../network/transport';
import { newPeerId, parsePeerId, uuid4From } from '../network/ids';
import { hashBlock } from '../core/hash';
import { DEFAULT_RULES } from '../core/rules';
import { javascriptSha256, randomUuid } from './platform';
import { nodeSha256, testNetwork, testNodes } from './test-nodes.test-suite';

const nodes = testNodes(testNetwork('platform-test'), 'a', { ...DEFAULT_RULES, difficulty: 2 });
afterEach(() => {
  nodes.closeAll();
  vi.unstubAllGlobals();
});

describe('a page without SubtleCrypto (plain http from another computer)', () => {
  it('makes uuid4 ids from random bytes, as crypto.randomUUID would', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const uuid = uuid4From(bytes);
        expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(parsePeerId(newPeerId(() => uuid))).not.toBeNull();
      }),
    );
    expect(() => uuid4From(new Uint8Array(15))).toThrow(/16 random bytes/);
  });

  it('takes its random ids from crypto.getRandomValues when there is no randomUUID', () => {
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => array.fill(0xab) });
    expect(randomUuid()).toBe('abababab-abab-4bab-abab-abababababab');
  });

  it('hashes in JavaScript exactly as SubtleCrypto and Python do', async () => {
    const data = new TextEncoder().encode('{"index": 1, "previous_hash": 1, "proof": 100}');
    expect(Buffer.from(await javascriptSha256(data)).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('mines with the fast engine, says why, and refuses the SubtleCrypto engine; its blocks hash as everywhere', async () => {
    const a = await nodes.start(createMemoryHub(), {}, { sha256: javascriptSha256, subtleCrypto: false, mining: { engine: 'subtle', threads: 1 } });
    expect(a.status()).toMatchObject({ subtleCrypto: false, miningSettings: { engine: 'fast' } });
    expect(a.status().warnings).toContainEqual({ key: 'noSubtleCrypto', values: {} });
    expect(a.setMiningSettings({ engine: 'subtle', threads: 1 })).toEqual({ ok: false, message: { key: 'noSubtleEngine', values: {} } });
    const mined = await a.mine();
    expect(mined).toMatchObject({ ok: true });
    if (!mined.ok) return;
    expect(mined.hash).toBe(await hashBlock(mined.block, nodeSha256));
    expect((await a.chainView()).verdict).toMatchObject({ valid: true, length: 2 });
  });
});

describe('the link to a broker, in the node’s status', () => {
  it('is null over the tabs of one browser', async () => {
    const a = await nodes.start(createMemoryHub());
    expect(a.status().link).toBeNull();
  });

  it('is the transport’s, and a change of it is a status event', async () => {
    const inner = createMemoryHub().connect();
    let link: TransportLink = { url: 'ws://teacher:5173/mqtt', phase: 'connecting', problem: null, forged: 0, dropped: 0, lost: 0 };
    const changed = new Set<() => void>();
    const transport: Transport = {
      send: (message) => { inner.send(message); },
      onMessage: (listener) => inner.onMessage(listener),
      close: () => { inner.close(); },
      link: () => link,
      onLinkChange: (listener) => {
        changed.add(listener);
        return () => changed.delete(listener);
      },
    };
    const a = await nodes.start(createMemoryHub(), {}, { transport });
    expect(a.status().link).toEqual(link);
    const topics: string[] = [];
    a.subscribe((event) => topics.push(...event.topics));
    link = { ...link, phase: 'reconnecting', problem: { cause: 'lost', detail: 'the connection to the broker was lost', attempt: 1, retryInMs: 500 } };
    for (const listener of changed) listener();
    await vi.waitFor(() => { expect(topics).toContain('status'); });
    expect(a.status().link).toEqual(link);
  });
});
