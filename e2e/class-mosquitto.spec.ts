import { expect, test } from '@playwright/test';
import { mosquittoSkipReason } from '../server/mosquitto-broker.test-suite';
import { openComputers, peerLine } from './computers';
import { MOSQUITTO_PATH, startMosquittoPreview, type MosquittoPreview } from './mosquitto-preview';
import { addTransaction, exportChain, freshNetwork, height, mine } from './tabs';

// The classroom scenario once more, through a second broker: Debian's mosquitto instead of
// the embedded aedes. Short chains only: mosquitto 2.0.11 delivers to WebSocket subscribers
// at about 40 KB/s.

const skipReason = mosquittoSkipReason();
test.skip(skipReason !== null, skipReason ?? '');

let server: MosquittoPreview | undefined;
test.beforeAll(async () => {
  server = await startMosquittoPreview();
});
test.afterAll(async () => {
  await server?.stop();
});

test('three computers through mosquitto: A’s block is drawn on B and C, and a crashed one is shown closed', async ({ browser }) => {
  if (server === undefined) throw new Error('no mosquitto preview');
  const network = freshNetwork();
  const [a, b, c] = await openComputers(browser, 3, network, '&genesis=shared&difficulty=3&autoresolve=1', { broker: MOSQUITTO_PATH, baseURL: server.baseURL });
  if (!a || !b || !c) throw new Error('three computers expected');

  await addTransaction(a.page, 'alice', 'bob', '5');
  await mine(a.page, 2);
  const chainOfA = await exportChain(a.page);
  for (const other of [b, c]) {
    await expect(height(other.page)).toHaveText('2', { timeout: 10_000 });
    expect(await exportChain(other.page)).toBe(chainOfA);
  }

  // mosquitto publishes the will of a computer whose renderer died.
  const cdp = await c.context.newCDPSession(c.page);
  void cdp.send('Page.crash').catch(() => undefined);
  for (const other of [a, b]) await expect(peerLine(other, c.id)).toHaveAttribute('data-status', 'left', { timeout: 3_000 });
  for (const computer of [a, b, c]) await computer.context.close();
});
