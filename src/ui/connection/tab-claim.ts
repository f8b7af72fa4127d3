/**
 * Who holds a node id, for pages without Web Locks (an insecure context: plain http from
 * another computer). The tabs of one browser share a BroadcastChannel: a page that wants an id
 * asks whether any page holds it and waits; a page that holds one answers at once. Two pages
 * that ask at the same moment (two copies of a tab whose original closed) keep it for the one
 * whose random ticket is lower.
 */

/** The tabs of this browser that hold or want a node id: one channel for every network (ids are unique). */
export const CLAIM_CHANNEL = 'tabchain:node-id-claims';

type ClaimMessage = { readonly kind: 'claim'; readonly id: string; readonly ticket: number } | { readonly kind: 'held'; readonly id: string };

/**
 * Reads a message of another tab from unknown. Checked by hand: zod's objects and unions
 * are not in the page's first load otherwise, and this module runs before the page draws.
 */
export function parseClaimMessage(data: unknown): ClaimMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const id: unknown = Reflect.get(data, 'id');
  const kind: unknown = Reflect.get(data, 'kind');
  if (typeof id !== 'string') return null;
  if (kind === 'held') return { kind, id };
  const ticket: unknown = Reflect.get(data, 'ticket');
  return kind === 'claim' && typeof ticket === 'number' && Number.isFinite(ticket) ? { kind, id, ticket } : null;
}

export interface ClaimChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface TabClaimOptions {
  readonly channel?: () => ClaimChannel;
  /** the claimant's ticket against another claimant of the same id at the same moment */
  readonly ticket?: () => number;
}

/**
 * Claims `id` and, when no other page of this browser holds it after `waitMs`, holds it until
 * the page goes away (or `release` is called): true. False when another page holds it or won
 * it. `waitMs` 0: a new id, which nobody holds; it is held at once.
 */
export function claimId(id: string, waitMs: number, options: TabClaimOptions = {}): Promise<{ held: boolean; release: () => void }> {
  const channel = (options.channel ?? (() => new BroadcastChannel(CLAIM_CHANNEL)))();
  const ticket = (options.ticket ?? Math.random)();
  let phase: 'waiting' | 'holding' | 'lost' = waitMs > 0 ? 'waiting' : 'holding';
  let settle: (held: boolean) => void = () => undefined;

  const release = () => {
    channel.removeEventListener('message', onMessage);
    channel.close();
  };
  function lose(): void {
    phase = 'lost';
    release();
    settle(false);
  }
  function onMessage(event: MessageEvent): void {
    const message = parseClaimMessage(event.data);
    if (message === null || message.id !== id) return;
    if (message.kind === 'held') {
      if (phase === 'waiting') lose();
      return;
    }
    // Another page claims our id.
    if (phase === 'holding') channel.postMessage({ kind: 'held', id });
    else if (phase === 'waiting') {
      if (ticket < message.ticket) channel.postMessage({ kind: 'held', id });
      else lose();
    }
  }

  channel.addEventListener('message', onMessage);
  if (phase === 'holding') return Promise.resolve({ held: true, release });
  return new Promise((resolve) => {
    settle = (held) => {
      resolve({ held, release });
    };
    channel.postMessage({ kind: 'claim', id, ticket });
    setTimeout(() => {
      if (phase !== 'waiting') return;
      phase = 'holding';
      settle(true);
    }, waitMs);
  });
}
