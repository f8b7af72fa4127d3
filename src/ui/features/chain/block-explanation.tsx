import { useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { BlockExplanation } from '../../../core/explain';
import { useBlockExplanation } from './block-explanation-queries';
import { verdictText } from '../../shared/verdict-text';

/** What a disclosure shows once opened: computed in the worker the first time. */
function ExplanationBody({ number, hash, children }: { number: number; hash: string; children: (explanation: BlockExplanation) => ReactNode }) {
  const { t } = useTranslation();
  const query = useBlockExplanation(number, hash, true);
  if (query.isError) return <p className="invalid">{t('explanation.failed', { reason: query.error.message })}</p>;
  if (query.data === undefined) return <p className="hint">{t('explanation.computing')}</p>;
  if (query.data === null) return <p className="hint">{t('explanation.gone')}</p>;
  return children(query.data);
}

/**
 * A disclosure whose content the worker computes the first time it is opened. Closed, it holds
 * no query: a long chain's cards drawn while scrolling cost as little as they can.
 */
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
  return (
    <details className="explain" data-testid={testId} onToggle={(event) => { setOpen(event.currentTarget.open); }}>
      <summary>{summary}</summary>
      {open && (
        <ExplanationBody number={number} hash={hash}>
          {children}
        </ExplanationBody>
      )}
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
  const { t } = useTranslation();
  const { text, sha256 } = explanation.hashed;
  return (
    <>
      <p>
        <Trans i18nKey="explanation.hashedText" components={{ code: <code /> }} />
      </p>
      <pre className="mono hashed-text" data-testid="hashed-text">{text}</pre>
      <p>
        {t('explanation.textDigest')} <code className="mono digest" data-testid="hashed-sha256">{sha256}</code>
      </p>
      <p className={sha256 === hash ? 'valid-note' : 'invalid'}>
        {sha256 === hash ? t('explanation.isBlockHash', { block: explanation.number }) : t('explanation.notBlockHash')}
      </p>
    </>
  );
}

function ProofCheck({ explanation }: { explanation: BlockExplanation }) {
  const { t } = useTranslation();
  const { proof } = explanation;
  if (proof.kind === 'genesis') return <p>{t('explanation.genesis')}</p>;
  if (proof.kind === 'unavailable') return <p className="invalid">{verdictText(proof.why)}</p>;
  const marked = Math.min(proof.leadingZeros, proof.difficulty);
  return (
    <>
      <p>
        <Trans i18nKey="explanation.guessPieces" values={{ rule: proof.rule }} components={{ strong: <strong /> }} />
      </p>
      <ol className="guess-pieces">
        {proof.pieces.map((piece) => (
          <li key={piece.piece}>
            {t(`explanation.piece.${piece.piece}`, { block: piece.block })}: <code className="mono">{piece.text}</code>
          </li>
        ))}
      </ol>
      {proof.content && (
        <>
          <p>{t('explanation.contentText')}</p>
          <pre className="mono hashed-text">{proof.content.text}</pre>
        </>
      )}
      <p>
        {t('explanation.guess')} <code className="mono digest" data-testid="proof-guess">{proof.guess}</code>
      </p>
      <p>
        {t('explanation.guessDigest')} <Digest hex={proof.digestHex} marked={marked} />
      </p>
      <p className={proof.ok ? 'valid-note' : 'invalid'} data-testid="proof-verdict">
        {proof.ok
          ? t('explanation.proofHolds', { zeros: t('counts.zeros', { count: proof.difficulty }), difficulty: proof.difficulty })
          : t('explanation.proofFails', {
              zeros: t('counts.zeros', { count: proof.leadingZeros }),
              difficulty: proof.difficulty,
              required: t('counts.zeros', { count: proof.difficulty }),
            })}
      </p>
    </>
  );
}

/** What a class can open under a block: how its hash is made, and how its proof is checked. */
export function BlockExplanations({ number, hash }: { number: number; hash: string }) {
  const { t } = useTranslation();
  return (
    <div className="explanations">
      <ExplanationDisclosure summary={t('explanation.hashSummary')} number={number} hash={hash} testId="explain-hash">
        {(explanation) => <HashedText explanation={explanation} hash={hash} />}
      </ExplanationDisclosure>
      <ExplanationDisclosure summary={t('explanation.proofSummary')} number={number} hash={hash} testId="explain-proof">
        {(explanation) => <ProofCheck explanation={explanation} />}
      </ExplanationDisclosure>
    </div>
  );
}
