import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockSummary, TabView } from '../../../contract/views';
import { NodeBadge } from '../../shared/node-badge';
import { ShortHash } from '../../shared/short-hash';
import { useNetworkTabs } from './network-view-queries';

/** One block of a tab's strip: green or red as a whole, its link to the block before (shown or not) said on its left. */
function StripBlock({ block }: { block: BlockSummary }) {
  const { t } = useTranslation();
  const state = block.valid ? 'valid' : 'invalid';
  return (
    <li className={`strip-block ${state}`} data-block-number={block.number} data-valid={block.valid}>
      {block.number > 1 && (
        <span className={block.linked ? 'strip-link' : 'strip-link broken'} title={t(block.linked ? 'chain.linked' : 'chain.brokenLink', { block: block.number - 1 })}>
          {block.linked ? '=' : '≠'}
        </span>
      )}
      <div className="strip-card">
        <p className="strip-title">
          {t('block.name', { index: block.number })} <span aria-hidden="true">{block.valid ? '✓' : '✗'}</span>
          <span className="visually-hidden">{t(block.valid ? 'block.valid' : 'networkView.strips.invalid')}</span>
        </p>
        <dl>
          <dt>{t('networkView.strips.previous')}</dt>
          <dd>{block.number === 1 ? block.previousHash : <ShortHash hash={block.previousHash} />}</dd>
          <dt>{t('networkView.strips.hash')}</dt>
          <dd>
            <ShortHash hash={block.hash} />
          </dd>
        </dl>
      </div>
    </li>
  );
}

/** A tab's newest blocks, scrolled to the newest whenever it grows. */
function TabStrip({ tab }: { tab: TabView }) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const newest = tab.recent.at(-1)?.hash;
  useLayoutEffect(() => {
    const element = list.current;
    if (element) element.scrollLeft = element.scrollWidth;
  }, [newest]);
  const first = tab.recent[0];
  if (first === undefined) return <p className="hint">{t('networkView.strips.notYet')}</p>;
  return (
    <ol ref={list} className="strip-blocks" aria-label={t('networkView.strips.label', { last: tab.recent.at(-1)?.number ?? 0 })}>
      {first.number > 1 && (
        <li className="strip-earlier">{t('networkView.strips.earlier', { count: first.number - 1 })}</li>
      )}
      {tab.recent.map((block) => (
        <StripBlock key={`${block.number}:${block.hash}`} block={block} />
      ))}
    </ol>
  );
}

/**
 * Brownworth's "distributed" page, but real: one strip per tab of the network, its newest
 * blocks side by side, each green or red as a whole. A fork shows as two strips whose hashes
 * part; a tampered tab as its red cards.
 */
export function TabStrips() {
  const { t } = useTranslation();
  const tabs = useNetworkTabs().data?.filter((tab) => tab.status !== 'left') ?? [];
  if (tabs.length === 0) return null;
  return (
    <section className="panel tab-strips" aria-labelledby="strips-title" data-testid="tab-strips">
      <h2 id="strips-title">{t('networkView.strips.title')}</h2>
      <ul className="strip-rows">
        {tabs.map((tab) => (
          <li key={tab.id} className="strip-row" data-tab-id={tab.id}>
            <NodeBadge id={tab.id} />
            <TabStrip tab={tab} />
          </li>
        ))}
      </ul>
    </section>
  );
}
