import { useMemo } from 'react';
import { tabLabel } from './class-badges';
import { useNodePeersPart } from './node-queries';

/**
 * How the page names a tab the node names by id (its journal writes an id's first hex digits):
 * its letter and short id, as on the cards ("B 3f2a1c"); an id it does not know stays as it is.
 */
export function useTabNames(): (id: string) => string {
  const signature = useNodePeersPart((peers) => peers.map((peer) => `${peer.id}:${peer.slot ?? ''}`).join(',')).data ?? '';
  return useMemo(() => {
    const known = signature === '' ? [] : signature.split(',').map((entry) => entry.split(':') as [string, string]);
    return (id: string) => {
      const found = id.length >= 6 ? known.find(([full]) => full.startsWith(id)) : undefined;
      return found === undefined ? id : tabLabel(found[0], found[1] === '' ? null : Number(found[1]));
    };
  }, [signature]);
}
