import { afterEach, describe, expect, it } from 'vitest';
import type { Transaction } from '../core/block';
import { readFixtureText, readManifest } from '../core/fixtures.test-suite';
import type { ProofRule } from '../core/proof';
import { DEFAULT_RULES, type NetworkRules } from '../core/rules';
import { createMemoryHub } from '../network/memory-transport';
import { pythonHashes, refcheck } from './python-reference.test-suite';
import type { TabNode } from './tab-node';
import { testNetwork, testNodes } from './test-nodes.test-suite';

/*
 * Interop with the real Python node: what a tab exports, Python's own checker accepts and
 * hashes the same; what Python served, a tab judges as the reference does and exports back
 * with every number in its exact form.
 */

const nodes = testNodes(testNetwork('interop-test'), 'e', DEFAULT_RULES);
afterEach(() => {
  nodes.closeAll();
});

const DIFFICULTY = 2;

/** Typed in the Add transaction form: floats Python writes in its own way, and text far from ASCII. */
const FORM_TRANSACTIONS = [
  { sender: '张三', recipient: '李四', amount: '2.5' },
  { sender: 'Zoë 🦊', recipient: 'O\'Brien "quoted" \\ back\\slash', amount: '1e-05' },
  { sender: 'tab\there', recipient: 'line\u2028separator', amount: '5.0' },
  { sender: 'del\u007f', recipient: '𝄞 clef, אבג', amount: '-0.0' },
  { sender: 'whole', recipient: 'number', amount: '123456789012345' },
];

/** Sent as POST /transactions/new would: numbers beyond the form's range, exact at any size. */
const ENDPOINT_TRANSACTIONS: Transaction[] = [
  { sender: 'alice', recipient: 'bob', amount: 2n ** 70n },
  { sender: 'carol', recipient: 'dave', amount: 1e16 },
  { sender: 'erin', recipient: 'frank', amount: 0.1 + 0.2 },
  { sender: 'grace', recipient: 'heidi', amount: 1.7976931348623157e308 },
];

/** Mines three blocks after genesis: the form's transactions, the endpoint's, and a reward alone. */
async function mineTrickyChain(node: TabNode): Promise<void> {
  for (const form of FORM_TRANSACTIONS) expect(node.addTransaction(form)).toMatchObject({ ok: true });
  expect(await node.mine()).toMatchObject({ ok: true });
  for (const transaction of ENDPOINT_TRANSACTIONS) node.newTransaction(transaction);
  expect(await node.mine()).toMatchObject({ ok: true });
  expect(await node.mine()).toMatchObject({ ok: true });
}

/** refcheck.py knows the tutorial's and the repo's rules; `bound` is ours (checked by pythonHashes). */
const refcheckRule = (rule: ProofRule): 'tutorial' | 'repo' => (rule === 'tutorial' ? 'tutorial' : 'repo');

describe.each<[ProofRule, boolean]>([
  ['tutorial', false],
  ['tutorial', true],
  ['repo', false],
  ['repo', true],
  ['bound', false],
  ['bound', true],
])('a chain mined under the %s rule (strict %s)', (rule, strict) => {
  const rules: Partial<NetworkRules> = { rule, difficulty: DIFFICULTY, strict };

  it('is valid for refcheck.py, and Python computes every block hash the tab computed', async () => {
    const node = await nodes.start(createMemoryHub(), rules);
    await mineTrickyChain(node);
    const exported = node.exportChain();

    // Under bound, refcheck checks links and shape only (difficulty 0); the proofs are checked below.
    const difficulty = rule === 'bound' ? 0 : DIFFICULTY;
    expect(refcheck(exported, { rule: refcheckRule(rule), difficulty, strict: false })).toBe('valid');
    expect(refcheck(exported, { rule: refcheckRule(rule), difficulty, strict: true })).toBe('valid');
    const python = pythonHashes(exported, DIFFICULTY);
    expect(python.hashes).toEqual(node.chain().hashes);
    if (rule === 'bound') expect(python.bound).toEqual([true, true, true]);
    // The numbers are written as Python writes them.
    for (const form of ['2.5', '1e-05', '5.0', '-0.0', '1180591620717411303424', '1e+16', '0.30000000000000004', '1.7976931348623157e+308']) {
      expect(exported).toContain(`"amount":${form}`);
    }
  });

  it('comes back byte for byte through Import chain in another tab', async () => {
    const miner = await nodes.start(createMemoryHub(), rules);
    await mineTrickyChain(miner);
    const other = await nodes.start(createMemoryHub(), rules);
    expect(await other.importChain(miner.exportChain())).toMatchObject({ adopted: true, length: 4 });
    expect(other.exportChain()).toBe(miner.exportChain());
    expect(other.chain().hashes).toEqual(miner.chain().hashes);
  });
});

