import { expect, test } from '@playwright/test';
import { openComputers, peerLine } from './computers';
import { addTransaction, exportChain, freshNetwork, height, mine, onlinePeers, peerRelation } from './tabs';

interface Payment {
  readonly sender: string;
  readonly recipient: string;
  readonly amount: number;
}

/** Every transaction of an exported chain, block after block. */
const payments = (exported: string): Payment[] =>
  (JSON.parse(exported) as { chain: { transactions: Payment[] }[] }).chain.flatMap((block) => block.transactions);

// Three browser contexts are three computers: they share no BroadcastChannel and no storage,
// so everything they hear of each other came through the broker the preview server carries
// at /mqtt (aedes), as in a classroom.

test('three computers through the broker: A’s block reaches B and C, and their resolves adopt it', async ({ browser }) => {
  const [a, b, c] = await openComputers(browser, 3, freshNetwork(), '&genesis=shared&difficulty=3');
  if (!a || !b || !c) throw new Error('three computers expected');

  await addTransaction(a.page, 'alice', 'bob', '5');
  await mine(a.page, 2);
  const chainOfA = await exportChain(a.page);

  for (const other of [b, c]) {
    // Announced without any click: the tip crossed the broker.
    await expect(peerRelation(other.page, a.id)).toContainText('ahead by 1 block');
    await other.page.getByRole('button', { name: 'Resolve' }).click();
    const result = other.page.getByTestId('resolve-result');
    await expect(result).toContainText('Our chain was replaced by');
    // B adopts A's chain; C may take the same chain from B, who already holds it.
    const winner = other === b ? result.locator(`li:has([data-node-id="${a.id}"])`) : result.locator('li', { hasText: 'adopted' });
    await expect(winner).toContainText('adopted');
    await expect(height(other.page)).toHaveText('2');
    expect(await exportChain(other.page)).toBe(chainOfA);
  }
  expect(payments(chainOfA)).toContainEqual({ sender: 'alice', recipient: 'bob', amount: 5 });
});

test('with auto-resolve, a block mined on one computer is drawn on the others at once', async ({ browser }) => {
  const [a, b, c] = await openComputers(browser, 3, freshNetwork(), '&difficulty=3&autoresolve=1');
  if (!a || !b || !c) throw new Error('three computers expected');

  await addTransaction(a.page, 'alice', 'bob', '5');
  await mine(a.page, 2);
  for (const other of [b, c]) {
    await expect(height(other.page)).toHaveText('2', { timeout: 5_000 });
    await expect(other.page.locator('article[aria-label="Block 2"]')).toContainText('alice');
  }
});

test('a computer that crashes or is shut is shown as closed by the others within seconds (its last will)', async ({ browser }) => {
  const [a, b, c] = await openComputers(browser, 3, freshNetwork(), '&difficulty=3');
  if (!a || !b || !c) throw new Error('three computers expected');

  // The renderer dies: no pagehide, no goodbye, no MQTT DISCONNECT. The broker notices the
  // socket gone and publishes C's last will, which clears its presence.
  const cdp = await c.context.newCDPSession(c.page);
  const crashed = Date.now();
  void cdp.send('Page.crash').catch(() => undefined);
  for (const other of [a, b]) {
    // Heartbeats alone would take 7 s: 'closed' within 3 s is the will.
    await expect(peerLine(other, c.id)).toHaveAttribute('data-status', 'left', { timeout: 3_000 });
    await expect(peerLine(other, c.id)).toContainText('closed');
  }
  test.info().annotations.push({ type: 'crash seen as closed after', description: `${Date.now() - crashed} ms` });

  // The whole computer goes: its context is closed without running any unload handler.
  const shut = Date.now();
  await b.context.close();
  await expect(peerLine(a, b.id)).toHaveAttribute('data-status', 'left', { timeout: 3_000 });
  test.info().annotations.push({ type: 'shut computer seen as closed after', description: `${Date.now() - shut} ms` });
  await expect(onlinePeers(a.page)).toHaveCount(0);

  await a.page.getByRole('button', { name: 'Resolve' }).click();
  const result = a.page.getByTestId('resolve-result');
  await expect(result).toContainText('Our chain is authoritative', { timeout: 10_000 });
  await c.context.close();
});

test('a fork between two computers, one cut off from the broker, resolves with nothing lost', async ({ browser }) => {
  const [a, b, c] = await openComputers(browser, 3, freshNetwork(), '&genesis=shared&difficulty=3&autoresolve=1');
  if (!a || !b || !c) throw new Error('three computers expected');

  // B loses its network: its link to the broker goes, and it mines alone.
  await b.context.setOffline(true);
  await addTransaction(b.page, 'bob', 'eve', '2');
  await mine(b.page, 2);
  await addTransaction(a.page, 'alice', 'carol', '1');
  await mine(a.page, 2);
  await mine(a.page, 3);
  await expect(height(c.page)).toHaveText('3');
  await expect(height(b.page)).toHaveText('2');

  // Back online: B hears A's longer chain and adopts it; its own block 2 is dropped and its
  // payment goes back to pending, to be mined on top.
  await b.context.setOffline(false);
  await expect(height(b.page)).toHaveText('3', { timeout: 20_000 });
  await expect(b.page.getByTestId('pending')).toContainText('Pending transactions (1)');
  await expect(b.page.getByTestId('pending')).toContainText('eve');
  await mine(b.page, 4);
  for (const tab of [a, b, c]) await expect(height(tab.page)).toHaveText('4', { timeout: 5_000 });

  const chain = await exportChain(c.page);
  // Each payment in exactly one block: nothing lost, nothing counted twice.
  const made = payments(chain).filter((payment) => payment.sender !== '0');
  expect(made).toHaveLength(2);
  expect(made).toEqual(expect.arrayContaining([{ sender: 'alice', recipient: 'carol', amount: 1 }, { sender: 'bob', recipient: 'eve', amount: 2 }]));
  expect(await exportChain(a.page)).toBe(chain);
});
