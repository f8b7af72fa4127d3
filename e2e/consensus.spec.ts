import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
  addTransaction,
  blockCard,
  exportChain,
  freshNetwork,
  height,
  importChain,
  lastBlock,
  mine,
  onlinePeers,
  openTab,
  openTabsWith,
  hashOf,
  peerRelation, showTab } from './tabs';

/** The report of one peer in a tab's last resolve result. */
const reportFor = (page: Page, peerId: string) =>
  page.getByTestId('resolve-result').locator(`ul.reports li:has([data-node-id="${peerId}"])`);

test('chains diverged at block 2 say so before any click; Resolve names the winner, the dropped block and the orphan', async ({
  context,
}) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&genesis=shared&difficulty=2&autoresolve=0');
  const b = await openTab(context, network, '&genesis=shared&difficulty=2&autoresolve=0');
  for (const tab of [a, b]) await expect(onlinePeers(tab.page)).toHaveCount(1);

  await addTransaction(b.page, 'bob', 'eve', '2');
  await mine(b.page, 2);
  const droppedHash = await hashOf(b.page, 2);
  await mine(a.page, 2);

  // Same length, different block 2: diverged, and neither is ahead.
  await expect(peerRelation(a.page, b.id)).toHaveText(/diverged at block 2 \(2 blocks vs our 2\)/);
  await expect(peerRelation(b.page, a.id)).toHaveText(/diverged at block 2 \(2 blocks vs our 2\)/);
  await expect(peerRelation(b.page, a.id)).toHaveAttribute('data-relation', 'diverged');

  await mine(a.page, 3);
  // Only now is A's chain the longer one, and B's panel counts it.
  await expect(peerRelation(b.page, a.id)).toHaveText(/diverged at block 2 \(3 blocks vs our 2\)/);
  await expect(peerRelation(a.page, b.id)).toHaveText(/diverged at block 2 \(2 blocks vs our 3\)/);
  await expect(height(b.page)).toHaveText('2');
  const adoptedHashes = [await hashOf(a.page, 2), await hashOf(a.page, 3)];

  await b.page.getByRole('button', { name: 'Resolve' }).click();
  const result = b.page.getByTestId('resolve-result');
  await expect(result).toContainText('Our chain was replaced by');
  await expect(result.locator('.verdict [data-node-id]')).toHaveAttribute('data-node-id', a.id);
  await expect(reportFor(b.page, a.id)).toContainText('longer and valid (3 blocks): the winner, adopted');
  await expect(result.getByTestId('replacement')).toContainText(
    'Both chains share block 1. Dropped our block 2; adopted blocks 2–3.',
  );
  const dropped = result.getByTestId('dropped-blocks');
  await expect(dropped).toContainText('Dropped: block 2');
  await expect(dropped.locator(`[title="${droppedHash}"]`)).toHaveCount(1);
  const adopted = result.getByTestId('adopted-blocks');
  await expect(adopted).toContainText('Adopted: block 2');
  await expect(adopted).toContainText('block 3');
  for (const hash of adoptedHashes) await expect(adopted.locator(`[title="${hash}"]`)).toHaveCount(1);

  // B's payment was only in the dropped block: it waits for the next block again.
  await expect(b.page.getByTestId('pending')).toContainText('Pending transactions (1)');
  await expect(b.page.getByTestId('pending')).toContainText('eve');
  await expect(height(b.page)).toHaveText('3');
  await expect(lastBlock(b.page)).toHaveAttribute('data-hash', adoptedHashes[1]!);
  await expect(peerRelation(b.page, a.id)).toHaveText(/same chain/);

  // The dropped block stays in B's fork tree, marked orphaned in the drawing and in words.
  const forkTree = b.page.getByTestId('fork-tree');
  await expect(forkTree.locator(`[data-orphaned="true"][data-hash="${droppedHash}"]`)).toHaveCount(1);
  await expect(forkTree.getByRole('list', { name: 'Chains in the fork tree' })).toContainText('orphaned: block 2');
});

