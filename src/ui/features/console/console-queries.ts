import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { Exchange } from '../../../contract/views';
import type { ConsoleRequest } from './console-request';
import { downloadText } from '../../shared/download';
import type { NodeClient } from '../../connection/node-client';
import { useNode } from '../../connection/node-context';
import { nodeKey } from '../../shared/node-queries';

// The node records every exchange and announces the 'exchanges' topic: the list refetches.
export const exchangesQuery = (node: NodeClient) => queryOptions({ queryKey: nodeKey('exchanges'), queryFn: () => node.exchanges() });

export const useExchanges = () => useQuery(exchangesQuery(useNode()));

/** A typed request, answered by the node's endpoints as the Flask node would. */
export function useSendRequest() {
  const node = useNode();
  return useMutation({
    mutationFn: ({ method, path, body }: ConsoleRequest): Promise<Exchange> => node.request(method, path, body),
  });
}

/** Downloads the whole answer of a listed exchange; false when the node no longer keeps it. */
export function useDownloadAnswer() {
  const node = useNode();
  return useMutation({
    mutationFn: async (exchange: Exchange): Promise<boolean> => {
      const body = await node.exchangeBody(exchange.id);
      if (body === null) return false;
      const name = `${exchange.method}${exchange.path.split('?', 1)[0] ?? ''}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      downloadText(body, `${name}-${exchange.id}.${exchange.json ? 'json' : 'html'}`, exchange.json ? 'application/json' : 'text/html');
      return true;
    },
  });
}
