import type { InvalidVerdict, Verdict, VerdictCode } from '../../../core/validate';

export type BlockValidity =
  | { readonly state: 'valid' }
  /** the first block that fails: the chain's verdict, worded when drawn (in the page's language) */
  | { readonly state: 'broken'; readonly verdict: InvalidVerdict }
  /**
   * a later block: valid on its own, but it hangs from a broken one; `chainBroken` when that
   * block's link or proof fails (the chain itself is cut there), not one of the stricter rules
   */
  | { readonly state: 'after-broken'; readonly brokenAt: number; readonly chainBroken: boolean };

/** The failures of the tutorial's own validation: the hash links and proofs that hold a chain together. */
const CHAIN_BREAKS: readonly VerdictCode[] = ['not-an-object', 'missing-field', 'previous-hash', 'proof', 'unhashable'];

/** How one block (0-based position) fares in its chain's verdict. */
export function blockValidity(verdict: Verdict, position: number): BlockValidity {
  if (verdict.valid || verdict.block === null) return { state: 'valid' };
  const number = position + 1;
  if (number < verdict.block) return { state: 'valid' };
  if (number === verdict.block) return { state: 'broken', verdict };
  return { state: 'after-broken', brokenAt: verdict.block, chainBroken: CHAIN_BREAKS.includes(verdict.code) };
}

/** Whether two validities draw the same: verdicts of two fetches are compared by content. */
export function sameBlockValidity(a: BlockValidity, b: BlockValidity): boolean {
  switch (a.state) {
    case 'valid':
      return b.state === 'valid';
    case 'broken':
      return b.state === 'broken' && JSON.stringify(a.verdict) === JSON.stringify(b.verdict);
    case 'after-broken':
      return b.state === 'after-broken' && a.brokenAt === b.brokenAt && a.chainBroken === b.chainBroken;
  }
}
