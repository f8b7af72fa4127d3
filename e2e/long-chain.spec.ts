import { writeFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { jsSha256 } from '../src/core/js-sha256.test-suite';
import { generateLongChain } from '../src/core/long-chain.test-suite';
import { blockCard, freshNetwork, height, importChain, onlinePeers, openTab, UNTRACED } from './tabs';

const LENGTH = 10_000;
/** Far fewer than the chain: only the cards in view, and a few beyond each edge, are drawn. */
const MAX_CARDS_DRAWN = 100;
const TABS = '&rule=tutorial&difficulty=1&genesis=node&autoresolve=0';

test.use(UNTRACED);

declare global {
  interface Window {
    longTasks?: number[];
  }
}

const drawnCards = (page: Page) => page.locator('article[aria-label^="Block"]');
const chainLinkOf = (page: Page, number: number) =>
  page.locator('ol.blocks > li').filter({ has: blockCard(page, number) }).getByTestId('chain-link');

/** Records every main-thread task over 50 ms from now on (Chromium's Long Tasks API). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const durations: number[] = [];
    window.longTasks = durations;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

const longTasks = (page: Page) => page.evaluate(() => window.longTasks ?? []);

/** Scrolls `region` sideways with the wheel (a touchpad's swipe), one notch-sized step at a time, as a reader scrolls. */
async function wheel(page: Page, region: Locator, delta: number, steps: number): Promise<void> {
  await region.hover();
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(delta, 0);
    await page.waitForTimeout(30);
  }
}

test('a 10,000-block chain scrolls with no main-thread task over 50 ms and draws only the cards in view', async ({
  context,
}) => {
  test.setTimeout(240_000);
  const network = freshNetwork();
  const a = await openTab(context, network, TABS);
  const chain = await generateLongChain(LENGTH, 1, jsSha256, 'e2e-long-chain-miner');
  const file = test.info().outputPath('long-chain.json');
  await writeFile(file, chain.text);

  await importChain(a.page, file);
  await expect(a.page.getByTestId('import-result')).toContainText(`Valid chain of ${LENGTH} blocks imported`, {
    timeout: 60_000,
  });
  await expect(height(a.page)).toHaveText(String(LENGTH));
  await expect(a.page.getByRole('heading', { name: `Chain (${LENGTH} blocks)` })).toBeVisible();

  // A long chain opens on its newest block, linked to the one before.
  const newest = blockCard(a.page, LENGTH);
  await expect(newest).toBeVisible();
  await expect(newest).toHaveAttribute('data-hash', chain.hashes[LENGTH - 1]!);
  await expect(chainLinkOf(a.page, LENGTH)).toContainText(`= hash of block ${LENGTH - 1}`);
  expect(await drawnCards(a.page).count()).toBeLessThan(MAX_CARDS_DRAWN);

  // Let the fork tree and the rest of the page take in the new chain before timing scrolls.
  await expect(a.page.getByTestId('fork-tree')).toContainText(String(LENGTH));
  await a.page.waitForTimeout(1_000);
  await watchLongTasks(a.page);

  const blocks = a.page.getByRole('region', { name: `Blocks 1 to ${LENGTH}, scrollable` });
  const inView = a.page.getByTestId('blocks-in-view');

  // Wheel back through the history, several screenfuls, then down again.
  await wheel(a.page, blocks, -800, 25);
  await expect(inView).not.toContainText(`–${LENGTH} of`);
  await wheel(a.page, blocks, 800, 10);
  expect(await drawnCards(a.page).count()).toBeLessThan(MAX_CARDS_DRAWN);

  // The buttons jump to either end.
  await a.page.getByRole('button', { name: 'Genesis' }).click();
  const genesis = blockCard(a.page, 1);
  await expect(genesis).toBeVisible();
  await expect(genesis).toContainText('(genesis)');
  await expect(genesis).toHaveAttribute('data-hash', chain.hashes[0]!);
  await expect(chainLinkOf(a.page, 2)).toContainText('= hash of block 1');
  await wheel(a.page, blocks, 800, 10);

  // Dragging the scroll bar to the middle draws the blocks there at once.
  await blocks.evaluate((region) => { region.scrollLeft = region.scrollWidth / 2; });
  await expect(inView).toHaveText(/Blocks (4|5)\d{3}–/);
  expect(await drawnCards(a.page).count()).toBeLessThan(MAX_CARDS_DRAWN);

  await a.page.getByRole('button', { name: 'Newest block' }).click();
  await expect(newest).toBeVisible();

  // The keyboard scrolls the focused region: Home, Page Up / Down, End.
  await blocks.focus();
  await a.page.keyboard.press('Home');
  await expect(genesis).toBeVisible();
  for (let i = 0; i < 5; i++) await a.page.keyboard.press('PageDown');
  await expect(genesis).toBeHidden();
  await a.page.keyboard.press('End');
  await expect(newest).toBeVisible();
  await expect(newest).toContainText(`Block ${LENGTH}`);
  for (let i = 0; i < 5; i++) await a.page.keyboard.press('PageUp');
  await expect(newest).toBeHidden();
  await a.page.keyboard.press('End');
  await expect(newest).toBeVisible();

  const tasks = await longTasks(a.page);
  test.info().annotations.push({
    type: 'long tasks while scrolling',
    description: tasks.length === 0 ? 'none' : `${tasks.length}, longest ${Math.max(...tasks).toFixed(0)} ms`,
  });
  expect(tasks, `main-thread tasks over 50 ms while scrolling: ${tasks.join(', ')}`).toEqual([]);
  expect(await drawnCards(a.page).count()).toBeLessThan(MAX_CARDS_DRAWN);

  // A second tab adopts the long chain from the first (no timing asserted here).
  const b = await openTab(context, network, TABS);
  await expect(onlinePeers(b.page)).toHaveCount(1);
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(height(b.page)).toHaveText(String(LENGTH), { timeout: 120_000 });
  await expect(blockCard(b.page, LENGTH)).toHaveAttribute('data-hash', chain.hashes[LENGTH - 1]!);

  // The tamper lab works on a long chain: editing block 9999 breaks the link of block 10000.
  await a.page.getByLabel('Tamper lab: edit the blocks of this chain').check();
  const recipient = a.page.getByLabel(`Block ${LENGTH - 1} transaction 1 recipient`);
  await recipient.fill('mallory');
  await recipient.press('Enter');
  await expect(a.page.getByTestId('chain-verdict')).toContainText(`Our chain is invalid from block ${LENGTH}`, {
    timeout: 60_000,
  });
  await expect(chainLinkOf(a.page, LENGTH)).toHaveAttribute('data-linked', 'false');
  await expect(chainLinkOf(a.page, LENGTH)).toContainText('broken link');
  await expect(newest).toHaveAttribute('data-validity', 'broken');
  await expect(blockCard(a.page, LENGTH - 1).getByTestId('block-validity')).toContainText('edited in the tamper lab');
});
