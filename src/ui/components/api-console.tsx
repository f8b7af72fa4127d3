import { useId, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import type { Exchange } from '../../node/api';
import { parseConsoleRequest } from '../console-request';
import { formatCount } from '../format';
import { useNodePeers } from '../queries/node-queries';
import { useDownloadAnswer, useExchanges, useSendRequest } from '../queries/use-api-console';
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
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<readonly string[]>([]);
  // While going through earlier requests: their position, and what was typed before.
  const [browsing, setBrowsing] = useState<{ readonly at: number; readonly draft: string } | null>(null);
  const send = useSendRequest();
  const exchanges = useExchanges().data ?? [];
  const peer = useNodePeers().data?.find((candidate) => candidate.status === 'online')?.id;

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
      <h2 id={`${id}-title`}>API console</h2>
      <p className="hint" id={`${id}-hint`}>
        Send this tab’s node the tutorial’s requests: type <code>GET /chain</code> or <code>POST /transactions/new {'{…}'}</code>, or
        paste a curl command from the tutorial. Enter sends, Shift+Enter starts a new line, ↑ and ↓ bring back earlier requests.
        Every button that stands for a request is listed here too.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-request`}>Request</label>
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
            Send
          </button>
          <label className="field-inline">
            Examples
            <select
              value=""
              onChange={(event) => {
                const example = examples(peer)[Number(event.target.value)];
                if (example === undefined) return;
                edit(example);
                input.current?.focus();
              }}
            >
              <option value="">Choose one to fill in…</option>
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
        {send.isPending ? 'Waiting for the answer…' : send.data ? `Answered ${send.data.method} ${send.data.path}: ${send.data.statusLine}` : ''}
      </p>
      {exchanges.length === 0 ? (
        <p className="hint">No requests yet.</p>
      ) : (
        // Scrolls on its own, so the list never pushes the page away; focusable to scroll with the keyboard.
        <div className="exchanges-scroller" tabIndex={0} role="region" aria-label="Exchanges with this node, newest first">
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

function ExchangeItem({ exchange }: { exchange: Exchange }) {
  const id = useId();
  const [unfolded, setUnfolded] = useState(false);
  const download = useDownloadAnswer();
  const { origin, method, path, requestBody, status, statusLine, responseBody, responseLength } = exchange;
  const folds = responseBody.split('\n').length > FOLDED_LINES;
  const more = responseLength - responseBody.length;
  return (
    <li className="exchange" data-testid="exchange" data-origin={origin} aria-labelledby={`${id}-request`}>
      <p className="exchange-request" id={`${id}-request`}>
        <span className={`exchange-origin ${origin}`}>{origin === 'console' ? 'typed' : 'button'}</span>{' '}
        <code className="mono">
          {method} {path}
        </code>{' '}
        <time className="hint">{new Date(exchange.at).toLocaleTimeString('en-GB', { hour12: false })}</time>
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
          … ({formatCount(more)} more bytes)
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
              {unfolded ? 'Fold the answer' : 'Unfold the answer'}
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
              Download the whole answer
            </button>
          )}
        </div>
      )}
      {download.data === false && <p className="hint">This answer is no longer kept whole: only its start is shown.</p>}
    </li>
  );
}
