import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ChainView as ChainData, NetworkRules, RepairResult } from '../../node/api';
import { blockValidity } from '../block-validity';
import type { Block } from '../../core/block';
import { displayValue, formatCount, shortHash } from '../format';
import { useNode } from '../node-context';
import { useNodeChain, useNodeStatus } from '../queries/node-queries';
import { BlockCard } from './block-card';
import { MiningProgress } from './mine-panel';

function ChainVerdict({ chain }: { chain: ChainData }) {
  const { verdict } = chain;
  return (
    <p className={`chain-verdict ${verdict.valid ? 'valid' : 'broken'}`} data-testid="chain-verdict" data-valid={verdict.valid}>
      <span aria-hidden="true">{verdict.valid ? '✓ ' : '✗ '}</span>
      {verdict.valid
        ? "Our chain is valid under the network's rules."
        : `Our chain is invalid${verdict.block === null ? '' : ` from block ${verdict.block}`}: ${verdict.reason}`}
    </p>
  );
}

/** What a repair cost, and what that says about the proof rule: the lesson of the tamper lab. */
function repairLesson(result: Extract<RepairResult, { ok: true }>, rule: NetworkRules['rule']): string {
  const done = `Repaired: ${result.relinked} link${result.relinked === 1 ? '' : 's'} rewritten, ${result.remined} proof${result.remined === 1 ? '' : 's'} mined again (${formatCount(result.attempts)} attempts).`;
  if (result.remined === 0 && rule === 'tutorial') {
    return `${done} No mining at all: under the tutorial rule a proof depends only on the previous proof, so the rewritten history is exactly as valid as the real one, and it cost nothing.`;
  }
  if (rule === 'bound') return `${done} Under the bound rule every changed block needed new proof-of-work: rewriting history costs as much as mining it.`;
  return `${done} Under the ${rule} rule the proofs after the edit had to be mined again.`;
}

function TamperLab({ chain, editing, setEditing }: { chain: ChainData; editing: boolean; setEditing: (on: boolean) => void }) {
  const node = useNode();
  const status = useNodeStatus().data;
  const repair = useMutation({ mutationFn: (): Promise<RepairResult> => node.repair() });
  const busy = repair.isPending || (status?.mining ?? null) !== null;
  const result = repair.data;
  return (
    <div className="tamper-lab">
      <label className="toggle">
        <input type="checkbox" checked={editing} onChange={(event) => { setEditing(event.target.checked); }} />
        Tamper lab: edit the blocks of this chain
      </label>
      {(editing || chain.tampered.length > 0 || !chain.verdict.valid) && (
        <div className="row">
          <button type="button" onClick={() => { repair.mutate(); }} disabled={busy || chain.verdict.valid} aria-busy={repair.isPending}>
            {repair.isPending && <span className="spinner" aria-hidden="true" />}
            Repair
          </button>
          <span className="hint">Rewrites every link and mines again every proof the rule requires.</span>
        </div>
      )}
      {status?.mining?.purpose === 'repair' && (
        <MiningProgress mining={status.mining} difficulty={status.rules.difficulty} hashRate={status.hashRate} />
      )}
      <p className="result" role="status" aria-live="polite" data-testid="repair-result">
        {result?.ok === false && result.reason}
        {result?.ok === true && status && repairLesson(result, status.rules.rule)}
      </p>
    </div>
  );
}

/** The link between two cards: the hash a block names, and whether it is the previous block's. */
function ChainLink({ block, previousHash, previousNumber }: { block: Block; previousHash: string; previousNumber: number }) {
  const stated = displayValue(block['previous_hash']);
  const linked = stated === previousHash;
  return (
    <p className={`link ${linked ? '' : 'broken'}`} data-testid="chain-link" data-linked={linked}>
      <span aria-hidden="true">{linked ? '↑ ' : '✗ '}</span>
      previous_hash {shortHash(stated)}{' '}
      {linked
        ? `= hash of block ${previousNumber}`
        : `≠ hash of block ${previousNumber} (${shortHash(previousHash)}): broken link`}
    </p>
  );
}

/** The chain as linked cards: each link shows that a block names the hash of the one before. */
export function ChainView() {
  const chain = useNodeChain().data;
  const [editing, setEditing] = useState(false);
  const tip = chain?.hashes.at(-1);
  const height = chain?.hashes.length ?? 0;
  useEffect(() => {
    // Effects run once the new tip is on screen: `npm run bench` reads this mark.
    if (tip !== undefined) performance.mark('tabchain:chain-drawn', { detail: { hash: tip, height } });
  }, [tip, height]);
  if (!chain) return null;
  const tampered = new Set(chain.tampered);
  return (
    <section className="panel chain" aria-labelledby="chain-title">
      <h2 id="chain-title">Chain ({chain.blocks.length} blocks)</h2>
      <ChainVerdict chain={chain} />
      <TamperLab chain={chain} editing={editing} setEditing={setEditing} />
      <ol className="blocks">
        {chain.blocks.map((block, i) => (
          <li key={i}>
            {i > 0 && <ChainLink block={block} previousHash={chain.hashes[i - 1] ?? ''} previousNumber={i} />}
            <BlockCard
              block={block}
              hash={chain.hashes[i] ?? ''}
              position={i}
              validity={blockValidity(chain.verdict, i)}
              tampered={tampered.has(i + 1)}
              editing={editing}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
