import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { test } from '@playwright/test';
import { addTransaction, height, openTabs, openTabsWith, showTab } from './tabs';

const request = (page: Page) => page.getByRole('textbox', { name: 'Request' });
/** The log's entries, newest first. */
const exchanges = (page: Page) => page.getByTestId('exchange');

/** Types a request in the console and sends it with Enter. */
async function send(page: Page, text: string): Promise<void> {
  await request(page).fill(text);
  await request(page).press('Enter');
  await expect(page.getByTestId('console-answer')).toContainText('Answered');
}

/** The newest entry: its origin, request line, status line and exact answer text. */
async function expectNewest(page: Page, origin: 'typed' | 'button', line: string, status: string, answer?: string): Promise<void> {
  const newest = exchanges(page).first();
  await expect(newest.locator('.exchange-request')).toContainText(`${origin} ${line}`);
  await expect(newest.getByTestId('exchange-status')).toHaveText(status);
  if (answer !== undefined) await expect.poll(() => newest.getByTestId('exchange-answer').textContent()).toBe(answer);
}

test('typed requests and pasted curl commands are answered with the Flask node’s JSON and status codes; clicks are listed as their requests', async ({
  context,
}) => {
  const [a, b] = await openTabsWith(context, 2, '&difficulty=2');
  if (!a || !b) throw new Error('two tabs expected');
  for (const tab of [a, b]) await showTab(tab.page, 'API console');

  await send(a.page, 'POST /transactions/new {"sender": "alice", "recipient": "bob", "amount": 5.0}');
  await expectNewest(a.page, 'typed', 'POST /transactions/new', 'HTTP/1.1 201 CREATED', '{\n  "message": "Transaction will be added to Block 2"\n}\n');
  await expect(a.page.getByTestId('pending')).toContainText('Pending transactions (1)');

  // The tutorial's curl command, sent with the button: the block keeps the float 5.0 exactly.
  await request(a.page).fill('curl http://localhost:5000/mine');
  await a.page.getByRole('button', { name: 'Send' }).click();
  await expectNewest(a.page, 'typed', 'GET /mine', 'HTTP/1.1 200 OK');
  await expect(height(a.page)).toHaveText('2');
  const mined = exchanges(a.page).first().getByTestId('exchange-answer');
  await expect(mined).toContainText('"message": "New Block Forged"');
  await expect(mined).toContainText('"amount": 5.0,');
  await expect(mined).toContainText('"index": 2,');
  await expect(request(a.page)).toBeFocused();

  // Up brings back the last request, Up again the one before.
  await request(a.page).press('ArrowUp');
  await expect(request(a.page)).toHaveValue('curl http://localhost:5000/mine');
  await request(a.page).press('ArrowUp');
  await expect(request(a.page)).toHaveValue(/^POST \/transactions\/new/);
  await request(a.page).press('ArrowDown');
  await request(a.page).press('ArrowDown');
  await expect(request(a.page)).toHaveValue('');

  // B's clicks appear in B's console as the requests they stand for.
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(height(b.page)).toHaveText('2');
  await expectNewest(b.page, 'button', 'GET /nodes/resolve', 'HTTP/1.1 200 OK');
  await expect(exchanges(b.page).first().getByTestId('exchange-answer')).toContainText('"message": "Our chain was replaced"');
  // A whole chain is long: it starts folded.
  await exchanges(b.page).first().getByRole('button', { name: 'Unfold the answer' }).click();
  await expect(exchanges(b.page).first().getByRole('button', { name: 'Fold the answer' })).toHaveAttribute('aria-expanded', 'true');

  await addTransaction(b.page, 'carol', 'dave', '2.5');
  await expectNewest(b.page, 'button', 'POST /transactions/new', 'HTTP/1.1 201 CREATED', '{\n  "message": "Transaction will be added to Block 3"\n}\n');
  await expect(exchanges(b.page).first().getByTestId('exchange-sent')).toHaveText('{"amount": 2.5, "recipient": "dave", "sender": "carol"}');
  await b.page.getByRole('button', { name: 'Mine' }).click();
  await expect(height(b.page)).toHaveText('3');
  await expectNewest(b.page, 'button', 'GET /mine', 'HTTP/1.1 200 OK');

  // A's console lists only A's requests; B's never reach it.
  await expect(exchanges(a.page)).toHaveCount(2);
  await expect(exchanges(b.page)).toHaveCount(3);
  await expect(exchanges(b.page).locator('.exchange-origin')).toHaveText(['button', 'button', 'button']);
});

