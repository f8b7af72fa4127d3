import { expect, test, type Locator, type Page } from '@playwright/test';
import { blockCard, freshNetwork, mine, openTabs } from './tabs';

interface Dot {
  readonly letter: string | null;
  readonly colour: string;
}

const dotOf = async (dot: Locator): Promise<Dot> => ({
  letter: await dot.getAttribute('data-letter'),
  colour: await dot.evaluate((element) => getComputedStyle(element).backgroundColor),
});

const ownDot = (page: Page) => page.locator('.whoami .node-dot');

test('8 tabs get 8 distinct colours and letters, the same on every screen: the tab itself, its peers, its block cards, the network view', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const network = freshNetwork();
  const tabs = await openTabs(context, 8, network);

  // Each tab takes the lowest place no other holds; they settle within a round trip.
  await expect
    .poll(async () => {
      const dots = await Promise.all(tabs.map(({ page }) => dotOf(ownDot(page))));
      return new Set(dots.map((dot) => dot.letter)).size === 8 && dots.every((dot) => dot.letter !== null);
    })
    .toBe(true);
  const dots = new Map<string, Dot>();
  for (const tab of tabs) dots.set(tab.id, await dotOf(ownDot(tab.page)));
  const colours = new Set([...dots.values()].map((dot) => dot.colour));
  expect(colours.size).toBe(8);
  expect([...dots.values()].map((dot) => dot.letter).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);

  // Every tab shows every other one with the colour and letter that tab shows for itself.
  for (const { page } of tabs) {
    for (const peer of tabs) {
      if (peer.page === page) continue;
      const dot = page.locator(`ul.peers li[data-peer-id="${peer.id}"] .node-dot`);
      await expect(dot).toHaveAttribute('data-letter', dots.get(peer.id)?.letter ?? '');
      expect(await dotOf(dot)).toEqual(dots.get(peer.id));
    }
  }

  // A block's card names its miner the same way.
  const [miner] = tabs;
  if (!miner) throw new Error('eight tabs expected');
  await mine(miner.page, 2);
  const minerDot = blockCard(miner.page, 2).locator('.node-dot');
  await expect(minerDot).toHaveAttribute('data-letter', dots.get(miner.id)?.letter ?? '');
  expect(await dotOf(minerDot)).toEqual(dots.get(miner.id));

  // So does the network view.
  const view = await context.newPage();
  await view.goto(`/?net=${network}&view=network`);
  for (const tab of tabs) {
    const dot = view.locator(`tr[data-tab-id="${tab.id}"] .node-dot`);
    await expect(dot).toHaveAttribute('data-letter', dots.get(tab.id)?.letter ?? '');
    expect(await dotOf(dot)).toEqual(dots.get(tab.id));
  }
});
