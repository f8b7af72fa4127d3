import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * For a test that measures main-thread tasks: Playwright's trace snapshots the page's DOM on
 * the page's own main thread around each action (over 50 ms on this page, about one run in
 * three here), so a traced run measures the trace.
 */
export const UNTRACED = { trace: 'off' } as const;

/** A fresh network name per test, so tests never hear each other's tabs. */
export const freshNetwork = () => `e2e-${randomUUID().slice(0, 8)}`;

export interface Tab {
  readonly page: Page;
  readonly id: string;
}

/** Opens a tab (a page of the shared context) on `network` and waits for its node to start. */
export async function openTab(context: BrowserContext, network: string, extra = ''): Promise<Tab> {
  const page = await context.newPage();
  await page.goto(`/?net=${network}${extra}`);
  const badge = page.locator('.whoami [data-node-id]');
  await expect(badge).toBeVisible();
  const id = await badge.getAttribute('data-node-id');
  if (id === null) throw new Error('The node badge has no id.');
  return { page, id };
}

export async function openTabs(context: BrowserContext, count: number, network = freshNetwork()): Promise<Tab[]> {
  const tabs: Tab[] = [];
  for (let i = 0; i < count; i++) tabs.push(await openTab(context, network));
  // Every tab hears every other one (arrive / welcome).
  for (const tab of tabs) await expect(onlinePeers(tab.page)).toHaveCount(count - 1);
  return tabs;
}

export const onlinePeers = (page: Page) => page.locator('ul.peers li[data-status="online"]');
export const height = (page: Page) => page.getByTestId('height');

export async function mine(page: Page, expectedHeight: number): Promise<void> {
  await page.getByRole('button', { name: 'Mine' }).click();
  await expect(height(page)).toHaveText(String(expectedHeight), { timeout: 45_000 });
  await expect(page.getByRole('button', { name: 'Mine' })).toBeEnabled();
}

export async function addTransaction(page: Page, sender: string, recipient: string, amount: string): Promise<void> {
  await page.getByLabel('Sender').fill(sender);
  await page.getByLabel('Recipient').fill(recipient);
  await page.getByLabel('Amount').fill(amount);
  await page.getByRole('button', { name: 'Add transaction' }).click();
}

/** The panels one click away below the chain, by the name of their tab. */
export type PanelTab = 'Pending' | 'Balances' | 'Network rules' | 'Mining settings' | 'Chain file' | 'This node' | 'API console' | 'What happened';

const CHINESE_TABS: Readonly<Record<PanelTab, string>> = {
  Pending: '待处理',
  Balances: '余额',
  'Network rules': '网络规则',
  'Mining settings': '挖矿设置',
  'Chain file': '链文件',
  'This node': '本节点',
  'API console': 'API 控制台',
  'What happened': '发生了什么',
};

/** Opens one of the tabs below the chain, where the panels beyond the chain and the action bar are (in the page's language). */
export async function showTab(page: Page, name: PanelTab): Promise<void> {
  const chinese = (await page.locator('html').getAttribute('lang')) === 'zh-CN';
  const label = chinese ? CHINESE_TABS[name] : name;
  const tab = page.getByRole('tab', { name: name === 'Pending' ? new RegExp(`^${label}`) : label, exact: name !== 'Pending' });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Clicks Export chain and returns the downloaded file's text. */
export async function exportChain(page: Page): Promise<string> {
  await showTab(page, 'Chain file');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export chain' }).click(),
  ]);
  const path = await download.path();
  return readFile(path, 'utf8');
}

/** Clicks Import chain and picks `file` in the file chooser. */
export async function importChain(page: Page, file: string): Promise<void> {
  await showTab(page, 'Chain file');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import chain' }).click(),
  ]);
  await chooser.setFiles(file);
}

/** Opens `count` tabs on `network`, each with the same extra query, and waits until they all hear each other. */
export async function openTabsWith(
  context: BrowserContext,
  count: number,
  extra: string,
  network = freshNetwork(),
): Promise<Tab[]> {
  const tabs: Tab[] = [];
  for (let i = 0; i < count; i++) tabs.push(await openTab(context, network, extra));
  for (const tab of tabs) await expect(onlinePeers(tab.page)).toHaveCount(count - 1);
  return tabs;
}

/** The relation line of one peer in a tab's Peers panel ("same chain", "ahead by 1 block", …). */
export const peerRelation = (page: Page, peerId: string) =>
  page.locator(`ul.peers li[data-peer-id="${peerId}"]`).getByTestId('peer-relation');

/** The card of block `number` (1-based) in a tab's chain view. */
export const blockCard = (page: Page, number: number) => page.locator(`article[aria-label="Block ${number}"]`);

/** The hash of block `number` as its card states it. */
export async function hashOf(page: Page, number: number): Promise<string> {
  const hash = await blockCard(page, number).getAttribute('data-hash');
  if (hash === null) throw new Error(`Block ${number} has no hash.`);
  return hash;
}

/** The card of the last block of a tab's chain. */
export const lastBlock = (page: Page) => page.locator('article[aria-label^="Block"]').last();
