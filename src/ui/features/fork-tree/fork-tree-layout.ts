/*
 * The fork tree as plain data: every known chain merged into a trie over its block hashes,
 * laid out in lanes. Deterministic, so it is tested without a DOM; the component only draws
 * what this returns. Its words come from i18next, in the page's language.
 *
 * A child is found by its hash under its parent, never by a hash alone: a list that is not
 * properly linked (a tampered chain repeats the hashes after its changed block) becomes a
 * branch of its own instead of merging back into the chain it copied.
 */
import i18next from 'i18next';
import type { ForkView } from '../../../contract/views';
import { shortId } from '../../shared/format';

// Geometry in SVG user units. The component draws with the same numbers.
export const BLOCK_WIDTH = 44;
export const BLOCK_HEIGHT = 26;
/** width of one character of a label (12px monospace) */
export const LABEL_CHAR_WIDTH = 7.3;
/** room for a tip label's colour dot before its text */
export const LABEL_DOT_WIDTH = 14;
const STEP = 64;
// Wide enough for "… 99999 blocks …" between the blocks on either side of a gap.
const GAP_EXTRA = 104;
const LANE_GAP = 22;
const LABEL_ROW = 18;
const LABEL_SPACING = 12;
const PAD = 12;

/** Runs of more single-child blocks than this are drawn as first block, gap, last blocks. */
export const COLLAPSE_OVER = 6;
const KEEP_AT_END = 2;

/**
 * How a chain's tip relates to ours; the names follow core/fork's ChainRelation. `network`:
 * drawn by the network view, which has no chain of its own to compare with.
 */
export type TipRelation = 'self' | 'same' | 'ahead' | 'behind' | 'diverged' | 'different-genesis' | 'network';

export interface ForkTreeNode {
  /** index in `nodes`: a hash can appear on several branches, an id only once */
  readonly id: number;
  readonly hash: string;
  /** 1-based block number: depth in the tree + 1 */
  readonly number: number;
  readonly parent: number | null;
  readonly children: readonly number[];
  /** the nodes whose current chain holds this block, in input order */
  readonly owners: readonly string[];
  /** the nodes whose current chain ends here */
  readonly tipOf: readonly string[];
  /** held only by our former chains */
  readonly orphaned: boolean;
  /** held by current chains only, all of them invalid */
  readonly invalid: boolean;
  /** on this tab's current chain */
  readonly ours: boolean;
  readonly lane: number;
  /** inside a collapsed run: not drawn, counted by its gap (x is then the gap's middle) */
  readonly hidden: boolean;
  /** centre of the block */
  readonly x: number;
  readonly y: number;
}

export interface ForkTreeEdge {
  readonly from: number;
  readonly to: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly orphaned: boolean;
  readonly invalid: boolean;
}

/** A collapsed run: `from` and `to` are drawn, the `hidden` blocks between them are not. */
export interface ForkTreeGap {
  readonly from: number;
  readonly to: number;
  readonly hidden: number;
  /** block numbers of the first and last hidden block */
  readonly firstHidden: number;
  readonly lastHidden: number;
  readonly lane: number;
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  readonly orphaned: boolean;
  readonly invalid: boolean;
}

export interface ForkTreeLabel {
  /** left end and vertical centre of the label's line */
  readonly x: number;
  readonly y: number;
  /** estimated from the text's length */
  readonly width: number;
  /** `right` of a branch's last block; `above` a block that has children (a peer behind) */
  readonly placement: 'right' | 'above';
}

export interface ForkTreeTip {
  readonly owner: string;
  readonly self: boolean;
  readonly valid: boolean;
  /** length of the owner's chain */
  readonly height: number;
  readonly node: number;
  /** leading blocks shared with this tab's chain */
  readonly shared: number;
  readonly relation: TipRelation;
  readonly label: ForkTreeLabel;
}

/** A branch held only by our former chains, ending at `node`. */
export interface ForkTreeOrphan {
  readonly node: number;
  /** block numbers of its first and last orphaned block */
  readonly from: number;
  readonly to: number;
  readonly label: ForkTreeLabel;
}

