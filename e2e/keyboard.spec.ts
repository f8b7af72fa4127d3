import { expect, test, type Locator, type Page } from '@playwright/test';
import { height, openTabsWith } from './tabs';

/** Presses Tab until `target` has the focus: proves it can be reached from the keyboard alone. */
async function tabTo(page: Page, target: Locator, limit = 120): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with ${limit} presses of Tab`);
}

test('a lesson from the keyboard alone: add a transaction, mine, resolve, open an explanation, tamper and repair', async ({ context }) => {
  const [a, b] = await openTabsWith(context, 2, '&difficulty=1');
  if (!a || !b) throw new Error('two tabs expected');
  const page = a.page;

  await tabTo(page, page.getByLabel('Sender'));
  await page.keyboard.type('alice');
  await page.keyboard.press('Tab');
  await page.keyboard.type('bob');
  await page.keyboard.press('Tab');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pending')).toContainText('alice');

  await tabTo(page, page.getByRole('button', { name: 'Mine', exact: true }));
  await page.keyboard.press('Enter');
  await expect(height(page)).toHaveText('2');
  await page.keyboard.press('m');
  await expect(height(page)).toHaveText('3');

  await b.page.keyboard.press('r');
  await expect(height(b.page)).toHaveText('3');

  const explanation = page.getByText('How this hash is made').last();
  await tabTo(page, explanation);
  await page.keyboard.press('Enter');
  await expect(page.locator('details[open]').first()).toBeVisible();

  await tabTo(page, page.getByLabel('Tamper lab: edit the blocks of this chain'));
  await page.keyboard.press('Space');
  const recipient = page.getByLabel('Block 2 transaction 1 recipient');
  await tabTo(page, recipient);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('mallory');
  await expect(recipient).toHaveValue('mallory');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chain-verdict')).toHaveAttribute('data-valid', 'false');
  await tabTo(page, page.getByRole('button', { name: 'Repair' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chain-verdict')).toHaveAttribute('data-valid', 'true');
});
