import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ForkView, KnownChain } from '../../../contract/views';
import {
  BLOCK_HEIGHT,
  BLOCK_WIDTH,
  COLLAPSE_OVER,
  LABEL_CHAR_WIDTH,
  LABEL_DOT_WIDTH,
  describeOrphan,
  describeTip,
  layoutForkTree,
  monospaceWidth,
  summarizeForkTree,
  tipLabelText,
  type ForkTreeLayout,
  type ForkTreeNode,
} from './fork-tree-layout';
import { startI18n, switchLanguage } from '../../i18n/i18n';

await startI18n('en');

const SELF = 'a1'.repeat(16);
const PEER = 'b2'.repeat(16);
const OTHER = 'c3'.repeat(16);

const chain = (owner: string, hashes: readonly string[], valid = true): KnownChain => ({ owner, hashes, valid });
const view = (chains: KnownChain[], orphaned: string[][] = []): ForkView => ({ chains, orphaned });
/** `count` hashes tagged `tag`, numbered from `from`: blocks of one line of history. */
const hashes = (tag: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => `${tag}${from + i}`);

/** The hashes from the genesis to `id`: the path prefix the node stands for. */
function pathOf(layout: ForkTreeLayout, id: number): string[] {
  const path: string[] = [];
  for (let node: ForkTreeNode | undefined = layout.nodes[id]; node; node = node.parent === null ? undefined : layout.nodes[node.parent]) {
    path.unshift(node.hash);
  }
  return path;
}

/** The node reached by following `path` from a root, by hash. */
function nodeAt(layout: ForkTreeLayout, path: readonly string[]): ForkTreeNode {
  let candidates = layout.roots;
  let found: ForkTreeNode | undefined;
  for (const hash of path) {
    found = candidates.map((id) => layout.nodes[id]!).find((node) => node.hash === hash);
    if (!found) throw new Error(`no node for ${path.join('/')}`);
    candidates = found.children;
  }
  if (!found) throw new Error('empty path');
  return found;
}

const tipOf = (layout: ForkTreeLayout, owner: string) => layout.tips.find((tip) => tip.owner === owner)!;
const drawn = (layout: ForkTreeLayout) => layout.nodes.filter((node) => !node.hidden);

