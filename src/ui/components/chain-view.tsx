import { shortHash } from '../format';
import { useNodeChain } from '../queries/node-queries';
import { BlockCard } from './block-card';

/** The chain as linked cards: each link shows that a block names the hash of the one before. */
export function ChainView() {
  const chain = useNodeChain().data;
  if (!chain) return null;
  return (
    <section className="panel chain" aria-labelledby="chain-title">
      <h2 id="chain-title">Chain ({chain.blocks.length} blocks)</h2>
      <ol className="blocks">
        {chain.blocks.map((block, i) => (
          <li key={chain.hashes[i] ?? i}>
            {i > 0 && (
              <p className="link" aria-label={`links to block ${i} by its hash`}>
                <span aria-hidden="true">↑ </span>previous_hash = {shortHash(chain.hashes[i - 1] ?? '')}
              </p>
            )}
            <BlockCard block={block} hash={chain.hashes[i] ?? ''} position={i} />
          </li>
        ))}
      </ol>
    </section>
  );
}
