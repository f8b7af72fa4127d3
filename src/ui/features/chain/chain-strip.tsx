import { defaultRangeExtractor, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockRules } from './block-rules';
import type { ChainView as ChainData } from '../../../contract/views';
import { useUiStore } from '../../shared/store';
import { blockValidity } from './block-validity';
import { ChainEntry } from './chain-entry';
import { PAGE_OVERLAP, stripScroll, type StripScroll } from './strip-keys';

/** Up to this many blocks every card is on the page; a longer chain draws only the cards in view. */
const ALL_CARDS_UP_TO = 10;
/** Cards drawn beyond each edge of the strip, so a short scroll never shows an empty gap. */
const OVERSCAN = 2;
/** Room between two cards, where the link is drawn (as in the style sheet). */
const GAP = 32;
/** Room before the first card and after the last. */
const EDGE = 8;
/** A card is 18rem wide (as in the style sheet); the virtualizer measures it once drawn. */
const CARD_REM = 18;

type StripVirtualizer = Virtualizer<HTMLDivElement, HTMLLIElement>;

/** How the strip scrolls: by the virtualizer for a long chain, by the element itself for a short one. */
interface Scroller {
  scroll: (how: StripScroll) => void;
}

function elementScroller(element: RefObject<HTMLDivElement | null>): Scroller {
  return {
    scroll: (how) => {
      const strip = element.current;
      if (!strip) return;
      if ('by' in how) strip.scrollBy({ left: how.by });
      else strip.scrollLeft = how.to === 'start' ? 0 : strip.scrollWidth;
    },
  };
}

function virtualScroller(virtualizer: StripVirtualizer): Scroller {
  return {
    scroll: (how) => {
      if ('by' in how) virtualizer.scrollBy(how.by);
      else if (how.to === 'start') virtualizer.scrollToOffset(0);
      else virtualizer.scrollToEnd();
    },
  };
}

/** Genesis and Newest block, and which blocks are in view. */
function StripNavigation({
  scroller,
  inView,
  count,
  children,
}: {
  scroller: Scroller;
  inView: { first: number; last: number } | null;
  count: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="chain-nav">
      {children}
      <button type="button" className="small" onClick={() => { scroller.scroll({ to: 'start' }); }}>
        <span aria-hidden="true">⇤ </span>
        {t('chain.toGenesis')}
      </button>
      <button type="button" className="small" onClick={() => { scroller.scroll({ to: 'end' }); }}>
        {t('chain.toNewest')}
        <span aria-hidden="true"> ⇥</span>
      </button>
      <span className="hint" data-testid="blocks-in-view">
        {inView
          ? t('chain.inView', { first: inView.first, last: inView.last, total: count })
          : t('counts.blocks', { count })}
      </span>
    </div>
  );
}

/**
 * The chain as a strip of cards, oldest on the left, the newest on the right and in view
 * whenever the chain grows. A long chain draws only the cards in view (and the one holding
 * the focus, so a field typed in never disappears).
 */
