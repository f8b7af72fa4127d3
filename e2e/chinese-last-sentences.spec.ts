import { expect, test, type Page } from '@playwright/test';
import { freshNetwork, height, mine, onlinePeers, openTab } from './tabs';

/** A block's card on a page in any language (its accessible name is translated). */
const card = (page: Page, number: number) => page.locator(`article[data-block-index="${number}"]`);

/** Mine on a Chinese page. */
async function mineInChinese(page: Page, expectedHeight: number): Promise<void> {
  await page.getByRole('button', { name: '挖矿' }).click();
  await expect(height(page)).toHaveText(String(expectedHeight), { timeout: 45_000 });
  await expect(page.getByRole('button', { name: '挖矿' })).toBeEnabled();
}

test('a proof explanation, a waiting payment, tamper-lab messages and a registration read in Chinese', async ({ context }) => {
  const network = freshNetwork();
  const extra = '&rule=bound&difficulty=1&balances=1';
  // The student's tab registers nobody on its own, so that it can register the teacher's by hand.
  const student = await openTab(context, network, `${extra}&lang=zh-CN`);
  // A click, not uncheck(): the box shows the node's setting, which follows a moment later.
  const autoRegister = student.page.getByLabel('新标签页出现时自动注册');
  await autoRegister.click();
  await expect(autoRegister).not.toBeChecked();
  const teacher = await openTab(context, network, extra);
  for (const tab of [student, teacher]) await expect(onlinePeers(tab.page)).toHaveCount(1);

  // Register: the activity log says so in Chinese.
  const peer = student.page.locator(`ul.peers li[data-peer-id="${teacher.id}"]`);
  await peer.getByRole('button', { name: '注册' }).click();
  await expect(peer).toContainText('已注册');
  const activity = student.page.getByTestId('activity');
  await expect(activity).toContainText('已添加新节点');
  await expect(activity).not.toContainText('New nodes have been added');

  // How block 2's proof is checked under the bound rule: every piece named in Chinese.
  await mineInChinese(student.page, 2);
  const proof = card(student.page, 2).getByTestId('explain-proof');
  await proof.locator('summary').click();
  const pieces = proof.locator('.guess-pieces li');
  await expect(pieces).toHaveCount(4);
  await expect(pieces.nth(0)).toContainText('第 1 个区块的工作量证明: 100');
  await expect(pieces.nth(1)).toContainText('第 2 个区块的工作量证明: ');
  await expect(pieces.nth(2)).toContainText('第 1 个区块的哈希: ');
  await expect(pieces.nth(3)).toContainText('第 2 个区块去掉工作量证明后的 SHA-256: ');
  await expect(proof).not.toContainText(/proof of block|hash of block|without its proof/);

  // A payment of the student's mining reward, then the teacher's longer chain takes that reward away: the payment waits.
  await student.page.getByLabel('发送方').fill(student.id);
  await student.page.getByLabel('接收方').fill('bob');
  await student.page.getByLabel('金额').fill('1');
  await student.page.getByRole('button', { name: '添加交易' }).click();
  await expect(student.page.getByRole('heading', { name: /待处理交易.*1/ })).toBeVisible();
  await mine(teacher.page, 2);
  await mine(teacher.page, 3);
  await student.page.getByRole('button', { name: '共识' }).click();
  await expect(height(student.page)).toHaveText('3');
  const waiting = student.page.getByTestId('waiting');
  await expect(waiting).toContainText(`${student.id} 只有 0，但这笔交易要花 1：它会一直等待，直到 ${student.id} 有足够的余额。`);
  await expect(waiting).not.toContainText('waits until');

  // A tamper-lab value that is no number: refused on the block, in Chinese.
  await student.page.getByLabel('篡改实验室：编辑这条链上的区块').check();
  const amount = student.page.getByLabel('第 2 个区块第 1 笔交易的 amount');
  await amount.fill('five');
  await amount.press('Enter');
  const refusal = card(student.page, 2).getByRole('alert');
  await expect(refusal).toHaveText('金额必须是有限的数字，例如 5 或 2.5。');
  await expect(refusal).not.toContainText('finite number');

  // An edit that is made breaks the bound proof of block 2: the activity log says why in Chinese.
  // At difficulty 1 one edit in 16 still meets the proof by chance: edit until it does not.
  const block2 = card(student.page, 2);
  for (const value of ['7', '8', '9', '10', '11', '12', '13', '14']) {
    const before = await block2.getAttribute('data-hash');
    await amount.fill(value);
    await amount.press('Enter');
    // The edited block has a new hash; its card then says whether its proof still holds.
    await expect(block2).not.toHaveAttribute('data-hash', before ?? '');
    if ((await block2.getAttribute('data-validity')) !== 'valid') break;
  }
  await expect(activity).toContainText('第 2 个区块被修改；第 2 个区块的工作量证明无效：sha256(');
  await expect(activity).not.toContainText('Bad proof');

  // The English tab names the same pieces in English, as before.
  const english = card(teacher.page, 2).getByTestId('explain-proof');
  await english.locator('summary').click();
  await expect(english.locator('.guess-pieces li')).toHaveText([
    /^proof of block 1: 100$/,
    /^proof of block 2: \d+$/,
    /^hash of block 1: [0-9a-f]{64}$/,
    /^SHA-256 of block 2 without its proof: [0-9a-f]{64}$/,
  ]);
});
