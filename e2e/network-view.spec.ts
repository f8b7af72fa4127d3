import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { addTransaction, freshNetwork, hashOf, height, mine, onlinePeers, openTab, openTabs, type Tab } from './tabs';

/** Opens `?view=network` on `network` in a new page of the context and waits for it. */
async function openNetworkView(context: BrowserContext, network: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/?net=${network}&view=network`);
  await expect(page.getByRole('heading', { name: 'Network view' })).toBeVisible();
  return page;
}

/** A tab's strip of newest blocks in the view. */
const strip = (view: Page, tab: Tab) => view.getByTestId('tab-strips').locator(`li.strip-row[data-tab-id="${tab.id}"]`);

const cell = (view: Page, tab: Tab, column: 'status' | 'height' | 'tip' | 'mining' | 'pending') =>
  view.locator(`tr[data-tab-id="${tab.id}"] [data-column="${column}"]`);

async function applyRules(view: Page, rules: { difficulty?: string; genesis?: string }): Promise<void> {
  const panel = view.getByTestId('rules-panel');
  if (rules.difficulty !== undefined) await panel.getByLabel('Difficulty').selectOption(rules.difficulty);
  if (rules.genesis !== undefined) await panel.getByLabel('Genesis').selectOption(rules.genesis);
  await panel.getByRole('button', { name: 'Apply to network' }).click();
  // A new genesis mode restarts every chain: the view asks first.
  if (rules.genesis !== undefined) await view.getByRole('dialog', { name: 'Restart every chain?' }).getByRole('button', { name: 'Yes, restart every chain' }).click();
  await expect(view.getByTestId('rules-result')).toContainText('Applied');
}

/** The view is no tab: every student lists exactly the two other students, online. */
async function viewIsNoPeer(tabs: readonly Tab[]): Promise<void> {
  for (const tab of tabs) {
    await expect(tab.page.locator('ul.peers li')).toHaveCount(tabs.length - 1);
    await expect(onlinePeers(tab.page)).toHaveCount(tabs.length - 1);
  }
}

test('the network view shows every tab live, sets the rules and resets the whole network', async ({ context }) => {
  const network = freshNetwork();
  const tabs = await openTabs(context, 3, network);
  const [a, b, c] = tabs;
  if (!a || !b || !c) throw new Error('three tabs expected');
  const view = await openNetworkView(context, network);

  // Every tab, with its height and pending count.
  await expect(view.getByTestId('tabs-table').locator('tbody tr')).toHaveCount(3);
  for (const tab of tabs) {
    await expect(cell(view, tab, 'status')).toHaveText('online');
    await expect(cell(view, tab, 'height')).toHaveText('1');
    await expect(cell(view, tab, 'pending')).toHaveText('0');
    await expect(cell(view, tab, 'mining')).toHaveText('no');
  }
  await addTransaction(a.page, 'alice', 'bob', '5');
  await expect(cell(view, a, 'pending')).toHaveText('1');

  // Rules set in the view reach every tab: difficulty 6 keeps a miner busy long enough to watch it.
  await applyRules(view, { difficulty: '6' });
  for (const tab of tabs) await expect(tab.page.getByTestId('rules-summary')).toContainText('difficulty 6');
  await a.page.getByRole('button', { name: 'Mine' }).click();
  await expect(cell(view, a, 'mining')).toContainText(/^yes · [\d.,]+ (k |M )?attempts\/s$/);
  await a.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(cell(view, a, 'mining')).toHaveText('no');

  // A shared genesis and an easy difficulty; then A and B mine apart: the tree forks at block 2.
  await applyRules(view, { difficulty: '1', genesis: 'shared' });
  for (const tab of tabs) await expect(tab.page.getByTestId('rules-summary')).toContainText('genesis shared');
  await mine(a.page, 2);
  await mine(b.page, 2);
  const tree = view.getByTestId('fork-tree');
  await expect(tree.locator('[data-block-number="1"]')).toHaveCount(1);
  await expect(tree.locator('[data-block-number="2"]')).toHaveCount(2);
  await expect(tree.getByRole('list', { name: 'Chains in the fork tree' }).locator('li')).toHaveCount(3);
  await expect(cell(view, a, 'height')).toHaveText('2');
  await expect(cell(view, b, 'height')).toHaveText('2');
  await expect(cell(view, c, 'height')).toHaveText('1');
  // One live strip per tab: A's and B's second blocks differ, C has only the shared genesis.
  for (const tab of [a, b]) {
    const block = strip(view, tab).locator('[data-block-number="2"]');
    await expect(block).toHaveAttribute('data-valid', 'true');
    await expect(block.locator('.short-hash').last()).toHaveAttribute('title', await hashOf(tab.page, 2));
  }
  await expect(strip(view, c).locator('[data-block-number]')).toHaveCount(1);
  await viewIsNoPeer(tabs);

  // Reset network asks first; Cancel (where the dialog starts) changes nothing.
  await addTransaction(c.page, 'carol', 'dave', '2');
  await expect(cell(view, c, 'pending')).toHaveText('1');
  await view.getByRole('button', { name: 'Reset network' }).click();
  const dialog = view.getByRole('dialog', { name: /Reset network/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('3 tabs will lose every block');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await view.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(view.getByRole('button', { name: 'Reset network' })).toBeFocused();
  await expect(height(a.page)).toHaveText('2');

  // Confirmed from the keyboard: every tab starts over at height 1 with nothing pending.
  await view.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await view.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Reset every tab' })).toBeFocused();
  await view.keyboard.press('Enter');
  await expect(view.getByTestId('reset-result')).toContainText('Reset sent to 3 tabs');
  for (const tab of tabs) {
    await expect(height(tab.page)).toHaveText('1');
    await expect(tab.page.getByTestId('pending')).toContainText('Pending transactions (0)');
    await expect(tab.page.getByTestId('activity')).toContainText('The teacher reset the whole network');
    await expect(cell(view, tab, 'height')).toHaveText('1');
    await expect(cell(view, tab, 'pending')).toHaveText('0');
  }
  await expect(tree.locator('[data-block-number="2"]')).toHaveCount(0);
  await viewIsNoPeer(tabs);

  // The network goes on: a block mined after the reset reaches the view.
  await mine(b.page, 2);
  await expect(cell(view, b, 'height')).toHaveText('2');
});

test('a tab links to the network view and the view links back to a tab of the same network', async ({ context }) => {
  const network = freshNetwork();
  const tab = await openTab(context, network, '&difficulty=2');
  const other = await openTab(context, network);
  // The view opens in a new page: the tab that opened it stays a node of the network.
  const [view] = await Promise.all([context.waitForEvent('page'), tab.page.getByRole('link', { name: 'Open network view' }).click()]);
  await expect(view.getByRole('heading', { name: 'Network view' })).toBeVisible();
  expect(new URL(view.url()).searchParams.get('net')).toBe(network);
  await expect(view.getByTestId('tabs-table').locator('tbody tr')).toHaveCount(2);
  await expect(view.locator(`tr[data-tab-id="${other.id}"] [data-column="status"]`)).toHaveText('online');
  await expect(view.locator(`tr[data-tab-id="${tab.id}"] [data-column="status"]`)).toHaveText('online');

  const [back] = await Promise.all([context.waitForEvent('page'), view.getByRole('link', { name: 'Open a tab of this network' }).click()]);
  await expect(back.locator('.whoami [data-node-id]')).toBeVisible();
  await expect(onlinePeers(other.page)).toHaveCount(2);
  expect(new URL(back.url()).searchParams.get('view')).toBeNull();
  expect(new URL(back.url()).searchParams.get('net')).toBe(network);
});

test('a bad ?view= opens a tab, with a warning that says why', async ({ context }) => {
  const page = await context.newPage();
  await page.goto(`/?net=${freshNetwork()}&view=netwrok`);
  await expect(page.locator('.whoami [data-node-id]')).toBeVisible();
  await expect(page.getByRole('alert').first()).toContainText('?view=netwrok ignored: view must be network');
});