describe('layoutForkTree: merging chains', () => {
  it('a single chain: one lane of linked blocks, numbered from 1, our tip labelled', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g', 'a', 'b'])]), SELF);
    expect(layout.nodes.map((node) => [node.hash, node.number, node.lane])).toEqual([
      ['g', 1, 0],
      ['a', 2, 0],
      ['b', 3, 0],
    ]);
    expect(layout.roots).toEqual([0]);
    expect(layout.lanes).toBe(1);
    expect(layout.edges.map((edge) => [edge.from, edge.to])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(layout.gaps).toEqual([]);
    expect(layout.nodes.every((node) => node.ours && node.owners.join() === SELF && !node.orphaned && !node.invalid)).toBe(true);
    const [tip] = layout.tips;
    expect(tip).toMatchObject({ owner: SELF, self: true, valid: true, height: 3, node: 2, relation: 'self' });
    expect(tip?.label.placement).toBe('right');
    expect(layout.nodes[2]?.tipOf).toEqual([SELF]);
    expect(describeTip(tip!)).toBe(`${SELF.slice(0, 6)} (this tab): height 3`);
    expect(tipLabelText(tip!)).toBe(`${SELF.slice(0, 6)} (this tab)`);
    expect(summarizeForkTree(layout)).toBe('1 chain: trunk of 3 blocks, no branches');
  });

  it('x grows with the block number, y is the lane; edges join parent to child', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g', 'a', 'b'])]), SELF);
    const [g, a, b] = layout.nodes;
    expect(g!.x).toBeLessThan(a!.x);
    expect(a!.x).toBeLessThan(b!.x);
    expect(new Set(layout.nodes.map((node) => node.y)).size).toBe(1);
    const [edge] = layout.edges;
    expect(edge).toMatchObject({ x1: g!.x + BLOCK_WIDTH / 2, y1: g!.y, x2: a!.x - BLOCK_WIDTH / 2, y2: a!.y });
  });

  it('two chains sharing a trunk and diverging at block k: trunk, two branches, both tips labelled', () => {
    // Blocks 1–3 shared; from block 4 on, ours and the peer's differ.
    const layout = layoutForkTree(
      view([chain(SELF, ['g', 'a', 'b', 'c', 'd']), chain(PEER, ['g', 'a', 'b', 'x', 'y', 'z'])]),
      SELF,
    );
    expect(layout.nodes).toHaveLength(8);
    expect(layout.lanes).toBe(2);
    const fork = nodeAt(layout, ['g', 'a', 'b']);
    expect(fork.children.map((id) => layout.nodes[id]!.hash)).toEqual(['c', 'x']);
    expect(fork.owners).toEqual([SELF, PEER]);
    for (const path of [['g'], ['g', 'a'], ['g', 'a', 'b'], ['g', 'a', 'b', 'c'], ['g', 'a', 'b', 'c', 'd']]) {
      expect(nodeAt(layout, path).lane).toBe(0);
    }
    for (const path of [['g', 'a', 'b', 'x'], ['g', 'a', 'b', 'x', 'y'], ['g', 'a', 'b', 'x', 'y', 'z']]) {
      const node = nodeAt(layout, path);
      expect(node.lane).toBe(1);
      expect(node.owners).toEqual([PEER]);
      expect(node.ours).toBe(false);
    }
    // Same block number, same column: the branch's block 4 is under the trunk's block 4.
    expect(nodeAt(layout, ['g', 'a', 'b', 'x']).x).toBe(nodeAt(layout, ['g', 'a', 'b', 'c']).x);
    expect(nodeAt(layout, ['g', 'a', 'b', 'x']).y).toBeGreaterThan(fork.y);

    const ours = tipOf(layout, SELF);
    const theirs = tipOf(layout, PEER);
    expect(layout.nodes[ours.node]?.hash).toBe('d');
    expect(layout.nodes[theirs.node]?.hash).toBe('z');
    expect(layout.nodes[theirs.node]?.tipOf).toEqual([PEER]);
    expect(theirs).toMatchObject({ self: false, height: 6, shared: 3, relation: 'diverged' });
    expect(ours.label.placement).toBe('right');
    expect(theirs.label.placement).toBe('right');
    expect(describeTip(theirs)).toBe(`${PEER.slice(0, 6)}: height 6, diverged from this tab at block 4`);
    expect(summarizeForkTree(layout)).toBe('2 chains: trunk of 5 blocks, 1 branch');
  });

  it('puts our branch on lane 0 even when ours is not listed first, and peers that extend it on the trunk', () => {
    const layout = layoutForkTree(
      view([chain(PEER, ['g', 'x']), chain(OTHER, ['g', 'a', 'b', 'c']), chain(SELF, ['g', 'a'])]),
      SELF,
    );
    expect(layout.tips.map((tip) => tip.owner)).toEqual([SELF, PEER, OTHER]);
    expect(nodeAt(layout, ['g', 'a']).lane).toBe(0);
    expect(nodeAt(layout, ['g', 'a', 'b', 'c']).lane).toBe(0);
    expect(nodeAt(layout, ['g', 'x']).lane).toBe(1);
    expect(tipOf(layout, OTHER)).toMatchObject({ relation: 'ahead', shared: 2 });
    expect(describeTip(tipOf(layout, OTHER))).toContain("extends this tab's chain");
  });

  it('a peer behind us: its tip is a block in the middle of our chain, labelled above it', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g', 'a', 'b', 'c', 'd']), chain(PEER, ['g', 'a', 'b'])]), SELF);
    expect(layout.nodes).toHaveLength(5);
    expect(layout.lanes).toBe(1);
    const middle = nodeAt(layout, ['g', 'a', 'b']);
    expect(middle.tipOf).toEqual([PEER]);
    expect(middle.children).toHaveLength(1);
    const theirs = tipOf(layout, PEER);
    expect(theirs).toMatchObject({ node: middle.id, height: 3, shared: 3, relation: 'behind' });
    expect(theirs.label.placement).toBe('above');
    expect(theirs.label.y).toBeLessThan(middle.y - BLOCK_HEIGHT / 2);
    expect(nodeAt(layout, ['g', 'a', 'b', 'c']).owners).toEqual([SELF]);
    expect(describeTip(theirs)).toBe(`${PEER.slice(0, 6)}: height 3, behind this tab on the same chain`);
  });

  it('a peer on the same chain shares our tip node; both owners are listed there', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g', 'a']), chain(PEER, ['g', 'a'])]), SELF);
    expect(layout.nodes).toHaveLength(2);
    expect(layout.nodes[1]?.tipOf).toEqual([SELF, PEER]);
    expect(tipOf(layout, PEER).relation).toBe('same');
    const [ours, theirs] = layout.tips;
    // Side by side to the right of the last block, not on top of each other.
    expect(theirs!.label.x).toBeGreaterThanOrEqual(ours!.label.x + ours!.label.width);
    expect(theirs!.label.y).toBe(ours!.label.y);
  });

  it('different genesis blocks: two roots, a forest', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g1', 'a', 'b']), chain(PEER, ['g2', 'a', 'b'])]), SELF);
    expect(layout.roots.map((id) => layout.nodes[id]!.hash)).toEqual(['g1', 'g2']);
    expect(layout.nodes).toHaveLength(6);
    expect(layout.lanes).toBe(2);
    expect(nodeAt(layout, ['g2', 'a', 'b']).lane).toBe(1);
    expect(nodeAt(layout, ['g2']).parent).toBeNull();
    expect(layout.edges).toHaveLength(4);
    expect(tipOf(layout, PEER)).toMatchObject({ shared: 0, relation: 'different-genesis' });
    expect(describeTip(tipOf(layout, PEER))).toContain('no block in common');
    expect(summarizeForkTree(layout)).toBe('2 chains: trunk of 3 blocks, 1 branch, 2 different genesis blocks');
  });

  it('an orphaned branch: blocks only our former chains hold are marked orphaned, and drawn last', () => {
    const layout = layoutForkTree(
      view([chain(SELF, ['g', 'a', 'x']), chain(PEER, ['g', 'a', 'y'])], [['g', 'a', 'b', 'c']]),
      SELF,
    );
    const b = nodeAt(layout, ['g', 'a', 'b']);
    const c = nodeAt(layout, ['g', 'a', 'b', 'c']);
    expect([b.orphaned, c.orphaned]).toEqual([true, true]);
    expect(b.owners).toEqual([]);
    expect(nodeAt(layout, ['g', 'a']).orphaned).toBe(false);
    expect(nodeAt(layout, ['g', 'a', 'x']).orphaned).toBe(false);
    expect([nodeAt(layout, ['g', 'a', 'x']).lane, nodeAt(layout, ['g', 'a', 'y']).lane, b.lane]).toEqual([0, 1, 2]);
    expect(layout.orphans).toHaveLength(1);
    const [orphan] = layout.orphans;
    expect(orphan).toMatchObject({ node: c.id, from: 3, to: 4 });
    expect(orphan!.label.placement).toBe('right');
    expect(describeOrphan(orphan!)).toBe('orphaned: blocks 3–4');
    expect(layout.edges.find((edge) => edge.to === b.id)?.orphaned).toBe(true);
    expect(layout.tips).toHaveLength(2);
    expect(summarizeForkTree(layout)).toBe('2 chains: trunk of 3 blocks, 2 branches (1 orphaned)');
  });

  it('an orphaned list whose blocks a peer still holds is not orphaned', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g', 'x']), chain(PEER, ['g', 'a', 'b'])], [['g', 'a', 'b']]), SELF);
    expect(layout.nodes.some((node) => node.orphaned)).toBe(false);
    expect(layout.orphans).toEqual([]);
  });

  it('a single orphaned block is described as one block', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g', 'x'])], [['g', 'a']]), SELF);
    expect(describeOrphan(layout.orphans[0]!)).toBe('orphaned: block 2');
  });

  it('an invalid chain: its own blocks are invalid, the blocks it shares with a valid chain are not', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g', 'a', 'b']), chain(PEER, ['g', 'a', 'c', 'd'], false)]), SELF);
    expect(nodeAt(layout, ['g', 'a']).invalid).toBe(false);
    expect(nodeAt(layout, ['g', 'a', 'c']).invalid).toBe(true);
    expect(nodeAt(layout, ['g', 'a', 'c', 'd']).invalid).toBe(true);
    expect(nodeAt(layout, ['g', 'a', 'b']).invalid).toBe(false);
    const theirs = tipOf(layout, PEER);
    expect(theirs.valid).toBe(false);
    expect(tipLabelText(theirs)).toBe(`${PEER.slice(0, 6)} · invalid`);
    expect(describeTip(theirs)).toBe(`${PEER.slice(0, 6)}: height 4, diverged from this tab at block 3, invalid chain`);
    expect(layout.edges.find((edge) => edge.to === nodeAt(layout, ['g', 'a', 'c']).id)?.invalid).toBe(true);
  });

  it('our own chain, when tampered (invalid), is labelled invalid too', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g', 'a'], false)]), SELF);
    expect(tipLabelText(layout.tips[0]!)).toBe(`${SELF.slice(0, 6)} (this tab) · invalid`);
    expect(layout.nodes.every((node) => node.invalid)).toBe(true);
  });

  it('a tampered list (same hashes after a changed middle hash) is a separate branch, not a merge', () => {
    // The peer's block 3 was edited: its hash changed, the hashes it lists after it did not.
    const layout = layoutForkTree(
      view([chain(SELF, ['g', 'a', 'b', 'c', 'd']), chain(PEER, ['g', 'a', 'B', 'c', 'd'], false)]),
      SELF,
    );
    expect(layout.nodes).toHaveLength(8);
    const ours = nodeAt(layout, ['g', 'a', 'b', 'c', 'd']);
    const theirs = nodeAt(layout, ['g', 'a', 'B', 'c', 'd']);
    expect(theirs.id).not.toBe(ours.id);
    expect(theirs.hash).toBe(ours.hash);
    expect(theirs.owners).toEqual([PEER]);
    expect(ours.owners).toEqual([SELF]);
    expect(theirs.lane).toBe(1);
    expect(layout.nodes.filter((node) => node.hash === 'c').map((node) => node.number)).toEqual([4, 4]);
    expect(tipOf(layout, PEER)).toMatchObject({ node: theirs.id, shared: 2, relation: 'diverged' });
    expect(ours.tipOf).toEqual([SELF]);
    expect(theirs.tipOf).toEqual([PEER]);
  });

  it('an empty chain has no tip; no chains at all give an empty drawing', () => {
    const layout = layoutForkTree(view([chain(SELF, ['g']), chain(PEER, [])]), SELF);
    expect(layout.tips.map((tip) => tip.owner)).toEqual([SELF]);
    expect(layout.chains).toBe(2);
    const empty = layoutForkTree(view([]), SELF);
    expect(empty).toMatchObject({ nodes: [], edges: [], gaps: [], tips: [], lanes: 0 });
    expect(empty.width).toBeGreaterThan(0);
    expect(summarizeForkTree(empty)).toBe('No chain known yet');
  });

  it('same input, same output', () => {
    const input = view(
      [chain(SELF, hashes('h', 40)), chain(PEER, [...hashes('h', 30), ...hashes('p', 5)], false), chain(OTHER, hashes('h', 12))],
      [[...hashes('h', 35), 'o']],
    );
    const first = layoutForkTree(input, SELF);
    expect(layoutForkTree(input, SELF)).toEqual(first);
    expect(JSON.stringify(layoutForkTree(structuredClone(input), SELF))).toBe(JSON.stringify(first));
  });
});