for (const rule of ['tutorial', 'bound'] as const) {
  test(`a tampered chain (${rule} rule) is marked block by block, refused by a peer, and Repair tells what it cost`, async ({
    context,
  }) => {
    const network = freshNetwork();
    const extra = `&rule=${rule}&difficulty=2`;
    const a = await openTab(context, network, extra);
    await mine(a.page, 2);
    await mine(a.page, 3);
    await mine(a.page, 4);
    const b = await openTab(context, network, extra);
    for (const tab of [a, b]) await expect(onlinePeers(tab.page)).toHaveCount(1);
    await mine(b.page, 2);
    const chainOfB = await exportChain(b.page);

    await a.page.getByLabel('Tamper lab: edit the blocks of this chain').check();
    const recipient = a.page.getByLabel('Block 2 transaction 1 recipient');
    await recipient.fill('mallory');
    await recipient.press('Enter');

    // Under the tutorial rule the edited block keeps a valid proof and the next link breaks;
    // under the bound rule the edited block's own proof breaks.
    const broken = rule === 'tutorial' ? 3 : 2;
    const reason = rule === 'tutorial' ? `previous_hash mismatch at block 3` : `Bad proof at block 2`;
    const verdict = a.page.getByTestId('chain-verdict');
    await expect(verdict).toHaveAttribute('data-valid', 'false');
    await expect(verdict).toContainText(`Our chain is invalid from block ${broken}: ${reason}`);
    await expect(blockCard(a.page, 2).getByTestId('block-validity')).toContainText('edited in the tamper lab');
    for (let number = 1; number <= 4; number++) {
      const card = blockCard(a.page, number);
      const validity = card.getByTestId('block-validity');
      if (number < broken) {
        await expect(card).toHaveAttribute('data-validity', 'valid');
        await expect(validity).toContainText('valid');
      } else if (number === broken) {
        await expect(card).toHaveAttribute('data-validity', 'broken');
        await expect(validity).toContainText(`invalid: ${reason}`);
      } else {
        await expect(card).toHaveAttribute('data-validity', 'after-broken');
        await expect(validity).toContainText(`invalid: it follows block ${broken}, whose link or proof is broken`);
      }
    }
    // Block 2's hash changed, so block 3 no longer names it: that link is broken, in words.
    const link = a.page.locator('ol.blocks > li').filter({ has: blockCard(a.page, 3) }).getByTestId('chain-link');
    await expect(link).toHaveAttribute('data-linked', 'false');
    await expect(link).toContainText('broken link');
    await expect(a.page.locator('[data-testid="chain-link"][data-linked="false"]')).toHaveCount(1);

    // B asks: A's chain is longer but invalid, with its reason and block; B keeps its own.
    await b.page.getByRole('button', { name: 'Resolve' }).click();
    await expect(b.page.getByTestId('resolve-result')).toContainText('Our chain is authoritative.');
    const report = reportFor(b.page, a.id);
    await expect(report).toHaveAttribute('data-kind', 'invalid');
    await expect(report).toContainText(`invalid: ${reason}`);
    if (rule === 'tutorial') await expect(report).toContainText('previous_hash');
    await expect(height(b.page)).toHaveText('2');
    expect(await exportChain(b.page)).toBe(chainOfB);

    await a.page.getByRole('button', { name: 'Repair' }).click();
    const repaired = a.page.getByTestId('repair-result');
    await expect(repaired).toContainText('Repaired:');
    if (rule === 'tutorial') {
      await expect(repaired).toContainText('0 proofs mined again');
      await expect(repaired).toContainText('No mining at all');
    } else {
      await expect(repaired).toHaveText(/Repaired: \d+ links? rewritten, [1-9]\d* proofs? mined again/);
      await expect(repaired).not.toContainText('No mining at all');
      await expect(repaired).toContainText('Under the bound rule every changed block needed new proof-of-work');
    }
    await expect(verdict).toHaveAttribute('data-valid', 'true');
    await expect(verdict).toContainText("Our chain is valid under the network's rules.");
    await expect(a.page.locator('article[data-validity="valid"]')).toHaveCount(4);
    await expect(a.page.locator('[data-testid="chain-link"][data-linked="false"]')).toHaveCount(0);
    await expect(blockCard(a.page, 2).getByLabel('Block 2 transaction 1 recipient')).toHaveValue('mallory');

    // The rewritten history is as good as the real one: B now adopts it.
    await b.page.getByRole('button', { name: 'Resolve' }).click();
    await expect(reportFor(b.page, a.id)).toContainText('the winner, adopted');
    await expect(height(b.page)).toHaveText('4');
    await expect(lastBlock(b.page)).toHaveAttribute('data-hash', await hashOf(a.page, 4));
  });
}