describe('every chain of manifest.json, imported under its rule', () => {
  const cases = readManifest().flatMap((entry) =>
    [false, true].map((strict) => ({ entry, strict, expected: strict ? entry.strict_expected : entry.expected })),
  );

  it.each(cases)('$entry.file (strict $strict): $expected', async ({ entry, strict, expected }) => {
    const node = await nodes.start(createMemoryHub(), { rule: entry.proof_rule, difficulty: entry.difficulty, strict });
    const before = node.exportChain();
    const text = readFixtureText(`reference/${entry.file}`);
    const result = await node.importChain(text);

    expect(result.adopted).toBe(expected === 'valid');
    // refcheck.py agrees with the manifest, so the tab agrees with the Python checker too.
    expect(refcheck(text, { rule: entry.proof_rule, difficulty: entry.difficulty, strict })).toMatch(expected === 'valid' ? /^valid$/ : /^invalid: /);
    if (!result.adopted) {
      expect(result.text).toMatch(/\S/);
      expect(node.exportChain()).toBe(before);
      return;
    }
    // Re-exported, the chain hashes in Python exactly as the file it came from: 5.0 stays 5.0.
    const exported = node.exportChain();
    expect(pythonHashes(exported).hashes).toEqual(pythonHashes(text).hashes);
    expect(node.chain().hashes).toEqual(pythonHashes(text).hashes);
  });
});

describe('NaN and Infinity, which Python’s json writes and reads but JSON forbids', () => {
  const nonFinite: Transaction[] = [
    { sender: 'a', recipient: 'b', amount: Number.NaN },
    { sender: 'c', recipient: 'd', amount: Number.POSITIVE_INFINITY },
    { sender: 'e', recipient: 'f', amount: Number.NEGATIVE_INFINITY },
  ];

  it('are valid under the reference’s rules, as for the Python node, and refused under strict rules', async () => {
    const lenient = await nodes.start(createMemoryHub(), { difficulty: DIFFICULTY });
    for (const transaction of nonFinite) lenient.newTransaction(transaction);
    expect(await lenient.mine()).toMatchObject({ ok: true });
    const text = lenient.exportChain();
    expect(text).toContain('"amount":NaN');
    expect(text).toContain('"amount":-Infinity');

    // The reference reads NaN (json.loads allows it) and its valid_chain never looks at amounts.
    expect(refcheck(text, { rule: 'tutorial', difficulty: DIFFICULTY, strict: false })).toBe('valid');
    expect(pythonHashes(text).hashes).toEqual(lenient.chain().hashes);
    const other = await nodes.start(createMemoryHub(), { difficulty: DIFFICULTY });
    expect(await other.importChain(text)).toMatchObject({ adopted: true, length: 2 });
    expect(other.exportChain()).toBe(text);

    // Strict rules refuse it, as refcheck.py --strict does, and the tab keeps its chain.
    expect(refcheck(text, { rule: 'tutorial', difficulty: DIFFICULTY, strict: true })).toMatch(/NaN\/Infinity/);
    const strict = await nodes.start(createMemoryHub(), { difficulty: DIFFICULTY, strict: true });
    const before = strict.exportChain();
    const refused = await strict.importChain(text);
    expect(refused).toMatchObject({ adopted: false, verdict: { code: 'non-finite', block: 2 } });
    expect(refused.adopted ? '' : refused.text).toBe('Block 2 (chain[1]) contains NaN or Infinity, which JSON cannot hold and strict rules refuse.');
    expect(strict.exportChain()).toBe(before);
  });
});
