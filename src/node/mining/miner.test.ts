import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChainRules } from '../../core/rules';
import type { MiningSettings } from '../api';
import { bruteForceProof, nodeSha256, sha256HexSync } from '../node-parts.test-suite';
import { createInProcessThread } from './in-process-thread';
import { DEFAULT_MINING, Miner } from './miner';

const RULES: ChainRules = { rule: 'tutorial', difficulty: 2, strict: false, balances: false };
/** A guess no proof meets: a search of it runs until it is stopped. */
const ENDLESS = { prefix: 'no proof here:', suffix: '' };

const miners: Miner[] = [];
afterEach(() => {
  for (const miner of miners.splice(0)) miner.close();
});

function minerWith(settings: MiningSettings = { engine: 'fast', threads: 1 }, maxThreads = 2, subtleCrypto = true) {
  const changed = vi.fn();
  const miner = new Miner({ spawn: createInProcessThread, maxThreads, settings, sha256: nodeSha256, subtleCrypto, changed, fastProofRejected: () => undefined });
  miners.push(miner);
  return { miner, changed };
}

describe('Miner.settingsFor', () => {
  it('takes the default engine and one thread for what is not asked', () => {
    expect(Miner.settingsFor({}, 4, true)).toEqual({ settings: DEFAULT_MINING, warning: null });
    expect(DEFAULT_MINING).toEqual({ engine: 'subtle', threads: 1 });
  });

  it('keeps what was asked within the processors', () => {
    expect(Miner.settingsFor({ engine: 'fast', threads: 4 }, 4, true)).toEqual({ settings: { engine: 'fast', threads: 4 }, warning: null });
  });

  it('keeps at least one whole thread', () => {
    expect(Miner.settingsFor({ engine: 'fast', threads: 0 }, 4, true).settings).toEqual({ engine: 'fast', threads: 1 });
    expect(Miner.settingsFor({ engine: 'fast', threads: 1.5 }, 4, true).settings).toEqual({ engine: 'fast', threads: 1 });
  });

  it('mines with the fast engine where the page has no SubtleCrypto', () => {
    expect(Miner.settingsFor({ engine: 'subtle', threads: 2 }, 4, false).settings).toEqual({ engine: 'fast', threads: 2 });
    const { miner } = minerWith({ engine: 'fast', threads: 1 }, 2, false);
    expect(miner.setSettings({ engine: 'subtle', threads: 1 })).toEqual({ ok: false, message: { key: 'noSubtleEngine', values: {} } });
    miner.restoreSettings({ engine: 'subtle', threads: 2 });
    expect(miner.settings).toEqual({ engine: 'fast', threads: 2 });
  });

  it('lowers more threads than processors to the processors, and says so', () => {
    expect(Miner.settingsFor({ threads: 16 }, 4, true)).toEqual({
      settings: { engine: 'subtle', threads: 4 },
      warning: { key: 'threadsLowered', values: { threads: 16, max: 4 } },
    });
  });
});

