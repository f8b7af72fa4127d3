import { useTranslation } from 'react-i18next';
import type { NodeMessage } from '../../../contract/node-messages';
import { useNodeSubtleCrypto } from './class-connection-queries';

/** The node's own warning about a page without SubtleCrypto: this notice says it, the warnings banner does not. */
export const isInsecureContextWarning = (warning: NodeMessage) => warning.key === 'noSubtleCrypto';

/**
 * A page opened over plain http from another computer has no SubtleCrypto: not an error (the
 * same hashes and proofs come out), so a quiet note rather than the warnings' banner, saying
 * how to get it.
 */
export function InsecureContextNotice() {
  const { t } = useTranslation();
  const subtleCrypto = useNodeSubtleCrypto().data;
  if (subtleCrypto !== false) return null;
  return (
    <p className="context-notice" role="note" data-testid="insecure-context-notice">
      {t('nodeMessages.noSubtleCrypto')}
    </p>
  );
}
