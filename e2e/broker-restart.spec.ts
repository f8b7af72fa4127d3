import { expect, test, type Page } from '@playwright/test';
import { openComputers } from './computers';
import { startRestartableBroker, type RestartableBroker } from './restartable-broker';
import { addTransaction, exportChain, freshNetwork, height, mine, onlinePeers } from './tabs';

// The class broker restarts mid-lesson (a crash, the teacher's laptop restarting `npm start`):
// every computer's link drops at once, and the new broker knows nobody. Two browser contexts
// are two computers; only the broker links them.

const connectionLine = (page: Page) => page.getByTestId('connection-line');

let server: RestartableBroker | undefined;
test.beforeAll(async () => {
  server = await startRestartableBroker();
});
test.afterAll(async () => {
  await server?.stop();
});

test('the broker restarts mid-lesson: both computers say so and keep working, then reconnect, hear each other and catch up with nothing lost', async ({ browser }) => {
  if (server === undefined) throw new Error('no server with a restartable broker');
  const host = new URL(server.baseURL).host;
  const [a, b] = await openComputers(browser, 2, freshNetwork(), '&genesis=shared&difficulty=2&autoresolve=1', { baseURL: server.baseURL });
  if (!a || !b) throw new Error('two computers expected');
  await addTransaction(a.page, 'alice', 'bob', '1');
  await mine(a.page, 2);
  await expect(height(b.page)).toHaveText('2');

  await server.stopBroker();
  for (const computer of [a, b]) {
    await expect(connectionLine(computer.page)).toContainText('trying again');
    await expect(connectionLine(computer.page)).toContainText('This node keeps running');
  }
  // Meanwhile A mines and B takes a payment: each node keeps what it has.
  await addTransaction(a.page, 'carol', 'dave', '2');
  await mine(a.page, 3);
  await addTransaction(b.page, 'bob', 'eve', '3');
  await expect(height(b.page)).toHaveText('2');

  await server.startBroker();
  // The back-off waits at most 10 s between two attempts.
  for (const computer of [a, b]) {
    await expect(connectionLine(computer.page)).toHaveText(`Connected to the class broker (${host})`, { timeout: 20_000 });
    await expect(onlinePeers(computer.page)).toHaveCount(1, { timeout: 10_000 });
  }
  // B hears of A's block 3 again and adopts it (auto-resolve); its payment stays pending.
  await expect(height(b.page)).toHaveText('3', { timeout: 10_000 });
  await expect(b.page.getByTestId('pending')).toContainText('Pending transactions (1)');
  await mine(b.page, 4);
  await expect(height(a.page)).toHaveText('4', { timeout: 10_000 });

  // Every payment in exactly one block, the same chain on both computers, and it survives a reload.
  const chain = await exportChain(a.page);
  expect(await exportChain(b.page)).toBe(chain);
  const payments = (JSON.parse(chain) as { chain: { transactions: { sender: string; recipient: string; amount: number }[] }[] }).chain
    .flatMap((block) => block.transactions)
    .filter((payment) => payment.sender !== '0');
  expect(payments).toEqual([
    { sender: 'alice', recipient: 'bob', amount: 1 },
    { sender: 'carol', recipient: 'dave', amount: 2 },
    { sender: 'bob', recipient: 'eve', amount: 3 },
  ]);
  await b.page.reload();
  await expect(height(b.page)).toHaveText('4');
  for (const computer of [a, b]) await computer.context.close();
});
