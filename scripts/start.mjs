#!/usr/bin/env node
// `npm start`: the dev server on every network interface, with the classroom broker at /mqtt,
// and the students' join links. Flags (after `npm start --`):
//   --https       serve https with a self-signed certificate (the broker then answers wss://)
//   --net NAME    the class's network (default: a new room name, printed)
//   --port N      default 5173
//   --host H      default every interface; 127.0.0.1 keeps the server to this computer
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const USAGE = 'usage: npm start -- [--https] [--net NAME] [--port N] [--host ADDRESS]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      https: { type: 'boolean', default: false },
      net: { type: 'string' },
      port: { type: 'string', default: '5173' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port ${values.port}: expected a port number\n${USAGE}`);
  process.exit(2);
}
// Read by vite.config.ts and the broker plugin (server/broker-plugin.ts).
if (values.https) process.env.TABCHAIN_HTTPS = '1';
if (values.net !== undefined) process.env.TABCHAIN_NET = values.net;

const server = await createServer({ server: { host: values.host ?? true, port, strictPort: true } });
await server.listen();
server.printUrls();
server.bindCLIShortcuts({ print: true });
