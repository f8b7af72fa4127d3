import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Block } from '../../../core/block';
import type { ProofRule } from '../../../core/proof';
import { displayValue } from '../../shared/format';
import { BlockCard } from './block-card';
import { sameBlockValidity, type BlockValidity } from './block-validity';

/**
 * The link into a card from the one on its left: whether this block's previous_hash is the
 * hash of the block before. Said in words and by a symbol, and drawn as a line into the gap.
 */
function ChainLink({ block, previousHash, previousNumber }: { block: Block; previousHash: string; previousNumber: number }) {
  const { t } = useTranslation();
  const stated = displayValue(block['previous_hash']);
  const linked = stated === previousHash;
  return (
    <p className={`link ${linked ? 'linked' : 'broken'}`} data-testid="chain-link" data-linked={linked} title={linked ? previousHash : `${stated} ≠ ${previousHash}`}>
      <span className="link-arrow" aria-hidden="true">{linked ? '⟵ ' : '✗ '}</span>
      {linked ? t('chain.linked', { block: previousNumber }) : t('chain.brokenLink', { block: previousNumber })}
    </p>
  );
}

export interface ChainEntryProps {
  block: Block;
  hash: string;
  /** the hash of the block before; undefined for the genesis block */
  previousHash: string | undefined;
  position: number;
  validity: BlockValidity;
  tampered: boolean;
  editing: boolean;
  rule: ProofRule;
  boundFrom: number | null;
  last: boolean;
}

const sameEntry = (a: ChainEntryProps, b: ChainEntryProps): boolean =>
  a.block === b.block &&
  a.hash === b.hash &&
  a.previousHash === b.previousHash &&
  a.position === b.position &&
  a.tampered === b.tampered &&
  a.editing === b.editing &&
  a.rule === b.rule &&
  a.boundFrom === b.boundFrom &&
  a.last === b.last &&
  sameBlockValidity(a.validity, b.validity);

/**
 * One block and the link into it. Memoised on plain values and on block objects, which a
 * refetch keeps where the hash is unchanged (`shareBlocksByHash`): neither a new block nor
 * scrolling a long chain re-renders a card already drawn.
 */
export const ChainEntry = memo(function ChainEntry({ previousHash, position, ...card }: ChainEntryProps) {
  return (
    <>
      {previousHash === undefined ? (
        <p className="link start" aria-hidden="true">
          {'\u00a0'}
        </p>
      ) : (
        <ChainLink block={card.block} previousHash={previousHash} previousNumber={position} />
      )}
      <BlockCard position={position} {...card} />
    </>
  );
}, sameEntry);
