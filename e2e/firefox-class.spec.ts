import { expect, test } from '@playwright/test';
import puppeteer, { type Browser as FirefoxBrowser, type Page as FirefoxPage } from 'puppeteer-core';
import { FIREFOX_HINT, findFirefox } from '../scripts/find-firefox.mjs';
import { peerLine } from './computers';
import { addTransaction, exportChain, freshNetwork, height, mine, onlinePeers, openTab } from './tabs';

// One class, two browser engines: a Chromium computer, a Firefox one and a second Chromium one
// on one network through the preview server's broker. Playwright's own BiDi mode fails on
// Firefox ESR, so Firefox is driven by puppeteer-core over WebDriver BiDi, inside this test.

const firefoxPath = findFirefox();
const ci = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
if (firefoxPath === null && ci) throw new Error(`No Firefox, and CI must test in it (npm run test:e2e installs it as root on Debian). ${FIREFOX_HINT}`);
test.skip(firefoxPath === null, `Firefox is not installed, and npm run test:e2e could install it only as root on Debian. ${FIREFOX_HINT}`);

/**
 * Puppeteer's ARIA selector: fields and buttons by role and accessible name, as a user finds
 * them. Through element handles: puppeteer's Locator waits with Function(), refused by the CSP.
 */
const byRole = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

const textOf = (page: FirefoxPage, testId: string) =>
  page.$eval(`[data-testid="${testId}"]`, (element) => element.textContent);

/**
 * Polls `check` in the page until it holds. Puppeteer's waitForFunction compiles its predicate
 * with Function(), which the page's CSP (no 'unsafe-eval') rightly forbids; evaluate does not.
 */
async function waitInPage(page: FirefoxPage, what: string, check: () => boolean, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(check))) {
    if (Date.now() > deadline) {
      const state = await page.evaluate(() => ['height', 'mine-result', 'pending'].map((id) => `${id}: ${document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '(none)'}`).join('; '));
      throw new Error(`Firefox: still not ${what} after ${timeout} ms (${state})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForHeight(page: FirefoxPage, expected: string, timeout?: number): Promise<void> {
  await page.evaluate((value) => { (globalThis as { expectedHeight?: string }).expectedHeight = value; }, expected);
  await waitInPage(page, `at height ${expected}`, () => document.querySelector('[data-testid="height"]')?.textContent === (globalThis as { expectedHeight?: string }).expectedHeight, timeout);
}

test('a Chromium computer, a Firefox one and another Chromium one are one network: each sees the others’ blocks', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  if (firefoxPath === null || baseURL === undefined) throw new Error('unreachable');
  const network = freshNetwork();
  const query = `&broker=/mqtt&genesis=shared&difficulty=3&autoresolve=1`;

  // A desktop's window (ESR has no viewport emulation over BiDi): in 800×600 the Mine button
  // sits on the bottom edge, and a click that scrolls it into view can miss it.
  const firefox: FirefoxBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    defaultViewport: null,
    args: ['--window-size=1280,900'],
  });
  try {
    const contextA = await browser.newContext();
    const a = await openTab(contextA, network, query);
    // A window, not a tab: Firefox throttles background tabs.
    const fox = await firefox.newPage({ type: 'window' });
    // Its fast engine: headless Firefox's SubtleCrypto digests are slow here, and a block's proof
    // from the fast engine is checked again with SubtleCrypto before it is forged.
    await fox.goto(`${baseURL}/?net=${network}${query}&engine=fast`);
    const foxBadge = await fox.waitForSelector('.whoami [data-node-id]', { timeout: 30_000 });
    const foxId = await foxBadge?.evaluate((element) => element.getAttribute('data-node-id'));
    if (typeof foxId !== 'string') throw new Error('Firefox’s node badge has no id.');
    const contextC = await browser.newContext();
    const c = await openTab(contextC, network, query);

    for (const tab of [a, c]) await expect(onlinePeers(tab.page)).toHaveCount(2);
    await waitInPage(fox, 'hearing both Chromiums', () => document.querySelectorAll('ul.peers li[data-status="online"]').length === 2);
    expect(await fox.evaluate(() => navigator.userAgent)).toContain('Firefox');

    // A (Chromium) adds a transaction and mines: Firefox and C adopt the block at once.
    await addTransaction(a.page, 'alice', 'bob', '5');
    await mine(a.page, 2);
    await waitForHeight(fox, '2');
    await expect(height(c.page)).toHaveText('2');
    expect(await fox.$eval('article[aria-label="Block 2"]', (card) => card.textContent)).toContain('alice');

    // Firefox is a full node too: it mines with its own SubtleCrypto, and both Chromiums adopt its block.
    for (const [field, value] of [['Sender', 'firefox'], ['Recipient', 'carol'], ['Amount', '2']] as const) {
      await (await fox.waitForSelector(byRole('textbox', field)))?.type(value);
    }
    await (await fox.waitForSelector(byRole('button', 'Add transaction')))?.click();
    await waitInPage(fox, 'holding its payment', () => document.querySelector('[data-testid="pending"]')?.textContent.includes('firefox') === true);
    await (await fox.waitForSelector(byRole('button', 'Mine')))?.click();
    await waitForHeight(fox, '3', 45_000);
    for (const tab of [a, c]) await expect(height(tab.page)).toHaveText('3');
    const chain = await exportChain(c.page);
    expect(chain).toContain('firefox');
    expect(await exportChain(a.page)).toBe(chain);
    expect(await textOf(fox, 'height')).toBe('3');

    // Firefox closes abruptly: the others see it gone through its last will.
    await firefox.close();
    for (const tab of [a, c]) await expect(peerLine(tab, foxId)).toHaveAttribute('data-status', 'left', { timeout: 5_000 });
    await contextA.close();
    await contextC.close();
  } finally {
    if (firefox.connected) await firefox.close();
  }
});
