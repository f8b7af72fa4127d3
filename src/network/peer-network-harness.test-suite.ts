// Test-only: a transport and a clock that the test drives by hand.
import type { PeerMessage } from './messages';
import type { Transport } from './transport';

/** A manual clock: timers fire only when the test advances time. */
export function manualClock(): {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  advance: (ms: number) => void;
  armed: () => number[];
} {
  let time = 1_000;
  let nextHandle = 0;
  const timers = new Map<number, { at: number; fn: () => void; ms: number }>();
  return {
    now: () => time,
    setTimeout: (fn, ms) => {
      nextHandle += 1;
      timers.set(nextHandle, { at: time + ms, fn, ms });
      return nextHandle;
    },
    clearTimeout: (handle) => {
      if (typeof handle === 'number') timers.delete(handle);
    },
    advance: (ms) => {
      time += ms;
      for (const [handle, timer] of [...timers]) {
        if (timer.at <= time && timers.delete(handle)) timer.fn();
      }
    },
    armed: () => [...timers.values()].map((timer) => timer.ms),
  };
}

/** A transport whose listener the test calls synchronously, to see any throw directly. */
export function fakeTransport(): {
  transport: Transport;
  sent: PeerMessage[];
  deliver: (data: unknown) => void;
} {
  const sent: PeerMessage[] = [];
  let listener: ((data: unknown) => void) | undefined;
  return {
    transport: {
      send: (message) => sent.push(message),
      onMessage: (next) => {
        listener = next;
        return () => {
          listener = undefined;
        };
      },
      close: () => {
        listener = undefined;
      },
    },
    sent,
    deliver: (data) => {
      if (listener === undefined) throw new Error('no listener subscribed');
      listener(data);
    },
  };
}

