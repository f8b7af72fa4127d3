import { writeFile } from 'node:fs/promises';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { Transaction } from '../src/core/block';
import { mineChain } from '../src/core/chain-builder.test-suite';
import { jsSha256 } from '../src/core/js-sha256.test-suite';
import { dumpsPython } from '../src/core/python-json';
import { addTransaction, exportChain, freshNetwork, height, importChain, mine, onlinePeers, openTab } from './tabs';

/*
 * Text from peers and files is rendered as text: script-injection strings sent as sender,
 * recipient and amount through a real tab, through a hand-written peer on the channel and
 * through an imported file are shown literally and never run. And the page ships a
 * Content-Security-Policy that blocks inline scripts without getting in the app's way.
 */

declare global {
  interface Window {
    __xss?: boolean;
    __violations?: string[];
  }
}

/** Each would set window.__xss or open a dialog if it ever ran as markup or code. */
const PAYLOADS = [
  '<script>window.__xss = true</script>',
  '<img src=x onerror="window.__xss = true">',
  '"><svg onload="window.__xss = true">',
  "'><iframe srcdoc=\"<script>parent.__xss = true</script>\">",
  'javascript:window.__xss = true',
  '<a href="javascript:alert(1)">click me</a>',
  '</td></tr></table><script>alert(1)</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '${window.__xss = true}',
  '{{constructor.constructor("window.__xss = true")()}}',
  '<style>body { display: none }</style>',
  '\u202Etxt.exe\u202C <b>bold</b> \u2066isolated\u2069',
];

/** Elements that only an injected payload would create. */
const INJECTED = '#root script, #root img, #root svg[onload], #root iframe, #root a[href^="javascript"], #root style, #root math, #root b';

const TABS = '&rule=tutorial&difficulty=1&genesis=node&autoresolve=0';

/** Records CSP violations from the first script on, flags the sentinel, and refuses dialogs. */
async function guard(context: BrowserContext): Promise<string[]> {
  const dialogs: string[] = [];
  await context.addInitScript(() => {
    window.__xss = false;
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  return dialogs;
}

async function expectNothingRan(page: Page, dialogs: readonly string[]): Promise<void> {
  expect(await page.evaluate(() => window.__xss)).toBe(false);
  expect(dialogs).toEqual([]);
  await expect(page.locator(INJECTED)).toHaveCount(0);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
}

/** Every payload appears, as the very text it is, in some table cell of the page. */
async function expectShownLiterally(page: Page, texts: readonly string[]): Promise<void> {
  for (const text of texts) {
    await expect.poll(() => page.locator('table.transactions td').allTextContents()).toContain(text);
  }
}

/** A chain valid under the tutorial rule at difficulty 1 whose transactions hold the payloads, amounts as text too. */
async function hostileChain(): Promise<string> {
  const transactions: Transaction[] = PAYLOADS.map((text) => ({ sender: text, recipient: text, amount: text }));
  const chain = await mineChain({ rule: 'tutorial', difficulty: 1, sha256: jsSha256, blocks: [transactions.slice(0, 6), transactions.slice(6)] });
  return `${dumpsPython({ chain, length: BigInt(chain.length) }, { compact: true })}\n`;
}

/** A page of the app's origin that is no tab: it speaks on a network's channel by hand. */
async function rawPeer(context: BrowserContext): Promise<Page> {
  const raw = await context.newPage();
  await raw.goto('/favicon.svg');
  return raw;
}

test('payloads typed in a tab, mined and resolved into another, are shown as text and never run', async ({ context }) => {
  const dialogs = await guard(context);
  const network = freshNetwork();
  const a = await openTab(context, network, TABS);
  const b = await openTab(context, network, TABS);
  for (const tab of [a, b]) await expect(onlinePeers(tab.page)).toHaveCount(1);

  for (const payload of PAYLOADS) {
    await addTransaction(a.page, payload, payload, '5');
    // The form empties once the node has queued the transaction.
    await expect(a.page.getByLabel('Sender')).toHaveValue('');
  }
  // A payload as the amount is refused by the form, and its error does not echo it.
  await addTransaction(a.page, 'mallory', 'eve', PAYLOADS[0]!);
  await expect(a.page.getByRole('alert')).toHaveText('Amount must be a finite number, like 5 or 2.5.');

  await mine(a.page, 2);
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(height(b.page)).toHaveText('2');
  for (const tab of [a, b]) {
    await expectShownLiterally(tab.page, PAYLOADS);
    await expectNothingRan(tab.page, dialogs);
  }
});

test('payloads sent by a hand-written peer on the channel are shown as text and never run', async ({ context }) => {
  const dialogs = await guard(context);
  const network = freshNetwork();
  const b = await openTab(context, network, TABS);
  const body = await hostileChain();

  // It arrives, and answers chain requests with the file.
  const raw = await rawPeer(context);
  const fakeId = 'f00dfeedf00d4feedf00dfeedf00dfee';
  await raw.evaluate(
    ({ channelName, network, fakeId, body, payloads }) => {
      const channel = new BroadcastChannel(channelName);
      channel.onmessage = (event: MessageEvent<{ kind?: string; to?: string; from?: string; requestId?: string }>) => {
        const message = event.data;
        if (message.kind === 'chain-request' && message.to === fakeId) {
          channel.postMessage({ kind: 'chain-response', v: 1, from: fakeId, to: message.from, requestId: message.requestId, body });
        }
      };
      channel.postMessage({ kind: 'arrive', v: 1, from: fakeId, network });
      // Malformed messages carrying the payloads where no text belongs: counted and dropped.
      for (const payload of payloads) {
        channel.postMessage({ kind: payload, v: 1, from: fakeId });
        channel.postMessage({ kind: 'tip', v: 1, from: fakeId, height: 3, hash: payload });
      }
    },
    { channelName: `tabchain:v1:${network}`, network, fakeId, body, payloads: PAYLOADS },
  );

  await expect(b.page.locator(`ul.peers li[data-peer-id="${fakeId}"]`)).toBeVisible();
  await expect(b.page.getByTestId('malformed-count')).toHaveText(`Malformed messages dropped: ${PAYLOADS.length * 2}`);
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(height(b.page)).toHaveText('3');
  await expectShownLiterally(b.page, PAYLOADS);
  await expectNothingRan(b.page, dialogs);
});

test('payloads in an imported chain file are shown as text and never run', async ({ context }, testInfo) => {
  const dialogs = await guard(context);
  const a = await openTab(context, freshNetwork(), TABS);
  const file = testInfo.outputPath('hostile-chain.json');
  await writeFile(file, await hostileChain());

  await importChain(a.page, file);
  await expect(a.page.getByTestId('import-result')).toContainText('Valid chain of 3 blocks imported');
  await expectShownLiterally(a.page, PAYLOADS);
  await expectNothingRan(a.page, dialogs);
});

test('a tab flooding the channel is throttled and counted, and the other tabs keep working', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, TABS);
  const b = await openTab(context, network, TABS);
  await expect(onlinePeers(b.page)).toHaveCount(1);

  const raw = await rawPeer(context);
  const flooder = 'badbadbadbad4badbadbadbadbadbadb';
  await raw.evaluate(
    ({ channelName, flooder, network, targets }) => {
      const channel = new BroadcastChannel(channelName);
      channel.postMessage({ kind: 'arrive', v: 1, from: flooder, network });
      for (let n = 0; n < 10_000; n++) {
        for (const to of targets) channel.postMessage({ kind: 'welcome', v: 1, from: flooder, to });
        channel.postMessage({ kind: 'chain-request', v: 1, from: flooder, to: targets[n % 2], requestId: `r${n}` });
        channel.postMessage({ kind: 'welcome', v: 1, from: flooder, to: 'x'.repeat(1000) });
      }
    },
    { channelName: `tabchain:v1:${network}`, flooder, network, targets: [a.id, b.id] },
  );

  for (const tab of [a, b]) {
    await expect(tab.page.getByTestId('malformed-count')).toHaveText('Malformed messages dropped: 10000');
    await expect(tab.page.getByTestId('dropped-count')).toHaveText(/^Messages dropped from tabs sending too fast \(over 50 a second\): [1-9]\d{3,}$/);
  }
  // The flooded tabs still mine, hear each other and resolve.
  await mine(a.page, 2);
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(height(b.page)).toHaveText('2');
});