export interface ForkTreeLayout {
  /** every block of the tree, hidden ones included; ids are indexes */
  readonly nodes: readonly ForkTreeNode[];
  readonly roots: readonly number[];
  readonly edges: readonly ForkTreeEdge[];
  readonly gaps: readonly ForkTreeGap[];
  /** one per non-empty chain, this tab's first */
  readonly tips: readonly ForkTreeTip[];
  readonly orphans: readonly ForkTreeOrphan[];
  readonly lanes: number;
  /** chains in the view, empty ones included */
  readonly chains: number;
  readonly width: number;
  readonly height: number;
}

interface Draft {
  readonly hash: string;
  readonly number: number;
  readonly parent: number | null;
  readonly children: Map<string, number>;
  readonly owners: string[];
  readonly tipOf: string[];
  validChains: number;
  invalidChains: number;
  orphanLists: number;
  orphanEnd: boolean;
  ours: boolean;
  lane: number;
  hidden: boolean;
  x: number;
}

type LabelItem = { readonly kind: 'tip'; readonly index: number } | { readonly kind: 'orphan'; readonly index: number };

interface PlacedLabel {
  readonly x: number;
  readonly width: number;
  readonly placement: 'right' | 'above';
  readonly row: number;
  readonly node: number;
}

/** The text of a tip's label after its colour dot; its width is estimated from it. */
export function tipLabelText(tip: { owner: string; self: boolean; valid: boolean }): string {
  const t = i18next.t;
  return `${shortId(tip.owner)}${tip.self ? ` ${t('forkTree.thisTab')}` : ''}${tip.valid ? '' : ` · ${t('forkTree.invalid')}`}`;
}

// Chinese, Japanese and Korean characters and full-width punctuation take two columns of a monospace font.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** How wide `text` is drawn in a monospace font whose narrow characters are `charWidth` wide. */
export function monospaceWidth(text: string, charWidth: number): number {
  let columns = 0;
  for (const char of text) columns += WIDE.test(char) ? 2 : 1;
  return Math.ceil(columns * charWidth);
}

const textWidth = (text: string) => monospaceWidth(text, LABEL_CHAR_WIDTH);

