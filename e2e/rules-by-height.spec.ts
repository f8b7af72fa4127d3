import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { blockCard, exportChain, freshNetwork, hashOf, height, importChain, mine, openTab, openTabsWith, showTab } from './tabs';

/** The SHA-256 of the tutorial's proof guess for each block after the genesis: `f'{last_proof}{proof}'`. */
function proofHashes(chainText: string): string[] {
  const { chain } = JSON.parse(chainText) as { chain: { proof: number }[] };
  return chain.slice(1).map((block, i) => createHash('sha256').update(`${chain[i]?.proof}${block.proof}`).digest('hex'));
}

async function hashesOf(page: Page, count: number): Promise<string[]> {
  const hashes: string[] = [];
  for (let number = 1; number <= count; number++) hashes.push(await hashOf(page, number));
  return hashes;
}

test('raising the difficulty keeps every tab’s blocks; the next block is mined at the new difficulty, and the chain imports and re-exports', async ({
  context,
}, testInfo) => {
  test.setTimeout(120_000);
  const tabs = await openTabsWith(context, 3, '&autoresolve=1&genesis=shared&difficulty=1');
  const [a, b, c] = tabs;
  if (!a || !b || !c) throw new Error('three tabs expected');
  await mine(a.page, 2);
  await mine(a.page, 3);
  for (const { page } of tabs) await expect(height(page)).toHaveText('3');
  const mined = await hashesOf(a.page, 3);

  await showTab(b.page, 'Network rules');
  const rules = b.page.getByTestId('rules-panel');
  await rules.getByLabel('Difficulty').selectOption('3');
  await expect(rules).toContainText('Applies from block 4; every block already mined stays.');
  await rules.getByRole('button', { name: 'Apply to network' }).click();
  await expect(b.page.getByTestId('rules-result')).toHaveText('Applied from block 4: every block already mined keeps its rules.');
  // No question was asked: nothing is erased.
  await expect(b.page.getByRole('dialog')).toHaveCount(0);

  for (const { page } of tabs) {
    await expect(page.getByTestId('rules-summary')).toContainText('difficulty 3');
    await showTab(page, 'Network rules');
    await expect(page.getByTestId('rules-schedule')).toContainText('difficulty 1 for blocks 1–3, difficulty 3 from block 4');
    await expect(height(page)).toHaveText('3');
    expect(await hashesOf(page, 3)).toEqual(mined);
  }

  await mine(c.page, 4);
  const newest = await hashOf(c.page, 4);
  for (const { page } of tabs) {
    await expect(height(page)).toHaveText('4');
    expect(await hashesOf(page, 4)).toEqual([...mined, newest]);
    for (let number = 1; number <= 4; number++) await expect(blockCard(page, number)).toHaveAttribute('data-validity', 'valid');
  }
  // Blocks 2 and 3 were searched at difficulty 1, block 4 at 3.
  const text = await exportChain(c.page);
  const proofs = proofHashes(text);
  expect(proofs[0]).toMatch(/^0/);
  expect(proofs[1]).toMatch(/^0/);
  expect(proofs[2]).toMatch(/^000/);

  // The file of a chain that mixes difficulties: a tab of another network whose rules are
  // met by every block adopts it and writes it back byte for byte…
  const file = testInfo.outputPath('mixed-difficulties.json');
  await writeFile(file, text);
  const reader = await openTab(context, freshNetwork(), '&difficulty=1');
  await importChain(reader.page, file);
  await expect(reader.page.getByTestId('import-result')).toContainText('Valid chain of 4 blocks imported');
  await expect(height(reader.page)).toHaveText('4');
  expect(await exportChain(reader.page)).toBe(text);

  // …and one that wants difficulty 3 for every block refuses it at the first block mined at 1.
  const firstEasy = proofs.slice(0, 2).findIndex((hash) => !hash.startsWith('000')) + 2;
  test.skip(firstEasy === 1, 'both blocks mined at difficulty 1 happen to meet difficulty 3 (1 run in 65,536)');
  const strict = await openTab(context, freshNetwork(), '&difficulty=3');
  await importChain(strict.page, file);
  const refusal = strict.page.getByTestId('import-result');
  await expect(refusal).toContainText('Not imported, nothing changed');
  await expect(refusal).toContainText(`block ${firstEasy}`);
  await expect(height(strict.page)).toHaveText('1');
});

test('a chain that switches to bound at block 5 keeps its older blocks, and the tamper lab says they can still be forged for free', async ({ context }) => {
  test.setTimeout(120_000);
  const [a] = await openTabsWith(context, 1, '&difficulty=1');
  if (!a) throw new Error('one tab expected');
  const { page } = a;
  for (let next = 2; next <= 4; next++) await mine(page, next);
  const mined = await hashesOf(page, 4);

  await showTab(page, 'Network rules');
  const rules = page.getByTestId('rules-panel');
  await rules.getByLabel('Proof rule').selectOption('bound');
  await rules.getByRole('button', { name: 'Apply to network' }).click();
  await expect(page.getByTestId('rules-result')).toHaveText('Applied from block 5: every block already mined keeps its rules.');
  await expect(page.getByTestId('rules-schedule')).toContainText('rule tutorial for blocks 1–4, rule bound from block 5');
  expect(await hashesOf(page, 4)).toEqual(mined);
  await mine(page, 5);

  await page.getByLabel('Tamper lab: edit the blocks of this chain').check();
  for (let number = 2; number <= 4; number++) {
    await expect(blockCard(page, number).getByTestId('free-to-forge')).toHaveText(
      'Mined under the tutorial rule: this older block can still be rewritten for free, though blocks from 5 on are under bound.',
    );
  }
  await expect(blockCard(page, 5).getByTestId('free-to-forge')).toHaveCount(0);

  // Rewritten, block 2 itself stays valid: its tutorial proof does not cover its content.
  const recipient = page.getByLabel('Block 2 transaction 1 recipient');
  await recipient.fill('mallory');
  await recipient.press('Enter');
  await expect(blockCard(page, 2)).toHaveAttribute('data-validity', 'valid');
  await expect(blockCard(page, 3)).not.toHaveAttribute('data-validity', 'valid');
  await expect(blockCard(page, 2).getByTestId('free-to-forge')).toBeVisible();
});
