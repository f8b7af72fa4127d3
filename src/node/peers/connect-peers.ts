import type { NetworkName, PeerId } from '../../network/ids';
import { createPeerNetwork, type PeerNetwork } from '../../network/peer-network';
import type { Transport } from '../../network/transport';
import type { Announcer } from './announcer';
import { guardTransport } from './guarded-transport';
import { TrackedPeers } from './tracked-peers';

export interface PeerConnection {
  readonly self: PeerId;
  readonly network: NetworkName;
  readonly transport: Transport;
  readonly heartbeat: { readonly everyMs: number; readonly goneAfterMs: number };
  /** peers registered by hand: always tracked and answered */
  readonly byHand: (peer: PeerId) => boolean;
  /** what the node tells its peers; read when it is needed, as it is made after the network */
  readonly announcer: () => Announcer;
}

/**
 * A node's peer network behind its guard: invented peers are bounded before the peer network
 * hears them (see TrackedPeers and guardTransport), and what a newcomer is greeted with comes
 * from the node's announcer.
 */
export function connectPeers(connection: PeerConnection): { readonly peerNetwork: PeerNetwork; readonly tracked: TrackedPeers } {
  const { self, network, heartbeat, byHand, announcer } = connection;
  const tracked = new TrackedPeers({ now: () => Date.now(), byHand, goneAfterMs: heartbeat.goneAfterMs });
  const guarded = guardTransport({
    self,
    inner: connection.transport,
    tracked,
    byHand,
    broadcastGreeting: () => {
      for (const announcement of announcer().greeting()) peerNetwork.announce(announcement);
    },
  });
  const peerNetwork: PeerNetwork = createPeerNetwork({
    self,
    network,
    transport: guarded,
    chainBody: (since) => announcer().answer(since),
    greeting: () => announcer().greeting(),
    heartbeat,
  });
  return { peerNetwork, tracked };
}
