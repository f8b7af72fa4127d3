import type { Exchange, ExchangeOrigin } from '../contract/views';
import { prettyBody, type HttpResponse } from './endpoints';

export const MAX_EXCHANGES = 50;
/** A long answer (a whole chain) is listed by its start, so the page stays light. */
export const PREVIEW_CHARS = 8 * 1024;
/** Whole answers kept for download, newest first, up to this many characters in all. */
export const KEPT_BODY_CHARS = 32 * 1024 * 1024;

export interface ExchangeRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: string | undefined;
}

interface Entry {
  readonly exchange: Exchange;
  /** null once older answers exceed what is kept */
  response: HttpResponse | null;
}

/**
 * The node's last requests and answers, typed in the API console or made by a button: one
 * list in the worker, so every view of the page reads the same truth.
 */
export class ExchangeLog {
  private entries: Entry[] = [];
  private counter = 0;

  constructor(
    private readonly onChange: () => void,
    private readonly clock: () => number = Date.now,
  ) {}

  record(origin: ExchangeOrigin, request: ExchangeRequest, response: HttpResponse): Exchange {
    const preview = prettyBody(response, PREVIEW_CHARS);
    this.counter += 1;
    const exchange: Exchange = {
      id: this.counter,
      at: this.clock(),
      origin,
      method: request.method,
      path: request.path,
      requestBody: request.body === undefined ? null : shorten(request.body),
      status: response.status,
      statusLine: response.statusLine,
      json: response.json,
      responseBody: preview.text,
      responseLength: preview.length,
    };
    this.entries = [{ exchange, response }, ...this.entries].slice(0, MAX_EXCHANGES);
    this.dropOldAnswers();
    this.onChange();
    return exchange;
  }

  /** Newest first. */
  list(): readonly Exchange[] {
    return this.entries.map((entry) => entry.exchange);
  }

  /** The whole answer, laid out as the list shows its start; null when it is not kept. */
  body(id: number): string | null {
    const response = this.entries.find((entry) => entry.exchange.id === id)?.response;
    return response ? prettyBody(response).text : null;
  }

  private dropOldAnswers(): void {
    let kept = 0;
    for (const [position, entry] of this.entries.entries()) {
      kept += entry.response?.body.length ?? 0;
      // The newest answer is always kept, however long.
      if (kept > KEPT_BODY_CHARS && position > 0) entry.response = null;
    }
  }
}

/** A request body is shown as sent, up to the length of a preview. */
function shorten(body: string): string {
  if (body.length <= PREVIEW_CHARS) return body;
  return `${body.slice(0, PREVIEW_CHARS)}… (${body.length - PREVIEW_CHARS} more characters)`;
}
