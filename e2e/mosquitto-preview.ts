import type { AddressInfo } from 'node:net';
import { preview, type PreviewServer } from 'vite';
import { startMosquitto, type RunningMosquitto } from '../server/mosquitto-broker.test-suite';

/** Where the page reaches mosquitto: a path of its own origin, as its CSP (connect-src 'self') requires. */
export const MOSQUITTO_PATH = '/mqtt-mosquitto';

export interface MosquittoPreview {
  /** http://127.0.0.1:PORT: the built app, as `vite preview` serves it */
  readonly baseURL: string;
  stop(): Promise<void>;
}

/**
 * Debian's mosquitto (the shipped config and ACL, on free ports) behind the built app, the
 * way a school serves it: the page's own server passes WebSocket upgrades on
 * /mqtt-mosquitto to mosquitto's websockets listener (a reverse proxy, here Vite's own,
 * http-proxy). The page then opens `?broker=/mqtt-mosquitto`, same origin, and never knows
 * which broker answers. It is the app of dist/, which the e2e web server has just built.
 */
export async function startMosquittoPreview(): Promise<MosquittoPreview> {
  const mosquitto: RunningMosquitto = await startMosquitto();
  let server: PreviewServer;
  try {
    server = await preview({
      root: `${import.meta.dirname}/..`,
      logLevel: 'warn',
      preview: {
        host: '127.0.0.1',
        port: 0,
        // mosquitto serves its listener on any path.
        proxy: { [MOSQUITTO_PATH]: { target: new URL(mosquitto.url).origin, ws: true } },
      },
    });
  } catch (error) {
    await mosquitto.stop();
    throw error;
  }
  const address = server.httpServer.address() as AddressInfo | null;
  if (address === null) throw new Error('the preview server does not listen');
  return {
    baseURL: `http://127.0.0.1:${address.port}`,
    stop: async () => {
      await server.close();
      await mosquitto.stop();
    },
  };
}