test('Import chain states its limit, and refuses a wrong shape, NaN under strict rules and a file over the limit', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, `${TABS}&strict=1`);
  const b = await openTab(context, network, `${TABS}&strict=1`);
  await expect(onlinePeers(a.page)).toHaveCount(1);
  await expect(a.page.getByTestId('import-limit')).toHaveText(
    'Import chain reads files of up to 32 MiB and adopts the chain only if it is valid under this network’s rules.',
  );
  await expect(a.page.getByText('Sender and recipient: up to 200 characters.')).toBeVisible();
  await mine(a.page, 2);
  const before = await exportChain(a.page);
  const result = a.page.getByTestId('import-result');

  const pick = async (name: string, text: string | Buffer) => {
    const [chooser] = await Promise.all([a.page.waitForEvent('filechooser'), a.page.getByRole('button', { name: 'Import chain' }).click()]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: typeof text === 'string' ? Buffer.from(text) : text });
  };
  await pick('shape.json', '{"blocks": []}');
  await expect(result).toHaveText("✗ Not imported, nothing changed: The document is an object without a 'chain' list.");
  await pick('nan.json', before.replace('"amount":1,', '"amount":NaN,'));
  await expect(result).toHaveText('✗ Not imported, nothing changed: Block 2 (chain[1]) contains NaN or Infinity, which JSON cannot hold and strict rules refuse.');
  await pick('huge.json', Buffer.alloc(32 * 1024 * 1024 + 1, 0x20));
  await expect(result).toHaveText('✗ Not imported, nothing changed: The file is larger than 32 MiB, the most a chain file may hold.');

  expect(await exportChain(a.page)).toBe(before);
  // The other tab saw nothing change either: it is still one block behind.
  await expect(height(b.page)).toHaveText('1');
});

test('the page ships a Content-Security-Policy that lets the app work and stops inline scripts', async ({ context }, testInfo) => {
  const dialogs = await guard(context);
  const network = freshNetwork();
  const a = await openTab(context, network, TABS);
  const b = await openTab(context, network, TABS);
  await expect(onlinePeers(b.page)).toHaveCount(1);

  const policy = await a.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("worker-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');

  // Using the app (workers, mining, peers, files) breaks no rule of the policy.
  await addTransaction(a.page, 'alice', 'bob', '2.5');
  await mine(a.page, 2);
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(height(b.page)).toHaveText('2');
  const file = testInfo.outputPath('chain.json');
  await writeFile(file, await hostileChain());
  await importChain(b.page, file);
  await expect(height(b.page)).toHaveText('3');
  for (const tab of [a, b]) await expectNothingRan(tab.page, dialogs);

  // An inline script that reaches the DOM anyway does not run, and the browser reports it.
  await a.page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__xss = true';
    document.body.append(script);
  });
  await expect.poll(() => a.page.evaluate(() => window.__violations?.length)).toBeGreaterThan(0);
  for (const violation of (await a.page.evaluate(() => window.__violations)) ?? []) expect(violation).toMatch(/^script-src/);
  expect(await a.page.evaluate(() => window.__xss)).toBe(false);
});
