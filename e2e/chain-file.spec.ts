import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { exportChain, height, importChain, mine, openTabs } from './tabs';

const reference = (name: string) => fileURLToPath(new URL(`../fixtures/reference/${name}`, import.meta.url));

test('an imported reference chain is adopted and re-exports byte for byte', async ({ context }) => {
  const [a] = await openTabs(context, 1);
  if (!a) throw new Error('one tab expected');
  const file = reference('tutorial_chain_short.json');

  await importChain(a.page, file);
  await expect(a.page.getByTestId('import-result')).toContainText('Valid chain of 3 blocks imported');
  await expect(height(a.page)).toHaveText('3');
  expect(await exportChain(a.page)).toBe(await readFile(file, 'utf8'));

  // The adopted chain is ours to extend: a block mined on it links to the Python node's block 3.
  await mine(a.page, 4);
  const extended = JSON.parse(await exportChain(a.page)) as { chain: { previous_hash: string }[] };
  expect(extended.chain[3]?.previous_hash).toMatch(/^[0-9a-f]{64}$/);
});

test('an invalid import shows its reason and block and changes nothing', async ({ context }) => {
  const [a] = await openTabs(context, 1);
  if (!a) throw new Error('one tab expected');
  await mine(a.page, 2);
  const before = await exportChain(a.page);

  await importChain(a.page, reference('tutorial_invalid_tampered_amount_block2.json'));
  const result = a.page.getByTestId('import-result');
  await expect(result).toContainText('Not imported, nothing changed');
  await expect(result).toContainText('block 3');
  await expect(height(a.page)).toHaveText('2');
  expect(await exportChain(a.page)).toBe(before);

  // Not JSON at all: a clear message, nothing changes.
  const [chooser] = await Promise.all([
    a.page.waitForEvent('filechooser'),
    a.page.getByRole('button', { name: 'Import chain' }).click(),
  ]);
  await chooser.setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json {') });
  await expect(result).toContainText('not JSON');
  expect(await exportChain(a.page)).toBe(before);
});