describe('Miner settings', () => {
  it('switches to valid settings for the next search and tells the page', () => {
    const { miner, changed } = minerWith();
    expect(miner.setSettings({ engine: 'subtle', threads: 2 })).toEqual({ ok: true, settings: { engine: 'subtle', threads: 2 } });
    expect(miner.settings).toEqual({ engine: 'subtle', threads: 2 });
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it.each([
    [{ engine: 'fast', threads: 3 }, { key: 'miningThreads', values: { max: 2 } }],
    [{ engine: 'fast', threads: 0 }, { key: 'miningThreads', values: { max: 2 } }],
    [{ engine: 'fast', threads: 1.5 }, { key: 'miningThreads', values: { max: 2 } }],
    [{ engine: 'gpu', threads: 1 }, { key: 'miningEngineNotOneOf', values: { choices: 'subtle, fast' } }],
    ['fast', { key: 'miningSettingsNotAnObject', values: {} }],
  ])('refuses %j, keeping the settings it had', (input, message) => {
    const { miner, changed } = minerWith();
    expect(miner.setSettings(input)).toEqual({ ok: false, message });
    expect(miner.settings).toEqual({ engine: 'fast', threads: 1 });
    expect(changed).not.toHaveBeenCalled();
  });

  it('restores stored settings within this computer’s processors', () => {
    const { miner } = minerWith({ engine: 'fast', threads: 1 }, 2);
    miner.restoreSettings({ engine: 'subtle', threads: 8 });
    expect(miner.settings).toEqual({ engine: 'subtle', threads: 2 });
    expect(miner.maxThreads).toBe(2);
  });
});

describe('Miner jobs', () => {
  it('runs one job at a time: a second begin is refused until the first ends', () => {
    const { miner } = minerWith();
    const work = miner.begin('mine', 2, RULES);
    expect(work).not.toBeNull();
    expect(miner.begin('repair', 3, RULES)).toBeNull();
    expect(miner.work).toBe(work);
    miner.end(work!);
    expect(miner.work).toBeNull();
    expect(miner.begin('repair', 3, RULES)).not.toBeNull();
  });

  it('ending a job that is not the current one leaves the current one', () => {
    const { miner } = minerWith();
    const first = miner.begin('mine', 2, RULES)!;
    miner.end(first);
    const second = miner.begin('mine', 3, RULES)!;
    miner.end(first);
    expect(miner.work).toBe(second);
  });

  it('shows no state without a job, and a new job’s state with the settings and rules it runs under', () => {
    const { miner } = minerWith({ engine: 'fast', threads: 2 });
    expect(miner.state()).toBeNull();
    miner.begin('repair', 4, { ...RULES, rule: 'bound', difficulty: 3 });
    expect(miner.state()).toMatchObject({
      purpose: 'repair',
      index: 4,
      attempts: 0,
      restarts: 0,
      engine: 'fast',
      threads: 2,
      rule: 'bound',
      difficulty: 3,
      rate: null,
      sample: null,
    });
  });

  it('moves a job to another block with target, forgetting its sample', () => {
    const { miner, changed } = minerWith();
    const work = miner.begin('repair', 2, RULES)!;
    work.sample = { proof: '1', guess: 'x1', hash: 'h' };
    miner.target(work, 5, { ...RULES, difficulty: 1 });
    expect(miner.state()).toMatchObject({ index: 5, difficulty: 1, sample: null });
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('shows the job’s own rate only once it searched 500 ms', () => {
    const { miner } = minerWith();
    const work = miner.begin('mine', 2, RULES)!;
    work.attempts = 1_000;
    work.searchMs = 499;
    expect(miner.state()?.rate).toBeNull();
    work.searchMs = 500;
    expect(miner.state()?.rate).toBe(2_000);
  });
});

describe('Miner search', () => {
  it.each<MiningSettings>([
    { engine: 'fast', threads: 1 },
    { engine: 'subtle', threads: 1 },
    { engine: 'fast', threads: 2 },
  ])('finds the proof the tutorial’s loop finds (%j), counting the attempts in the job', async (settings) => {
    const { miner } = minerWith(settings);
    const work = miner.begin('mine', 2, RULES)!;
    const parts = { prefix: '100', suffix: 'abc' };
    const expected = bruteForceProof(parts, 2);
    expect(await miner.search(work, parts, 2)).toBe(expected);
    expect(work.attempts).toBeGreaterThanOrEqual(Number(expected) + 1);
    const before = work.attempts;
    const next = { prefix: String(expected), suffix: '' };
    expect(await miner.search(work, next, 2)).toBe(bruteForceProof(next, 2));
    expect(work.attempts).toBeGreaterThan(before);
  });

  it('ends the search as cancelled on cancel, and every later search of the job at once', async () => {
    const { miner } = minerWith();
    const work = miner.begin('mine', 2, RULES)!;
    const search = miner.search(work, ENDLESS, 64);
    await vi.waitFor(() => {
      expect(work.search).not.toBeNull();
    });
    miner.cancel();
    expect(await search).toBe('cancelled');
    expect(work.search).toBeNull();
    expect(await miner.search(work, { prefix: '100', suffix: '' }, 1)).toBe('cancelled');
  });

  it('ends only the current search as chain-changed when the chain changes: the job searches on', async () => {
    const { miner } = minerWith();
    const work = miner.begin('mine', 2, RULES)!;
    const search = miner.search(work, ENDLESS, 64);
    await vi.waitFor(() => {
      expect(work.search).not.toBeNull();
    });
    miner.chainChanged();
    expect(await search).toBe('chain-changed');
    expect(work.cancelled).toBe(false);
    const parts = { prefix: '7', suffix: '' };
    expect(await miner.search(work, parts, 1)).toBe(bruteForceProof(parts, 1));
  });

  it('does nothing on cancel or chainChanged without a job', () => {
    const { miner } = minerWith();
    miner.cancel();
    miner.chainChanged();
    expect(miner.work).toBeNull();
  });

  it('shows a guess tried a moment ago, its hash the SHA-256 of the guess, and after 500 ms of searching its rate', async () => {
    const { miner } = minerWith();
    const work = miner.begin('mine', 2, RULES)!;
    const parts = { prefix: 'abc', suffix: 'xyz' };
    const search = miner.search(work, parts, 64);
    await vi.waitFor(() => {
      expect(work.sample).not.toBeNull();
    });
    const sample = work.sample!;
    expect(sample.guess).toBe(`abc${sample.proof}xyz`);
    expect(sample.hash).toBe(sha256HexSync(sample.guess));
    expect(miner.state()?.sample).toEqual(sample);
    await vi.waitFor(
      () => {
        expect(work.searchMs).toBeGreaterThanOrEqual(500);
      },
      { timeout: 3000, interval: 20 },
    );
    miner.chainChanged();
    await search;
    const state = miner.state()!;
    expect(state.rate).toBe(Math.round((work.attempts * 1000) / work.searchMs));
    expect(state.rate).toBeGreaterThan(0);
    expect(miner.rate()).toBeGreaterThan(0);
  });
});
