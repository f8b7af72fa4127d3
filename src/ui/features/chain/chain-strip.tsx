import { lazy, Suspense, useRef } from 'react';
import { PANEL_MODULES } from '../lesson-tabs/panel-modules';
import { ALL_CARDS_UP_TO, StripNavigation, StripRegion, chainEntryRenderer, useFollowNewest, type ChainStripProps, type Scroller } from './strip-parts';

const WindowedChainStrip = lazy(() => PANEL_MODULES.windowedChainStrip().then((module) => ({ default: module.WindowedChainStrip })));

/** Every card of the chain from block `from + 1` on, in a strip the browser scrolls. */
function ShortChainStrip({ chain, editing, rulesOf, toolbar, from = 0 }: ChainStripProps & { from?: number }) {
  const count = chain.blocks.length;
  const strip = useRef<HTMLDivElement>(null);
  const scroller: Scroller = {
    scroll: (how) => {
      const element = strip.current;
      if (!element) return;
      if ('by' in how) element.scrollBy({ left: how.by });
      else element.scrollLeft = how.to === 'start' ? 0 : element.scrollWidth;
    },
  };
  useFollowNewest(strip, scroller, count, true);
  const entry = chainEntryRenderer({ chain, editing, rulesOf });
  const positions = Array.from({ length: count - from }, (_, i) => from + i);
  return (
    <>
      <StripNavigation scroller={scroller} inView={null} count={count}>
        {toolbar}
      </StripNavigation>
      <StripRegion strip={strip} scroller={scroller} windowed={false} count={count}>
        <ol className="blocks">
          {positions.map((position) => (
            <li key={position} data-index={position}>
              {entry(position)}
            </li>
          ))}
        </ol>
      </StripRegion>
    </>
  );
}

/**
 * The chain as a strip of cards, oldest on the left, the newest on the right and in view
 * whenever the chain grows. The windowed strip comes in a chunk of its own, fetched while the
 * node starts; until it has run, the newest cards are drawn. It is the strip from then on,
 * whatever the chain's length: a strip that changed component as the chain grew past a bound
 * would draw every card again, in every tab at once, in the frame the block arrives.
 */
export function ChainStrip(props: ChainStripProps) {
  const count = props.chain.blocks.length;
  return (
    <Suspense fallback={<ShortChainStrip {...props} from={Math.max(0, count - ALL_CARDS_UP_TO)} />}>
      <WindowedChainStrip {...props} />
    </Suspense>
  );
}
