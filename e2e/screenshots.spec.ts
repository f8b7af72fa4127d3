import { expect, test } from '@playwright/test';
import { addTransaction, freshNetwork, height, mine, onlinePeers, openTab, openTabs } from './tabs';

// The README's pictures come from here: `npm run screenshots` writes them into docs/;
// a plain test run checks the same scene and keeps its picture with the test results.
const target = (name: string) =>
  process.env['UPDATE_SCREENSHOTS'] ? `docs/${name}` : test.info().outputPath(name);

test('main view in projector mode at 1366×768: three tabs after A mined and B resolved', async ({ context }) => {
  const [a, b] = await openTabs(context, 3);
  if (!a || !b) throw new Error('tabs expected');
  await addTransaction(a.page, 'alice', 'bob', '5');
  await addTransaction(a.page, '张三', '李四', '2.5');
  await mine(a.page, 2);
  await addTransaction(a.page, 'bob', 'carol', '1');
  await mine(a.page, 3);
  await addTransaction(b.page, 'carol', 'dave', '0.5');
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(b.page.getByTestId('resolve-result')).toContainText('Our chain was replaced by');
  await expect(height(b.page)).toHaveText('3');

  // The picture a class sees on the projector: large type, the chain first.
  await b.page.setViewportSize({ width: 1366, height: 768 });
  await b.page.getByLabel('Projector mode').check();
  await b.page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await b.page.screenshot({ path: target('screenshot-main.png') });
  await b.page.getByLabel('Projector mode').uncheck();
});

test('fork tree and tamper lab: B adopted A’s longer fork, then edited a block', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&genesis=shared&difficulty=2');
  const b = await openTab(context, network);
  await expect(onlinePeers(b.page)).toHaveCount(1);
  await mine(a.page, 2);
  await mine(a.page, 3);
  await addTransaction(b.page, 'alice', 'bob', '5');
  await mine(b.page, 2);
  await expect(b.page.locator(`li[data-peer-id="${a.id}"] [data-testid="peer-relation"]`)).toContainText('diverged at block 2');
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(b.page.getByTestId('resolve-result')).toContainText('Our chain was replaced by');
  await expect(b.page.getByTestId('fork-tree').locator('[data-orphaned="true"]').first()).toBeVisible();
  await b.page.setViewportSize({ width: 1280, height: 900 });
  await b.page.getByTestId('fork-tree').screenshot({ path: target('screenshot-forks.png') });

  await b.page.getByLabel('Tamper lab: edit the blocks of this chain').check();
  const recipient = b.page.getByLabel('Block 2 transaction 1 recipient');
  await recipient.fill('mallory');
  await recipient.press('Enter');
  await expect(b.page.getByTestId('chain-verdict')).toContainText('invalid');
  await b.page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
  });
  await b.page.setViewportSize({ width: 1366, height: 900 });
  await b.page.locator('section.chain').screenshot({ path: target('screenshot-tamper.png') });
});

test('network view: three tabs and a fork, on the teacher’s screen', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&genesis=shared&difficulty=2');
  const b = await openTab(context, network);
  const c = await openTab(context, network);
  await expect(onlinePeers(c.page)).toHaveCount(2);
  await mine(a.page, 2);
  await mine(a.page, 3);
  await addTransaction(b.page, 'alice', 'bob', '5');
  await mine(b.page, 2);
  await addTransaction(c.page, '张三', '李四', '2.5');

  const view = await context.newPage();
  await view.setViewportSize({ width: 1600, height: 1000 });
  await view.goto(`/?net=${network}&view=network`);
  await expect(view.getByRole('heading', { name: 'Network view' })).toBeVisible();
  const tree = view.getByTestId('fork-tree');
  await expect(tree.locator('[data-block-number="2"]')).toHaveCount(2);
  await expect(view.getByTestId('tabs-table').locator('tbody tr')).toHaveCount(3);
  await view.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await view.screenshot({ path: target('screenshot-network.png') });
});
