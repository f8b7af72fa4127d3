import { expect, test, type Page } from '@playwright/test';
import { addTransaction, exportChain, freshNetwork, height, mine, onlinePeers, openTab, showTab } from './tabs';

const badge = (page: Page) => page.locator('.whoami [data-node-id]');
const pending = (page: Page) => page.getByTestId('pending');
const storageStatus = (page: Page) => page.getByTestId('storage-status');
const peerHeight = (page: Page, peerId: string) => page.locator(`ul.peers li[data-peer-id="${peerId}"]`).getByTestId('peer-height');

interface Tip {
  readonly height: number;
  readonly hash: string;
}

/** Starts recording, in `page`, every tip that `from` announces on the network's channel, as any tab hears it. */
async function recordTips(page: Page, network: string, from: string): Promise<void> {
  await page.evaluate(
    ({ channel, node }) => {
      const tips: { height: number; hash: string }[] = [];
      Object.assign(window, { recordedTips: tips });
      new BroadcastChannel(channel).onmessage = (event: MessageEvent<{ kind?: string; from?: string; height: number; hash: string }>) => {
        if (event.data.kind === 'tip' && event.data.from === node) tips.push({ height: event.data.height, hash: event.data.hash });
      };
    },
    { channel: `tabchain:v1:${network}`, node: from },
  );
}

const recordedTips = (page: Page) => page.evaluate(() => (window as unknown as { recordedTips: Tip[] }).recordedTips);

test('a reload keeps the chain, the pending transactions and the node id', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&difficulty=1');
  await expect(storageStatus(a.page)).toHaveAttribute('data-storage', 'indexeddb');
  await addTransaction(a.page, 'alice', 'bob', '5');
  await mine(a.page, 2);
  // 5.0 is a float and 5 an int: the reload must not turn one into the other.
  await addTransaction(a.page, 'carol', 'dave', '5.0');
  await expect(pending(a.page)).toContainText('5.0');
  const chain = await exportChain(a.page);

  for (let reload = 0; reload < 3; reload++) {
    await a.page.reload();
    await expect(badge(a.page)).toHaveAttribute('data-node-id', a.id);
    await expect(height(a.page)).toHaveText('2');
    await expect(pending(a.page)).toContainText('Pending transactions (1)');
    await expect(pending(a.page)).toContainText('5.0');
    await expect(a.page.getByTestId('activity')).toContainText("Restored from this browser's storage: 2 blocks, 1 pending transaction");
    expect(await exportChain(a.page)).toBe(chain);
  }
  await expect(a.page.getByRole('alert')).toHaveCount(0);
});

test('a duplicated tab becomes a new node and says so; the original keeps its node', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&difficulty=1');
  await mine(a.page, 2);
  // window.open copies the opener's sessionStorage, as the browser's Duplicate tab does.
  const [copy] = await Promise.all([
    context.waitForEvent('page'),
    a.page.evaluate(() => window.open(window.location.href)),
  ]);
  const copyBadge = badge(copy);
  await expect(copyBadge).toBeVisible();
  const copyId = await copyBadge.getAttribute('data-node-id');
  expect(copyId).not.toBe(a.id);
  expect(copyId).toMatch(/^[0-9a-f]{32}$/);
  await expect(copy.getByRole('alert')).toContainText(
    `This tab was duplicated from node ${a.id.slice(0, 8)}, which is still open; it became a new node ${copyId?.slice(0, 8) ?? ''}.`,
  );
  await expect(height(copy)).toHaveText('1');
  await expect(onlinePeers(copy)).toHaveCount(1);
  await expect(onlinePeers(a.page)).toHaveCount(1);

  // Each keeps its own node across a reload from now on.
  await copy.reload();
  await expect(badge(copy)).toHaveAttribute('data-node-id', copyId ?? '');
  await expect(copy.getByRole('alert')).toHaveCount(0);
  await a.page.reload();
  await expect(badge(a.page)).toHaveAttribute('data-node-id', a.id);
  await expect(height(a.page)).toHaveText('2');
});

