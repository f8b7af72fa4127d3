import i18next from 'i18next';
import type { PeerRelation } from '../../contract/views';
import { verdictShort } from './verdict-short';
import { verdictText } from './verdict-text';

const blocks = (count: number) => i18next.t('resolve.blocks', { count });

/** A peer's relation to our chain, in words (never by colour alone). */
export function relationText(relation: PeerRelation | null): string {
  const t = i18next.t;
  if (relation === null) return t('relation.none');
  switch (relation.kind) {
    case 'same':
    case 'different-genesis':
      return t(`relation.${relation.kind}`);
    case 'ahead':
    case 'behind':
      return t(`relation.${relation.kind}`, { blocks: blocks(relation.by) });
    case 'diverged':
      return t('relation.diverged', { block: relation.atBlock, blocks: blocks(relation.theirs), ours: relation.ours });
    case 'unknown-fork':
      return t('relation.unknown-fork', { height: relation.height });
    case 'invalid':
      return relation.block === null
        ? t('relation.invalid', { reason: verdictText(relation) })
        : t('relation.invalidAt', { block: relation.block, reason: verdictText(relation) });
  }
}

/** A relation in a few words: an invalid chain says where and how it breaks, not the whole sentence. */
export function relationShort(relation: PeerRelation | null): string {
  if (relation?.kind !== 'invalid') return relationText(relation);
  return i18next.t('relation.invalidShort', { reason: verdictShort(relation) });
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
