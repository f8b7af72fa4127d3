import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/find-chromium.mjs';
import { freshNetwork, height, mine, onlinePeers } from './tabs';

/*
 * A student's laptop opens http://TEACHER-IP:PORT/: plain http to an address that is not this
 * computer, which browsers do not take for a secure context (no SubtleCrypto, no randomUUID, no
 * Web Locks). Here a made-up host name resolved to the test server by Chromium's own resolver
 * gives exactly that: the page is really insecure, the server and its broker are the real ones.
 */
const CLASSROOM_HOST = 'teacher-laptop.test';
const chromium = findChromium();
test.use({
  launchOptions: {
    args: [...CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${CLASSROOM_HOST} 127.0.0.1`],
    ...(chromium?.path ? { executablePath: chromium.path } : {}),
  },
});

const badge = (page: Page) => page.locator('.whoami [data-node-id]');

async function openInsecure(page: Page, baseURL: string | undefined, search: string): Promise<string> {
  const port = new URL(baseURL ?? '').port;
  await page.goto(`http://${CLASSROOM_HOST}:${port}/${search}`);
  await expect(badge(page)).toBeVisible();
  return (await badge(page).getAttribute('data-node-id')) ?? '';
}

test('over plain http from another address: a quiet note says why there is no SubtleCrypto and how to get it, and the node works', async ({ page, baseURL }) => {
  const network = freshNetwork();
  await openInsecure(page, baseURL, `?net=${network}&broker=/mqtt&difficulty=1`);
  expect(await page.evaluate(() => ({ secure: isSecureContext, subtle: typeof crypto.subtle, locks: 'locks' in navigator }))).toEqual({
    secure: false,
    subtle: 'undefined',
    locks: false,
  });
  const note = page.getByTestId('insecure-context-notice');
  await expect(note).toHaveText(
    "This page came over plain http from another computer, where browsers give no SubtleCrypto: it hashes with JavaScript's SHA-256 and mines with the fast engine, with the very same hashes and proofs. For SubtleCrypto, the teacher runs npm start -- --https and each student accepts the certificate once.",
  );
  // Said once: not in the warnings' banner as well.
  await expect(page.getByRole('alert').filter({ hasText: 'SubtleCrypto' })).toHaveCount(0);
  await expect(page.getByTestId('connection-line')).toHaveText(/^Connected to the class broker \(teacher-laptop\.test:\d+\)$/);
  await mine(page, 2);
});

test('without Web Locks a duplicated tab still becomes a new node and says so, and a reload keeps its node', async ({ context, baseURL }) => {
  const network = freshNetwork();
  const original = await context.newPage();
  const id = await openInsecure(original, baseURL, `?net=${network}&difficulty=1`);
  // window.open copies the opener's sessionStorage, as the browser's Duplicate tab does.
  const [copy] = await Promise.all([context.waitForEvent('page'), original.evaluate(() => window.open(window.location.href))]);
  await expect(badge(copy)).toBeVisible();
  const copyId = await badge(copy).getAttribute('data-node-id');
  expect(copyId).not.toBe(id);
  expect(copyId).toMatch(/^[0-9a-f]{32}$/);
  await expect(copy.getByRole('alert')).toContainText(
    `This tab was duplicated from node ${id.slice(0, 8)}, which is still open; it became a new node ${copyId?.slice(0, 8) ?? ''}.`,
  );
  await expect(onlinePeers(copy)).toHaveCount(1);
  await expect(onlinePeers(original)).toHaveCount(1);

  // A reload is no duplicate: the page before is gone, its node stays.
  await mine(original, 2);
  await original.reload();
  await expect(badge(original)).toHaveAttribute('data-node-id', id);
  await expect(height(original)).toHaveText('2');
  await expect(original.getByRole('alert').filter({ hasText: 'duplicated' })).toHaveCount(0);
});
