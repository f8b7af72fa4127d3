import { expect, test, type Page } from '@playwright/test';
import { freshNetwork, height, onlinePeers, openTab, peerRelation, showTab } from './tabs';

/** An English sentence: four or more words in a row (hashes, JSON, field and rule names are not). */
const ENGLISH_SENTENCE = /[A-Za-z]{4,}(?:\s+[A-Za-z]{2,}){3,}/;

async function mineInChinese(page: Page, expectedHeight: number): Promise<void> {
  await page.getByRole('button', { name: '挖矿' }).click();
  await expect(height(page)).toHaveText(String(expectedHeight), { timeout: 45_000 });
  await expect(page.getByRole('button', { name: '挖矿' })).toBeEnabled();
}

const chineseBlock = (page: Page, number: number) => page.locator(`article[aria-label="第 ${number} 个区块"]`);

test('in Chinese the chain, its blocks, the tamper lab, verdict reasons, balances and rules read as Chinese sentences', async ({
  context,
}) => {
  const network = freshNetwork();
  const extra = '&lang=zh-CN&rule=tutorial&difficulty=2';
  const a = await openTab(context, network, extra);
  const b = await openTab(context, network, extra);
  for (const tab of [a, b]) await expect(onlinePeers(tab.page)).toHaveCount(1);

  // The transaction form, then two blocks.
  await a.page.getByLabel('发送方').fill('alice');
  await a.page.getByLabel('接收方').fill('bob');
  await a.page.getByLabel('金额').fill('3');
  await a.page.getByRole('button', { name: '添加交易' }).click();
  await expect(a.page.getByText('交易将被加入第 2 个区块', { exact: true })).toBeVisible();
  await mineInChinese(a.page, 2);
  await mineInChinese(a.page, 3);

  const chain = a.page.locator('section.chain');
  await expect(chain.getByRole('heading', { name: '链（3 个区块）' })).toBeVisible();
  await expect(a.page.getByTestId('chain-verdict')).toHaveText('✓ 按照网络的规则，我们的链是有效的。');
  await expect(chain.getByTestId('chain-link').first()).toContainText('= 第 1 个区块的哈希');
  await expect(chineseBlock(a.page, 2).getByTestId('block-validity')).toHaveText('✓ 有效');

  // The explanation of a proof, in Chinese.
  await chineseBlock(a.page, 2).getByText('工作量证明是怎么检查的').click();
  await expect(chineseBlock(a.page, 2).getByTestId('proof-verdict')).toHaveText('✓ 它以 2 个零开头，满足难度 2 的要求：工作量证明成立。');

  // Balances and rules.
  await showTab(a.page, 'Balances');
  await expect(a.page.getByRole('heading', { name: '余额' })).toBeVisible();
  await showTab(a.page, 'Network rules');
  await expect(a.page.getByRole('heading', { name: '网络规则' })).toBeVisible();
  await expect(a.page.getByTestId('rules-summary')).toContainText('规则 tutorial，难度 2');
  await expect(a.page.getByRole('button', { name: '应用到网络' })).toBeVisible();

  // The tamper lab: an edit to block 2 breaks the link of block 3, and the reason is worded in Chinese.
  await a.page.getByLabel('篡改实验室：编辑这条链上的区块').check();
  const recipient = a.page.getByLabel('第 2 个区块第 1 笔交易的 recipient');
  await recipient.fill('mallory');
  await recipient.press('Enter');
  const verdict = a.page.getByTestId('chain-verdict');
  await expect(verdict).toHaveAttribute('data-valid', 'false');
  await expect(verdict).toContainText('我们的链从第 3 个区块起无效：第 3 个区块的 previous_hash 不匹配');
  await expect(chineseBlock(a.page, 2).getByTestId('block-validity')).toContainText('已在篡改实验室中编辑');
  await expect(chineseBlock(a.page, 3).getByTestId('block-validity')).toContainText('无效：第 3 个区块的 previous_hash 不匹配');
  await expect(chain.locator('[data-testid="chain-link"][data-linked="false"]')).toContainText('链接断了');

  // B asks for A's chain: it is refused, and the report says why in Chinese.
  await b.page.getByRole('button', { name: '共识' }).click();
  const report = b.page.getByTestId('resolve-result').locator(`li[data-kind="invalid"]`);
  await expect(report).toContainText('无效：第 3 个区块的 previous_hash 不匹配');
  await expect(peerRelation(b.page, a.id)).toContainText('在第 3 个区块无效：第 3 个区块的 previous_hash 不匹配');
  await expect(height(b.page)).toHaveText('1');

  // Nothing in the chain view, balances or rules is left as an English sentence.
  for (const section of [chain, a.page.getByTestId('balances'), a.page.getByTestId('rules-panel')]) {
    expect(await section.innerText()).not.toMatch(ENGLISH_SENTENCE);
  }

  await a.page.getByRole('button', { name: '修复' }).click();
  await expect(a.page.getByTestId('repair-result')).toContainText('已修复：重写了 1 个链接，重新挖出了 0 个证明');
  await expect(a.page.getByTestId('repair-result')).toContainText('完全不用挖矿');
  await expect(verdict).toHaveAttribute('data-valid', 'true');
});
