import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addTransaction, blockCard, freshNetwork, height, mine, onlinePeers, openTab, openTabsWith, showTab } from './tabs';

/** Whether `locator`'s box lies wholly inside the viewport (the first screen, unscrolled). */
async function onFirstScreen(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (box === null || viewport === null) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5;
}

/**
 * Everything on the page that is wider than its box, or a page wider than the window: the
 * intended scroll regions (the chain strips, the fork tree, the network view's table) and text cut with an ellipsis on
 * purpose are not overflow.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page: ${root.scrollWidth} px in a ${root.clientWidth} px window`);
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (element.clientWidth <= 1) continue;
      const style = getComputedStyle(element);
      // A field scrolls its own text, as every text field does.
      if (element.closest('.visually-hidden, caption, select, option, svg, input, textarea')) continue;
      if (element.matches('.blocks-strip, .fork-tree-scroll, .tabs-scroll, .strip-blocks')) continue;
      if (style.textOverflow === 'ellipsis' && style.overflowX === 'hidden') continue;
      if (element.scrollWidth > element.clientWidth + 1) {
        const name = `${element.tagName.toLowerCase()}${element.className ? `.${element.className.split(' ').join('.')}` : ''}`;
        found.push(`${name} (${element.scrollWidth} px in ${element.clientWidth} px): ${element.textContent.slice(0, 60)}`);
      }
    }
    return found;
  });
}

async function tamper(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel('Tamper lab: edit the blocks of this chain').check();
  const field = page.getByLabel(label);
  await field.fill(value);
  await field.press('Enter');
  await expect(page.getByTestId('chain-verdict')).toHaveAttribute('data-valid', 'false');
}

test('projector mode at 1366×768: the action bar and three whole block cards are on the first screen', async ({ context }) => {
  const [a] = await openTabsWith(context, 1, '&difficulty=1&projector=1');
  if (!a) throw new Error('one tab expected');
  const { page } = a;
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(page.locator('html')).toHaveAttribute('data-projector', 'on');
  await expect(page.getByLabel('Projector mode')).toBeChecked();
  await addTransaction(page, 'alice', 'bob', '5');
  await mine(page, 2);
  await mine(page, 3);
  await page.evaluate(() => { window.scrollTo(0, 0); });

  for (const control of [
    page.getByRole('button', { name: 'Mine', exact: true }),
    page.getByRole('button', { name: 'Add transaction' }),
    page.getByRole('button', { name: 'Resolve', exact: true }),
    page.getByLabel('Sender'),
    page.getByLabel('Recipient'),
    page.getByLabel('Amount'),
  ]) {
    expect(await onFirstScreen(page, control), `${control.toString()} on the first screen`).toBe(true);
  }
  const whole: number[] = [];
  for (let number = 1; number <= 3; number++) if (await onFirstScreen(page, blockCard(page, number))) whole.push(number);
  expect(whole, 'block cards wholly on the first screen').toEqual([1, 2, 3]);

  // Each card says its validity as a whole: its border and a word; the link between two says it holds.
  await expect(blockCard(page, 2)).toHaveAttribute('data-validity', 'valid');
  await expect(blockCard(page, 2).getByTestId('block-validity')).toHaveText('✓ valid');
  await expect(page.locator('ol.blocks > li').filter({ has: blockCard(page, 3) }).getByTestId('chain-link')).toHaveText('⟵ = hash of block 2');
  await expect(page.getByRole('heading', { name: 'Chain (3 blocks)' })).toBeVisible();
});

test('a bad ?projector= is ignored with a warning', async ({ context }) => {
  const tab = await openTab(context, freshNetwork(), '&projector=yes');
  await expect(tab.page.getByRole('alert')).toContainText('?projector=yes ignored: projector must be 0 or 1.');
  await expect(tab.page.locator('html')).not.toHaveAttribute('data-projector', 'on');
});

test('nothing on the main view is wider than its box at 390, 1366 and 1920 px, valid or tampered, in English and Chinese', async ({ context }) => {
  test.setTimeout(120_000);
  const [a, b] = await openTabsWith(context, 2, '&difficulty=1&genesis=shared');
  if (!a || !b) throw new Error('two tabs expected');
  const { page } = a;
  await addTransaction(page, 'alice', 'a-recipient-with-a-rather-long-name-that-must-wrap-somewhere', '5');
  await mine(page, 2);
  await mine(page, 3);
  await addTransaction(page, 'bob', 'carol', '1');
  await b.page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(height(b.page)).toHaveText('3');
  await showTab(page, 'Balances');

  const check = async (what: string) => {
    for (const width of [390, 1366, 1920]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      for (const projector of [false, true]) {
        await page.getByLabel(/^(Projector mode|投影模式)$/).setChecked(projector);
        await page.waitForTimeout(150);
        expect(await overflowing(page), `${what} at ${width} px${projector ? ', projector mode' : ''}`).toEqual([]);
      }
    }
  };
  await check('a valid chain');
  await tamper(page, 'Block 2 transaction 1 recipient', 'mallory-who-rewrites-history-with-a-long-name');
  await check('a tampered chain');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '挖矿' })).toBeVisible();
  await check('the Chinese page, tampered');
  await page.getByLabel('语言').selectOption('en');
});

test('nothing on the network view is wider than its box at 390, 1366 and 1920 px, with a tampered tab, in English and Chinese', async ({ context }) => {
  test.setTimeout(120_000);
  const network = freshNetwork();
  const [a] = await openTabsWith(context, 2, '&difficulty=1&genesis=shared', network);
  if (!a) throw new Error('two tabs expected');
  await mine(a.page, 2);
  await mine(a.page, 3);
  await tamper(a.page, 'Block 2 transaction 1 recipient', 'mallory-who-rewrites-history-with-a-long-name');
  const view = await context.newPage();
  await view.goto(`/?net=${network}&view=network`);
  const strips = view.getByTestId('tab-strips');
  await expect(strips.locator(`[data-tab-id="${a.id}"] [data-block-number="3"]`)).toHaveAttribute('data-valid', 'false');

  for (const language of ['en', 'zh-CN'] as const) {
    await view.getByLabel(/^(Language|语言)$/).selectOption(language);
    for (const width of [390, 1366, 1920]) {
      await view.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      for (const projector of [false, true]) {
        await view.getByLabel(/^(Projector mode|投影模式)$/).setChecked(projector);
        await view.waitForTimeout(150);
        expect(await overflowing(view), `the network view in ${language} at ${width} px${projector ? ', projector mode' : ''}`).toEqual([]);
      }
    }
  }
});

test('on a 390 px phone the chain strip and the action bar come first', async ({ context }) => {
  const [a] = await openTabsWith(context, 1, '&difficulty=1');
  if (!a) throw new Error('one tab expected');
  const { page } = a;
  await page.setViewportSize({ width: 390, height: 844 });
  await mine(page, 2);
  await page.evaluate(() => { window.scrollTo(0, 0); });
  expect(await onFirstScreen(page, blockCard(page, 2))).toBe(true);
  expect(await onFirstScreen(page, page.getByRole('button', { name: 'Mine', exact: true }))).toBe(true);
  expect(await onFirstScreen(page, page.getByLabel('Sender'))).toBe(true);
  const order = await page.evaluate(() =>
    ['section.chain', '.action-bar', '.below-chain', '.lesson-tabs'].map((selector) => document.querySelector(selector)?.getBoundingClientRect().top ?? -1),
  );
  expect([...order].sort((x, y) => x - y)).toEqual(order);
});

test('Open network view opens a new page, and the tab stays in the network', async ({ context }) => {
  const [a, b] = await openTabsWith(context, 2, '&difficulty=1');
  if (!a || !b) throw new Error('two tabs expected');
  const link = a.page.getByRole('link', { name: /Open network view/ });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  const [view] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(view.getByRole('heading', { name: 'Network view' })).toBeVisible();
  expect(new URL(view.url()).searchParams.get('view')).toBe('network');
  await expect(view.locator(`tr[data-tab-id="${a.id}"] [data-column="status"]`)).toHaveText('online');
  // The tab that opened it is still there, still a node: it mines, and its peer hears it.
  expect(a.page.isClosed()).toBe(false);
  await mine(a.page, 2);
  await expect(b.page.locator(`ul.peers li[data-peer-id="${a.id}"]`)).toHaveAttribute('data-status', 'online');
  await expect(view.locator(`tr[data-tab-id="${a.id}"] [data-column="height"]`)).toHaveText('2');
});

test('the tamper lab judges the chain again while typing, and the field keeps the focus', async ({ context }) => {
  const [a] = await openTabsWith(context, 1, '&difficulty=1&rule=tutorial');
  if (!a) throw new Error('one tab expected');
  const { page } = a;
  await addTransaction(page, 'alice', 'bob', '5');
  await mine(page, 2);
  await mine(page, 3);
  await page.getByLabel('Tamper lab: edit the blocks of this chain').check();
  const recipient = page.getByLabel('Block 2 transaction 1 recipient');
  await recipient.click();
  await recipient.press('End');
  await recipient.pressSequentially('by', { delay: 30 });
  // No Enter and no blur: a pause in typing is enough.
  await expect(page.getByTestId('chain-verdict')).toHaveAttribute('data-valid', 'false');
  await expect(recipient).toBeFocused();
  await expect(recipient).toHaveValue('bobby');
  await recipient.pressSequentially('!', { delay: 30 });
  await expect(recipient).toHaveValue('bobby!');
  await expect(recipient).toBeFocused();
  // The edited block still checks under the tutorial rule, and its card says why; the next link breaks.
  await expect(blockCard(page, 2)).toHaveAttribute('data-validity', 'valid');
  await expect(blockCard(page, 2).getByTestId('tamper-lesson')).toHaveText('Still valid: the tutorial proof does not cover this block’s content. Block 3’s link breaks.');
  await expect(blockCard(page, 3)).toHaveAttribute('data-validity', 'broken');
  await expect(page.getByTestId('chain-verdict').locator('summary')).toHaveText('✗ block 3: previous hash ≠ hash of block 2');
});

test('the mining meter shows this search: attempts against 16ⁿ, its own rate and a guess with its hash', async ({ context }) => {
  const [a] = await openTabsWith(context, 1, '&difficulty=6');
  if (!a) throw new Error('one tab expected');
  const { page } = a;
  await page.getByRole('button', { name: 'Mine', exact: true }).click();
  const meter = page.getByTestId('mining-progress');
  await expect(meter).toContainText('expected (16⁶)');
  await expect(meter).toContainText(/\d+ (k|M)? ?attempts\/s/);
  const sample = page.getByTestId('mining-sample');
  await expect(sample).toContainText(/Guess \d+ → [0-9a-f]{6,}/);
  await expect(sample).toContainText('needs 000000');
  const first = await sample.textContent();
  await expect.poll(() => sample.textContent(), { message: 'the guess changes while the search runs' }).not.toBe(first);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('mine-result')).toHaveText('Mining cancelled.');
});

test('results say what holds now: a mined transaction is in its block, a replaced block says so', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&difficulty=1&genesis=shared');
  const b = await openTab(context, network, '&difficulty=1&genesis=shared');
  await expect(onlinePeers(b.page)).toHaveCount(1);
  await addTransaction(b.page, 'alice', 'bob', '5');
  await expect(b.page.getByTestId('transaction-result')).toHaveText('Transaction will be added to Block 2');
  await mine(b.page, 2);
  await expect(b.page.getByTestId('transaction-result')).toHaveText('✓ Mined into block 2.');
  await expect(b.page.getByTestId('mine-result')).toHaveText(/^Block 2 forged: proof \d+/);
  await mine(a.page, 2);
  await mine(a.page, 3);
  await b.page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(height(b.page)).toHaveText('3');
  await expect(b.page.getByTestId('mine-result')).toHaveText('Block 2 was forged here, then replaced: it is no longer in our chain (orphaned).');
  await expect(b.page.getByTestId('resolve-result').locator('summary')).toContainText(`adopted ${a.id.slice(0, 6)}`);
  await expect(b.page.getByTestId('resolve-result').getByTestId('replacement')).toContainText('Both chains share block 1.');
});

test('the tab list works from the keyboard, and the new layout has no axe violations in projector mode, tampered', async ({ context }) => {
  const [a] = await openTabsWith(context, 1, '&difficulty=1&projector=1');
  if (!a) throw new Error('one tab expected');
  const { page } = a;
  await addTransaction(page, 'alice', 'bob', '5');
  await mine(page, 2);
  await mine(page, 3);
  const pending = page.getByRole('tab', { name: /^Pending/ });
  await pending.click();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Balances' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Balances' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('balances')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'What happened' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(pending).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'What happened' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(pending).toBeFocused();
  await expect(page.getByRole('tabpanel')).toHaveCount(1);

  await tamper(page, 'Block 2 transaction 1 recipient', 'mallory');
  await page.getByTestId('chain-verdict').locator('summary').click();
  await showTab(page, 'Network rules');
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`), theme).toEqual([]);
  }
});
