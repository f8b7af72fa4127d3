import { Trans, useTranslation } from 'react-i18next';
import { nodeMessageText } from '../../shared/node-message-text';
import { useNodeStatusPart } from '../../shared/node-queries';

/** Shown when the node should be saved in this browser but cannot be: what happened and what it means. */
export function StorageBanner() {
  useTranslation();
  const problem = useNodeStatusPart(({ storage }) => storage.problem).data;
  if (!problem) return null;
  return (
    <div className="banner" role="alert" data-testid="storage-banner">
      <p>
        <Trans i18nKey="node.notSaved" values={{ problem: nodeMessageText(problem) }} components={{ strong: <strong /> }} />
      </p>
    </div>
  );
}
