import { useMutation } from '@tanstack/react-query';
import type { PeerStatus } from '../../node/api';
import { useNode } from '../node-context';
import { useNodePeers, useNodeStatus } from '../queries/node-queries';
import { NodeBadge } from './node-badge';

const PEER_STATUS_TEXT: Record<PeerStatus, string> = {
  online: 'online',
  silent: 'not answering',
  left: 'closed',
};

export function PeersPanel() {
  const node = useNode();
  const peers = useNodePeers().data ?? [];
  const status = useNodeStatus().data;
  const register = useMutation({ mutationFn: (id: string) => node.register([`http://${id}`]) });
  const setAuto = useMutation({ mutationFn: (enabled: boolean) => node.setAutoRegister(enabled) });
  return (
    <section className="panel" aria-labelledby="peers-title">
      <h2 id="peers-title">Peers</h2>
      <label className="toggle">
        <input
          type="checkbox"
          checked={status?.autoRegister ?? true}
          onChange={(event) => { setAuto.mutate(event.target.checked); }}
        />
        Register tabs automatically when they appear
      </label>
      {peers.length === 0 ? (
        <p className="hint">No other tab on network “{status?.network}” yet. Open this page in another tab.</p>
      ) : (
        <ul className="peers" aria-label="Peers">
          {peers.map((peer) => (
            <li key={peer.id} data-peer-id={peer.id} data-status={peer.status}>
              <NodeBadge id={peer.id} />
              <span className={`peer-status ${peer.status}`}>{PEER_STATUS_TEXT[peer.status]}</span>
              {peer.registered ? (
                <span className="peer-registered">registered</span>
              ) : (
                <button type="button" className="small" onClick={() => { register.mutate(peer.id); }}>
                  Register
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="hint" data-testid="malformed-count">
        Malformed messages dropped: {status?.malformedMessages ?? 0}
      </p>
    </section>
  );
}
