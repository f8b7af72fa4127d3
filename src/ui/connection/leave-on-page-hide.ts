import { createBroadcastChannelTransport } from '../../network/broadcast-channel-transport';
import { channelNameFor, parseNetworkName, parsePeerId } from '../../network/ids';

/**
 * A closing page takes its worker down before the worker could say goodbye, so the page
 * itself posts the node's `leave` on the network's channel: posting is synchronous, and the
 * other tabs drop the peer at once instead of waiting for it to time out.
 */
export function leaveOnPageHide(nodeId: string, network: string): void {
  const id = parsePeerId(nodeId);
  const name = parseNetworkName(network);
  if (id === null || !name.ok) return;
  window.addEventListener('pagehide', (event) => {
    if (event.persisted) return; // kept in the back/forward cache: the node lives on
    const transport = createBroadcastChannelTransport(channelNameFor(name.name));
    transport.send({ v: 1, kind: 'leave', from: id });
    transport.close();
  });
}
