import i18next from 'i18next';
import type { NodeStatus } from '../../../contract/views';

/** The node's link to its broker, as its status tells it. */
export type TransportLink = NonNullable<NodeStatus['link']>;

/** The broker's host and port as a student would recognise it, from its WebSocket URL. */
export function brokerHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Whole seconds until the next try, from when the page heard of the failure: never below 0. */
export function secondsLeft(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

/** The connection line in the page's language: how the link stands, and when it tries again. */
export function linkText(link: TransportLink, seconds: number | null): string {
  const host = brokerHost(link.url);
  const { problem } = link;
  if (link.phase === 'connected') return i18next.t('classroom.connected', { host });
  if (link.phase === 'closed') return i18next.t('classroom.closed', { host });
  if (problem === null) return i18next.t('classroom.connecting', { host });
  const cause =
    problem.cause === 'unreachable'
      ? i18next.t('classroom.unreachable', { host })
      : problem.cause === 'lost'
        ? i18next.t('classroom.lost')
        : i18next.t('classroom.refused', { why: problem.detail });
  return seconds === null || seconds <= 0
    ? i18next.t('classroom.retryNow', { problem: cause, attempt: problem.attempt })
    : i18next.t('classroom.retryIn', { problem: cause, seconds, attempt: problem.attempt });
}
