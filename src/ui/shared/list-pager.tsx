import { useTranslation } from 'react-i18next';
import { formatCount } from './format';

/**
 * Previous and Next through a long list the node sends a page at a time, and which items
 * are shown: a list of 400,000 is never drawn, nor sent, at once.
 */
export function ListPager({
  list,
  offset,
  shown,
  total,
  size,
  onPage,
  testId,
}: {
  /** the list's name, for screen readers */
  list: string;
  offset: number;
  /** how many items of this page are drawn */
  shown: number;
  total: number;
  /** items per page */
  size: number;
  onPage: (offset: number) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (total <= size) return null;
  return (
    <nav className="list-pager" aria-label={t('lists.pages', { list })} data-testid={testId} data-offset={offset} data-total={total}>
      <button type="button" className="small" disabled={offset === 0} onClick={() => { onPage(Math.max(0, offset - size)); }}>
        <span aria-hidden="true">← </span>
        {t('lists.previous')}
      </button>
      <span className="hint" aria-live="polite">
        {t('lists.range', { first: formatCount(offset + 1), last: formatCount(offset + shown), total: formatCount(total) })}
      </span>
      <button type="button" className="small" disabled={offset + size >= total} onClick={() => { onPage(offset + size); }}>
        {t('lists.next')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}

/** "and N more": what a capped list leaves out, when it leaves anything out. */
export function MoreCount({ count, testId }: { count: number; testId?: string }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <p className="hint more-count" data-testid={testId ?? 'more-count'} data-count={count}>
      {t('lists.more', { count, formatted: formatCount(count) })}
    </p>
  );
}
