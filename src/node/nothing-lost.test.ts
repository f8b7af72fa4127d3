import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockTransactions, isTransaction } from '../core/block';
import { isReward, transactionKey } from '../core/mempool';
import { DEFAULT_RULE, PROOF_RULES, type ProofRule } from '../core/proof';
import { DEFAULT_RULES, type GenesisMode, type NetworkRules } from '../core/rules';
import { dumpsPython } from '../core/python-json';
import { validateChain } from '../core/validate';
import { createMemoryHub } from '../network/memory-transport';
import { testPeerId } from '../network/test-peer-ids.test-suite';
import { TabNode } from './tab-node';
import { FAST_TEST_MINING, nodeSha256, testNetwork } from './test-nodes.test-suite';
import { newNetworkKey } from './rules/network-authority';

/*
 * "Nothing lost, nothing doubled" over several nodes of one network. The tutorial's
 * transactions carry no id, so each node's transactions are counted as a multiset by their
 * canonical JSON (transactionKey). For every node N and key K, count_N(K) is the number of
 * copies of K among the non-reward transactions of N's chain plus N's pending list:
 *
 *   - nothing lost: count_N(K) never decreases, whatever command runs on whichever node;
 *   - nothing doubled: count_N(K) never exceeds the number of times K was submitted anywhere;
 *   - at the end, every transaction submitted to N is counted at least that many times by N.
 *
 * And every node's own chain stays valid under its rules.
 */

const network = testNetwork('nothing-lost-test');

const NAMES = ['A', 'B', 'C', 'D'] as const;
const IDS = NAMES.map((name) => {
  const hex = name.toLowerCase();
  return testPeerId(`${hex.repeat(12)}4${hex.repeat(19)}`);
});

// Node's own SHA-256 is synchronous: mining at difficulty 1 or 2 is instant.
/**
 * The Add transaction form's raw fields. Few entries, so that the same transaction is often
 * submitted twice (to one node or to two). Some look different but are the same transaction
 * once parsed (the form trims), some look alike but are not (5 is an int, 5.0 a float).
 * No sender is "0": that is the mining reward's sender.
 */
const FORMS = [
  { sender: 'alice', recipient: 'bob', amount: '5' },
  { sender: ' alice ', recipient: 'bob', amount: '5' },
  { sender: 'alice', recipient: 'bob', amount: '5.0' },
  { sender: 'zoë', recipient: '💸 fund', amount: '2.5' },
  { sender: 'bob', recipient: 'carol', amount: '100000000000000000000' },
  { sender: 'carol', recipient: 'a"b\\c', amount: '-0.0' },
  { sender: 'dave', recipient: 'erin', amount: '1e2' },
] as const;

/** A form of the pool, or a fresh transaction submitted only this once (for which "nothing doubled" is tight). */
type FormChoice = number | 'fresh';

type Counts = Map<string, number>;

const count = (counts: Counts, key: string): number => counts.get(key) ?? 0;
const bump = (counts: Counts, key: string): void => {
  counts.set(key, count(counts, key) + 1);
};

/** count_N: the non-reward transactions of the node's chain plus its pending list, by key. */
function tally(node: TabNode, name: string): Counts {
  const counts: Counts = new Map();
  const { blocks } = node.chain();
  blocks.forEach((block, i) => {
    for (const tx of blockTransactions(block)) {
      if (isReward(tx)) continue;
      expect(isTransaction(tx), `${name}: block ${i + 1} holds a non-transaction ${dumpsPython(tx)}`).toBe(true);
      const key = isTransaction(tx) ? transactionKey(tx) : null;
      expect(key, `${name}: block ${i + 1} holds a transaction without canonical JSON`).not.toBeNull();
      if (key !== null) bump(counts, key);
    }
  });
  for (const tx of node.pending()) {
    const key = transactionKey(tx);
    expect(key, `${name}: a pending transaction has no canonical JSON`).not.toBeNull();
    if (key !== null) bump(counts, key);
  }
  return counts;
}

interface Setup {
  readonly nodes: number;
  readonly rule: ProofRule;
  readonly difficulty: number;
  readonly genesis: GenesisMode;
}

