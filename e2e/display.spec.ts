import { expect, test } from '@playwright/test';
import { addTransaction, freshNetwork, height, openTab, openTabs } from './tabs';

test('?lang=zh-CN shows the page in Chinese; the switcher changes it and every tab keeps the choice', async ({ context }) => {
  const network = freshNetwork();
  const zh = await openTab(context, network, '&lang=zh-CN&difficulty=1');
  await expect(zh.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(zh.page.getByRole('button', { name: '挖矿' })).toBeVisible();
  await expect(zh.page.getByRole('heading', { name: '共识' })).toBeVisible();

  await zh.page.getByLabel('语言').selectOption('en');
  await expect(zh.page.getByRole('button', { name: 'Mine', exact: true })).toBeVisible();
  await expect(zh.page.locator('html')).toHaveAttribute('lang', 'en');

  // The choice is stored for this browser: a new tab without ?lang= opens in English…
  const other = await openTab(context, network);
  await expect(other.page.getByRole('button', { name: 'Resolve', exact: true })).toBeVisible();
  // …and a choice made in one tab reaches the open ones.
  await other.page.getByLabel('Language').selectOption('zh-CN');
  await expect(zh.page.getByRole('button', { name: '共识' })).toBeVisible();
  await other.page.getByLabel('语言').selectOption('en');
});

test('a bad ?lang= is ignored with a warning', async ({ context }) => {
  const tab = await openTab(context, freshNetwork(), '&lang=klingon');
  await expect(tab.page.getByRole('alert')).toContainText('?lang=klingon ignored: lang must be one of en, zh-CN.');
  await expect(tab.page.getByRole('button', { name: 'Mine', exact: true })).toBeVisible();
});

test('dark theme and projector mode change the page and are kept across reloads', async ({ context }) => {
  const [tab] = await openTabs(context, 1);
  if (!tab) throw new Error('one tab expected');
  const { page } = tab;
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const fontSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  const light = await background();

  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);

  expect(await fontSize()).toBe('16px');
  await page.getByLabel('Projector mode').check();
  await expect(page.locator('html')).toHaveAttribute('data-projector', 'on');
  expect(await fontSize()).toBe('22px');

  await page.reload();
  await expect(page.getByRole('button', { name: 'Mine', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Projector mode')).toBeChecked();

  await page.getByLabel('Theme').selectOption('light');
  await page.getByLabel('Projector mode').uncheck();
  await expect(page.locator('html')).not.toHaveAttribute('data-projector', 'on');
  expect(await background()).toBe(light);
});

test('M mines and R resolves from the keyboard, shown on the buttons, but not while typing in a field', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&difficulty=1');
  const b = await openTab(context, network, '&difficulty=1');
  const mineButton = a.page.getByRole('button', { name: 'Mine', exact: true });
  await expect(mineButton).toHaveAttribute('aria-keyshortcuts', 'M');
  await expect(mineButton).toContainText('M');

  await a.page.keyboard.press('m');
  await expect(height(a.page)).toHaveText('2');

  // Typing an "m" into a field types it, and mines nothing.
  await a.page.getByLabel('Sender').fill('');
  await a.page.getByLabel('Sender').pressSequentially('mm');
  await expect(a.page.getByLabel('Sender')).toHaveValue('mm');
  await addTransaction(a.page, 'mm', 'rr', '1');
  await expect(a.page.getByTestId('pending')).toContainText('mm');
  await expect(height(a.page)).toHaveText('2');

  await b.page.getByRole('heading', { name: 'Resolve' }).click();
  await b.page.keyboard.press('r');
  await expect(b.page.getByTestId('resolve-result')).toContainText('Our chain was replaced by');
  await expect(height(b.page)).toHaveText('2');
});
