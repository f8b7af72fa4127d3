import type { Block, Transaction } from '../core/block';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json-value';
import { parsePythonJson } from '../core/python-json';
import type { EndpointResponse, HttpMethod } from './api';
import type { TabNode } from './tab-node';

/**
 * The tutorial's five Flask endpoints, answered with the reference's JSON and status codes,
 * so that what the page does can be shown as the requests of the tutorial's curl examples.
 */
export async function handleRequest(
  node: TabNode,
  method: HttpMethod,
  path: string,
  body?: string,
): Promise<EndpointResponse> {
  const route = `${method} ${path.split('?', 1)[0] ?? ''}`;
  switch (route) {
    case 'GET /chain':
      return json(200, chainResponse(node.chain().blocks));
    case 'GET /mine':
      return mineEndpoint(node);
    case 'POST /transactions/new':
      return newTransactionEndpoint(node, body);
    case 'POST /nodes/register':
      return registerEndpoint(node, body);
    case 'GET /nodes/resolve':
      return (await node.resolve()).response;
    default:
      return knownPath(path) ? text(405, METHOD_NOT_ALLOWED) : text(404, NOT_FOUND);
  }
}

/** `length` is the whole chain's when `blocks` are only its last blocks (an answer to a peer that has the rest). */
export function chainResponse(blocks: readonly Block[], length = blocks.length): JsonObject {
  return { chain: [...blocks], length: BigInt(length) };
}

export function resolveResponse(replaced: boolean, blocks: readonly Block[]): EndpointResponse {
  return replaced
    ? json(200, { message: 'Our chain was replaced', new_chain: [...blocks] })
    : json(200, { message: 'Our chain is authoritative', chain: [...blocks] });
}

async function mineEndpoint(node: TabNode): Promise<EndpointResponse> {
  const mined = await node.mine();
  if (!mined.ok) return json(409, { message: mined.reason });
  const { block } = mined;
  return json(200, {
    message: 'New Block Forged',
    index: block['index'] ?? null,
    transactions: block['transactions'] ?? null,
    proof: block['proof'] ?? null,
    previous_hash: block['previous_hash'] ?? null,
  });
}

function newTransactionEndpoint(node: TabNode, body: string | undefined): EndpointResponse {
  const values = readJsonBody(body);
  if (values === undefined) return text(400, BAD_REQUEST);
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
  if (!added.ok) return json(400, { message: added.reason });
  return json(201, { message: `Transaction will be added to Block ${added.blockIndex}` });
}

function registerEndpoint(node: TabNode, body: string | undefined): EndpointResponse {
  const values = readJsonBody(body);
  if (values === undefined) return text(400, BAD_REQUEST);
  const nodes = isJsonObject(values) ? values['nodes'] : undefined;
  if (nodes === undefined || nodes === null) return text(400, 'Error: Please supply a valid list of nodes');
  const result = node.register(nodes);
  if (!result.ok) return text(400, result.message);
  return json(201, { message: result.message, total_nodes: [...result.registered] });
}

/** Flask's `request.get_json()`: undefined when the body is not JSON (Flask answers 400). */
function readJsonBody(body: string | undefined): JsonValue | undefined {
  if (body === undefined) return undefined;
  const parsed = parsePythonJson(body);
  return parsed.ok ? parsed.value : undefined;
}

const KNOWN_PATHS = ['/chain', '/mine', '/transactions/new', '/nodes/register', '/nodes/resolve'];
const knownPath = (path: string) => KNOWN_PATHS.includes(path.split('?', 1)[0] ?? '');

// Werkzeug's standard error pages, as a Flask app answers them.
const NOT_FOUND =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';
const METHOD_NOT_ALLOWED = 'The method is not allowed for the requested URL.';
const BAD_REQUEST = 'Failed to decode JSON object: the request body is not valid JSON.';

const json = (status: number, body: JsonValue): EndpointResponse => ({ status, kind: 'json', body });
const text = (status: number, body: string): EndpointResponse => ({ status, kind: 'text', body });
