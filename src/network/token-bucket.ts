/**
 * A token bucket on an injected clock: `capacity` tokens at most, refilled at `perSecond`.
 * Hand-written: it is a dozen lines, and the rate-limit libraries bring their own timers
 * and clocks where this needs the network's injectable ones.
 */
export interface TokenBucket {
  /** Takes one token if there is one. */
  take(): boolean;
  /** Milliseconds until a token is available (0 if one is now). */
  waitMs(): number;
  /** True when the bucket is full again: its sender has been quiet long enough to forget. */
  idle(): boolean;
}

export function createTokenBucket(capacity: number, perSecond: number, now: () => number): TokenBucket {
  let tokens = capacity;
  let updated = now();
  const refill = (): void => {
    const at = now();
    // A clock that goes back (a test, a changed system time) refills nothing.
    const elapsed = Math.max(0, at - updated);
    tokens = Math.min(capacity, tokens + (elapsed * perSecond) / 1000);
    updated = at;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    waitMs() {
      refill();
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 1000) / perSecond);
    },
    idle() {
      refill();
      return tokens >= capacity;
    },
  };
}