/** The network under test, and what has been submitted to it so far. */
interface World {
  readonly rules: NetworkRules;
  readonly nodes: readonly TabNode[];
  /** per node: how many times each key was submitted to it */
  readonly submittedTo: readonly Counts[];
  /** how many times each key was submitted anywhere */
  readonly submitted: Counts;
  /** per node: count_N at the last check */
  last: Counts[];
  /** the commands run so far, for failure messages */
  readonly log: string[];
  /** fresh transactions made so far */
  fresh: number;
}

function formFor(choice: FormChoice, world: World): Record<string, string> {
  if (choice === 'fresh') return { sender: 'fresh', recipient: 'sink', amount: String(++world.fresh) };
  return { ...(FORMS[choice] ?? FORMS[0]) };
}

const describeForm = (choice: FormChoice): string =>
  choice === 'fresh' ? 'a fresh transaction' : JSON.stringify(FORMS[choice]);

/** node.addTransaction with the form's fields, counted as submitted to that node. */
function submit(world: World, node: number, form: Record<string, string>): void {
  const result = world.nodes[node]!.addTransaction(form);
  expect(result.ok, `the form ${JSON.stringify(form)} is accepted`).toBe(true);
  if (!result.ok) return;
  const key = transactionKey(result.transaction);
  expect(key).not.toBeNull();
  if (key === null) return;
  bump(world.submitted, key);
  bump(world.submittedTo[node]!, key);
}

/** After every command: every node's chain is valid, and no count went down or above what was submitted. */
async function checkInvariant(world: World): Promise<void> {
  const context = `after ${world.log.join('; ')}`;
  const next: Counts[] = [];
  for (const [i, node] of world.nodes.entries()) {
    const name = NAMES[i] ?? '?';
    const { blocks, hashes } = node.chain();
    const verdict = await validateChain(blocks, world.rules, nodeSha256);
    expect(verdict, `${name}'s chain is invalid ${context}`).toMatchObject({ valid: true });
    if (verdict.valid) expect(hashes, `${name}'s chain view has wrong hashes ${context}`).toEqual(verdict.hashes);

    const now = tally(node, name);
    const before = world.last[i] ?? new Map<string, number>();
    for (const [key, n] of before) {
      expect(count(now, key), `nothing lost: ${name} counts ${key} fewer times ${context}`).toBeGreaterThanOrEqual(n);
    }
    for (const [key, n] of now) {
      expect(n, `nothing doubled: ${name} counts ${key} more often than it was submitted ${context}`).toBeLessThanOrEqual(
        count(world.submitted, key),
      );
    }
    next.push(now);
  }
  world.last = next;
}

/** What fast-check's model needs: commands on a node the run does not have are skipped. */
interface Model {
  readonly nodes: number;
}
type NodeCommand = fc.AsyncCommand<Model, World>;

const nodeName = (node: number): string => NAMES[node] ?? '?';

class Add implements NodeCommand {
  constructor(
    readonly node: number,
    readonly form: FormChoice,
  ) {}
  check(model: Readonly<Model>): boolean {
    return this.node < model.nodes;
  }
  async run(_model: Model, world: World): Promise<void> {
    const { node } = this;
    const form = formFor(this.form, world);
    world.log.push(`add(${nodeName(node)}, ${JSON.stringify(form)})`);
    submit(world, node, form);
    await checkInvariant(world);
  }
  toString(): string {
    return `add(${nodeName(this.node)}, ${describeForm(this.form)})`;
  }
}

/** Mine; optionally add a transaction to the same node while its proof search runs. */
class Mine implements NodeCommand {
  constructor(
    readonly node: number,
    readonly addDuring: FormChoice | null,
  ) {}
  check(model: Readonly<Model>): boolean {
    return this.node < model.nodes;
  }
  async run(_model: Model, world: World): Promise<void> {
    const { node } = this;
    const form = this.addDuring === null ? null : formFor(this.addDuring, world);
    world.log.push(`mine(${nodeName(node)}${form ? ` with add(${JSON.stringify(form)}) during the search` : ''})`);
    const mining = world.nodes[node]!.mine();
    // mine() returns at its first await, with the proof search under way.
    if (form) submit(world, node, form);
    expect(await mining, `mine(${nodeName(node)})`).toMatchObject({ ok: true });
    await checkInvariant(world);
  }
  toString(): string {
    const during = this.addDuring === null ? '' : ` with add(${describeForm(this.addDuring)}) during the search`;
    return `mine(${nodeName(this.node)}${during})`;
  }
}

