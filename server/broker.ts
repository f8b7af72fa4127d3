import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import type { Duplex } from 'node:stream';
import { Aedes, type Client, type PublishPacket, type Subscription } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { parsePeerId } from '../src/network/ids';
import { MQTT_PIECE_BYTES } from '../src/network/limits';
import { mayPublish, maySubscribe, parseTopic } from '../src/network/mqtt-topics';

/** Where the page finds the broker on its own origin: `?broker=/mqtt`. */
export const BROKER_PATH = '/mqtt';

/** A peer id's length: aedes' default (23, MQTT 3.1's limit) is too short for it. */
const CLIENT_ID_CHARS = 32;

/** aedes' AuthErrorCode.IDENTIFIER_REJECTED: that enum is an ambient `const enum`, out of reach under isolatedModules. */
const IDENTIFIER_REJECTED = 2;

export interface BrokerOptions {
  /** refusals and client errors, one line each */
  readonly log?: (line: string) => void;
}

export interface AttachedBroker {
  readonly aedes: Aedes;
  /** Ends every client and stops answering upgrades; the HTTP server is left to its owner. */
  close(): Promise<void>;
}

/**
 * The access rules of mqtt-topics.ts as aedes hooks: a client's id must be a peer id; it
 * publishes only on topics that end with its id, under tabchain/v1/, no payload larger than
 * a piece; it subscribes only to broadcasts, presence and its own directed messages. A refused
 * publish closes the connection (MQTT 3.1.1 has no way to say no to a PUBLISH); a refused
 * subscription is answered with the failure code 0x80.
 */
export async function createBroker(options: BrokerOptions = {}): Promise<Aedes> {
  const log = options.log ?? (() => undefined);
  return Aedes.createBroker({
    maxClientsIdLength: CLIENT_ID_CHARS,
    authenticate(client: Client, _username, _password, done) {
      if (parsePeerId(client.id) !== null) {
        done(null, true);
        return;
      }
      log(`refused a client whose id is not a peer id: ${JSON.stringify(client.id.slice(0, 64))}`);
      done(Object.assign(new Error('client id is not a peer id'), { returnCode: IDENTIFIER_REJECTED }), false);
    },
    authorizePublish(client: Client | null, packet: PublishPacket, done) {
      const size = typeof packet.payload === 'string' ? Buffer.byteLength(packet.payload) : packet.payload.length;
      // A will outliving its client (a broker restart) has no client: only a presence topic may be one.
      const allowed = client === null ? parseTopic(packet.topic)?.kind === 'presence' : mayPublish(client.id, packet.topic, packet.retain);
      if (allowed && size <= MQTT_PIECE_BYTES) {
        done(null);
        return;
      }
      const reason = allowed ? `a payload of ${size} bytes, more than ${MQTT_PIECE_BYTES}` : `topic ${packet.topic.slice(0, 200)}${packet.retain ? ' (retained)' : ''}`;
      log(`refused a publication of ${client?.id ?? 'a gone client'}: ${reason}`);
      done(new Error(`publication refused: ${reason}`));
    },
    authorizeSubscribe(client: Client, subscription: Subscription, done) {
      if (maySubscribe(client.id, subscription.topic)) {
        done(null, subscription);
        return;
      }
      log(`refused a subscription of ${client.id}: ${subscription.topic.slice(0, 200)}`);
      done(null, null);
    },
  });
}

/**
 * A page of another site must not use a student's browser to reach the broker: a browser
 * always sends Origin, which must then name the host the request went to. Clients that are
 * no browser send none.
 */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Answers WebSocket upgrades on `path` of `server` with an aedes broker; every other upgrade
 * (Vite's hot reload) is left alone.
 */
export async function attachBroker(server: HttpServer | Http2SecureServer, path: string = BROKER_PATH, options: BrokerOptions = {}): Promise<AttachedBroker> {
  const aedes = await createBroker(options);
  const log = options.log ?? (() => undefined);
  const sockets = new WebSocketServer({ noServer: true });
  sockets.on('connection', (socket, request: IncomingMessage) => {
    const stream = createWebSocketStream(socket);
    // A socket that dies mid-write must not become an uncaught error of the server.
    stream.on('error', () => undefined);
    aedes.handle(stream, request);
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const requestPath = (request.url ?? '').split('?')[0];
    if (requestPath !== path) return;
    if (!sameOrigin(request)) {
      log(`refused a WebSocket from another origin: ${String(request.headers.origin).slice(0, 200)}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (websocket) => {
      sockets.emit('connection', websocket, request);
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    aedes,
    close: async () => {
      server.off('upgrade', onUpgrade);
      await new Promise<void>((resolve) => { aedes.close(() => { resolve(); }); });
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => { sockets.close(() => { resolve(); }); });
    },
  };
}
