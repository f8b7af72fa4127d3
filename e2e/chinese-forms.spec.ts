import { expect, test, type Page } from '@playwright/test';
import { addTransaction, freshNetwork, onlinePeers, openTab } from './tabs';

/** Fills the Add transaction form of a Chinese page and submits it. */
async function addTransactionInChinese(page: Page, sender: string, recipient: string, amount: string): Promise<void> {
  await page.getByLabel('发送方').fill(sender);
  await page.getByLabel('接收方').fill(recipient);
  await page.getByLabel('金额').fill(amount);
  await page.getByRole('button', { name: '添加交易' }).click();
}

test('a refused form and a cancelled Mine read in Chinese, while an English tab of the same network keeps its English', async ({ context }) => {
  const network = freshNetwork();
  // Difficulty 6 keeps the miner busy long enough to be cancelled; the balances rule refuses overspending.
  const teacher = await openTab(context, network, '&difficulty=6&balances=1');
  const student = await openTab(context, network, '&lang=zh-CN&difficulty=6&balances=1');
  for (const tab of [teacher, student]) await expect(onlinePeers(tab.page)).toHaveCount(1);

  // Empty recipient and an amount that is no number: each field says why, in Chinese.
  await addTransactionInChinese(student.page, 'alice', '', 'five');
  const alerts = student.page.getByRole('alert');
  await expect(alerts.filter({ hasText: '接收方' })).toHaveText('请填写接收方。');
  await expect(alerts.filter({ hasText: '金额' })).toHaveText('金额必须是有限的数字，例如 5 或 2.5。');
  await expect(student.page.getByLabel('接收方')).toHaveAttribute('aria-invalid', 'true');
  await expect(alerts.filter({ hasText: /is required|finite number/ })).toHaveCount(0);

  // An overspend under the balances rule: refused next to Amount, in Chinese.
  await addTransactionInChinese(student.page, 'alice', 'bob', '1');
  await expect(alerts.filter({ hasText: '太多' })).toHaveText('alice 最多只能花 0，所以 1 太多了。');
  await expect(alerts.filter({ hasText: 'too much' })).toHaveCount(0);

  // The English tab refuses the same payment in the same English as before.
  await addTransaction(teacher.page, 'alice', 'bob', '1');
  await expect(teacher.page.getByRole('alert').filter({ hasText: 'too much' })).toHaveText('alice can spend only 0, so 1 is too much.');

  // Cancelling Mine: the reason, under the button and in the activity log, in Chinese.
  await student.page.getByRole('button', { name: '挖矿' }).click();
  await expect(student.page.getByTestId('mining-progress')).toBeVisible();
  await student.page.getByRole('button', { name: '取消' }).click();
  await expect(student.page.getByTestId('mine-result')).toHaveText('挖矿已取消。');
  await expect(student.page.getByTestId('activity')).toContainText('挖矿已取消。');
  await expect(student.page.getByTestId('activity')).not.toContainText('Mining cancelled.');

  // And in English on the other tab, as before.
  await teacher.page.getByRole('button', { name: 'Mine' }).click();
  await expect(teacher.page.getByTestId('mining-progress')).toBeVisible();
  await teacher.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(teacher.page.getByTestId('mine-result')).toHaveText('Mining cancelled.');
});
