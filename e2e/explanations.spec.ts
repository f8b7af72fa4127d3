import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { blockCard, freshNetwork, mine, onlinePeers, openTab } from './tabs';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Opens one of a block card's explanations and returns it. */
async function openExplanation(page: Page, number: number, which: 'explain-hash' | 'explain-proof') {
  const details = blockCard(page, number).getByTestId(which);
  await details.locator('summary').click();
  await expect(details).toHaveAttribute('open', '');
  return details;
}

/** Checks that block `number`'s explanation is the exact text hashed into the hash its card shows. */
async function expectHashExplained(page: Page, number: number): Promise<string> {
  const card = blockCard(page, number);
  const hash = await card.getAttribute('data-hash');
  const details = await openExplanation(page, number, 'explain-hash');
  const text = details.getByTestId('hashed-text');
  await expect(details.getByTestId('hashed-sha256')).toHaveText(hash ?? 'no hash');
  // The text shown is byte for byte what was hashed: Node's own SHA-256 of it is the block's hash.
  expect(sha256((await text.textContent()) ?? '')).toBe(hash);
  return (await text.textContent()) ?? '';
}

test('a block shows the exact text behind its hash and the guess behind its proof; a tampered chain says why in one sentence', async ({
  context,
}) => {
  const network = freshNetwork();
  const extra = '&rule=tutorial&difficulty=2';
  const a = await openTab(context, network, extra);
  const b = await openTab(context, network, extra);
  for (const tab of [a, b]) await expect(onlinePeers(tab.page)).toHaveCount(1);
  await mine(a.page, 2);
  await mine(a.page, 3);

  // How block 2's hash is made: Python's json.dumps(block, sort_keys=True), then SHA-256.
  const text = await expectHashExplained(a.page, 2);
  expect(text).toMatch(/^\{"index": 2, "previous_hash": "[0-9a-f]{64}", "proof": \d+, "timestamp": [\d.]+, "transactions": \[\{"amount": 1, "recipient": "[0-9a-f]{32}", "sender": "0"\}\]\}$/);

  // How its proof is checked: the guess string, its SHA-256, the difficulty's two zeros marked.
  const proof = await openExplanation(a.page, 2, 'explain-proof');
  const guess = (await proof.getByTestId('proof-guess').textContent()) ?? '';
  expect(guess).toMatch(/^100\d+$/);
  const digest = proof.getByTestId('proof-hash');
  await expect(digest).toHaveText(sha256(guess));
  await expect(digest.locator('mark')).toHaveText('00');
  await expect(proof.getByTestId('proof-verdict')).toHaveText('✓ It starts with 2 zeros, as difficulty 2 requires: the proof holds.');

  // Tab B adopts the chain and explains the very same block the same way.
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  await expect(b.page.getByTestId('height')).toHaveText('3');
  expect(await expectHashExplained(b.page, 2)).toBe(text);

  // B mines on, so that its tip is not on A's chain and it asks A for all of A's chain below.
  await mine(b.page, 4);

  // Tamper with block 2 in A: its open explanation follows, and block 3 says why it is invalid in one sentence.
  await a.page.getByLabel('Tamper lab: edit the blocks of this chain').check();
  const recipient = a.page.getByLabel('Block 2 transaction 1 recipient');
  await recipient.fill('mallory');
  await recipient.press('Enter');
  await expect(a.page.getByTestId('chain-verdict')).toHaveAttribute('data-valid', 'false');
  const edited = blockCard(a.page, 2).getByTestId('hashed-text');
  await expect(edited).toContainText('"recipient": "mallory"');
  expect(sha256((await edited.textContent()) ?? '')).toBe(await blockCard(a.page, 2).getAttribute('data-hash'));
  const reason =
    /^previous_hash mismatch at block 3 \(chain\[2\]\): it holds "[0-9a-f]{64}", but the hash of block 2 \(chain\[1\]\) is "[0-9a-f]{64}", so the link between them is broken\.$/;
  const validity = blockCard(a.page, 3).getByTestId('block-validity');
  await expect(validity).toHaveText(/^✗ invalid: previous_hash mismatch at block 3/);
  expect(((await validity.textContent()) ?? '').replace(/^✗ invalid: /, '')).toMatch(reason);

  // A mines on its tampered chain; B asks for A's longer chain and refuses it with the same sentence.
  await mine(a.page, 4);
  await mine(a.page, 5);
  await b.page.getByRole('button', { name: 'Resolve' }).click();
  const report = b.page.locator(`.reports li[data-kind="invalid"]`).filter({ hasText: 'previous_hash mismatch' });
  // The result is one line; the report of every peer is one click away.
  await b.page.getByTestId('resolve-result').locator('summary').click();
  await expect(report).toBeVisible();
  expect(((await report.textContent()) ?? '').replace(/^.*?invalid: /, '')).toMatch(reason);
});
