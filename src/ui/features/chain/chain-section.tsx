import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProofRule } from '../../../core/proof';
import { useNodeChain, useNodeStatusPart } from '../../shared/node-queries';
import { TamperLab } from '../tamper/tamper-lab';
import { ChainStrip } from './chain-strip';
import { ChainVerdict } from './chain-verdict';
import { useChainDrawnMark } from './use-chain-drawn-mark';

/** The picture of the lesson: the chain's verdict, the tamper lab's switch and the strip of blocks. */
export function ChainSection() {
  const { t } = useTranslation();
  const chain = useNodeChain().data;
  const rule = useNodeStatusPart(({ rules }) => rules.rule).data ?? 'tutorial';
  const [editing, setEditing] = useState(false);
  useChainDrawnMark(chain?.hashes.at(-1), chain?.hashes.length ?? 0);
  if (!chain) return null;
  const ruleAt = (): ProofRule => rule;
  return (
    <section className="panel chain" aria-labelledby="chain-title">
      <div className="chain-head">
        <h2 id="chain-title">{t('chain.title', { count: chain.blocks.length })}</h2>
        <ChainVerdict chain={chain} />
      </div>
      <ChainStrip chain={chain} editing={editing} ruleAt={ruleAt} toolbar={<TamperLab chain={chain} editing={editing} setEditing={setEditing} />} />
    </section>
  );
}
