import { expect, test } from '@playwright/test';
import { addTransaction, exportChain, freshNetwork, height, mine, onlinePeers, openTabs } from './tabs';

test('A adds a transaction and mines twice; B resolves and holds exactly A’s chain', async ({ context }) => {
  const [a, b, c] = await openTabs(context, 3);
  if (!a || !b || !c) throw new Error('three tabs expected');

  await addTransaction(a.page, 'alice', 'bob', '5');
  await expect(a.page.getByTestId('pending')).toContainText('alice');
  await mine(a.page, 2);
  await expect(a.page.getByTestId('pending')).toContainText('none');
  await mine(a.page, 3);

  const chainOfA = await exportChain(a.page);
  const parsed = JSON.parse(chainOfA) as { chain: { transactions: { sender: string; amount: number }[] }[]; length: number };
  expect(parsed.length).toBe(3);
  expect(parsed.chain[1]?.transactions[0]).toEqual({ amount: 5, recipient: 'bob', sender: 'alice' });

  await b.page.getByRole('button', { name: 'Resolve' }).click();
  const result = b.page.getByTestId('resolve-result');
  await expect(result).toContainText('Our chain was replaced by');
  await expect(result.locator(`li:has([data-node-id="${a.id}"])`)).toContainText('adopted');
  await expect(height(b.page)).toHaveText('3');
  expect(await exportChain(b.page)).toBe(chainOfA);

  // A resolving now keeps its own chain: nobody is longer.
  await a.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(a.page.getByTestId('resolve-result')).toContainText('Our chain is authoritative');
});

test('a non-numeric amount is refused next to the field and never reaches a block', async ({ context }) => {
  const [a] = await openTabs(context, 1);
  if (!a) throw new Error('one tab expected');

  await addTransaction(a.page, 'mallory', 'bob', 'five');
  const amount = a.page.getByLabel('Amount');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(a.page.getByRole('alert')).toContainText('Amount must be a finite number');
  await expect(a.page.getByTestId('pending')).toContainText('Pending transactions (0)');

  for (const bad of ['NaN', 'Infinity', '1e400', '']) {
    await addTransaction(a.page, 'mallory', 'bob', bad);
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
  }
  await addTransaction(a.page, '', 'bob', '1');
  await expect(a.page.getByLabel('Sender')).toHaveAttribute('aria-invalid', 'true');
  await expect(a.page.getByTestId('pending')).toContainText('Pending transactions (0)');

  await mine(a.page, 2);
  const exported = await exportChain(a.page);
  expect(exported).not.toContain('mallory');
  expect(exported).not.toContain('five');
});

test('a tab closed without its unload handlers never hangs a resolve', async ({ context }) => {
  const [a, b, c] = await openTabs(context, 3);
  if (!a || !b || !c) throw new Error('three tabs expected');
  await mine(b.page, 2);

  // No beforeunload handlers run; whether C's goodbye still gets out or C just goes silent,
  // A's resolve must finish and report C as not answering.
  await c.page.close({ runBeforeUnload: false });
  await a.page.getByRole('button', { name: 'Resolve' }).click();
  const result = a.page.getByTestId('resolve-result');
  await expect(result).toContainText('Our chain was replaced by', { timeout: 10_000 });
  await expect(result.locator(`li:has([data-node-id="${c.id}"])`)).toContainText('no answer');
  await expect(height(a.page)).toHaveText('2');
  await expect(onlinePeers(a.page)).toHaveCount(1);
});

test('a tab closed normally says goodbye: the others drop it at once', async ({ context }) => {
  const [a, b, c] = await openTabs(context, 3);
  if (!a || !b || !c) throw new Error('three tabs expected');

  await c.page.close({ runBeforeUnload: true });
  await expect(a.page.locator(`ul.peers li[data-peer-id="${c.id}"]`)).toContainText('closed');
  await expect(onlinePeers(a.page)).toHaveCount(1);
  await a.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(a.page.getByTestId('resolve-result').locator(`li:has([data-node-id="${c.id}"])`)).toContainText(
    'no answer: the tab has closed',
  );
});

test('malformed channel messages are dropped, counted on every tab, and change nothing', async ({ context }) => {
  const network = freshNetwork();
  const [a, b] = await openTabs(context, 2, network);
  if (!a || !b) throw new Error('two tabs expected');
  await mine(a.page, 2);
  const before = await exportChain(b.page);

  // A stranger on the channel: not a tab of ours, speaking nonsense.
  await a.page.evaluate((name) => {
    const channel = new BroadcastChannel(`tabchain:v1:${name}`);
    for (const junk of [null, 'hello', { kind: 'chain-response', body: '[]' }, { v: 1, kind: 'arrive', from: 'x' }]) {
      channel.postMessage(junk);
    }
    channel.close();
  }, network);
  for (const tab of [a, b]) await expect(tab.page.getByTestId('malformed-count')).toHaveText('Malformed messages dropped: 4');
  expect(await exportChain(b.page)).toBe(before);
  await expect(onlinePeers(b.page)).toHaveCount(1);
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(b.page.getByTestId('resolve-result')).toContainText('Our chain was replaced by');
});
