import { useTranslation } from 'react-i18next';
import type { NodeMessage } from '../../../contract/node-messages';
import { nodeMessageText } from '../../shared/node-message-text';

/** The node's warnings (ignored URL parameters, a discarded saved node, adopted rules) as the page's alert banner. */
export function NodeWarnings({ warnings }: { readonly warnings: readonly NodeMessage[] }) {
  // Re-renders when the language changes.
  useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div className="banner" role="alert">
      {warnings.map((warning) => (
        <p key={JSON.stringify(warning)}>{nodeMessageText(warning)}</p>
      ))}
    </div>
  );
}
