import { useMutation } from '@tanstack/react-query';
import { defaultRangeExtractor, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import i18next from 'i18next';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainView as ChainData, NetworkRules, RepairResult } from '../../../node/api';
import { blockValidity, sameBlockValidity, type BlockValidity } from './block-validity';
import { blockTransactions, type Block } from '../../../core/block';
import { displayValue, formatCount, shortHash } from '../../shared/format';
import { useNode } from '../../connection/node-context';
import { nodeMessageText } from '../../shared/node-message-text';
import { useNodeChain, useNodeStatusPart } from '../../shared/node-queries';
import { verdictText } from '../../shared/verdict-text';
import { BlockCard } from './block-card';
import { MiningProgress } from '../mining/mine-panel';

function ChainVerdict({ chain }: { chain: ChainData }) {
  const { t } = useTranslation();
  const { verdict } = chain;
  return (
    <p className={`chain-verdict ${verdict.valid ? 'valid' : 'broken'}`} data-testid="chain-verdict" data-valid={verdict.valid}>
      <span aria-hidden="true">{verdict.valid ? '✓ ' : '✗ '}</span>
      {verdict.valid
        ? t('chain.valid')
        : verdict.block === null
          ? t('chain.invalid', { reason: verdictText(verdict) })
          : t('chain.invalidFrom', { block: verdict.block, reason: verdictText(verdict) })}
    </p>
  );
}

/** What a repair cost, and what that says about the proof rule: the lesson of the tamper lab. */
function repairLesson(result: Extract<RepairResult, { ok: true }>, rule: NetworkRules['rule']): string {
  const t = i18next.t;
  const done = t('chain.repaired', {
    links: t('counts.links', { count: result.relinked }),
    proofs: t('counts.proofs', { count: result.remined }),
    attempts: formatCount(result.attempts),
  });
  let why: string;
  if (result.remined === 0 && rule === 'tutorial') why = t('chain.lessonFree');
  else if (rule === 'bound') why = t('chain.lessonBound');
  else why = t('chain.lessonRule', { rule });
  return t('chain.lesson', { done, why });
}

function TamperLab({ chain, editing, setEditing }: { chain: ChainData; editing: boolean; setEditing: (on: boolean) => void }) {
  const { t } = useTranslation();
  const node = useNode();
  // Mining progress re-renders this part only while it is a repair.
  const status = useNodeStatusPart(({ mining, rules, hashRate }) => {
    const repairing = mining?.purpose === 'repair' ? mining : null;
    return { searching: mining !== null, repairing, hashRate: repairing ? hashRate : null, difficulty: rules.difficulty, rule: rules.rule };
  }).data;
  const repair = useMutation({ mutationFn: (): Promise<RepairResult> => node.repair() });
  const busy = repair.isPending || status?.searching === true;
  const result = repair.data;
  return (
    <div className="tamper-lab">
      <label className="toggle">
        <input type="checkbox" checked={editing} onChange={(event) => { setEditing(event.target.checked); }} />
        {t('chain.tamperLab')}
      </label>
      {(editing || chain.tampered.length > 0 || !chain.verdict.valid) && (
        <div className="row">
          <button type="button" onClick={() => { repair.mutate(); }} disabled={busy || chain.verdict.valid} aria-busy={repair.isPending}>
            {repair.isPending && <span className="spinner" aria-hidden="true" />}
            {t('chain.repair')}
          </button>
          <span className="hint">{t('chain.repairHint')}</span>
        </div>
      )}
      {status?.repairing && (
        <MiningProgress mining={status.repairing} difficulty={status.difficulty} hashRate={status.hashRate} />
      )}
      <p className="result" role="status" aria-live="polite" data-testid="repair-result">
        {result?.ok === false && nodeMessageText(result.message)}
        {result?.ok === true && status && repairLesson(result, status.rule)}
      </p>
    </div>
  );
}

/** The link between two cards: the hash a block names, and whether it is the previous block's. */
function ChainLink({ block, previousHash, previousNumber }: { block: Block; previousHash: string; previousNumber: number }) {
  const { t } = useTranslation();
  const stated = displayValue(block['previous_hash']);
  const linked = stated === previousHash;
  return (
    <p className={`link ${linked ? '' : 'broken'}`} data-testid="chain-link" data-linked={linked}>
      <span aria-hidden="true">{linked ? '↑ ' : '✗ '}</span>
      previous_hash {shortHash(stated)}{' '}
      {linked
        ? t('chain.linked', { block: previousNumber })
        : t('chain.brokenLink', { block: previousNumber, hash: shortHash(previousHash) })}
    </p>
  );
}

interface ChainEntryProps {
  block: Block;
  hash: string;
  /** the hash of the block before; undefined for the genesis block */
  previousHash: string | undefined;
  position: number;
  validity: BlockValidity;
  tampered: boolean;
  editing: boolean;
}

