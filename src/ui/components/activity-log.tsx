import { useActivity } from '../store';

export function ActivityLog() {
  const entries = useActivity((state) => state.entries);
  return (
    <section className="panel" aria-labelledby="activity-title">
      <h2 id="activity-title">What happened</h2>
      {entries.length === 0 ? (
        <p className="hint">Mine, add a transaction or resolve: each step is listed here.</p>
      ) : (
        <ol className="activity">
          {entries.map((entry) => (
            <li key={entry.id} data-kind={entry.kind}>
              <time>{new Date(entry.at).toLocaleTimeString('en-GB', { hour12: false })}</time> {entry.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
