import { createListenerSet } from './listener-set';
import type { PeerMessage } from './messages';
import type { Transport, TransportOptions } from './transport';

/**
 * What listeners receive when the browser could not deserialize a message (`messageerror`):
 * a value that parsePeerMessage rejects with a readable reason ("unknown kind
 * \"transport:messageerror\""), so it is counted as malformed like any other bad input
 * instead of vanishing silently.
 */
export const MESSAGE_ERROR_KIND = 'transport:messageerror';

export function createBroadcastChannelTransport(
  channelName: string,
  options: TransportOptions = {},
): Transport {
  const channel = new BroadcastChannel(channelName);
  const listeners = createListenerSet<[unknown]>(options.onListenerError);
  let open = true;
  const isOpen = (): boolean => open;

  channel.onmessage = (event: MessageEvent<unknown>) => {
    listeners.emit([event.data], isOpen);
  };
  channel.onmessageerror = () => {
    listeners.emit([{ kind: MESSAGE_ERROR_KIND }], isOpen);
  };

  return {
    send(message: PeerMessage) {
      // A closed BroadcastChannel throws InvalidStateError; the contract says no-op.
      if (!open) return;
      channel.postMessage(message);
    },
    onMessage(listener) {
      if (!open) return () => undefined;
      return listeners.add(listener);
    },
    close() {
      if (!open) return;
      open = false;
      listeners.clear();
      channel.onmessage = null;
      channel.onmessageerror = null;
      channel.close();
    },
  };
}