const sameEntry = (a: ChainEntryProps, b: ChainEntryProps): boolean =>
  a.block === b.block &&
  a.hash === b.hash &&
  a.previousHash === b.previousHash &&
  a.position === b.position &&
  a.tampered === b.tampered &&
  a.editing === b.editing &&
  sameBlockValidity(a.validity, b.validity);

/**
 * One block and the link above it. Memoised on plain values and on block objects, which a
 * refetch keeps where the hash is unchanged (`shareBlocksByHash`): neither a new block nor
 * scrolling a long chain re-renders a card already drawn.
 */
const ChainEntry = memo(function ChainEntry({ block, hash, previousHash, position, validity, tampered, editing }: ChainEntryProps) {
  return (
    <>
      {previousHash !== undefined && <ChainLink block={block} previousHash={previousHash} previousNumber={position} />}
      <BlockCard
        block={block}
        hash={hash}
        position={position}
        validity={validity}
        tampered={tampered}
        editing={editing}
      />
    </>
  );
}, sameEntry);

/** Up to this many blocks every card is on the page, as it always was; a longer chain scrolls in its own region. */
const ALL_CARDS_UP_TO = 10;
/** Cards drawn beyond each edge of the region, so a short scroll never shows an empty gap. */
const OVERSCAN = 4;

// Heights in px of the default layout, used only until a card is drawn and measured: the
// link, a card without transactions ("Transactions: none"), a card with the table, a row.
const LINK_HEIGHT = 23;
const EMPTY_CARD_HEIGHT = 225;
const CARD_WITH_TABLE_HEIGHT = 242;
const ROW_HEIGHT = 26;

function estimatedHeight(block: Block | undefined, position: number): number {
  const transactions = blockTransactions(block).length;
  const card = transactions === 0 ? EMPTY_CARD_HEIGHT : CARD_WITH_TABLE_HEIGHT + transactions * ROW_HEIGHT;
  return (position > 0 ? LINK_HEIGHT : 0) + card;
}

type ChainVirtualizer = Virtualizer<HTMLDivElement, HTMLLIElement>;
type Scroll = (virtualizer: ChainVirtualizer, pageHeight: number) => void;

/** An arrow key scrolls about one line of text, as browsers do. */
const LINE_HEIGHT = 40;
/** A page scroll keeps a little of the previous screen in view, as browsers do. */
const PAGE_OVERLAP = 0.9;
/** Room above the first card and below the last, inside the region's border. */
const LIST_PADDING = 6;

const scrollToGenesis = (virtualizer: ChainVirtualizer) => { virtualizer.scrollToOffset(0); };
const scrollToNewest = (virtualizer: ChainVirtualizer) => { virtualizer.scrollToEnd(); };

/**
 * The region's scrolling keys, done by the virtualizer: the browser's own animated scroll
 * stops halfway when cards measured on the way correct the scroll position.
 */
const SCROLL_KEYS: Readonly<Record<string, Scroll>> = {
  Home: scrollToGenesis,
  End: scrollToNewest,
  PageUp: (virtualizer, pageHeight) => { virtualizer.scrollBy(-pageHeight); },
  PageDown: (virtualizer, pageHeight) => { virtualizer.scrollBy(pageHeight); },
  ArrowUp: (virtualizer) => { virtualizer.scrollBy(-LINE_HEIGHT); },
  ArrowDown: (virtualizer) => { virtualizer.scrollBy(LINE_HEIGHT); },
};

function scrollKey(event: KeyboardEvent<HTMLDivElement>): Scroll | undefined {
  // Keys typed in a tamper field, or with a modifier, are not ours.
  if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return undefined;
  if (event.key === ' ') return SCROLL_KEYS[event.shiftKey ? 'PageUp' : 'PageDown'];
  return Object.hasOwn(SCROLL_KEYS, event.key) ? SCROLL_KEYS[event.key] : undefined;
}

/** Jumps to either end of a long chain, and which of its blocks are in view. */
function ChainNavigation({ virtualizer, count }: { virtualizer: ChainVirtualizer; count: number }) {
  const { t } = useTranslation();
  const inView = virtualizer.range;
  return (
    <div className="chain-nav">
      <button type="button" className="small" onClick={() => { scrollToGenesis(virtualizer); }}>
        <span aria-hidden="true">⤒ </span>{t('chain.toGenesis')}
      </button>
      <button type="button" className="small" onClick={() => { scrollToNewest(virtualizer); }}>
        <span aria-hidden="true">⤓ </span>{t('chain.toNewest')}
      </button>
      <span className="hint" data-testid="blocks-in-view">
        {inView
          ? t('chain.inView', { first: inView.startIndex + 1, last: inView.endIndex + 1, total: count })
          : t('counts.blocks', { count })}
      </span>
    </div>
  );
}

