import { useState, type ReactNode } from 'react';
import type { BlockExplanation } from '../../node/api';
import { useBlockExplanation } from '../queries/block-explanation-query';

const zeros = (n: number) => `${n} zero${n === 1 ? '' : 's'}`;

/** A disclosure whose content the worker computes the first time it is opened. */
function ExplanationDisclosure({
  summary,
  number,
  hash,
  testId,
  children,
}: {
  summary: string;
  number: number;
  hash: string;
  testId: string;
  children: (explanation: BlockExplanation) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const query = useBlockExplanation(number, hash, open);
  let body: ReactNode = null;
  if (open) {
    if (query.isError) body = <p className="invalid">The explanation could not be computed: {query.error.message}</p>;
    else if (query.data === undefined) body = <p className="hint">Computing…</p>;
    else if (query.data === null) body = <p className="hint">This block is no longer in our chain.</p>;
    else body = children(query.data);
  }
  return (
    <details className="explain" data-testid={testId} onToggle={(event) => { setOpen(event.currentTarget.open); }}>
      <summary>{summary}</summary>
      {body}
    </details>
  );
}

/** A digest with its leading zeros marked (and counted in the text beside it, not by colour alone). */
function Digest({ hex, marked }: { hex: string; marked: number }) {
  return (
    <code className="mono digest" data-testid="proof-hash">
      {marked > 0 && <mark>{hex.slice(0, marked)}</mark>}
      {hex.slice(marked)}
    </code>
  );
}

function HashedText({ explanation, hash }: { explanation: BlockExplanation; hash: string }) {
  const { text, sha256 } = explanation.hashed;
  return (
    <>
      <p>
        The hash is the SHA-256 of this exact text, as Python&apos;s <code>json.dumps(block, sort_keys=True)</code> writes it:
        keys in alphabetical order, a space after every comma and colon, every non-ASCII character escaped.
      </p>
      <pre className="mono hashed-text" data-testid="hashed-text">{text}</pre>
      <p>
        SHA-256 of this text: <code className="mono digest" data-testid="hashed-sha256">{sha256}</code>
      </p>
      <p className={sha256 === hash ? 'valid-note' : 'invalid'}>
        {sha256 === hash
          ? `✓ This is block ${explanation.number}'s hash, which the next block must name as its previous_hash.`
          : '✗ This is not the hash shown above: the chain changed meanwhile.'}
      </p>
    </>
  );
}

function ProofCheck({ explanation }: { explanation: BlockExplanation }) {
  const { proof } = explanation;
  if (proof.kind === 'genesis') {
    return <p>This is the genesis block: no block comes before it, so no proof of work is checked.</p>;
  }
  if (proof.kind === 'unavailable') return <p className="invalid">{proof.reason}</p>;
  const marked = Math.min(proof.leadingZeros, proof.difficulty);
  return (
    <>
      <p>
        Under the <strong>{proof.rule}</strong> rule the guess string joins, in this order:
      </p>
      <ol className="guess-pieces">
        {proof.pieces.map((piece) => (
          <li key={piece.label}>
            {piece.label}: <code className="mono">{piece.text}</code>
          </li>
        ))}
      </ol>
      {proof.content && (
        <>
          <p>That last SHA-256 is of this text, the block without its proof:</p>
          <pre className="mono hashed-text">{proof.content.text}</pre>
        </>
      )}
      <p>
        Guess: <code className="mono digest" data-testid="proof-guess">{proof.guess}</code>
      </p>
      <p>
        SHA-256 of the guess: <Digest hex={proof.digestHex} marked={marked} />
      </p>
      <p className={proof.ok ? 'valid-note' : 'invalid'} data-testid="proof-verdict">
        {proof.ok
          ? `✓ It starts with ${zeros(proof.difficulty)}, as difficulty ${proof.difficulty} requires: the proof holds.`
          : `✗ It starts with ${zeros(proof.leadingZeros)}, but difficulty ${proof.difficulty} requires ${zeros(proof.difficulty)}: the proof fails.`}
      </p>
    </>
  );
}

/** What a class can open under a block: how its hash is made, and how its proof is checked. */
export function BlockExplanations({ number, hash }: { number: number; hash: string }) {
  return (
    <div className="explanations">
      <ExplanationDisclosure summary="How this hash is made" number={number} hash={hash} testId="explain-hash">
        {(explanation) => <HashedText explanation={explanation} hash={hash} />}
      </ExplanationDisclosure>
      <ExplanationDisclosure summary="How the proof is checked" number={number} hash={hash} testId="explain-proof">
        {(explanation) => <ProofCheck explanation={explanation} />}
      </ExplanationDisclosure>
    </div>
  );
}
