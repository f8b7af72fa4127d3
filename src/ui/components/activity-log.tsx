import { useTranslation } from 'react-i18next';
import { formatClockTime } from '../format';
import { nodeMessageText } from '../node-message-text';
import { useNodeJournal } from '../queries/node-queries';
import { useUiStore } from '../store';

/**
 * What this page did (from the store) and what the node did on its own or was told by a
 * peer (its journal: auto-resolve, rule changes, restarts, tampering), newest first.
 */
export function ActivityLog() {
  const { t } = useTranslation();
  const clicks = useUiStore((state) => state.entries);
  const journal = useNodeJournal().data ?? [];
  const entries = [
    ...clicks.map((entry) => ({ ...entry, key: `page-${entry.id}` })),
    ...journal.map((entry) => ({ id: entry.id, at: entry.at, kind: entry.kind, text: nodeMessageText(entry.message), key: `node-${entry.id}` })),
  ].sort((a, b) => b.at - a.at);
  return (
    <section className="panel" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('activity.title')}</h2>
      {entries.length === 0 ? (
        <p className="hint">{t('activity.empty')}</p>
      ) : (
        <ol className="activity" data-testid="activity">
          {entries.map((entry) => (
            <li key={entry.key} data-kind={entry.kind}>
              <time>{formatClockTime(entry.at)}</time> {entry.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
