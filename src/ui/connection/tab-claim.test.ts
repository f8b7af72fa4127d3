import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { claimId, type ClaimChannel } from './tab-claim';

// Node's BroadcastChannel is the browser's: every test on a channel of its own, as every tab of a browser shares one.
const opened: { release: () => void }[] = [];
afterEach(() => {
  for (const claim of opened.splice(0)) claim.release();
});

function browser() {
  const name = `claims-${randomUUID()}`;
  return (ticket?: number) => ({
    channel: (): ClaimChannel => new BroadcastChannel(name),
    ...(ticket === undefined ? {} : { ticket: () => ticket }),
  });
}

async function claim(...args: Parameters<typeof claimId>) {
  const result = await claimId(...args);
  opened.push(result);
  return result.held;
}

describe('claimId without Web Locks', () => {
  it('gives a page the id nobody holds, after asking', async () => {
    const tab = browser();
    expect(await claim('node-a', 50, tab())).toBe(true);
  });

  it('tells a duplicated tab that its original still holds the id', async () => {
    const tab = browser();
    expect(await claim('node-a', 0, tab())).toBe(true);
    expect(await claim('node-a', 200, tab())).toBe(false);
    // Another id is free, and the original still holds its own.
    expect(await claim('node-b', 50, tab())).toBe(true);
    expect(await claim('node-a', 200, tab())).toBe(false);
  });

  it('lets a reloaded page keep the id its predecessor released', async () => {
    const tab = browser();
    const before = await claimId('node-a', 0, tab());
    before.release();
    expect(await claim('node-a', 50, tab())).toBe(true);
  });

  it('gives the id to exactly one of two pages that claim it at the same moment', async () => {
    const tab = browser();
    const [first, second] = await Promise.all([claim('node-a', 200, tab(0.7)), claim('node-a', 200, tab(0.2))]);
    expect([first, second]).toEqual([false, true]);
    // The winner holds it from then on.
    expect(await claim('node-a', 200, tab(0))).toBe(false);
  });

  it('ignores what is not a claim', async () => {
    const tab = browser();
    const noise = tab().channel();
    noise.postMessage({ kind: 'held' });
    noise.postMessage('held');
    noise.postMessage({ kind: 'held', id: 'node-b' });
    const held = claim('node-a', 100, tab());
    noise.postMessage({ kind: 'claim', id: 'node-a', ticket: 'low' });
    expect(await held).toBe(true);
    noise.close();
  });
});