class Resolve implements NodeCommand {
  constructor(readonly node: number) {}
  check(model: Readonly<Model>): boolean {
    return this.node < model.nodes;
  }
  async run(_model: Model, world: World): Promise<void> {
    const { node } = this;
    world.log.push(`resolve(${nodeName(node)})`);
    const result = await world.nodes[node]!.resolve();
    // Every other node is registered, and no honest node's chain is judged invalid.
    expect(result.reports).toHaveLength(world.nodes.length - 1);
    for (const report of result.reports) expect(report.kind, JSON.stringify(report)).not.toBe('invalid');
    await checkInvariant(world);
  }
  toString(): string {
    return `resolve(${nodeName(this.node)})`;
  }
}

const nodeIndex = fc.nat({ max: NAMES.length - 1 });
const formChoice: fc.Arbitrary<FormChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.nat({ max: FORMS.length - 1 }) },
  { weight: 1, arbitrary: fc.constant('fresh' as const) },
);
const commands = fc.commands(
  [
    fc.tuple(nodeIndex, formChoice).map(([node, form]) => new Add(node, form)),
    fc
      .tuple(nodeIndex, fc.option(formChoice, { freq: 4 }))
      .map(([node, addDuring]) => new Mine(node, addDuring)),
    nodeIndex.map((node) => new Resolve(node)),
  ],
  { maxCommands: 30, size: 'max' },
);

const setups: fc.Arbitrary<Setup> = fc.record({
  nodes: fc.oneof({ weight: 4, arbitrary: fc.constant(3) }, { weight: 1, arbitrary: fc.constantFrom(2, 4) }),
  rule: fc.oneof({ weight: 3, arbitrary: fc.constant(DEFAULT_RULE) }, { weight: 1, arbitrary: fc.constantFrom(...PROOF_RULES) }),
  difficulty: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
  genesis: fc.oneof({ weight: 3, arbitrary: fc.constant<GenesisMode>('shared') }, { weight: 1, arbitrary: fc.constant<GenesisMode>('node') }),
});

/** Lets the hub deliver what is queued (it delivers on macrotasks, as BroadcastChannel does). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The nodes are tabs of one browser: the teacher's, holding the network's key. */
const TEACHER_KEY = newNetworkKey();

async function startWorld(setup: Setup): Promise<World> {
  const hub = createMemoryHub();
  const rules: NetworkRules = { ...DEFAULT_RULES, rule: setup.rule, difficulty: setup.difficulty, genesis: setup.genesis };
  const nodes = await Promise.all(
    IDS.slice(0, setup.nodes).map((id, i) => {
      // A fixed clock per node: runs replay exactly, and under genesis 'node' every genesis differs.
      let time = 1735689600.5 + 1000 * (i + 1);
      return TabNode.create({
        id,
        network,
        rules,
        transport: hub.connect(),
        sha256: nodeSha256,
        mining: FAST_TEST_MINING,
        now: () => (time += 0.25),
        fetchTimeoutMs: 500,
        networkKey: TEACHER_KEY,
      });
    }),
  );
  for (const node of nodes) node.start();
  await settle();
  return {
    rules,
    nodes,
    submittedTo: nodes.map(() => new Map<string, number>()),
    submitted: new Map(),
    last: nodes.map(() => new Map<string, number>()),
    log: [],
    fresh: 0,
  };
}

describe('nothing lost, nothing doubled across nodes', () => {
  it('holds for every node after every add, mine and resolve, and every node keeps what it was given', async () => {
    await fc.assert(
      fc.asyncProperty(setups, commands, async (setup, cmds) => {
        const world = await startWorld(setup);
        try {
          await checkInvariant(world);
          await fc.asyncModelRun(() => ({ model: { nodes: world.nodes.length }, real: world }), cmds);
          for (const [i, node] of world.nodes.entries()) {
            const counted = tally(node, nodeName(i));
            for (const [key, n] of world.submittedTo[i]!) {
              expect(count(counted, key), `${nodeName(i)} was given ${key} ${n} times, after ${world.log.join('; ')}`).toBeGreaterThanOrEqual(n);
            }
          }
        } finally {
          for (const node of world.nodes) node.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});