/** The chain as linked cards: each link shows that a block names the hash of the one before. */
export function ChainView() {
  const { t } = useTranslation();
  const chain = useNodeChain().data;
  const [editing, setEditing] = useState(false);
  const blocks = chain?.blocks;
  const count = blocks?.length ?? 0;
  const windowed = count > ALL_CARDS_UP_TO;
  const scroller = useRef<HTMLDivElement>(null);
  // A card holding the focus stays drawn when it scrolls out of view: an edit typed in the
  // tamper lab is committed on blur, which a removed input would never get.
  const focusedPosition = useRef<number | null>(null);
  const keepFocusedCard = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const focused = focusedPosition.current;
    if (focused === null || focused >= range.count || indexes.includes(focused)) return indexes;
    return [...indexes, focused].sort((a, b) => a - b);
  }, []);
  const estimateSize = useCallback((index: number) => estimatedHeight(blocks?.[index], index), [blocks]);
  // The page is not built with React Compiler; no function of the virtualizer reaches a memoised child.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count,
    enabled: windowed,
    getScrollElement: () => scroller.current,
    estimateSize,
    overscan: OVERSCAN,
    paddingStart: LIST_PADDING,
    paddingEnd: LIST_PADDING,
    rangeExtractor: keepFocusedCard,
    // The newest block is at the bottom: while it is in view, a new block scrolls into view too.
    anchorTo: 'end',
    followOnAppend: true,
  });
  // A chain that just became long (a long import, a resolve, its 11th block) opens on its
  // newest block, once the virtualizer knows the list's height (not always in the first
  // commit that enables it).
  const openOnNewest = useRef(true);
  const totalSize = windowed ? virtualizer.getTotalSize() : 0;
  useLayoutEffect(() => {
    if (!windowed) {
      openOnNewest.current = true;
      return;
    }
    if (!openOnNewest.current || totalSize === 0) return;
    openOnNewest.current = false;
    scrollToNewest(virtualizer);
  }, [windowed, virtualizer, totalSize]);

  const drawn = windowed ? virtualizer.getVirtualItems() : null;
  const tip = chain?.hashes.at(-1);
  const height = chain?.hashes.length ?? 0;
  useEffect(() => {
    // Effects run once the chain with its new tip is committed to the screen: `npm run bench`
    // reads this mark (a long chain may be scrolled elsewhere; its count and tree show the tip).
    if (tip !== undefined) performance.mark('tabchain:chain-drawn', { detail: { hash: tip, height } });
  }, [tip, height]);

  if (!chain) return null;
  const tampered = new Set(chain.tampered);
  const entry = (position: number) => {
    const block = chain.blocks[position];
    if (block === undefined) return null;
    return (
      <ChainEntry
        block={block}
        hash={chain.hashes[position] ?? ''}
        previousHash={position === 0 ? undefined : (chain.hashes[position - 1] ?? '')}
        position={position}
        validity={blockValidity(chain.verdict, position)}
        tampered={tampered.has(position + 1)}
        editing={editing}
      />
    );
  };
  return (
    <section className="panel chain" aria-labelledby="chain-title">
      <h2 id="chain-title">{t('chain.title', { length: chain.blocks.length })}</h2>
      <ChainVerdict chain={chain} />
      <TamperLab chain={chain} editing={editing} setEditing={setEditing} />
      {windowed && <ChainNavigation virtualizer={virtualizer} count={count} />}
      <div
        ref={scroller}
        className={windowed ? 'blocks-scroller' : undefined}
        // Focusable so that the keyboard scrolls it: arrows, Page Up/Down, Home, End.
        {...(windowed ? { role: 'region', 'aria-label': t('chain.scrollRegion', { total: count }), tabIndex: 0 } : {})}
        onKeyDown={(event) => {
          const scroll = windowed ? scrollKey(event) : undefined;
          if (scroll === undefined) return;
          event.preventDefault();
          scroll(virtualizer, event.currentTarget.clientHeight * PAGE_OVERLAP);
        }}
      >
        <ol
          className={windowed ? 'blocks windowed' : 'blocks'}
          style={windowed ? { height: virtualizer.getTotalSize() } : undefined}
          onFocus={(event) => {
            const row = event.target.closest('li[data-index]');
            focusedPosition.current = row === null ? null : Number(row.getAttribute('data-index'));
          }}
          onBlur={() => { focusedPosition.current = null; }}
        >
          {drawn === null
            ? chain.blocks.map((_, i) => <li key={i}>{entry(i)}</li>)
            : drawn.map((item) => (
                <li
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{ transform: `translateY(${item.start}px)` }}
                  aria-posinset={item.index + 1}
                  aria-setsize={count}
                >
                  {entry(item.index)}
                </li>
              ))}
        </ol>
      </div>
    </section>
  );
}