/** `self`: this tab's id, its chain drawn as ours; null for the network view, which holds no chain. */
export function layoutForkTree(view: ForkView, self: string | null): ForkTreeLayout {
  const drafts: Draft[] = [];
  const roots = new Map<string, number>();
  const draft = (id: number): Draft => {
    const found = drafts[id];
    if (!found) throw new Error(`fork tree: no node ${id}`);
    return found;
  };

  const insert = (hashes: readonly string[]): number[] => {
    const path: number[] = [];
    let siblings = roots;
    let parent: number | null = null;
    for (const hash of hashes) {
      let id = siblings.get(hash);
      if (id === undefined) {
        id = drafts.length;
        drafts.push({
          hash,
          number: path.length + 1,
          parent,
          children: new Map(),
          owners: [],
          tipOf: [],
          validChains: 0,
          invalidChains: 0,
          orphanLists: 0,
          orphanEnd: false,
          ours: false,
          lane: 0,
          hidden: false,
          x: 0,
        });
        siblings.set(hash, id);
      }
      path.push(id);
      parent = id;
      siblings = draft(id).children;
    }
    return path;
  };

  // Ours goes in first: children keep insertion order, so our branch is every node's first
  // child (the trunk), and branches held only by orphaned lists, inserted last, come last.
  const selfIndex = view.chains.findIndex((chain) => chain.owner === self);
  const ordered = selfIndex <= 0 ? [...view.chains] : [view.chains[selfIndex], ...view.chains.filter((_, i) => i !== selfIndex)];
  const chains = ordered.filter((chain) => chain !== undefined);
  const chainPaths = chains.map((chain) => insert(chain.hashes));
  const orphanPaths = view.orphaned.map((hashes) => insert(hashes));

  chains.forEach((chain, i) => {
    const path = chainPaths[i] ?? [];
    for (const id of path) {
      const node = draft(id);
      if (!node.owners.includes(chain.owner)) node.owners.push(chain.owner);
      if (chain.valid) node.validChains++;
      else node.invalidChains++;
    }
    const end = path.at(-1);
    if (end !== undefined && !draft(end).tipOf.includes(chain.owner)) draft(end).tipOf.push(chain.owner);
  });
  for (const path of orphanPaths) {
    for (const id of path) draft(id).orphanLists++;
    const end = path.at(-1);
    if (end !== undefined) draft(end).orphanEnd = true;
  }
  const selfPath = selfIndex >= 0 ? (chainPaths[0] ?? []) : [];
  const ourNodes = new Set(selfPath);
  for (const id of selfPath) draft(id).ours = true;
  const isOrphaned = (node: Draft) => node.validChains + node.invalidChains === 0;
  const isInvalid = (node: Draft) => node.validChains === 0 && node.invalidChains > 0;

  // Lanes: a node's first child continues its lane; every other child opens the next free lane
  // once the subtrees before it are placed, so no edge crosses another branch.
  const lanePaths: number[][] = [];
  const stack: { id: number; lane: number | null }[] = [...roots.values()].reverse().map((id) => ({ id, lane: null }));
  for (let top = stack.pop(); top; top = stack.pop()) {
    const node = draft(top.id);
    node.lane = top.lane ?? lanePaths.push([]) - 1;
    lanePaths[node.lane]?.push(top.id);
    const children = [...node.children.values()];
    for (let k = children.length - 1; k >= 0; k--) {
      const child = children[k];
      if (child !== undefined) stack.push({ id: child, lane: k === 0 ? node.lane : null });
    }
  }

  // Collapse: along a lane, a block with one child where no chain ends is unremarkable; a long
  // run of them keeps its first block and its last two, the rest becomes one gap.
  const collapsible = (id: number) => {
    const node = draft(id);
    return node.children.size === 1 && node.tipOf.length === 0 && !node.orphanEnd;
  };
  const gapDrafts: { from: number; to: number; hidden: number[]; lane: number }[] = [];
  lanePaths.forEach((path, lane) => {
    let start = 0;
    while (start < path.length) {
      let end = start;
      while (end < path.length && collapsible(path[end] ?? -1)) end++;
      const run = path.slice(start, end);
      const first = run[0];
      const to = run[run.length - KEEP_AT_END];
      if (run.length > COLLAPSE_OVER && first !== undefined && to !== undefined) {
        const hidden = run.slice(1, run.length - KEEP_AT_END);
        for (const id of hidden) draft(id).hidden = true;
        gapDrafts.push({ from: first, to, hidden, lane });
      }
      start = end + 1;
    }
  });

  // Columns: x by block number, over the numbers still drawn; a hole gets room for a gap's text.
  const columns = [...new Set(drafts.filter((node) => !node.hidden).map((node) => node.number))].sort((a, b) => a - b);
  const columnX = new Map<number, number>();
  let x = PAD + BLOCK_WIDTH / 2;
  columns.forEach((column, i) => {
    const previous = columns[i - 1];
    if (previous !== undefined) x += STEP + (column - previous > 1 ? GAP_EXTRA : 0);
    columnX.set(column, x);
  });
  for (const node of drafts) if (!node.hidden) node.x = columnX.get(node.number) ?? 0;
  for (const gap of gapDrafts) {
    const middle = (draft(gap.from).x + draft(gap.to).x) / 2;
    for (const id of gap.hidden) draft(id).x = middle;
  }

  // Tips and orphaned branches, with their labels: to the right of a branch's last block,
  // or in rows above a block that has children, packed so that labels never overlap.
  const tipBase = chains.flatMap((chain, i) => {
    const path = chainPaths[i] ?? [];
    const node = path.at(-1);
    if (node === undefined) return [];
    let shared = 0;
    while (shared < path.length && ourNodes.has(path[shared] ?? -1)) shared++;
    const isSelf = selfIndex >= 0 && i === 0;
    const relation = self === null ? 'network' : relationOf(isSelf, shared, path.length, selfPath.length);
    return [{ owner: chain.owner, self: isSelf, valid: chain.valid, height: path.length, node, shared, relation }];
  });
  const orphanBase = drafts.flatMap((node, id) => {
    if (node.children.size > 0 || !isOrphaned(node)) return [];
    let first = node;
    while (first.parent !== null && isOrphaned(draft(first.parent))) first = draft(first.parent);
    return [{ node: id, from: first.number, to: node.number }];
  });

  const groups = new Map<number, LabelItem[]>();
  const addToGroup = (node: number, item: LabelItem) => {
    const group = groups.get(node);
    if (group) group.push(item);
    else groups.set(node, [item]);
  };
  tipBase.forEach((tip, index) => { addToGroup(tip.node, { kind: 'tip', index }); });
  orphanBase.forEach((orphan, index) => { addToGroup(orphan.node, { kind: 'orphan', index }); });
  const itemWidth = (item: LabelItem): number => {
    if (item.kind === 'orphan') {
      const orphan = orphanBase[item.index];
      return orphan ? textWidth(describeOrphan(orphan)) : 0;
    }
    const tip = tipBase[item.index];
    return tip ? LABEL_DOT_WIDTH + textWidth(tipLabelText(tip)) : 0;
  };

  const placed = new Map<string, PlacedLabel>();
  const rowsByLane = new Map<number, [number, number][][]>();
  const sortedGroups = [...groups.entries()].sort(([a], [b]) => draft(a).x - draft(b).x || a - b);
  for (const [id, items] of sortedGroups) {
    const node = draft(id);
    const widths = items.map(itemWidth);
    const total = widths.reduce((sum, width) => sum + width, 0) + LABEL_SPACING * (items.length - 1);
    const placement = node.children.size === 0 ? 'right' : 'above';
    let row = 0;
    let left = node.x + BLOCK_WIDTH / 2 + 8;
    if (placement === 'above') {
      left = node.x - BLOCK_WIDTH / 2 + 2;
      const rows = rowsByLane.get(node.lane) ?? [];
      rowsByLane.set(node.lane, rows);
      const right = left + total + LABEL_SPACING;
      row = rows.findIndex((taken) => taken.every(([a, b]) => right <= a || left >= b));
      if (row < 0) row = rows.push([]) - 1;
      rows[row]?.push([left, right]);
    }
    items.forEach((item, i) => {
      const width = widths[i] ?? 0;
      placed.set(`${item.kind}:${item.index}`, { x: left, width, placement, row, node: id });
      left += width + LABEL_SPACING;
    });
  }

  // Lanes top to bottom, each as tall as its label rows plus a block.
  const laneY: number[] = [];
  let top = PAD;
  for (let lane = 0; lane < lanePaths.length; lane++) {
    const rows = rowsByLane.get(lane)?.length ?? 0;
    laneY.push(top + rows * LABEL_ROW + BLOCK_HEIGHT / 2);
    top += rows * LABEL_ROW + BLOCK_HEIGHT + LANE_GAP;
  }
  const yOf = (id: number) => laneY[draft(id).lane] ?? 0;
  const labelOf = (key: string): ForkTreeLabel => {
    const label = placed.get(key);
    if (!label) throw new Error(`fork tree: no label ${key}`);
    const y = label.placement === 'right' ? yOf(label.node) : yOf(label.node) - BLOCK_HEIGHT / 2 - LABEL_ROW * (label.row + 0.5);
    return { x: label.x, y, width: label.width, placement: label.placement };
  };

  const nodes: ForkTreeNode[] = drafts.map((node, id) => ({
    id,
    hash: node.hash,
    number: node.number,
    parent: node.parent,
    children: [...node.children.values()],
    owners: node.owners,
    tipOf: node.tipOf,
    orphaned: isOrphaned(node),
    invalid: isInvalid(node),
    ours: node.ours,
    lane: node.lane,
    hidden: node.hidden,
    x: node.x,
    y: yOf(id),
  }));
  const edges: ForkTreeEdge[] = nodes.flatMap((node) => {
    const parent = node.parent === null ? undefined : nodes[node.parent];
    if (!parent || parent.hidden || node.hidden) return [];
    return [{
      from: parent.id,
      to: node.id,
      x1: parent.x + BLOCK_WIDTH / 2,
      y1: parent.y,
      x2: node.x - BLOCK_WIDTH / 2,
      y2: node.y,
      orphaned: node.orphaned,
      invalid: node.invalid,
    }];
  });
  const gaps: ForkTreeGap[] = gapDrafts.map((gap) => {
    const from = draft(gap.from);
    return {
      from: gap.from,
      to: gap.to,
      hidden: gap.hidden.length,
      firstHidden: from.number + 1,
      lastHidden: from.number + gap.hidden.length,
      lane: gap.lane,
      x1: from.x + BLOCK_WIDTH / 2,
      x2: draft(gap.to).x - BLOCK_WIDTH / 2,
      y: yOf(gap.from),
      orphaned: isOrphaned(from),
      invalid: isInvalid(from),
    };
  });
  const tips: ForkTreeTip[] = tipBase.map((tip, index) => ({ ...tip, label: labelOf(`tip:${index}`) }));
  const orphans: ForkTreeOrphan[] = orphanBase.map((orphan, index) => ({ ...orphan, label: labelOf(`orphan:${index}`) }));

  const right = Math.max(
    PAD,
    ...nodes.filter((node) => !node.hidden).map((node) => node.x + BLOCK_WIDTH / 2),
    ...[...tips, ...orphans].map((item) => item.label.x + item.label.width),
  );
  return {
    nodes,
    roots: [...roots.values()],
    edges,
    gaps,
    tips,
    orphans,
    lanes: lanePaths.length,
    chains: view.chains.length,
    width: Math.ceil(right + PAD),
    height: lanePaths.length === 0 ? 2 * PAD : Math.ceil(top - LANE_GAP + PAD),
  };
}

