import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addClassroomTexts } from '../../i18n/classroom-texts';
import { useNodeLink } from './class-connection-queries';
import { linkText, secondsLeft, type TransportLink } from './link-text';
import './class-connection.css';

addClassroomTexts();

/**
 * One short line on how this page reaches the class broker: connected, or why not and when it
 * tries again (the node keeps running meanwhile), and what it refused or lost, explained on
 * demand. Loaded only by a page on a broker.
 */
export function ConnectionLine({ link }: { readonly link: TransportLink }) {
  useTranslation();
  const { problem } = link;
  return (
    <div className="connection-line" data-testid="connection-line" data-phase={link.phase}>
      <p role="status">
        {problem === null || link.phase === 'connected' ? (
          linkText(link, null)
        ) : (
          // A new attempt is a new countdown: keyed by it, the component starts from its own moment.
          <RetryCountdown key={`${String(problem.attempt)}:${String(problem.retryInMs)}`} link={link} retryInMs={problem.retryInMs} />
        )}
      </p>
      <LinkCounts link={link} />
    </div>
  );
}

/** This tab's connection line: nothing over BroadcastChannel (the tabs of this browser). */
export function NodeConnectionLine() {
  const link = useNodeLink().data;
  return link ? <ConnectionLine link={link} /> : null;
}

function RetryCountdown({ link, retryInMs }: { readonly link: TransportLink; readonly retryInMs: number }) {
  const { t } = useTranslation();
  const [retryAt] = useState(() => Date.now() + retryInMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return (
    <>
      <span className="connection-problem">{linkText(link, secondsLeft(retryAt, now))}</span> {t('classroom.keepsRunning')}
    </>
  );
}

/** Forged, dropped and lost messages when there are any, with what each means one click away. */
function LinkCounts({ link }: { readonly link: TransportLink }) {
  const { t } = useTranslation();
  const counts = (['forged', 'dropped', 'lost'] as const).filter((kind) => link[kind] > 0);
  if (counts.length === 0) return null;
  return (
    <details className="link-counts" data-testid="link-counts">
      <summary>{counts.map((kind) => t(`classroom.${kind}`, { count: link[kind] })).join(' · ')}</summary>
      <ul>
        {counts.map((kind) => (
          <li key={kind}>{t(`classroom.${kind}Why`)}</li>
        ))}
      </ul>
    </details>
  );
}