describe('layoutForkTree: collapsing long runs', () => {
  it('leaves a run of 6 single-child blocks alone and collapses a run of 7 to first block, 4 hidden, last 2', () => {
    expect(COLLAPSE_OVER).toBe(6);
    // 7 blocks: blocks 1–6 have one child each (the 7th is the tip, a leaf).
    expect(layoutForkTree(view([chain(SELF, hashes('h', 7))]), SELF).gaps).toEqual([]);
    const layout = layoutForkTree(view([chain(SELF, hashes('h', 8))]), SELF);
    expect(layout.gaps).toHaveLength(1);
    expect(layout.gaps[0]).toMatchObject({ from: 0, to: 5, hidden: 4, firstHidden: 2, lastHidden: 5, lane: 0 });
    expect(drawn(layout).map((node) => node.number)).toEqual([1, 6, 7, 8]);
    expect(layout.edges.map((edge) => [edge.from, edge.to])).toEqual([
      [5, 6],
      [6, 7],
    ]);
  });

  it('draws a 1,000-block chain with a fork near the end in a dozen blocks and one gap', () => {
    const shared = hashes('h', 995);
    const layout = layoutForkTree(
      view([chain(SELF, [...shared, ...hashes('o', 5, 995)]), chain(PEER, [...shared, ...hashes('p', 3, 995)])]),
      SELF,
    );
    expect(layout.nodes).toHaveLength(1003);
    // Blocks 1–994 have one child each, block 995 is the fork: 994 − 3 = 991 hidden.
    expect(layout.gaps).toHaveLength(1);
    expect(layout.gaps[0]).toMatchObject({ hidden: 991, firstHidden: 2, lastHidden: 992, lane: 0 });
    expect(drawn(layout).map((node) => node.number)).toEqual([1, 993, 994, 995, 996, 997, 998, 999, 1000, 996, 997, 998]);
    expect(layout.nodes.filter((node) => node.hidden).every((node) => node.number >= 2 && node.number <= 992)).toBe(true);
    const gap = layout.gaps[0]!;
    expect(gap.x1).toBe(layout.nodes[gap.from]!.x + BLOCK_WIDTH / 2);
    expect(gap.x2).toBe(layout.nodes[gap.to]!.x - BLOCK_WIDTH / 2);
    expect(layout.width).toBeLessThan(1200);
    expect(tipOf(layout, PEER)).toMatchObject({ shared: 995, relation: 'diverged' });
  });

  it('a tip in the middle of a long run splits it: two gaps, the tip stays drawn', () => {
    const ours = hashes('h', 1000);
    const layout = layoutForkTree(view([chain(SELF, ours), chain(PEER, ours.slice(0, 500))]), SELF);
    expect(layout.gaps.map((gap) => [gap.firstHidden, gap.lastHidden, gap.hidden])).toEqual([
      [2, 497, 496],
      [502, 997, 496],
    ]);
    expect(layout.nodes[tipOf(layout, PEER).node]).toMatchObject({ number: 500, hidden: false });
  });

  it('collapses long runs on branches too, each on its own lane', () => {
    const layout = layoutForkTree(
      view([chain(SELF, hashes('h', 20)), chain(PEER, [...hashes('h', 2), ...hashes('p', 30, 2)])]),
      SELF,
    );
    expect(layout.gaps.map((gap) => [gap.lane, gap.hidden])).toEqual([
      [0, 14],
      [1, 26],
    ]);
  });
});

