import type { Block, Transaction } from '../core/block';
import { chainDocument } from '../core/chain-document';
import { indentJson } from '../core/json-indent';
import { isJsonObject, type JsonValue } from '../core/json-value';
import { dumpsPython, parsePythonJson } from '../core/python-json';
import type { AddTransactionResult, MineResult, RegisterResult } from '../contract/results';
import type { TabNode } from './tab-node';

export type EndpointResponse =
  | { readonly status: number; readonly kind: 'json'; readonly body: JsonValue }
  | { readonly status: number; readonly kind: 'text'; readonly body: string };

export type HttpMethod = 'GET' | 'POST';

/**
 * The tutorial's five Flask endpoints, answered with the reference's JSON and status codes,
 * so that what the page does can be shown as the requests of the tutorial's curl examples.
 * The buttons' answers are built by the same functions (mineResponse, …), so a click and the
 * request it stands for always answer alike.
 */
export async function handleRequest(
  node: TabNode,
  method: string,
  path: string,
  body?: string,
): Promise<EndpointResponse> {
  const route = `${method} ${routePath(path)}`;
  switch (route) {
    case 'GET /chain':
      return json(200, chainDocument(node.chain().blocks));
    case 'GET /mine':
      return mineResponse(await node.mine());
    case 'POST /transactions/new':
      return newTransactionEndpoint(node, body);
    case 'POST /nodes/register':
      return registerEndpoint(node, body);
    case 'GET /nodes/resolve':
      return resolveResponse((await node.resolve()).replaced, node.chain().blocks);
    default:
      return KNOWN_PATHS.includes(routePath(path)) ? errorPage(405, METHOD_NOT_ALLOWED) : errorPage(404, NOT_FOUND);
  }
}

/** The reference's `/nodes/resolve` answer: our chain, replaced or authoritative. */
export function resolveResponse(replaced: boolean, blocks: readonly Block[]): EndpointResponse {
  return replaced
    ? json(200, { message: 'Our chain was replaced', new_chain: [...blocks] })
    : json(200, { message: 'Our chain is authoritative', chain: [...blocks] });
}

/** The forged block as the reference's `/mine` answers it; a search that ended without one is 409 with its reason. */
export function mineResponse(mined: MineResult): EndpointResponse {
  if (!mined.ok) return json(409, { message: mined.text });
  const { block } = mined;
  return json(200, {
    message: 'New Block Forged',
    index: block['index'] ?? null,
    transactions: block['transactions'] ?? null,
    proof: block['proof'] ?? null,
    previous_hash: block['previous_hash'] ?? null,
  });
}

/** The form's answer: 201 as the endpoint gives it, or 400 with the reason of every refused field. */
export function addTransactionResponse(added: AddTransactionResult): EndpointResponse {
  return added.ok ? transactionAdded(added.blockIndex) : text(400, Object.values(added.texts).join(' '));
}

export function registerResponse(result: RegisterResult): EndpointResponse {
  return result.ok ? json(201, { message: result.text, total_nodes: [...result.registered] }) : text(400, result.text);
}

/** An answer as its bytes go over HTTP: Werkzeug's status line, and jsonify's compact JSON. */
export interface HttpResponse {
  readonly status: number;
  readonly statusLine: string;
  readonly json: boolean;
  readonly body: string;
}

/** `jsonBody`: the answer's JSON text when the node already has it (its cached `/chain` body). */
export function httpResponse(response: EndpointResponse, jsonBody?: string): HttpResponse {
  const { status } = response;
  const statusLine = `HTTP/1.1 ${status} ${(REASONS[status] ?? 'Unknown').toUpperCase()}`;
  if (response.kind === 'text') return { status, statusLine, json: false, body: response.body };
  return { status, statusLine, json: true, body: jsonBody ?? dumpsPython(response.body, { compact: true }) + '\n' };
}

/** A JSON body laid out as Flask's jsonify writes it with pretty-printing on; `limit` cuts a long one. */
export function prettyBody(response: HttpResponse, limit = Infinity): { readonly text: string; readonly length: number } {
  if (!response.json) return { text: response.body.slice(0, limit), length: response.body.length };
  const { text, length } = indentJson(response.body, limit);
  // jsonify ends its body with a newline; the pretty text does too.
  return { text: text.length === length ? `${text}\n`.slice(0, limit) : text, length: length + 1 };
}

/** A malformed request: Werkzeug's own 400 page. */
export const badRequest = (): EndpointResponse =>
  errorPage(400, 'The browser (or proxy) sent a request that this server could not understand.');

function newTransactionEndpoint(node: TabNode, body: string | undefined): EndpointResponse {
  const read = readJsonBody(body);
  if (!read.ok) return read.response;
  const values = read.value;
  const required = ['sender', 'recipient', 'amount'] as const;
  if (!isJsonObject(values) || !required.every((key) => key in values)) return text(400, 'Missing values');
  // As the reference: only the three fields are kept, whatever JSON they hold.
  const transaction: Transaction = {
    sender: values['sender'] ?? null,
    recipient: values['recipient'] ?? null,
    amount: values['amount'] ?? null,
  };
  const added = node.newTransaction(transaction);
  // The tutorial has no such case: only the balances rule refuses a transaction.
  if (!added.ok) return json(400, { message: added.text });
  return transactionAdded(added.blockIndex);
}

function registerEndpoint(node: TabNode, body: string | undefined): EndpointResponse {
  const read = readJsonBody(body);
  if (!read.ok) return read.response;
  const nodes = isJsonObject(read.value) ? read.value['nodes'] : undefined;
  if (nodes === undefined || nodes === null) return text(400, 'Error: Please supply a valid list of nodes');
  return registerResponse(node.register(nodes));
}

const transactionAdded = (index: number) => json(201, { message: `Transaction will be added to Block ${index}` });

/** Flask's `request.get_json()`: a body that is not JSON is Werkzeug's 400 page with Python's parse error. */
function readJsonBody(body: string | undefined): { ok: true; value: JsonValue } | { ok: false; response: EndpointResponse } {
  const parsed = parsePythonJson(body ?? '');
  return parsed.ok ? parsed : { ok: false, response: errorPage(400, `Failed to decode JSON object: ${parsed.error}`) };
}

const routePath = (path: string) => path.split('?', 1)[0] ?? '';
const KNOWN_PATHS = ['/chain', '/mine', '/transactions/new', '/nodes/register', '/nodes/resolve'];

// Werkzeug's reason phrases: its status line writes them upper-cased, its error pages as they are.
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
};
const NOT_FOUND =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';
const METHOD_NOT_ALLOWED = 'The method is not allowed for the requested URL.';

/** Werkzeug's standard error page, byte for byte as a Flask app sends it. */
function errorPage(status: 400 | 404 | 405, description: string): EndpointResponse {
  const title = REASONS[status] ?? '';
  return text(
    status,
    `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${escapeHtml(description)}</p>\n`,
  );
}

// Werkzeug escapes the description with markupsafe.
const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);

const json = (status: number, body: JsonValue): EndpointResponse => ({ status, kind: 'json', body });
const text = (status: number, body: string): EndpointResponse => ({ status, kind: 'text', body });
