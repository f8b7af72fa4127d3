import { expect, test } from '@playwright/test';
import { addTransaction, freshNetwork, height, mine, openTab, onlinePeers } from './tabs';

test('B resolves to A’s longer fork: the report lists B’s dropped block and its transaction is pending again', async ({
  context,
}) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&genesis=shared&difficulty=3');
  const b = await openTab(context, network, '&genesis=shared&difficulty=3');
  for (const tab of [a, b]) await expect(onlinePeers(tab.page)).toHaveCount(1);

  await addTransaction(b.page, 'bob', 'eve', '2');
  await mine(b.page, 2);
  await addTransaction(a.page, 'alice', 'carol', '1');
  await mine(a.page, 2);
  await mine(a.page, 3);

  await b.page.getByRole('button', { name: 'Resolve' }).click();
  const result = b.page.getByTestId('resolve-result');
  await expect(result).toContainText('Our chain was replaced by');
  const replacement = result.getByTestId('replacement');
  // The result is one line; what the replacement did is one click away.
  await result.locator('summary').click();
  await expect(replacement).toContainText('Both chains share block 1. Dropped our block 2; adopted blocks 2–3.');
  await expect(replacement.getByRole('table', { name: /Back to pending/ })).toContainText('eve');
  await expect(height(b.page)).toHaveText('3');
  await expect(b.page.getByTestId('pending')).toContainText('Pending transactions (1)');
  await expect(b.page.getByTestId('pending')).toContainText('eve');
});