describe('layoutForkTree: the network view, which holds no chain', () => {
  it('puts the first chain (the longest) on the trunk, marks no block as ours and describes tips by height only', () => {
    const layout = layoutForkTree(view([chain(PEER, ['g', 'a', 'b']), chain(OTHER, ['g', 'c'])]), null);
    expect(layout.nodes.filter((node) => node.lane === 0).map((node) => node.hash)).toEqual(['g', 'a', 'b']);
    expect(layout.nodes.some((node) => node.ours)).toBe(false);
    expect(layout.tips.map((tip) => [tip.self, tip.relation])).toEqual([[false, 'network'], [false, 'network']]);
    expect(describeTip(tipOf(layout, OTHER))).toBe(`${OTHER.slice(0, 6)}: height 2`);
    expect(summarizeForkTree(layout)).toBe('2 chains: trunk of 3 blocks, 1 branch');
  });
});

/** Arbitrary views: few distinct hashes, so chains share, repeat and re-diverge a lot. */
const ownerArb = fc.constantFrom(SELF, PEER, OTHER, 'd4'.repeat(16));
const hashListArb = (minLength: number) => fc.array(fc.constantFrom('a', 'b', 'c'), { minLength, maxLength: 14 });
const viewArb = fc.record({
  chains: fc.array(fc.record({ owner: ownerArb, hashes: hashListArb(0), valid: fc.boolean() }), { maxLength: 5 }),
  orphaned: fc.array(hashListArb(1), { maxLength: 3 }),
});

