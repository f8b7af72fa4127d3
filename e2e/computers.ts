import { expect, type Browser, type BrowserContext } from '@playwright/test';
import { onlinePeers, openTab, type Tab } from './tabs';

/** A separate browser context: to the page, another computer (no shared BroadcastChannel, storage or cookies). */
export interface Computer extends Tab {
  readonly context: BrowserContext;
}

export interface Where {
  /** the broker's path on the page's origin; /mqtt, the preview server's own aedes, unless told */
  readonly broker?: string;
  /** the server of the app; the e2e web server unless told */
  readonly baseURL?: string;
}

/**
 * Opens one tab on each of `count` new contexts, all on `network` through the broker at
 * `broker` (a path of the page's own origin), and waits until every tab hears every other one.
 * Only the broker links them: contexts share no BroadcastChannel.
 */
export async function openComputers(browser: Browser, count: number, network: string, extra: string, where: Where = {}): Promise<Computer[]> {
  const broker = where.broker ?? '/mqtt';
  const computers: Computer[] = [];
  for (let i = 0; i < count; i++) {
    const context = await browser.newContext(where.baseURL === undefined ? {} : { baseURL: where.baseURL });
    const tab = await openTab(context, network, `&broker=${encodeURIComponent(broker)}${extra}`);
    computers.push({ ...tab, context });
  }
  for (const computer of computers) await expect(onlinePeers(computer.page)).toHaveCount(count - 1);
  return computers;
}

/** The line of `peerId` in a tab's Peers panel. */
export const peerLine = (tab: Tab, peerId: string) => tab.page.locator(`ul.peers li[data-peer-id="${peerId}"]`);
