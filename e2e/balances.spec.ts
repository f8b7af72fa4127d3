import { expect, test, type Page } from '@playwright/test';
import { addTransaction, blockCard, freshNetwork, mine, onlinePeers, openTab, openTabs, showTab } from './tabs';

/** One address's row in a tab's Balances panel. */
const balanceRow = (page: Page, address: string) => page.getByTestId('balances').locator(`tr[data-address="${address}"]`);

async function expectBalance(page: Page, address: string, confirmed: string, available = confirmed): Promise<void> {
  const row = balanceRow(page, address);
  await expect(row.getByTestId('balance-confirmed')).toHaveText(confirmed);
  await expect(row.getByTestId('balance-available')).toHaveText(available);
}

test('balances follow the chain; with "spend only what you have" an overspend is refused and a payment within it is mined', async ({
  context,
}) => {
  const network = freshNetwork();
  const extra = '&rule=tutorial&difficulty=2&balances=1';
  const a = await openTab(context, network, extra);
  const b = await openTab(context, network, extra);
  for (const tab of [a, b]) await expect(onlinePeers(tab.page)).toHaveCount(1);
  await expect(a.page.getByTestId('rules-summary')).toContainText('strict on, spend only what you have on');
  await expect(a.page.getByTestId('balances')).toHaveAttribute('data-enforced', 'true');

  // A's own address is listed and marked before it has anything; mining gives it the reward.
  await expect(balanceRow(a.page, a.id)).toHaveAttribute('data-own', 'true');
  await expectBalance(a.page, a.id, '0');
  await mine(a.page, 2);
  await expectBalance(a.page, a.id, '1');

  // Above the balance: refused next to Amount, nothing pending.
  await addTransaction(a.page, a.id, 'bob', '2');
  await expect(a.page.getByLabel('Amount')).toHaveAttribute('aria-invalid', 'true');
  await expect(a.page.getByRole('alert').filter({ hasText: 'too much' })).toHaveText(`${a.id} can spend only 1, so 2 is too much.`);
  await expect(a.page.getByRole('heading', { name: 'Pending transactions (0)' })).toBeVisible();

  // Within it: accepted, pending on both sides, then confirmed by the next block.
  await a.page.getByLabel('Amount').fill('0.75');
  await a.page.getByRole('button', { name: 'Add transaction' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Transaction will be added to Block 3' })).toBeVisible();
  await expect(a.page.getByRole('heading', { name: 'Pending transactions (1)' })).toBeVisible();
  await expect(balanceRow(a.page, a.id).getByTestId('balance-pending-out')).toHaveText('−0.75');
  await expectBalance(a.page, a.id, '1', '0.25');
  await expect(balanceRow(a.page, 'bob').getByTestId('balance-pending-in')).toHaveText('+0.75');
  await expectBalance(a.page, 'bob', '0');

  await mine(a.page, 3);
  await expect(a.page.getByRole('heading', { name: 'Pending transactions (0)' })).toBeVisible();
  await expectBalance(a.page, 'bob', '0.75');
  await expectBalance(a.page, a.id, '1.25');

  // B adopts A's chain and counts the very same balances; its own address has nothing.
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(b.page.getByTestId('height')).toHaveText('3');
  await expectBalance(b.page, a.id, '1.25');
  await expect(balanceRow(b.page, a.id)).toHaveAttribute('data-own', 'false');
  await expectBalance(b.page, 'bob', '0.75');
  await expect(balanceRow(b.page, b.id)).toHaveAttribute('data-own', 'true');
  await expectBalance(b.page, b.id, '0');

  // A block that spends more than its sender had is invalid, and says so in one sentence.
  await a.page.getByLabel('Tamper lab: edit the blocks of this chain').check();
  const amount = a.page.getByLabel('Block 3 transaction 1 amount');
  await amount.fill('5');
  await amount.press('Enter');
  await expect(blockCard(a.page, 3).getByTestId('block-validity')).toHaveText(
    `✗ invalid: Transaction 1 of block 3 (chain[2]) spends more than its sender has: ${a.id} pays 5 but has only 1 at that point of the chain. · ✎ edited in the tamper lab`,
  );
});

test('"Spend only what you have" is set in the Rules panel with strict validation, and every tab adopts it', async ({ context }) => {
  const [a, b] = await openTabs(context, 2, freshNetwork());
  if (!a || !b) throw new Error('two tabs expected');
  await showTab(a.page, 'Network rules');
  const rules = a.page.getByTestId('rules-panel');
  const strict = rules.getByLabel('Strict validation', { exact: true });
  const balances = rules.getByLabel(/^Spend only what you have/);
  await expect(strict).not.toBeChecked();
  await balances.check();
  await expect(strict).toBeChecked();
  await rules.getByRole('button', { name: 'Apply to network' }).click();
  for (const tab of [a, b]) {
    await expect(tab.page.getByTestId('rules-summary')).toContainText('strict on, spend only what you have on');
    await expect(tab.page.getByTestId('balances')).toHaveAttribute('data-enforced', 'true');
  }
  // Strict validation off takes the balance rule with it.
  await showTab(b.page, 'Network rules');
  await b.page.getByTestId('rules-panel').getByLabel('Strict validation', { exact: true }).uncheck();
  await expect(b.page.getByTestId('rules-panel').getByLabel(/^Spend only what you have/)).not.toBeChecked();
});
