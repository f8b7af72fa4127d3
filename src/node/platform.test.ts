import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHub } from '../network/memory-transport';
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
