import { describe, expect, it } from 'vitest';
import { indentJson } from '../core/json-indent';
import { dumpsPython } from '../core/python-json';
import type { EndpointResponse } from './endpoints';
import { httpResponse } from './endpoints';
import { ExchangeLog, KEPT_BODY_CHARS, MAX_EXCHANGES, PREVIEW_CHARS } from './exchange-log';

const answer = (body: EndpointResponse['body'], status = 200): EndpointResponse =>
  typeof body === 'string' && status >= 400 ? { status, kind: 'text', body } : { status, kind: 'json', body };

describe('the exchange log', () => {
  it('keeps the last exchanges, newest first, and tells the page each time', () => {
    let changes = 0;
    const log = new ExchangeLog(() => (changes += 1), () => 1000);
    const total = MAX_EXCHANGES * 2 + 20;
    for (let n = 1; n <= total; n++) log.record('console', { method: 'GET', path: `/n${n}` }, httpResponse(answer({ n: BigInt(n) })));
    const listed = log.list();
    expect(listed).toHaveLength(MAX_EXCHANGES);
    expect(listed.map((exchange) => exchange.id)).toEqual(Array.from({ length: MAX_EXCHANGES }, (_, i) => total - i));
    expect(listed[0]).toEqual({
      id: total,
      at: 1000,
      origin: 'console',
      method: 'GET',
      path: `/n${total}`,
      requestBody: null,
      status: 200,
      statusLine: 'HTTP/1.1 200 OK',
      json: true,
      responseBody: `{\n  "n": ${total}\n}\n`,
      responseLength: `{\n  "n": ${total}\n}\n`.length,
    });
    expect(changes).toBe(total);
    expect(log.body(1)).toBeNull();
    expect(log.body(total)).toBe(listed[0]?.responseBody);
  });

  it('lists a long answer by its start and gives the whole of it on demand', () => {
    const log = new ExchangeLog(() => undefined);
    const chain = Array.from({ length: 400 }, (_, i) => ({ index: BigInt(i + 1), amount: 5.0, proof: 2n ** 70n }));
    const response = httpResponse(answer({ chain, length: 400n }));
    const { id, responseBody, responseLength } = log.record('button', { method: 'GET', path: '/chain' }, response);
    const whole = `${indentJson(dumpsPython({ chain, length: 400n })).text}\n`;
    expect(responseBody).toBe(whole.slice(0, PREVIEW_CHARS));
    expect(responseLength).toBe(whole.length);
    expect(log.body(id)).toBe(whole);
    // Exact numbers: a float stays 5.0, a big int keeps its digits.
    expect(whole).toContain('"amount": 5.0');
    expect(whole).toContain(`"proof": ${2n ** 70n}`);
  });

  it('shows a long request body by its start', () => {
    const log = new ExchangeLog(() => undefined);
    const body = `{"sender": "${'a'.repeat(PREVIEW_CHARS)}"}`;
    const { requestBody } = log.record('console', { method: 'POST', path: '/transactions/new', body }, httpResponse(answer('Missing values', 400)));
    expect(requestBody).toBe(`${body.slice(0, PREVIEW_CHARS)}… (${body.length - PREVIEW_CHARS} more characters)`);
  });

  it('lets the oldest whole answers go past a budget, keeping their start in the list', () => {
    const log = new ExchangeLog(() => undefined);
    const size = KEPT_BODY_CHARS / 4 + 1;
    const big = httpResponse(answer('x'.repeat(size), 404));
    const ids = [1, 2, 3].map(() => log.record('button', { method: 'GET', path: '/chain' }, big).id);
    expect(ids.map((id) => log.body(id)?.length)).toEqual([size, size, size]);
    const fourth = log.record('button', { method: 'GET', path: '/chain' }, big).id;
    expect([...ids, fourth].map((id) => log.body(id)?.length ?? null)).toEqual([null, size, size, size]);
    expect(log.list().map((exchange) => exchange.responseBody.length)).toEqual([PREVIEW_CHARS, PREVIEW_CHARS, PREVIEW_CHARS, PREVIEW_CHARS]);
  });
});
