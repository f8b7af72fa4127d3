import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForkView } from '../../../contract/views';
import { slotColour, slotInk, slotName } from '../../shared/class-badges';
import { ClassDot } from '../../shared/class-dot';
import { shortHash, shortId } from '../../shared/format';
import { useSlotOf } from '../../shared/slots';
import {
  BLOCK_HEIGHT,
  BLOCK_WIDTH,
  LABEL_DOT_WIDTH,
  describeOrphan,
  describeTip,
  layoutForkTree,
  monospaceWidth,
  summarizeForkTree,
  type ForkTreeGap,
  type ForkTreeLayout,
  type ForkTreeNode,
  type ForkTreeTip,
} from './fork-tree-layout';
import { useNodeForks } from './fork-tree-queries';
import { useNodeStatusPart } from '../../shared/node-queries';
import './fork-tree.css';

const DOT_X = 5;
// 11px monospace, as fork-tree.css sets for the gap's text.
const GAP_CHAR_WIDTH = 6.7;

/** Who draws the tree: a tab, its own chain first, or the network view, the longest chain first. */
type Perspective = 'tab' | 'network';

/** Every chain this tab knows, merged by block hash: where they share blocks and where they part. */
export function ForkTree() {
  const forks = useNodeForks().data;
  const self = useNodeStatusPart((status) => status.id).data;
  return <ForkTreePanel forks={self === undefined ? undefined : forks} self={self ?? null} />;
}

/** The fork tree of `forks`; `self` is this tab's id, or null in the network view, which holds no chain. */
export function ForkTreePanel({ forks, self }: { forks: ForkView | undefined; self: string | null }) {
  const { t, i18n } = useTranslation();
  // Labels are measured from their text, which i18next gives in the current language: a new language lays the tree out again.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the language is read by the layout through i18next
  const layout = useMemo(() => (forks ? layoutForkTree(forks, self) : null), [forks, self, i18n.language]);
  const perspective: Perspective = self === null ? 'network' : 'tab';
  return (
    <section className="panel fork-tree" aria-labelledby="fork-tree-title" data-testid="fork-tree">
      <h2 id="fork-tree-title">{t('forkTree.title')}</h2>
      {layout === null ? (
        <p className="hint">{t(`forkTree.reading.${perspective}`)}</p>
      ) : layout.nodes.length === 0 ? (
        <p className="hint">{t('forkTree.empty')}</p>
      ) : (
        <ForkTreeDrawing layout={layout} lanes={t(`forkTree.lanes.${perspective}`)} />
      )}
    </section>
  );
}

function ForkTreeDrawing({ layout, lanes }: { layout: ForkTreeLayout; lanes: string }) {
  const { t } = useTranslation();
  const summary = summarizeForkTree(layout);
  const drawn = layout.nodes.filter((node) => !node.hidden);
  return (
    <>
      <p className="hint">
        {lanes} {t('forkTree.legend')}
      </p>
      {/* Focusable so that keyboard users can scroll a wide tree with the arrow keys. */}
      <div className="fork-tree-scroll" role="region" aria-label={t('forkTree.drawingLabel')} tabIndex={0}>
        <svg
          className="fork-tree-svg"
          role="img"
          aria-label={summary}
          // Sized in rem: the drawing, and its labels with it, grows with the page's type (projector mode).
          style={{
            width: `calc(${layout.width / BASE_FONT_PX}rem * var(--fork-tree-scale, 1))`,
            height: `calc(${layout.height / BASE_FONT_PX}rem * var(--fork-tree-scale, 1))`,
          }}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
        >
          <title>{summary}</title>
          <g>
            {layout.edges.map((edge) => (
              <line
                key={`${edge.from}-${edge.to}`}
                className={classes('ft-edge', { 'is-ours': layout.nodes[edge.to]?.ours, 'is-orphaned': edge.orphaned, 'is-invalid': edge.invalid })}
                x1={edge.x1}
                y1={edge.y1}
                x2={edge.x2}
                y2={edge.y2}
              />
            ))}
          </g>
          <g>
            {layout.gaps.map((gap) => (
              <Gap key={`gap-${gap.from}`} gap={gap} ours={layout.nodes[gap.from]?.ours ?? false} />
            ))}
          </g>
          <g>
            {drawn.map((node) => (
              <Block key={node.id} node={node} />
            ))}
          </g>
          <g>
            {layout.tips.map((tip, i) => (
              <Leader key={`${tip.owner}-${i}`} tip={tip} node={layout.nodes[tip.node]} />
            ))}
          </g>
          <g>
            {layout.tips.map((tip, i) => (
              <TipLabel key={`${tip.owner}-${i}`} tip={tip} />
            ))}
            {layout.orphans.map((orphan) => (
              <text key={`orphan-${orphan.node}`} className="ft-label ft-orphan-label" x={orphan.label.x} y={orphan.label.y}>
                {describeOrphan(orphan)}
              </text>
            ))}
          </g>
        </svg>
      </div>
      <ul className="fork-tree-list" aria-label={t('forkTree.listLabel')}>
        {layout.tips.map((tip, i) => (
          <li key={`${tip.owner}-${i}`} title={tip.owner}>
            <ClassDot id={tip.owner} /> {describeTip(tip)}
          </li>
        ))}
        {layout.orphans.map((orphan) => (
          <li key={`orphan-${orphan.node}`}>{describeOrphan(orphan)}</li>
        ))}
      </ul>
    </>
  );
}