function relationOf(self: boolean, shared: number, length: number, ours: number): TipRelation {
  if (self) return 'self';
  if (shared === length && length === ours) return 'same';
  if (shared === length) return 'behind';
  if (shared === ours && ours > 0) return 'ahead';
  if (shared === 0) return 'different-genesis';
  return 'diverged';
}

/** One line per tip for the list under the drawing, e.g. "a1b2c3: height 5, diverged from this tab at block 4". */
export function describeTip(tip: ForkTreeTip): string {
  const t = i18next.t;
  const line = t(`forkTree.tip.${tip.relation}`, { id: shortId(tip.owner), height: tip.height, block: tip.shared + 1 });
  return tip.valid ? line : line + t('forkTree.tipInvalid');
}

/** "orphaned: blocks 5–7": both the label at the branch's end and its line in the list. */
export function describeOrphan(orphan: { from: number; to: number }): string {
  return orphan.from === orphan.to
    ? i18next.t('forkTree.orphanBlock', { from: orphan.from })
    : i18next.t('forkTree.orphanBlocks', { from: orphan.from, to: orphan.to });
}

/**
 * The drawing in one sentence, for its accessible name: "3 chains: trunk of 4 blocks, 2 branches".
 * The trunk is lane 0 (our chain, and any peer's longer chain that extends it); every other
 * lane is a branch, orphaned ones included.
 */
export function summarizeForkTree(layout: ForkTreeLayout): string {
  const t = i18next.t;
  if (layout.nodes.length === 0) return t('forkTree.summaryEmpty');
  const trunk = layout.nodes.filter((node) => node.lane === 0).length;
  const branches = layout.lanes - 1;
  const branchText = t('forkTree.branches', { count: branches });
  const parts = [
    t('forkTree.trunk', { blocks: t('resolve.blocks', { count: trunk }) }),
    branches === 0
      ? t('forkTree.noBranches')
      : layout.orphans.length > 0
        ? t('forkTree.orphanedBranches', { branches: branchText, orphaned: layout.orphans.length })
        : branchText,
  ];
  if (layout.roots.length > 1) parts.push(t('forkTree.geneses', { roots: layout.roots.length }));
  return t('forkTree.summary', { chains: t('forkTree.chains', { count: layout.chains }), parts: parts.join(t('forkTree.separator')) });
}