test('a tab closed while it mines loses no block it announced', async ({ context }) => {
  const network = freshNetwork();
  const observer = await openTab(context, network, '&difficulty=1');
  const a = await openTab(context, network, '&difficulty=1');
  await recordTips(observer.page, network, a.id);
  // Mine again and again, as fast as the page allows.
  await a.page.evaluate(() => {
    setInterval(() => {
      const button = document.querySelector<HTMLButtonElement>('button.primary[aria-keyshortcuts="M"]');
      if (button && !button.disabled) button.click();
    }, 5);
  });
  await expect.poll(async () => (await recordedTips(observer.page)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
  await a.page.close();
  const announced = await recordedTips(observer.page);
  const highest = Math.max(...announced.map((tip) => tip.height));

  // Reopen A's node: a tab that restores A's sessionStorage, as Reopen closed tab does.
  const reopened = await context.newPage();
  await reopened.addInitScript(
    ({ key, id }) => {
      sessionStorage.setItem(key, id);
    },
    { key: `tabchain:node-id:${network}`, id: a.id },
  );
  await reopened.goto(`/?net=${network}&difficulty=1`);
  await expect(badge(reopened)).toHaveAttribute('data-node-id', a.id);
  const restoredHeight = Number(await height(reopened).textContent());
  expect(restoredHeight).toBeGreaterThanOrEqual(highest);
  // Its tip, as it greets the observer: the one hash the exported file does not hold.
  await expect.poll(async () => (await recordedTips(observer.page)).some((tip) => tip.height === restoredHeight)).toBe(true);
  const restoredTip = (await recordedTips(observer.page)).findLast((tip) => tip.height === restoredHeight);
  const { chain } = JSON.parse(await exportChain(reopened)) as { chain: { previous_hash: unknown }[] };
  expect(chain).toHaveLength(restoredHeight);
  for (const tip of announced) {
    // Block h's hash is block h+1's previous_hash; the tip's is the one it announces now.
    const hash = tip.height === restoredHeight ? restoredTip?.hash : chain[tip.height]?.previous_hash;
    expect(hash, `block ${tip.height}, announced before the tab closed`).toBe(tip.hash);
  }
});

test('Reset node asks first, then starts the node again with its id; the wipe survives a reload', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&difficulty=1');
  const b = await openTab(context, network, '&difficulty=1');
  await mine(a.page, 2);
  await mine(a.page, 3);
  await addTransaction(a.page, 'alice', 'bob', '1');
  await expect(pending(a.page)).toContainText('Pending transactions (1)');
  await expect(peerHeight(b.page, a.id)).toHaveText('3');

  const dialog = a.page.getByRole('dialog', { name: 'Reset this node?' });
  await showTab(a.page, 'This node');
  await a.page.getByRole('button', { name: 'Reset node' }).click();
  await expect(dialog).toBeVisible();
  // The safe choice has the focus; Escape closes the question and nothing changes.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await a.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await a.page.getByRole('button', { name: 'Reset node' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(height(a.page)).toHaveText('3');

  await a.page.getByRole('button', { name: 'Reset node' }).click();
  await dialog.getByRole('button', { name: 'Yes, reset this node' }).click();
  await expect(height(a.page)).toHaveText('1');
  await expect(a.page.getByTestId('reset-result')).toContainText('This node was reset');
  await expect(pending(a.page)).toContainText('Pending transactions (0)');
  await expect(badge(a.page)).toHaveAttribute('data-node-id', a.id);
  await expect(peerHeight(b.page, a.id)).toHaveText('1');

  await a.page.reload();
  await expect(badge(a.page)).toHaveAttribute('data-node-id', a.id);
  await expect(height(a.page)).toHaveText('1');
  await expect(pending(a.page)).toContainText('Pending transactions (0)');
});

test('when the browser refuses storage, a banner says why and the node works in memory', async ({ context }) => {
  // IndexedDB fails inside the node's worker, as in a private window or a full disk.
  await context.route(/\/assets\/node\.worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    const breakIndexedDb =
      "self.indexedDB.open = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };\n";
    await route.fulfill({ response, body: breakIndexedDb + (await response.text()) });
  });
  const network = freshNetwork();
  const a = await openTab(context, network, '&difficulty=1');
  const banner = a.page.getByRole('alert');
  await expect(banner).toContainText('This node is not being saved.');
  await expect(banner).toContainText('QuotaExceededError');
  await expect(banner).toContainText('will be lost when this tab is reloaded or closed');
  await expect(storageStatus(a.page)).toHaveAttribute('data-storage', 'memory');
  await mine(a.page, 2);

  // What the banner said: a reload loses the chain (the node id is still kept).
  await a.page.reload();
  await expect(badge(a.page)).toHaveAttribute('data-node-id', a.id);
  await expect(height(a.page)).toHaveText('1');
  await expect(a.page.getByRole('alert')).toContainText('This node is not being saved.');
});
