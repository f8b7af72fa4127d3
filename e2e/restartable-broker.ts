import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preview, type PreviewServer } from 'vite';
import { attachBroker, BROKER_PATH, type AttachedBroker } from '../server/broker';

export interface RestartableBroker {
  /** http://127.0.0.1:PORT: the built app, with the classroom broker at /mqtt */
  readonly baseURL: string;
  /** Ends every client's connection and answers no new one, as a crashed or stopped broker. */
  stopBroker(): Promise<void>;
  /** A new broker at /mqtt of the same server: it knows no client and keeps no retained record. */
  startBroker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The built app on a server of its own, with the same aedes broker as `vite preview`
 * (server/broker.ts), which this test can take down and bring back while the pages stay
 * open: a broker restart in the middle of a lesson. It is the app of dist/, which the e2e
 * web server has just built.
 */
export async function startRestartableBroker(): Promise<RestartableBroker> {
  let httpServer: HttpServer | undefined;
  const server: PreviewServer = await preview({
    root: `${import.meta.dirname}/..`,
    configFile: false,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0 },
    plugins: [
      {
        name: 'e2e:restartable-broker',
        configurePreviewServer(preview) {
          httpServer = preview.httpServer as HttpServer;
        },
      },
    ],
  });
  if (httpServer === undefined) throw new Error('the preview server has no HTTP server');
  const http = httpServer;
  let broker: AttachedBroker | null = await attachBroker(http, BROKER_PATH);
  const address = server.httpServer.address() as AddressInfo | null;
  if (address === null) throw new Error('the preview server does not listen');
  return {
    baseURL: `http://127.0.0.1:${address.port}`,
    stopBroker: async () => {
      await broker?.close();
      broker = null;
    },
    startBroker: async () => {
      if (broker === null) broker = await attachBroker(http, BROKER_PATH);
    },
    stop: async () => {
      await broker?.close();
      await server.close();
    },
  };
}
