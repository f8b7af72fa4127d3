import { describe, expect, it } from 'vitest';
import { HASH_RATE_WINDOW_MS, HashRateMeter } from './hash-rate';

const subtle = { engine: 'subtle', threads: 1 } as const;
const fast = { engine: 'fast', threads: 2 } as const;

describe('the hash rate a class reads', () => {
  it('is unknown until enough was searched, then attempts per second over the stretches', () => {
    const meter = new HashRateMeter();
    expect(meter.rate(subtle)).toBeNull();
    meter.record(subtle, 30_000, 100);
    expect(meter.rate(subtle)).toBeNull();
    meter.record(subtle, 50_000, 150);
    expect(meter.rate(subtle)).toBe(320_000);
  });

  it('keeps each engine and thread count apart', () => {
    const meter = new HashRateMeter();
    meter.record(subtle, 300_000, 1000);
    meter.record(fast, 16_000_000, 1000);
    expect(meter.rate(subtle)).toBe(300_000);
    expect(meter.rate(fast)).toBe(16_000_000);
    expect(meter.rate({ engine: 'fast', threads: 1 })).toBeNull();
  });

  it('reads steadily: one slow stretch moves it a little, and old stretches leave the window', () => {
    const meter = new HashRateMeter();
    for (let i = 0; i < 40; i++) meter.record(subtle, 75_000, 250);
    expect(meter.rate(subtle)).toBe(300_000);
    meter.record(subtle, 25_000, 250);
    expect(meter.rate(subtle)).toBeGreaterThan(285_000);
    for (let i = 0; i < HASH_RATE_WINDOW_MS / 250 + 1; i++) meter.record(subtle, 50_000, 250);
    expect(meter.rate(subtle)).toBe(200_000);
  });

  it('ignores stretches that are no measurement', () => {
    const meter = new HashRateMeter();
    meter.record(subtle, 1000, 0);
    meter.record(subtle, -5, 500);
    meter.record(subtle, Number.NaN, 500);
    expect(meter.rate(subtle)).toBeNull();
  });
});
