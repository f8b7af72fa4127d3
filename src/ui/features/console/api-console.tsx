import { memo, useId, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Exchange } from '../../../contract/views';
import { parseConsoleRequest } from './console-request';
import { formatClockTime, formatCount } from '../../shared/format';
import { useNodePeersPart } from '../../shared/node-queries';
import { useDownloadAnswer, useExchanges, useSendRequest } from './console-queries';
import './api-console.css';

/** The tutorial's requests, as its curl examples send them; Register names another tab when there is one. */
const examples = (peer: string | undefined) => [
  'GET /chain',
  'GET /mine',
  'POST /transactions/new {"sender": "d4ee26eee15148ee92c6cd394edd974e", "recipient": "someone-other-address", "amount": 5}',
  `POST /nodes/register {"nodes": ["http://${peer ?? 'localhost:5001'}"]}`,
  'GET /nodes/resolve',
];

/** Answers with more lines than this start folded. */
const FOLDED_LINES = 12;

export function ApiConsole() {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<readonly string[]>([]);
  // While going through earlier requests: their position, and what was typed before.
  const [browsing, setBrowsing] = useState<{ readonly at: number; readonly draft: string } | null>(null);
  const send = useSendRequest();
  const exchanges = useExchanges().data ?? [];
  const peer = useNodePeersPart((peers) => peers.find((candidate) => candidate.status === 'online')?.id).data;

  const edit = (value: string) => {
    setText(value);
    setError(null);
    setBrowsing(null);
  };

  const submit = (event?: SyntheticEvent) => {
    event?.preventDefault();
    const parsed = parseConsoleRequest(text);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    if (history.at(-1) !== text) setHistory([...history, text]);
    edit('');
    send.mutate(parsed.request);
    // The next request is typed right away, whether this one was sent with Enter or the button.
    input.current?.focus();
  };

  const recall = (at: number, draft: string) => {
    setText(at < history.length ? (history[at] ?? '') : draft);
    setError(null);
    setBrowsing(at < history.length ? { at, draft } : null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const { selectionStart, selectionEnd, value } = event.currentTarget;
    if (event.key === 'Enter' && !event.shiftKey) {
      submit(event);
    } else if (event.key === 'ArrowUp' && !value.slice(0, selectionStart).includes('\n') && history.length > 0) {
      // Up on the first line goes back through earlier requests, as in a terminal.
      event.preventDefault();
      recall(Math.max(0, (browsing?.at ?? history.length) - 1), browsing?.draft ?? value);
    } else if (event.key === 'ArrowDown' && browsing && !value.slice(selectionEnd).includes('\n')) {
      event.preventDefault();
      recall(browsing.at + 1, browsing.draft);
    }
  };

  return (
    <section className="panel api-console" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('apiConsole.title')}</h2>
      <p className="hint" id={`${id}-hint`}>
        <Trans i18nKey="apiConsole.hint" components={{ get: <code />, post: <code /> }} />
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-request`}>{t('apiConsole.request')}</label>
          <textarea
            ref={input}
            id={`${id}-request`}
            className="console-input mono"
            rows={2}
            value={text}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={error === null ? `${id}-hint` : `${id}-error`}
            onChange={(event) => {
              edit(event.target.value);
            }}
            onKeyDown={onKeyDown}
          />
          {error !== null && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="row console-actions">
          <button type="submit" className="primary" disabled={send.isPending} aria-busy={send.isPending}>
            {send.isPending && <span className="spinner" aria-hidden="true" />}
            {t('apiConsole.send')}
          </button>
          <label className="field-inline">
            {t('apiConsole.examples')}
            <select
              value=""
              onChange={(event) => {
                const example = examples(peer)[Number(event.target.value)];
                if (example === undefined) return;
                edit(example);
                input.current?.focus();
              }}
            >
              <option value="">{t('apiConsole.chooseExample')}</option>
              {examples(peer).map((example, index) => (
                <option key={example} value={index}>
                  {example.split(' ', 2).join(' ')}
                </option>
              ))}
            </select>
          </label>
        </div>
      </form>
      <p className="result" role="status" aria-live="polite" data-testid="console-answer">
        {send.isPending
          ? t('apiConsole.waiting')
          : send.data
            ? t('apiConsole.answered', { method: send.data.method, path: send.data.path, status: send.data.statusLine })
            : ''}
      </p>
      {exchanges.length === 0 ? (
        <p className="hint">{t('apiConsole.none')}</p>
      ) : (
        // Scrolls on its own, so the list never pushes the page away; focusable to scroll with the keyboard.
        <div className="exchanges-scroller" tabIndex={0} role="region" aria-label={t('apiConsole.exchangesLabel')}>
          <ol className="exchanges">
            {exchanges.map((exchange) => (
              <ExchangeItem key={exchange.id} exchange={exchange} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

/** Memoised: an exchange never changes, and the list keeps its objects between refetches. */
const ExchangeItem = memo(function ExchangeItem({ exchange }: { exchange: Exchange }) {
  const { t } = useTranslation();
  const id = useId();
  const [unfolded, setUnfolded] = useState(false);
  const download = useDownloadAnswer();
  const { origin, method, path, requestBody, status, statusLine, responseBody, responseLength } = exchange;
  const folds = responseBody.split('\n').length > FOLDED_LINES;
  const more = responseLength - responseBody.length;
  return (
    <li className="exchange" data-testid="exchange" data-origin={origin} aria-labelledby={`${id}-request`}>
      <p className="exchange-request" id={`${id}-request`}>
        <span className={`exchange-origin ${origin}`}>{t(`apiConsole.origin.${origin}`)}</span>{' '}
        <code className="mono">
          {method} {path}
        </code>{' '}
        <time className="hint">{formatClockTime(exchange.at)}</time>
      </p>
      {requestBody !== null && (
        <pre className="exchange-body sent" data-testid="exchange-sent">
          {requestBody}
        </pre>
      )}
      <p className="exchange-status" data-status={status} data-testid="exchange-status">
        {statusLine}
      </p>
      <pre className={`exchange-body${folds && !unfolded ? ' folded' : ''}`} data-testid="exchange-answer">
        {responseBody}
      </pre>
      {more > 0 && (
        <p className="hint" data-testid="exchange-more">
          {t('apiConsole.moreBytes', { bytes: formatCount(more) })}
        </p>
      )}
      {(folds || more > 0) && (
        <div className="row">
          {folds && (
            <button
              type="button"
              className="small"
              aria-expanded={unfolded}
              aria-describedby={`${id}-request`}
              onClick={() => {
                setUnfolded(!unfolded);
              }}
            >
              {unfolded ? t('apiConsole.fold') : t('apiConsole.unfold')}
            </button>
          )}
          {more > 0 && (
            <button
              type="button"
              className="small"
              aria-describedby={`${id}-request`}
              onClick={() => {
                download.mutate(exchange);
              }}
            >
              {t('apiConsole.download')}
            </button>
          )}
        </div>
      )}
      {download.data === false && <p className="hint">{t('apiConsole.notKept')}</p>}
    </li>
  );
});
