import { expect, test, type Locator, type Page } from '@playwright/test';
import { freshNetwork, height, openTabsWith, showTab } from './tabs';

/** English sentences of the header, fork tree, API console, chain file and network view. */
const ENGLISH = [
  'This tab is node',
  'Fork tree',
  'One lane per branch',
  'API console',
  'Send this tab’s node',
  'No requests yet',
  'Chain file',
  'Export chain',
  'Every tab of network',
  'Open a tab of this network',
  'Start again',
  'Reset network',
];

async function expectNoEnglish(area: Locator): Promise<void> {
  for (const text of ENGLISH) await expect(area, `"${text}" is still in English`).not.toContainText(text);
}

async function mineInChinese(page: Page, expectedHeight: number): Promise<void> {
  await page.getByRole('button', { name: '挖矿' }).click();
  await expect(height(page)).toHaveText(String(expectedHeight), { timeout: 45_000 });
}

test('?lang=zh-CN shows the header, fork tree, API console, chain file and network view in Chinese', async ({ context }) => {
  const network = freshNetwork();
  const [a, b] = await openTabsWith(context, 2, '&lang=zh-CN&difficulty=1&genesis=shared', network);
  if (!a || !b) throw new Error('two tabs expected');
  const { page } = a;
  await mineInChinese(page, 2);

  await expect(page.locator('.whoami')).toContainText(`这个标签页是网络 ${network} 上的节点`);
  await expect(page.locator('.whoami')).toContainText('难度 1 · 高度 2');
  await expect(page.getByRole('heading', { name: '分叉树' })).toBeVisible();
  await expect(page.getByRole('list', { name: '分叉树中的链' })).toContainText(`${a.id.slice(0, 6)}（本标签页）：高度 2`);
  await showTab(page, 'Chain file');
  await expect(page.getByRole('button', { name: '导出链' })).toBeVisible();
  await expect(page.getByRole('button', { name: '导入链' })).toBeVisible();

  // The API console answers and refuses in Chinese; the request itself stays as typed.
  await showTab(page, 'API console');
  const request = page.getByRole('textbox', { name: '请求' });
  await request.fill('GET chain');
  await page.getByRole('button', { name: '发送' }).click();
  await expect(page.getByRole('alert')).toHaveText('“chain”不是路径：路径以 / 开头，例如 /chain。');
  await request.fill('GET /chain');
  await request.press('Enter');
  await expect(page.getByTestId('console-answer')).toHaveText('已回应 GET /chain：HTTP/1.1 200 OK');
  await expect(page.getByTestId('exchange').first().locator('.exchange-origin')).toHaveText('输入');
  await expectNoEnglish(page.locator('body'));

  // The network view, with its own language, theme and projector switches.
  const view = await context.newPage();
  await view.goto(`/?net=${network}&view=network&lang=zh-CN`);
  await expect(view.getByRole('heading', { name: '网络视图' })).toBeVisible();
  await expect(view.locator('.whoami')).toContainText(`网络 ${network} 的每个标签页，实时显示。`);
  const table = view.getByTestId('tabs-table');
  await expect(table.locator('thead th')).toHaveText(['标签页', '状态', '高度', '链头', '挖矿', '待处理']);
  await expect(view.locator(`tr[data-tab-id="${a.id}"] [data-column="status"]`)).toHaveText('在线');
  await expect(view.locator(`tr[data-tab-id="${a.id}"] [data-column="height"]`)).toHaveText('2');
  await expect(view.locator(`tr[data-tab-id="${b.id}"] [data-column="mining"]`)).toHaveText('否');
  await expect(view.getByRole('heading', { name: '标签页 （2 个在线）' })).toBeVisible();
  await expect(view.getByRole('link', { name: '打开这个网络的一个标签页' })).toBeVisible();
  await expect(view.getByTestId('fork-tree').getByRole('img')).toHaveAccessibleName('2 条链：主干 2 个区块，没有分支');
  await view.getByRole('button', { name: '重置网络' }).click();
  const dialog = view.getByRole('dialog', { name: `要重置网络“${network}”吗？` });
  await expect(dialog).toContainText('2 个标签页将失去所有区块和待处理交易');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expectNoEnglish(view.locator('body'));

  await view.getByLabel('主题').selectOption('dark');
  await expect(view.locator('html')).toHaveAttribute('data-theme', 'dark');
  await view.getByLabel('投影模式').check();
  await expect(view.locator('html')).toHaveAttribute('data-projector', 'on');
  // The view's switcher changes the language of the view and of the open tabs.
  await view.getByLabel('语言').selectOption('en');
  await expect(view.getByRole('heading', { name: 'Network view' })).toBeVisible();
  await expect(view.locator(`tr[data-tab-id="${a.id}"] [data-column="status"]`)).toHaveText('online');
  await expect(page.getByRole('heading', { name: 'Fork tree' })).toBeVisible();
  await expect(page.locator('.whoami')).toContainText(`This tab is node ${a.id.slice(0, 6)}`);
});

test('a bad ?view= is explained in Chinese with ?lang=zh-CN', async ({ context }) => {
  const page = await context.newPage();
  await page.goto(`/?net=${freshNetwork()}&view=netwrok&lang=zh-CN`);
  await expect(page.locator('.whoami [data-node-id]')).toBeVisible();
  await expect(page.getByRole('alert').first()).toHaveText('已忽略 ?view=netwrok：view 只能是 network（不写则打开网络中的一个标签页）。');
});
