import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPager } from '../../shared/list-pager';
import { useNodePending } from '../../shared/node-queries';
import { TransactionList } from './transaction-list';

/** Pending transactions per page, as the node sends them (node/view-pages). */
const PENDING_PAGE = 100;

export function PendingPanel() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const page = useNodePending(offset).data;
  const total = page?.total ?? 0;
  const items = page?.items ?? [];
  return (
    <section className="panel" aria-labelledby="pending-title" data-testid="pending">
      <h2 id="pending-title">{t('pending.title', { count: total })}</h2>
      <ListPager list={t('pending.caption')} offset={page?.offset ?? 0} shown={items.length} total={total} size={PENDING_PAGE} onPage={setOffset} testId="pending-pager" />
      <TransactionList transactions={items} caption={t('pending.caption')} />
    </section>
  );
}
