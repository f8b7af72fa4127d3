import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addTransaction, freshNetwork, height, mine, openTabsWith, showTab } from './tabs';

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

test('the main view has no axe violations: empty, with blocks and peers, in both themes, projector mode and Chinese', async ({ context }) => {
  const [a, b] = await openTabsWith(context, 2, '&difficulty=1');
  if (!a || !b) throw new Error('two tabs expected');
  await expectNoViolations(a.page, 'a new tab');

  await addTransaction(a.page, 'alice', 'bob', '5');
  await mine(a.page, 2);
  await b.page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(height(b.page)).toHaveText('2');
  await expectNoViolations(a.page, 'a tab with a block');
  await expectNoViolations(b.page, 'a tab after resolve');

  await a.page.getByLabel('Theme').selectOption('dark');
  await expectNoViolations(a.page, 'the dark theme');
  await a.page.getByLabel('Projector mode').check();
  await expectNoViolations(a.page, 'projector mode, dark');
  await a.page.getByLabel('Theme').selectOption('light');
  await expectNoViolations(a.page, 'projector mode, light');
  await a.page.getByLabel('Language').selectOption('zh-CN');
  await expectNoViolations(a.page, 'the page in Chinese');
});

test('the network view has no axe violations: with tabs and a block, in both themes and Chinese', async ({ context }) => {
  const network = freshNetwork();
  const [a] = await openTabsWith(context, 2, '&difficulty=1', network);
  if (!a) throw new Error('two tabs expected');
  const view = await context.newPage();
  await view.goto(`/?net=${network}&view=network`);
  await expect(view.getByRole('heading', { name: 'Network view' })).toBeVisible();
  await mine(a.page, 2);
  await expect(view.locator(`tr[data-tab-id="${a.id}"] [data-column="height"]`)).toHaveText('2');
  await expectNoViolations(view, 'the network view');

  await view.getByLabel('Theme').selectOption('dark');
  await expect(view.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectNoViolations(view, 'the network view, dark');
  await view.getByLabel('Theme').selectOption('light');
  await view.getByLabel('Language').selectOption('zh-CN');
  await expect(view.getByRole('heading', { name: '网络视图' })).toBeVisible();
  await expectNoViolations(view, 'the network view in Chinese');
});

test('what opens on the main view has no axe violations either: explanations, the tamper lab, the console, a dialog', async ({ context }) => {
  const [a] = await openTabsWith(context, 1, '&difficulty=1&balances=1');
  if (!a) throw new Error('one tab expected');
  const { page } = a;
  await mine(page, 2);
  await addTransaction(page, 'nobody', 'bob', '5');
  await expect(page.getByLabel('Amount')).toHaveAttribute('aria-invalid', 'true');
  await mine(page, 3);

  for (const summary of await page.locator('details > summary').filter({ visible: true }).all()) await summary.click();
  await page.getByLabel('Tamper lab: edit the blocks of this chain').check();
  await page.getByLabel('Block 2 transaction 1 recipient').fill('mallory');
  await page.getByLabel('Block 2 transaction 1 recipient').press('Enter');
  await expect(page.getByTestId('chain-verdict')).toHaveAttribute('data-valid', 'false');
  await showTab(page, 'API console');
  await page.getByLabel('Request', { exact: true }).fill('GET /chain');
  await page.getByRole('button', { name: 'Send' }).click();
  await expectNoViolations(page, 'explanations, tamper lab, an invalid chain, a refused form and the console');

  await showTab(page, 'This node');
  await page.getByRole('button', { name: 'Reset node' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoViolations(page, 'the Reset node dialog');
  await page.keyboard.press('Escape');
});
