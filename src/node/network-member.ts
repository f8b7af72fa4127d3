import type { Sha256 } from '../core/digest';
import type { NetworkRules } from '../core/rules';
import type { NetworkName, PeerId } from '../network/ids';
import { GONE_AFTER_MS, HEARTBEAT_MS } from '../network/limits';
import type { Transport } from '../network/transport';
import type { NodeMessage } from './api';

/** How long fetching one peer's chain may take before it counts as not answering. */
export const DEFAULT_FETCH_TIMEOUT_MS = 3000;

/** A tab says it is here every few seconds; one not heard for several is gone (a crashed tab, a laptop asleep). */
export const DEFAULT_HEARTBEAT = { everyMs: HEARTBEAT_MS, goneAfterMs: GONE_AFTER_MS } as const;

/** What every member of a network starts with: a tab's node and the network view's observer alike. */
export interface NetworkMemberOptions {
  readonly id: PeerId;
  readonly network: NetworkName;
  /** the rules of the page's address; a running network's rules win over them */
  readonly rules: NetworkRules;
  readonly transport: Transport;
  readonly sha256?: Sha256;
  /** seconds since the epoch as a float, like Python's time.time() */
  readonly now?: () => number;
  /** how long fetching each peer's chain may take */
  readonly fetchTimeoutMs?: number;
  /** heartbeats and when a silent peer counts as gone (network/limits.ts by default) */
  readonly heartbeat?: { readonly everyMs: number; readonly goneAfterMs: number };
  readonly warnings?: readonly NodeMessage[];
}
