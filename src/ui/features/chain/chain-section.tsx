import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blockRules, type BlockRules } from './block-rules';
import { useNodeChain, useNodeStatusPart } from '../../shared/node-queries';
import { TamperLab } from '../tamper/tamper-lab';
import { ChainStrip } from './chain-strip';
import { ChainVerdict } from './chain-verdict';
import { useChainDrawnMark } from './use-chain-drawn-mark';

/** The picture of the lesson: the chain's verdict, the tamper lab's switch and the strip of blocks. */
export function ChainSection() {
  const { t } = useTranslation();
  const chain = useNodeChain().data;
  const schedule = useNodeStatusPart(({ schedule }) => schedule).data;
  const [editing, setEditing] = useState(false);
  useChainDrawnMark(chain?.hashes.at(-1), chain?.hashes.length ?? 0);
  if (!chain) return null;
  const rulesOf = (height: number): BlockRules => blockRules(schedule, height);
  return (
    <section className="panel chain" aria-labelledby="chain-title">
      <div className="chain-head">
        <h2 id="chain-title">{t('chain.title', { count: chain.blocks.length })}</h2>
        <ChainVerdict chain={chain} />
      </div>
      <ChainStrip chain={chain} editing={editing} rulesOf={rulesOf} toolbar={<TamperLab chain={chain} editing={editing} setEditing={setEditing} />} />
    </section>
  );
}
