import { useEffect } from 'react';

/**
 * Marks the moment a chain with a new tip is on the screen: effects run once it is committed.
 * `npm run bench` reads this mark (a long chain may be scrolled elsewhere; its count and tree
 * show the tip).
 */
export function useChainDrawnMark(tip: string | undefined, height: number): void {
  useEffect(() => {
    if (tip !== undefined) performance.mark('tabchain:chain-drawn', { detail: { hash: tip, height } });
  }, [tip, height]);
}
