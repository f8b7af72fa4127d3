import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../contract/views';
import { formatClockTime } from '../../shared/format';
import { nodeMessageText } from '../../shared/node-message-text';
import { useNodeJournal } from '../../shared/node-queries';
import { useTabNames } from '../../shared/tab-names';
import { useUiStore, type ActivityEntry } from '../../shared/store';

type Line = { readonly from: 'page'; readonly entry: ActivityEntry } | { readonly from: 'node'; readonly entry: JournalEntry };

/**
 * One line. Memoised: entries never change, and both lists keep their objects, so a new
 * entry draws one line and not the whole log. It follows the language on its own.
 */
const ActivityLine = memo(function ActivityLine({ line, nameTab }: { line: Line; nameTab: (id: string) => string }) {
  useTranslation();
  const { entry } = line;
  return (
    <li data-kind={entry.kind}>
      <time>{formatClockTime(entry.at)}</time> {line.from === 'page' ? line.entry.text : nodeMessageText(line.entry.message, nameTab)}
    </li>
  );
}, (before, after) => before.line.entry === after.line.entry && before.nameTab === after.nameTab);

/**
 * What this page did (from the store) and what the node did on its own or was told by a
 * peer (its journal: auto-resolve, rule changes, restarts, tampering), newest first.
 */
export function ActivityLog() {
  const { t } = useTranslation();
  const clicks = useUiStore((state) => state.entries);
  const journal = useNodeJournal().data ?? [];
  const nameTab = useTabNames();
  const lines: Line[] = [
    ...clicks.map((entry) => ({ from: 'page', entry }) as const),
    ...journal.map((entry) => ({ from: 'node', entry }) as const),
  ].sort((a, b) => b.entry.at - a.entry.at);
  return (
    <section className="panel" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('activity.title')}</h2>
      {lines.length === 0 ? (
        <p className="hint">{t('activity.empty')}</p>
      ) : (
        <ol className="activity" data-testid="activity">
          {lines.map((line) => (
            <ActivityLine key={`${line.from}-${line.entry.id}`} line={line} nameTab={nameTab} />
          ))}
        </ol>
      )}
    </section>
  );
}
