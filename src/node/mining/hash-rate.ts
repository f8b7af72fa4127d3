import type { MiningEngine } from '../../contract/views';

/*
 * A tab's hash rate as a class should read it: taken from its real proof searches, per
 * engine and thread count (the fast engine is twenty times SubtleCrypto), averaged over the
 * last seconds of searching so that it reads steadily instead of jumping with every report,
 * and never mixed with another setting's. A start-up probe while the page loads measured
 * anything from a third to twice the real rate; a measurement made here counts like mining.
 */

/** The seconds of searching the rate is averaged over. */
export const HASH_RATE_WINDOW_MS = 10_000;
/** Shorter stretches say more about timer resolution than about the rate. */
export const MIN_SAMPLE_MS = 200;

interface Stretch {
  readonly attempts: number;
  readonly ms: number;
}

export interface HashRateSettings {
  readonly engine: MiningEngine;
  readonly threads: number;
}

const keyOf = ({ engine, threads }: HashRateSettings): string => `${engine}×${threads}`;

export class HashRateMeter {
  private readonly stretches = new Map<string, Stretch[]>();

  /** Adds a stretch of searching: `attempts` made in `ms` with `settings`. */
  record(settings: HashRateSettings, attempts: number, ms: number): void {
    if (!(ms > 0) || !(attempts >= 0)) return;
    const key = keyOf(settings);
    const kept = [...(this.stretches.get(key) ?? []), { attempts, ms }];
    // The newest stretches that fill the window, whole.
    let total = 0;
    let first = kept.length;
    while (first > 0 && total < HASH_RATE_WINDOW_MS) {
      first -= 1;
      total += kept[first]?.ms ?? 0;
    }
    this.stretches.set(key, kept.slice(first));
  }

  /** Attempts per second with `settings`, over the window; null until enough was searched. */
  rate(settings: HashRateSettings): number | null {
    const stretches = this.stretches.get(keyOf(settings)) ?? [];
    const ms = stretches.reduce((sum, stretch) => sum + stretch.ms, 0);
    if (ms < MIN_SAMPLE_MS) return null;
    const attempts = stretches.reduce((sum, stretch) => sum + stretch.attempts, 0);
    return Math.round((attempts * 1000) / ms);
  }
}
