import type { Verdict } from '../core/validate';

export type BlockValidity =
  | { readonly state: 'valid' }
  /** the first block that fails: its own reason */
  | { readonly state: 'broken'; readonly reason: string }
  /** a later block: valid on its own, but it hangs from a broken one */
  | { readonly state: 'after-broken'; readonly brokenAt: number };

/** How one block (0-based position) fares in its chain's verdict. */
export function blockValidity(verdict: Verdict, position: number): BlockValidity {
  if (verdict.valid || verdict.block === null) return { state: 'valid' };
  const number = position + 1;
  if (number < verdict.block) return { state: 'valid' };
  if (number === verdict.block) return { state: 'broken', reason: verdict.reason };
  return { state: 'after-broken', brokenAt: verdict.block };
}
