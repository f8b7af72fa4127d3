import { useMutation } from '@tanstack/react-query';
import { PEER_MESSAGES_PER_SECOND } from '../../network/limits';
import type { PeerStatus } from '../../node/api';
import { shortHash } from '../format';
import { useNode } from '../node-context';
import { useNodePeers, useNodeStatus } from '../queries/node-queries';
import { relationIcon, relationText } from '../relation-text';
import { NodeBadge } from './node-badge';

const PEER_STATUS_TEXT: Record<PeerStatus, string> = {
  online: 'online',
  silent: 'not answering',
  left: 'closed',
};

/** Every peer with its tip and its chain's relation to ours, live from the tips they announce. */
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
              <div className="peer-line">
                <NodeBadge id={peer.id} />
                <span className={`peer-status ${peer.status}`}>{PEER_STATUS_TEXT[peer.status]}</span>
                {peer.tip && (
                  <span className="peer-tip">
                    height <strong data-testid="peer-height">{peer.tip.height}</strong> · tip{' '}
                    <span className="mono" title={peer.tip.hash}>{shortHash(peer.tip.hash)}</span>
                  </span>
                )}
                {peer.registered ? (
                  <span className="peer-registered">registered</span>
                ) : (
                  <button type="button" className="small" onClick={() => { register.mutate(peer.id); }}>
                    Register
                  </button>
                )}
              </div>
              {peer.status !== 'left' && (
                <p className="peer-relation" data-testid="peer-relation" data-relation={peer.relation?.kind ?? 'none'}>
                  <span aria-hidden="true">{relationIcon(peer.relation)} </span>
                  {relationText(peer.relation)}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {status && !status.rules.autoResolve && peers.some((peer) => peer.relation?.kind === 'ahead') && (
        <p className="hint">A peer is ahead: click Resolve to adopt its chain (auto-resolve is off).</p>
      )}
      <p className="hint" data-testid="malformed-count">
        Malformed messages dropped: {status?.malformedMessages ?? 0}
      </p>
      <p className="hint" data-testid="dropped-count">
        Messages dropped from tabs sending too fast (over {PEER_MESSAGES_PER_SECOND} a second): {status?.droppedMessages ?? 0}
      </p>
    </section>
  );
}