test('a rule change made in one tab reaches every tab, and a later tab adopts it over its own URL', async ({ context }) => {
  const network = freshNetwork();
  const tabs = await openTabsWith(context, 3, '&difficulty=3', network);
  const [, b] = tabs;
  if (!b) throw new Error('three tabs expected');
  for (const { page } of tabs) await expect(page.getByTestId('rules-summary')).toContainText('difficulty 3, ');

  await showTab(b.page, 'Network rules');
  const rules = b.page.getByTestId('rules-panel');
  await rules.getByLabel('Difficulty').selectOption('1');
  await rules.getByLabel(/^Auto-resolve/).check();
  await rules.getByRole('button', { name: 'Apply to network' }).click();

  for (const { page } of tabs) {
    const summary = page.getByTestId('rules-summary');
    await expect(summary).toContainText('difficulty 1, ');
    await expect(summary).toContainText('auto-resolve on');
    await expect(summary.locator('[data-node-id]')).toHaveAttribute('data-node-id', b.id);
    await expect(page.locator('.whoami')).toContainText('difficulty 1');
  }

  // A tab that asks for difficulty 5 joins the running network and takes its rules instead.
  const late = await openTab(context, network, '&difficulty=5');
  const summary = late.page.getByTestId('rules-summary');
  await expect(summary).toContainText('difficulty 1, ');
  await expect(summary).toContainText('auto-resolve on');
  await expect(late.page.locator('.whoami')).toContainText('difficulty 1');
  const banner = late.page.locator('.banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText('This network already runs other rules');
  await expect(banner).toContainText('this tab adopted them');
  await expect(onlinePeers(late.page)).toHaveCount(3);
});

// The form is remounted (keyed on the rules clock) when the applied rules come back; the
// confirmation lives outside it and must survive that.
test('the confirmation of an applied rule change stays on screen', async ({ context }) => {
  const [, b] = await openTabsWith(context, 2, '&difficulty=3');
  if (!b) throw new Error('two tabs expected');
  await showTab(b.page, 'Network rules');
  const rules = b.page.getByTestId('rules-panel');
  await rules.getByLabel('Difficulty').selectOption('1');
  await rules.getByRole('button', { name: 'Apply to network' }).click();
  await expect(b.page.getByTestId('rules-summary')).toContainText('difficulty 1, ');
  await expect(b.page.getByTestId('rules-result')).toHaveText('Applied from block 2: every block already mined keeps its rules.');
});

test('with auto-resolve on, blocks mined in A reach B and C without any click', async ({ context }) => {
  const [a, b, c] = await openTabsWith(context, 3, '&autoresolve=1&genesis=shared&difficulty=2');
  if (!a || !b || !c) throw new Error('three tabs expected');

  await mine(a.page, 2);
  await mine(a.page, 3);
  const tip = await hashOf(a.page, 3);

  for (const tab of [b, c]) {
    await expect(height(tab.page)).toHaveText('3');
    await expect(lastBlock(tab.page)).toHaveAttribute('data-hash', tip);
    await expect(tab.page.getByTestId('activity')).toContainText('(auto-resolve)');
    // The log names A as the cards do, its letter and short id, not the node's id prefix.
    const line = tab.page.locator('[data-testid="activity"] li[data-kind="auto-resolve"]').first();
    await expect(line).toContainText(new RegExp(`chain of [A-Z]\\d* ${a.id.slice(0, 6)} \\(auto-resolve\\)`));
    await expect(line).not.toContainText(a.id.slice(0, 8));
    await expect(peerRelation(tab.page, a.id)).toHaveText(/same chain/);
    // Nobody clicked Resolve there.
    await expect(tab.page.getByTestId('resolve-result')).toHaveText('');
  }
});

test('with auto-resolve off, a peer ahead is shown but not adopted', async ({ context }) => {
  const [a, b] = await openTabsWith(context, 2, '&autoresolve=0&genesis=shared&difficulty=2');
  if (!a || !b) throw new Error('two tabs expected');
  await expect(b.page.getByTestId('rules-summary')).toContainText('auto-resolve off');

  await mine(a.page, 2);
  await expect(peerRelation(b.page, a.id)).toHaveText(/ahead by 1 block/);
  await expect(b.page.getByText('A peer is ahead: click Resolve to adopt its chain (auto-resolve is off).')).toBeVisible();
  await expect(height(b.page)).toHaveText('1');
  await expect(b.page.locator('[data-testid="activity"] li[data-kind="auto-resolve"]')).toHaveCount(0);
});

/*
 * Under the tutorial rule a proof depends only on the previous proof, and the miner counts up
 * from 0 as the tutorial does, so the searches are known in advance: at difficulty 6 the proof
 * after the genesis proof 100 is 49,259,370 attempts away and the one after that 33,320,113
 * more. B cannot finish either while the test runs, and a chain holding that proof can be
 * written by hand instead of mined.
 */
const GENESIS_PROOF = '100';
const PROOF_AFTER_GENESIS_AT_6 = '49259370';

test('a miner whose tip is replaced starts again on the new tip, and Cancel stops it', async ({ context }) => {
  expect(createHash('sha256').update(GENESIS_PROOF + PROOF_AFTER_GENESIS_AT_6).digest('hex')).toMatch(/^000000/);
  const [a, b] = await openTabsWith(context, 2, '&rule=tutorial&genesis=shared&difficulty=6&autoresolve=1');
  if (!a || !b) throw new Error('two tabs expected');

  // A 2-block chain valid at difficulty 6: the shared genesis as A exports it, and a block 2
  // that links to it and carries the known proof.
  const exported = await exportChain(a.page);
  const genesis = /^\{"chain":\[(.*)\],"length":1\}\s*$/s.exec(exported)?.[1];
  if (genesis === undefined) throw new Error(`Unexpected export: ${exported}`);
  expect(genesis).toContain(`"proof":${GENESIS_PROOF}`);
  const block2 =
    `{"index":2,"previous_hash":"${await hashOf(a.page, 1)}","proof":${PROOF_AFTER_GENESIS_AT_6},` +
    `"timestamp":1735689660.5,"transactions":[{"amount":1,"recipient":"${a.id}","sender":"0"}]}`;
  const file = test.info().outputPath('longer-chain.json');
  await writeFile(file, `{"chain":[${genesis},${block2}],"length":2}\n`);

  await b.page.getByRole('button', { name: 'Mine' }).click();
  const progress = b.page.getByTestId('mining-progress');
  await expect(progress).toContainText('Mining block 2');

  await importChain(a.page, file);
  await expect(a.page.getByTestId('import-result')).toContainText('Valid chain of 2 blocks imported and adopted.');

  // B adopts A's chain by itself, and its miner moves on to block 3.
  await expect(height(a.page)).toHaveText('2');
  await expect(height(b.page)).toHaveText('2');
  await expect(lastBlock(b.page)).toHaveAttribute('data-hash', await hashOf(a.page, 2));
  await expect(progress).toContainText('Mining block 3');
  await expect(progress).toContainText('started again 1× on a new tip');
  const activity = b.page.getByTestId('activity');
  await expect(activity).toContainText('(auto-resolve)');
  await expect(activity).toContainText('The chain changed under the miner: mining block 3 on the new tip.');

  await b.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(b.page.getByTestId('mine-result')).toHaveText('Mining cancelled.');
  await expect(progress).toBeHidden();
  await expect(b.page.getByRole('button', { name: 'Mine' })).toBeEnabled();
  await expect(height(b.page)).toHaveText('2');
});
