import type { Block } from '../../core/block';
import { blockTransactions } from '../../core/block';
import { displayValue, formatTimestamp, shortHash } from '../format';
import { TransactionList } from './transaction-list';

export function BlockCard({ block, hash, position }: { block: Block; hash: string; position: number }) {
  const index = displayValue(block['index']);
  const previous = displayValue(block['previous_hash']);
  return (
    <article className="block-card" aria-label={`Block ${index}`} data-block-index={index} data-hash={hash}>
      <header>
        <h3>Block {index}</h3>
        <time>{formatTimestamp(block['timestamp'])}</time>
      </header>
      <dl>
        <dt>Proof</dt>
        <dd className="mono">{displayValue(block['proof'])}</dd>
        <dt>Previous hash</dt>
        <dd className="mono" title={previous}>
          {position === 0 ? `${previous} (genesis)` : shortHash(previous)}
        </dd>
        <dt>Hash</dt>
        <dd className="mono hash" title={hash}>
          {shortHash(hash)}
        </dd>
      </dl>
      <TransactionList transactions={blockTransactions(block)} caption="Transactions" />
    </article>
  );
}
