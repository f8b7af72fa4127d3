import type { MinerThread } from './miner-pool';
import { createTimeoutYield, serveMinerThread } from './miner-thread';

/**
 * A miner thread on a MessageChannel inside this thread: the same protocol and code as a
 * worker thread, without a worker. Tests use it, and so does a node where workers cannot
 * start; it shares this thread's CPU, so more than one brings no speed.
 */
export function createInProcessThread(): MinerThread {
  const channel = new MessageChannel();
  const stopServing = serveMinerThread(channel.port2, createTimeoutYield());
  return {
    send: (message) => {
      channel.port1.postMessage(message);
    },
    listen: (onMessage) => {
      channel.port1.onmessage = (event: MessageEvent) => {
        onMessage(event.data);
      };
    },
    terminate: () => {
      stopServing();
      channel.port1.close();
      channel.port2.close();
    },
  };
}
