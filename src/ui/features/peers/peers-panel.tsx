import { memo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useAutoRegister, useRegisterPeer } from './peers-queries';
import { PEER_MESSAGES_PER_SECOND } from '../../../network/limits';
import type { PeerView } from '../../../contract/views';
import { shortHash } from '../../shared/format';
import { useNodePeers, useNodeStatusPart } from '../../shared/node-queries';
import { relationIcon, relationShort, relationText } from '../../shared/relation-text';
import { NodeBadge } from '../../shared/node-badge';

/** Every peer with its tip and its chain's relation to ours, live from the tips they announce. */
export function PeersPanel() {
  const { t } = useTranslation();
  const peers = useNodePeers().data ?? [];
  const status = useNodeStatusPart(({ autoRegister, network, rules, malformedMessages, droppedMessages }) => ({
    autoRegister,
    network,
    autoResolve: rules.autoResolve,
    malformedMessages,
    droppedMessages,
  })).data;
  const register = useRegisterPeer();
  const setAuto = useAutoRegister();
  return (
    <section className="panel" aria-labelledby="peers-title">
      <h2 id="peers-title">{t('peers.title')}</h2>
      <label className="toggle">
        <input
          type="checkbox"
          checked={status?.autoRegister ?? true}
          onChange={(event) => { setAuto.mutate(event.target.checked); }}
        />
        {t('peers.autoRegister')}
      </label>
      {peers.length === 0 ? (
        <p className="hint">{t('peers.none', { network: status?.network ?? '' })}</p>
      ) : (
        <ul className="peers" aria-label={t('peers.listLabel')}>
          {peers.map((peer) => (
            <PeerItem key={peer.id} peer={peer} register={register.mutate} />
          ))}
        </ul>
      )}
      {status && !status.autoResolve && peers.some((peer) => peer.relation?.kind === 'ahead') && (
        <p className="hint">{t('peers.aheadHint')}</p>
      )}
      <p className="hint" data-testid="malformed-count">
        {t('peers.malformed', { count: status?.malformedMessages ?? 0 })}
      </p>
      <p className="hint" data-testid="dropped-count">
        {t('peers.dropped', { rate: PEER_MESSAGES_PER_SECOND, count: status?.droppedMessages ?? 0 })}
      </p>
    </section>
  );
}

/**
 * One peer. Memoised: the peer list keeps the objects of unchanged peers between refetches,
 * so a tip announced by one peer redraws that peer alone.
 */
const PeerItem = memo(function PeerItem({ peer, register }: { peer: PeerView; register: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <li data-peer-id={peer.id} data-status={peer.status}>
      <div className="peer-line">
        <NodeBadge id={peer.id} />
        <span className={`peer-status ${peer.status}`}>{t(`peers.status.${peer.status}`)}</span>
        {peer.tip && (
          <span className="peer-tip">
            <Trans
              i18nKey="peers.tip"
              values={{ height: peer.tip.height, hash: shortHash(peer.tip.hash) }}
              components={{ height: <strong data-testid="peer-height" />, hash: <span className="mono" title={peer.tip.hash} /> }}
            />
          </span>
        )}
        {peer.registered ? (
          <span className="peer-registered">{t('peers.registered')}</span>
        ) : (
          <button type="button" className="small" onClick={() => { register(peer.id); }}>
            {t('peers.register')}
          </button>
        )}
      </div>
      {peer.status !== 'left' && (
        <div className="peer-relation" data-testid="peer-relation" data-relation={peer.relation?.kind ?? 'none'}>
          {peer.relation?.kind === 'invalid' ? (
            <details>
              <summary>
                <span aria-hidden="true">{relationIcon(peer.relation)} </span>
                {relationShort(peer.relation)}
              </summary>
              {relationText(peer.relation)}
            </details>
          ) : (
            <>
              <span aria-hidden="true">{relationIcon(peer.relation)} </span>
              {relationText(peer.relation)}
            </>
          )}
        </div>
      )}
    </li>
  );
});
