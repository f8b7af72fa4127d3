import { useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainView as ChainData } from '../../../contract/views';
import type { BlockRules } from './block-rules';
import { blockValidity } from './block-validity';
import { ChainEntry } from './chain-entry';
import { PAGE_OVERLAP, stripScroll, type StripScroll } from './strip-keys';

/** Up to this many blocks every card is on the page; a longer chain draws only the cards in view. */
export const ALL_CARDS_UP_TO = 10;

/** What both strips, the first one drawn and the windowed one, are drawn from. */
export interface ChainStripProps {
  chain: ChainData;
  editing: boolean;
  rulesOf: (height: number) => BlockRules;
  /** controls drawn on the strip's navigation row, before Genesis and Newest block */
  toolbar: ReactNode;
}

/** How a strip scrolls: by the virtualizer for a long chain, by the element itself for a short one. */
export interface Scroller {
  scroll: (how: StripScroll) => void;
}

/** Genesis and Newest block, and which blocks are in view. */
export function StripNavigation({
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

/** The scrollable region of a strip: focusable, so that the keyboard scrolls it. */
export function StripRegion({
  strip,
  scroller,
  windowed,
  count,
  children,
}: {
  strip: RefObject<HTMLDivElement | null>;
  scroller: Scroller;
  windowed: boolean;
  count: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div
      ref={strip}
      className={windowed ? 'blocks-strip windowed' : 'blocks-strip'}
      role="region"
      aria-label={t('chain.scrollRegion', { total: count })}
      tabIndex={0}
      onKeyDown={(event) => {
        const how = stripScroll(event, event.currentTarget.clientWidth * PAGE_OVERLAP, event.target === event.currentTarget);
        if (how === null) return;
        event.preventDefault();
        scroller.scroll(how);
      }}
    >
      {children}
    </div>
  );
}

/** Draws the block at `position` and the link into it from the one before. */
export function chainEntryRenderer({ chain, editing, rulesOf }: Omit<ChainStripProps, 'toolbar'>): (position: number) => ReactNode {
  const count = chain.blocks.length;
  const tampered = new Set(chain.tampered);
  return (position) => {
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
}

/**
 * A chain that grows (a block mined, a resolve, an import) shows its newest block, once the
 * strip is `ready` to scroll there (the windowed strip knows its width only after a commit). A strip
 * showing its newest block keeps it in view when its cards change width (projector mode, a
 * resized window, an edit in the tamper lab).
 */
export function useFollowNewest(strip: RefObject<HTMLDivElement | null>, scroller: Scroller, count: number, ready: boolean): void {
  const shownCount = useRef(0);
  useLayoutEffect(() => {
    if (count <= shownCount.current) {
      shownCount.current = count;
      return;
    }
    if (!ready) return;
    shownCount.current = count;
    scroller.scroll({ to: 'end' });
  });

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
  }, [strip]);
}
