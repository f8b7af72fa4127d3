import { expect, test } from '@playwright/test';
import { freshNetwork, openTab, UNTRACED } from './tabs';

const MINING_WATCH_MS = 5_000;

test.use(UNTRACED);

test('mining at 5 zeros leaves the page responsive (no main-thread task over 50 ms)', async ({ context }) => {
  const { page } = await openTab(context, freshNetwork(), '&difficulty=5');
  await expect(page.locator('.whoami')).toContainText('difficulty 5');

  await page.evaluate(() => {
    const entries: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = entries;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) entries.push(entry.duration);
    }).observe({ type: 'longtask' });
  });

  await page.getByRole('button', { name: 'Mine' }).click();
  await expect(page.getByRole('button', { name: 'Mine' })).toHaveAttribute('aria-busy', 'true');
  // While the worker searches, the page keeps answering input.
  const started = Date.now();
  let typed = 0;
  while (Date.now() - started < MINING_WATCH_MS) {
    await page.getByLabel('Sender').fill(`student ${typed}`);
    await expect(page.getByLabel('Sender')).toHaveValue(`student ${typed}`);
    typed++;
    await page.waitForTimeout(100);
  }
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  expect(typed).toBeGreaterThan(10);
  expect(longTasks, `main-thread tasks over 50 ms: ${longTasks.join(', ')}`).toEqual([]);
});
