import i18next from 'i18next';
import * as z from 'zod/mini';

/** `?view=network` opens the view of the whole network; anything else (or nothing) is a tab's node. */
export type PageView = 'node' | 'network';

const viewParam = z.enum(['network']);

/** Reads `?view=` from a page's query string; a bad value opens a tab's node, with a warning in the page's language. */
export function parsePageView(search: string): { view: PageView; warning: string | null } {
  const raw = new URLSearchParams(search).get('view');
  if (raw === null) return { view: 'node', warning: null };
  const parsed = viewParam.safeParse(raw);
  if (parsed.success) return { view: parsed.data, warning: null };
  return { view: 'node', warning: i18next.t('networkView.viewIgnored', { value: raw }) };
}

/** The same page's address with another view: every other parameter (the network, its rules) kept. */
export function pageViewHref(search: string, view: PageView): string {
  const params = new URLSearchParams(search);
  if (view === 'network') params.set('view', 'network');
  else params.delete('view');
  const query = params.toString();
  return query === '' ? '?' : `?${query}`;
}
