import { createListenerSet } from './listener-set';
import type { PeerMessage } from './messages';
import type { Transport, TransportOptions } from './transport';

export interface MemoryTransport extends Transport {
  /**
   * Sends any value, not only a PeerMessage: stands in for a hostile or buggy tab in tests
   * and simulations. Same delivery rules as `send`.
   */
  sendUnknown(data: unknown): void;
}

export interface MemoryHub {
  /** A new endpoint on this hub's channel. */
  connect(options?: TransportOptions): MemoryTransport;
}

export interface MemoryHubOptions {
  /**
   * Runs one delivery later. Defaults to a macrotask (setTimeout 0), as BroadcastChannel
   * delivers; a simulation may pass its own queue to step deliveries deterministically.
   * Must run callbacks in the order they were scheduled.
   */
  schedule?: (deliver: () => void) => void;
}

interface Endpoint {
  isOpen(): boolean;
  receive(data: unknown): void;
}

/** One hub is one channel: the in-memory twin of a BroadcastChannel name. */
export function createMemoryHub(hubOptions: MemoryHubOptions = {}): MemoryHub {
  const schedule =
    hubOptions.schedule ??
    ((deliver: () => void) => {
      setTimeout(deliver, 0);
    });
  const endpoints = new Set<Endpoint>();

  function broadcast(sender: Endpoint, data: unknown): void {
    // Cloned now, as postMessage serializes at send time: later mutations by the sender do
    // not leak, and uncloneable data throws here even when nobody else is listening.
    const spare: unknown = structuredClone(data);
    let spareUsed = false;
    for (const target of endpoints) {
      if (target === sender) continue;
      // Each receiver gets its own copy, as each BroadcastChannel deserializes its own.
      const copy: unknown = spareUsed ? structuredClone(data) : spare;
      spareUsed = true;
      schedule(() => {
        if (target.isOpen()) target.receive(copy);
      });
    }
  }

  return {
    connect(options: TransportOptions = {}) {
      const listeners = createListenerSet<[unknown]>(options.onListenerError);
      let open = true;
      const isOpen = (): boolean => open;
      const endpoint: Endpoint = {
        isOpen,
        receive: (data) => { listeners.emit([data], isOpen); },
      };
      endpoints.add(endpoint);

      const sendUnknown = (data: unknown): void => {
        if (open) broadcast(endpoint, data);
      };
      return {
        send: (message: PeerMessage) => { sendUnknown(message); },
        sendUnknown,
        onMessage(listener) {
          if (!open) return () => undefined;
          return listeners.add(listener);
        },
        close() {
          if (!open) return;
          open = false;
          listeners.clear();
          endpoints.delete(endpoint);
        },
      };
    },
  };
}