describe('layoutForkTree: properties', () => {
  it('one node per distinct path prefix of the input, and every chain tip lists its owner', () => {
    fc.assert(
      fc.property(viewArb, ownerArb, (input, self) => {
        const layout = layoutForkTree(input, self);
        const lists = [...input.chains.map((known) => known.hashes), ...input.orphaned];
        const prefixes = new Set(lists.flatMap((list) => list.map((_, i) => JSON.stringify(list.slice(0, i + 1)))));
        const paths = layout.nodes.map((node) => JSON.stringify(pathOf(layout, node.id)));
        expect(new Set(paths).size).toBe(paths.length);
        expect(new Set(paths)).toEqual(prefixes);
        layout.nodes.forEach((node) => {
          expect(node.number).toBe(pathOf(layout, node.id).length);
        });
        for (const known of input.chains) {
          if (known.hashes.length === 0) continue;
          const tip = nodeAt(layout, known.hashes);
          expect(tip.tipOf).toContain(known.owner);
          expect(tip.owners).toContain(known.owner);
          expect(layout.tips.some((t) => t.owner === known.owner && t.node === tip.id)).toBe(true);
        }
      }),
    );
  });

  it('our chain is the trunk, drawn blocks never overlap, gaps account for every hidden block', () => {
    fc.assert(
      fc.property(viewArb, ownerArb, (input, self) => {
        const layout = layoutForkTree(input, self);
        const ours = input.chains.find((known) => known.owner === self);
        if (ours && ours.hashes.length > 0) {
          for (let i = 1; i <= ours.hashes.length; i++) expect(nodeAt(layout, ours.hashes.slice(0, i)).lane).toBe(0);
        }
        const positions = drawn(layout).map((node) => `${node.x},${node.y}`);
        expect(new Set(positions).size).toBe(positions.length);
        const hidden = layout.nodes.filter((node) => node.hidden);
        expect(layout.gaps.reduce((sum, gap) => sum + gap.hidden, 0)).toBe(hidden.length);
        for (const node of hidden) {
          expect(layout.gaps.filter((gap) => gap.lane === node.lane && node.number >= gap.firstHidden && node.number <= gap.lastHidden)).toHaveLength(1);
          expect(node.tipOf).toEqual([]);
        }
        for (const node of drawn(layout)) {
          expect(node.x + BLOCK_WIDTH / 2).toBeLessThanOrEqual(layout.width);
          expect(node.y + BLOCK_HEIGHT / 2).toBeLessThanOrEqual(layout.height);
        }
      }),
    );
  });

  it('labels overlap neither each other nor any block', () => {
    const box = (x: number, y: number, width: number, height: number) => ({ left: x, right: x + width, top: y - height / 2, bottom: y + height / 2 });
    const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    fc.assert(
      fc.property(viewArb, ownerArb, (input, self) => {
        const layout = layoutForkTree(input, self);
        const labels = [...layout.tips, ...layout.orphans].map(({ label }) => box(label.x, label.y, label.width, 14));
        const blocks = drawn(layout).map((node) => box(node.x - BLOCK_WIDTH / 2, node.y, BLOCK_WIDTH, BLOCK_HEIGHT));
        labels.forEach((label, i) => {
          labels.slice(i + 1).forEach((other) => { expect(overlap(label, other)).toBe(false); });
          blocks.forEach((block) => { expect(overlap(label, block)).toBe(false); });
          expect(label.right).toBeLessThanOrEqual(layout.width);
          expect(label.top).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });
});

describe('the fork tree in Chinese', () => {
  afterEach(async () => {
    await switchLanguage('en');
  });

  it('describes tips and the drawing in Chinese, and gives wide characters two columns', async () => {
    await switchLanguage('zh-CN');
    const layout = layoutForkTree(view([chain(SELF, ['g', 'a', 'b']), chain(PEER, ['g', 'x'])]), SELF);
    expect(describeTip(tipOf(layout, PEER))).toBe(`${PEER.slice(0, 6)}：高度 2，在第 2 个区块与本标签页分叉`);
    expect(summarizeForkTree(layout)).toBe('2 条链：主干 3 个区块，1 条分支');
    const ours = tipOf(layout, SELF);
    expect(tipLabelText(ours)).toBe(`${SELF.slice(0, 6)} （本标签页）`);
    expect(monospaceWidth('ab（本）', 10)).toBe(80);
    // The label has room for its dot and its text as drawn: seven narrow characters and six wide ones.
    expect(ours.label.width).toBe(LABEL_DOT_WIDTH + Math.ceil((7 + 2 * 6) * LABEL_CHAR_WIDTH));
  });
});
