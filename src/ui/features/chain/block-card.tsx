import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Block } from '../../../core/block';
import { blockTransactions } from '../../../core/block';
import type { ProofRule } from '../../../core/proof';
import { displayValue, formatTimeOfDay, formatTimestamp } from '../../shared/format';
import { ShortHash } from '../../shared/short-hash';
import { verdictShort } from '../../shared/verdict-short';
import { verdictText } from '../../shared/verdict-text';
import { TamperTable } from '../tamper/tamper-table';
import { TransactionList } from '../transactions/transaction-list';
import { BlockExplanations } from './block-explanation';
import type { BlockValidity } from './block-validity';

/** Transactions a card shows before "and N more": the card stays one screen high. */
export const CARD_TRANSACTIONS = 3;

/**
 * The validity of a card in one line; a broken block's whole sentence is one click away. The
 * element marked `block-validity` always holds the full wording.
 */
function ValidityLine({ validity, tampered }: { validity: BlockValidity; tampered: boolean }) {
  const { t } = useTranslation();
  const edited = tampered && (
    <span className="tampered">
      {' · '}
      <span aria-hidden="true">✎ </span>
      {t('block.tampered')}
    </span>
  );
  if (validity.state === 'valid') {
    return (
      <p className="validity valid" data-testid="block-validity" data-state="valid">
        <span aria-hidden="true">✓ </span>
        {t('block.valid')}
        {edited}
      </p>
    );
  }
  const short =
    validity.state === 'broken'
      ? verdictShort(validity.verdict)
      : t(validity.chainBroken ? 'block.afterBrokenLinkShort' : 'block.afterBrokenRuleShort', { block: validity.brokenAt });
  return (
    <details className="validity-details">
      <summary className={`validity ${validity.state}`}>
        <span aria-hidden="true">✗ </span>
        {short}
      </summary>
      <p className={`validity ${validity.state}`} data-testid="block-validity" data-state={validity.state}>
        <span aria-hidden="true">✗ </span>
        {validity.state === 'broken'
          ? t('block.invalid', { reason: verdictText(validity.verdict) })
          : t(validity.chainBroken ? 'block.afterBrokenLink' : 'block.afterBrokenRule', { block: validity.brokenAt })}
        {edited}
      </p>
    </details>
  );
}

/**
 * Why an edited block that still checks is the tamper lab's lesson: under a rule whose proof
 * does not cover the block's own content, the edit is invisible to its proof, and only the
 * next block's link (its previous_hash) gives it away.
 */
function TamperedLesson({ number, rule, last }: { number: number; rule: ProofRule; last: boolean }) {
  const { t } = useTranslation();
  if (rule === 'bound') return null;
  return (
    <p className="tamper-lesson" data-testid="tamper-lesson">
      {t('block.stillValid', { rule })} {last ? t('block.stillValidLast') : t('block.nextLinkBreaks', { next: number + 1 })}
    </p>
  );
}

export interface BlockCardProps {
  block: Block;
  hash: string;
  position: number;
  validity: BlockValidity;
  tampered: boolean;
  editing: boolean;
  /** the proof rule this block is judged under */
  rule: ProofRule;
  /** the first later block under `bound`, if this one is not */
  boundFrom: number | null;
  last: boolean;
}

export function BlockCard({ block, hash, position, validity, tampered, editing, rule, boundFrom, last }: BlockCardProps) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const index = displayValue(block['index']);
  const number = position + 1;
  const previous = displayValue(block['previous_hash']);
  const transactions = blockTransactions(block);
  const limit = expanded ? transactions.length : CARD_TRANSACTIONS;
  const hidden = transactions.length - limit;
  const state = validity.state === 'valid' ? 'valid' : 'invalid';
  return (
    <article
      className={`block-card ${validity.state}`}
      aria-label={t('block.name', { index })}
      data-block-index={index}
      data-hash={hash}
      data-validity={validity.state}
    >
      <header>
        <h3>{t('block.name', { index })}</h3>
        <time className="card-time" title={formatTimestamp(block['timestamp'])}>
          {formatTimeOfDay(block['timestamp'])}
        </time>
        <span className={`card-state ${state}`} aria-hidden="true">
          {state === 'valid' ? '✓' : '✗'}
        </span>
      </header>
      <ValidityLine validity={validity} tampered={tampered} />
      {tampered && validity.state === 'valid' && <TamperedLesson number={number} rule={rule} last={last} />}
      {(editing || tampered) && boundFrom !== null && (
        <p className="tamper-lesson" data-testid="free-to-forge">
          {t('rules.freeToForge', { rule, from: boundFrom })}
        </p>
      )}
      <dl>
        <dt>{t('block.proof')}</dt>
        <dd className="mono">{displayValue(block['proof'])}</dd>
        <dt>{t('block.previousHash')}</dt>
        <dd>{position === 0 ? <span className="mono" title={previous}>{t('block.genesisHash', { hash: previous.length > 16 ? `${previous.slice(0, 8)}…` : previous })}</span> : <ShortHash hash={previous} />}</dd>
        <dt>{t('block.hash')}</dt>
        <dd className="hash">
          <ShortHash hash={hash} />
        </dd>
      </dl>
      {editing ? (
        <TamperTable block={block} number={number} limit={limit} />
      ) : (
        <TransactionList transactions={transactions} caption={t('block.transactions')} compact limit={limit} />
      )}
      {hidden > 0 && (
        <button type="button" className="small more" onClick={() => { setExpanded(true); }}>
          {t('block.more', { count: hidden })}
        </button>
      )}
      <BlockExplanations number={number} hash={hash} />
    </article>
  );
}