function Block({ node }: { node: ForkTreeNode }) {
  const { t } = useTranslation();
  const held = node.owners.length > 0 ? t('forkTree.heldBy', { owners: node.owners.map(shortId).join(', ') }) : '';
  const state = node.orphaned ? t('forkTree.blockOrphaned') : node.invalid ? t('forkTree.blockInvalid') : '';
  return (
    <g
      className={classes('ft-block', { 'is-ours': node.ours, 'is-orphaned': node.orphaned, 'is-invalid': node.invalid })}
      transform={`translate(${node.x - BLOCK_WIDTH / 2} ${node.y - BLOCK_HEIGHT / 2})`}
      data-block-number={node.number}
      data-hash={node.hash}
      data-orphaned={node.orphaned ? 'true' : undefined}
      data-invalid={node.invalid ? 'true' : undefined}
    >
      <title>{t('forkTree.block', { number: node.number, hash: shortHash(node.hash) }) + held + state}</title>
      <rect width={BLOCK_WIDTH} height={BLOCK_HEIGHT} rx={5} />
      <text x={BLOCK_WIDTH / 2} y={BLOCK_HEIGHT / 2}>
        {node.number}
      </text>
    </g>
  );
}

/** A collapsed run: a dashed segment broken by its text, "… N blocks …". */
function Gap({ gap, ours }: { gap: ForkTreeGap; ours: boolean }) {
  const { t } = useTranslation();
  const text = t('forkTree.gap', { hidden: gap.hidden });
  const middle = (gap.x1 + gap.x2) / 2;
  const half = monospaceWidth(text, GAP_CHAR_WIDTH) / 2 + 4;
  return (
    <g
      className={classes('ft-gap', { 'is-ours': ours, 'is-orphaned': gap.orphaned, 'is-invalid': gap.invalid })}
      data-hidden-blocks={gap.hidden}
    >
      <title>{t('forkTree.gapTitle', { first: gap.firstHidden, last: gap.lastHidden })}</title>
      <line x1={gap.x1} y1={gap.y} x2={Math.max(gap.x1, middle - half)} y2={gap.y} />
      <line x1={Math.min(gap.x2, middle + half)} y1={gap.y} x2={gap.x2} y2={gap.y} />
      <text x={middle} y={gap.y}>
        {text}
      </text>
    </g>
  );
}

/** A tip's short id with its colour dot, "(this tab)" for ours and "invalid" for a failing chain. */
function TipLabel({ tip }: { tip: ForkTreeTip }) {
  const { t } = useTranslation();
  const slot = useSlotOf()(tip.owner);
  const letter = slotName(slot);
  return (
    <g
      className={classes('ft-label ft-tip', { 'is-self': tip.self, 'is-invalid': !tip.valid })}
      transform={`translate(${tip.label.x} ${tip.label.y})`}
      data-tip-owner={tip.owner}
    >
      <title>{describeTip(tip)}</title>
      <circle className="ft-dot" cx={DOT_X} cy={0} r={letter === null ? 4.5 : 6.5} fill={slotColour(slot)} />
      {letter !== null && (
        <text className="ft-dot-letter" x={DOT_X} y={0} fill={slotInk(slot)}>
          {letter}
        </text>
      )}
      <text x={LABEL_DOT_WIDTH} y={0}>
        {shortId(tip.owner)}
        {tip.self && <tspan> {t('forkTree.thisTab')}</tspan>}
        {!tip.valid && <tspan className="ft-invalid-word"> · {t('forkTree.invalid')}</tspan>}
      </text>
    </g>
  );
}

/** Ties a label placed above a block (a peer behind us) to that block. */
function Leader({ tip, node }: { tip: ForkTreeTip; node: ForkTreeNode | undefined }) {
  const x = tip.label.x + DOT_X;
  // Only the first label of a group sits over its block; the others follow it on the same row.
  if (tip.label.placement !== 'above' || !node || Math.abs(x - node.x) >= BLOCK_WIDTH / 2) return null;
  return <line className="ft-leader" x1={x} y1={tip.label.y + 5} x2={x} y2={node.y - BLOCK_HEIGHT / 2} />;
}

/** The drawing's units are pixels at the page's normal type size (1rem); it scales with the type. */
const BASE_FONT_PX = 16;

function classes(base: string, flags: Record<string, boolean | undefined>): string {
  return [base, ...Object.entries(flags).flatMap(([name, on]) => (on ? [name] : []))].join(' ');
}
