import { expect, test } from '@playwright/test';
import { freshNetwork, height, mine, onlinePeers, openTab } from './tabs';

test('the node’s warnings and activity entries read in Chinese, and in English again after switching', async ({ context }) => {
  const network = freshNetwork();
  const teacher = await openTab(context, network, '&autoresolve=1&genesis=shared&difficulty=1');
  // A bad engine and other rules than the network's: two warnings written by the node.
  const student = await openTab(context, network, '&lang=zh-CN&engine=asic&difficulty=2');
  await expect(onlinePeers(student.page)).toHaveCount(1);
  const banner = student.page.getByRole('alert');
  await expect(banner).toContainText('已忽略 ?engine=asic：engine 必须是 subtle, fast 之一。');
  await expect(banner).toContainText(`这个网络已经在使用其他规则（由 ${teacher.id.slice(0, 8)} 设置）；本标签页已采用这些规则。`);
  await expect(banner).not.toContainText('ignored');
  await expect(banner).not.toContainText('already runs other rules');

  // The teacher mines; the student's node adopts the longer chain on its own and notes it.
  await mine(teacher.page, 2);
  await expect(height(student.page)).toHaveText('2');
  const activity = student.page.getByTestId('activity');
  // The log names the teacher's tab as the cards do, its letter and short id.
  await expect(activity).toContainText(new RegExp(`采用了 [A-Z]\\d* ${teacher.id.slice(0, 6)} 的链，共 2 个区块（自动共识）`));
  await expect(activity).toContainText(new RegExp(`[A-Z]\\d* ${teacher.id.slice(0, 6)} 修改了网络规则：difficulty 1, genesis shared, autoResolve true。`));
  await expect(activity).not.toContainText('auto-resolve');
  await expect(activity).not.toContainText("changed the network's rules");

  // A reload restores the node from storage and says so, in Chinese.
  await student.page.reload();
  await expect(student.page.getByTestId('activity')).toContainText('已从本浏览器的存储中恢复：2 个区块、0 笔待处理交易、1 个已注册节点。');

  // Switching the language renders the same entries and warnings again, in English as before.
  await student.page.getByLabel('语言').selectOption('en');
  await expect(student.page.getByTestId('activity')).toContainText(
    "Restored from this browser's storage: 2 blocks, 0 pending transactions, 1 registered node.",
  );
  await expect(student.page.getByRole('alert')).toContainText('?engine=asic ignored: engine must be one of subtle, fast.');
});
