import { randomUUID, getRandomValues } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimNodeIdentity } from './node-identity';

/** sessionStorage as a duplicated tab has it: a copy of its original's. */
function sessionWith(entries: Record<string, string>) {
  const items = new Map(Object.entries(entries));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
    entries: () => Object.fromEntries(items),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('claimNodeIdentity in an insecure context (no Web Locks, no randomUUID)', () => {
  it('makes a duplicated tab a new node while its original is open', async () => {
    vi.stubGlobal('navigator', {});
    vi.stubGlobal('crypto', { getRandomValues });
    const network = `net-${randomUUID().slice(0, 8)}`;
    const original = sessionWith({});
    vi.stubGlobal('sessionStorage', original);
    const first = await claimNodeIdentity(`?net=${network}`);
    expect(first.id).toMatch(/^[0-9a-f]{32}$/);
    expect(first.duplicatedFrom).toBeUndefined();

    vi.stubGlobal('sessionStorage', sessionWith(original.entries()));
    const copy = await claimNodeIdentity(`?net=${network}`);
    expect(copy.id).not.toBe(first.id);
    expect(copy.duplicatedFrom).toBe(first.id);
  });
});
