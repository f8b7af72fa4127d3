import { defaultRangeExtractor, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import { useUiStore } from '../../shared/store';
import { ALL_CARDS_UP_TO, StripNavigation, StripRegion, chainEntryRenderer, useFollowNewest, type ChainStripProps, type Scroller } from './strip-parts';

/** Cards drawn beyond each edge of the strip, so a short scroll never shows an empty gap. */
const OVERSCAN = 2;
/** Room between two cards, where the link is drawn (as in the style sheet). */
const GAP = 32;
/** Room before the first card and after the last. */
const EDGE = 8;
/** A card is 18rem wide (as in the style sheet); the virtualizer measures it once drawn. */
const CARD_REM = 18;

function virtualScroller(virtualizer: Virtualizer<HTMLDivElement, HTMLLIElement>): Scroller {
  return {
    scroll: (how) => {
      if ('by' in how) virtualizer.scrollBy(how.by);
      else if (how.to === 'start') virtualizer.scrollToOffset(0);
      else virtualizer.scrollToEnd();
    },
  };
}

/**
 * The chain's strip once its chunk has loaded: every card up to ALL_CARDS_UP_TO blocks, then
 * only the cards in view (and the one holding the focus, so a field typed in never
 * disappears). Its own chunk, with the virtualizer: the first load stays small.
 */
export function WindowedChainStrip({ chain, editing, rulesOf, toolbar }: ChainStripProps) {
  const projector = useUiStore((state) => state.preferences.projector);
  const count = chain.blocks.length;
  const strip = useRef<HTMLDivElement>(null);
  const focusedPosition = useRef<number | null>(null);
  const keepFocusedCard = useCallback((range: Range) => {
    // A short chain has every card on the page; past the bound the cards out of view go, and
    // the others stay as they are.
    const indexes = range.count <= ALL_CARDS_UP_TO ? Array.from({ length: range.count }, (_, i) => i) : defaultRangeExtractor(range);
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
  const scroller = virtualScroller(virtualizer);
  const totalSize = virtualizer.getTotalSize();
  useFollowNewest(strip, scroller, count, totalSize > 0);
  const entry = chainEntryRenderer({ chain, editing, rulesOf });

  const drawn = virtualizer.getVirtualItems();
  const range = virtualizer.range;
  return (
    <>
      <StripNavigation scroller={scroller} inView={range ? { first: range.startIndex + 1, last: range.endIndex + 1 } : null} count={count}>
        {toolbar}
      </StripNavigation>
      <StripRegion strip={strip} scroller={scroller} windowed count={count}>
        <ol
          className="blocks"
          style={{ width: totalSize }}
          onFocus={(event) => {
            const row = event.target.closest('li[data-index]');
            focusedPosition.current = row === null ? null : Number(row.getAttribute('data-index'));
          }}
          onBlur={() => { focusedPosition.current = null; }}
        >
          {drawn.map((item, k) => {
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
      </StripRegion>
    </>
  );
}
