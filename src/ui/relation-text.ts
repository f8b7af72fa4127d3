import type { PeerRelation } from '../node/api';

const blocks = (n: number) => (n === 1 ? '1 block' : `${n} blocks`);

/** A peer's relation to our chain, in words (never by colour alone). */
export function relationText(relation: PeerRelation | null): string {
  if (relation === null) return 'no tip announced yet';
  switch (relation.kind) {
    case 'same':
      return 'same chain';
    case 'ahead':
      return `ahead by ${blocks(relation.by)}`;
    case 'behind':
      return `behind by ${blocks(relation.by)}`;
    case 'diverged':
      return `diverged at block ${relation.atBlock} (${blocks(relation.theirs)} vs our ${relation.ours})`;
    case 'different-genesis':
      return 'different genesis: no block in common';
    case 'unknown-fork':
      return `height ${relation.height}, not on our chain: fetching it…`;
    case 'invalid':
      return `invalid${relation.block === null ? '' : ` at block ${relation.block}`}: ${relation.reason}`;
  }
}

/** A one-character marker that goes with the text. */
export function relationIcon(relation: PeerRelation | null): string {
  switch (relation?.kind) {
    case 'same':
      return '=';
    case 'ahead':
      return '▲';
    case 'behind':
      return '▼';
    case 'diverged':
    case 'unknown-fork':
      return '◇';
    case 'different-genesis':
      return '≠';
    case 'invalid':
      return '✗';
    case undefined:
      return '…';
  }
}