test('a request that cannot be read is explained; wrong paths and bodies get Flask’s own error answers', async ({ context }) => {
  const [a] = await openTabs(context, 1);
  if (!a) throw new Error('one tab expected');
  const { page } = a;
  await showTab(page, 'API console');

  await request(page).fill('GET chain');
  await request(page).press('Enter');
  await expect(page.getByRole('alert')).toHaveText('“chain” is not a path: a path starts with /, like /chain.');
  await expect(request(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(request(page)).toHaveValue('GET chain');
  await request(page).fill("curl -X POST -d '{\"amount\": 5} http://localhost:5000/transactions/new");
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('alert')).toHaveText("The quote ' at character 17 is never closed.");
  await expect(exchanges(page)).toHaveCount(0);

  await send(page, 'GET /nope');
  await expectNewest(
    page,
    'typed',
    'GET /nope',
    'HTTP/1.1 404 NOT FOUND',
    '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
      '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
  );
  await send(page, 'POST /chain');
  await expectNewest(
    page,
    'typed',
    'POST /chain',
    'HTTP/1.1 405 METHOD NOT ALLOWED',
    '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n',
  );
  await send(page, 'POST /transactions/new {"sender": "alice"}');
  await expectNewest(page, 'typed', 'POST /transactions/new', 'HTTP/1.1 400 BAD REQUEST', 'Missing values');
  await send(page, 'POST /transactions/new {"sender": "alice",}');
  await expectNewest(page, 'typed', 'POST /transactions/new', 'HTTP/1.1 400 BAD REQUEST');
  await expect(exchanges(page).first().getByTestId('exchange-answer')).toContainText(
    'Failed to decode JSON object: Expecting property name enclosed in double quotes: line 1 column 20 (char 19)',
  );
  await expect(page.getByTestId('pending')).toContainText('Pending transactions (0)');

  // An example fills the request in; nothing is sent until Send.
  await page.getByLabel('Examples').selectOption({ label: 'GET /nodes/resolve' });
  await expect(request(page)).toHaveValue('GET /nodes/resolve');
  await expect(request(page)).toBeFocused();
  await expect(exchanges(page)).toHaveCount(4);
});

test('a long answer shows its start, and downloads whole', async ({ context }) => {
  const [a] = await openTabsWith(context, 1, '&difficulty=1');
  if (!a) throw new Error('one tab expected');
  const { page } = a;
  await showTab(page, 'API console');
  // Flask keeps whatever JSON a transaction holds: a long sender makes a long /mine answer.
  await send(page, `POST /transactions/new {"sender": "${'s'.repeat(12_000)}", "recipient": "bob", "amount": 1}`);
  await send(page, 'GET /mine');
  await expectNewest(page, 'typed', 'GET /mine', 'HTTP/1.1 200 OK');
  const newest = exchanges(page).first();
  await expect(newest.getByTestId('exchange-more')).toContainText(/… \([\d,]+ more bytes\)/);
  const [download] = await Promise.all([page.waitForEvent('download'), newest.getByRole('button', { name: 'Download the whole answer' }).click()]);
  const whole = await readFile(await download.path(), 'utf8');
  expect(download.suggestedFilename()).toMatch(/^get-mine-\d+\.json$/);
  expect(whole.startsWith((await newest.getByTestId('exchange-answer').textContent()) ?? '-')).toBe(true);
  expect(whole).toContain(`"sender": "${'s'.repeat(12_000)}"`);
  expect(whole.endsWith('}\n')).toBe(true);
});