export function ChainStrip({
  chain,
  editing,
  rulesOf,
  toolbar,
}: {
  chain: ChainData;
  editing: boolean;
  rulesOf: (height: number) => BlockRules;
  /** controls drawn on the strip's navigation row, before Genesis and Newest block */
  toolbar: ReactNode;
}) {
  const { t } = useTranslation();
  const projector = useUiStore((state) => state.preferences.projector);
  const count = chain.blocks.length;
  const windowed = count > ALL_CARDS_UP_TO;
  const strip = useRef<HTMLDivElement>(null);
  const focusedPosition = useRef<number | null>(null);
  const keepFocusedCard = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const focused = focusedPosition.current;
    if (focused === null || focused >= range.count || indexes.includes(focused)) return indexes;
    return [...indexes, focused].sort((a, b) => a - b);
  }, []);
  const cardWidth = CARD_REM * (projector ? 22 : 16);
  const estimateSize = useCallback(() => cardWidth, [cardWidth]);
  // The page is not built with React Compiler; no function of the virtualizer reaches a memoised child.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count,
    horizontal: true,
    enabled: windowed,
    getScrollElement: () => strip.current,
    estimateSize,
    overscan: OVERSCAN,
    gap: GAP,
    paddingStart: EDGE,
    paddingEnd: EDGE,
    rangeExtractor: keepFocusedCard,
    anchorTo: 'end',
    followOnAppend: true,
    // Cards newly in view are drawn in a task of their own, not inside the scroll event's frame:
    // a jump across the chain (the scroll bar dragged far) never makes one long task of it.
    useFlushSync: false,
  });
  const scroller = windowed ? virtualScroller(virtualizer) : elementScroller(strip);

  // A chain that grows (a block mined, a resolve, an import) shows its newest block, once the
  // strip knows its new width (not always in the first commit that enables the virtualizer).
  const shownCount = useRef(0);
  const totalSize = windowed ? virtualizer.getTotalSize() : 0;
  useLayoutEffect(() => {
    if (count <= shownCount.current) {
      shownCount.current = count;
      return;
    }
    if (windowed && totalSize === 0) return;
    shownCount.current = count;
    scroller.scroll({ to: 'end' });
  });

  // A strip showing its newest block keeps it in view when its cards change width (projector
  // mode, a resized window, an edit in the tamper lab).
  const scrollerRef = useRef(scroller);
  useEffect(() => { scrollerRef.current = scroller; });
  useEffect(() => {
    const element = strip.current;
    const list = element?.firstElementChild;
    if (!element || !list) return;
    let atEnd = true;
    const onScroll = () => { atEnd = element.scrollLeft + element.clientWidth >= element.scrollWidth - 4; };
    const observer = new ResizeObserver(() => { if (atEnd) scrollerRef.current.scroll({ to: 'end' }); });
    element.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(element);
    observer.observe(list);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, []);

  const drawn = windowed ? virtualizer.getVirtualItems() : null;
  const range = virtualizer.range;
  const tampered = new Set(chain.tampered);
  const entry = (position: number): ReactNode => {
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
        {...rulesOf(position + 1)}
        last={position === count - 1}
      />
    );
  };
  return (
    <>
      <StripNavigation
        scroller={scroller}
        inView={windowed && range ? { first: range.startIndex + 1, last: range.endIndex + 1 } : null}
        count={count}
      >
        {toolbar}
      </StripNavigation>
      <div
        ref={strip}
        className={windowed ? 'blocks-strip windowed' : 'blocks-strip'}
        role="region"
        aria-label={t('chain.scrollRegion', { total: count })}
        // Focusable so that the keyboard scrolls it.
        tabIndex={0}
        onKeyDown={(event) => {
          const how = stripScroll(event, event.currentTarget.clientWidth * PAGE_OVERLAP, event.target === event.currentTarget);
          if (how === null) return;
          event.preventDefault();
          scroller.scroll(how);
        }}
      >
        <ol
          className="blocks"
          style={windowed ? { width: totalSize } : undefined}
          onFocus={(event) => {
            const row = event.target.closest('li[data-index]');
            focusedPosition.current = row === null ? null : Number(row.getAttribute('data-index'));
          }}
          onBlur={() => { focusedPosition.current = null; }}
        >
          {drawn === null
            ? chain.blocks.map((_, i) => (
                <li key={i} data-index={i}>
                  {entry(i)}
                </li>
              ))
            : drawn.map((item, k) => {
                const before = k === 0 ? undefined : drawn[k - 1];
                // Cards are laid out in a row: the first drawn one starts where the virtualizer
                // puts it, and a card kept for the focus far away keeps its place too.
                const marginLeft = before === undefined ? item.start : item.start - before.end - GAP;
                return (
                  <li
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    style={{ marginLeft }}
                    aria-posinset={item.index + 1}
                    aria-setsize={count}
                  >
                    {entry(item.index)}
                  </li>
                );
              })}
        </ol>
      </div>
    </>
  );
}
