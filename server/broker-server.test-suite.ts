import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachBroker, BROKER_PATH, type AttachedBroker } from './broker';

export interface RunningBroker {
  /** ws://127.0.0.1:PORT/mqtt */
  readonly url: string;
  readonly port: number;
  readonly broker: AttachedBroker;
  /** Stops the broker and its HTTP server, dropping every connection. */
  stop(): Promise<void>;
}

/**
 * The project's broker (aedes with its access rules) on its own HTTP server on 127.0.0.1:
 * on a free port, or on `port` to bring a stopped broker back where its clients look for it.
 */
export async function startTestBroker(port = 0, log?: (line: string) => void): Promise<RunningBroker> {
  const server = createServer((_request, response) => {
    response.writeHead(404).end();
  });
  const broker = await attachBroker(server, BROKER_PATH, log ? { log } : {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { resolve(); });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${bound}${BROKER_PATH}`,
    port: bound,
    broker,
    stop: async () => {
      await broker.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => { server.close(() => { resolve(); }); });
    },
  };
}
