import { useTranslation } from 'react-i18next';
import { useNodeStatusPart } from '../../shared/node-queries';
import { useResetNode } from './reset-node-queries';
import { ConfirmButton } from '../../shared/confirm-button';

/** Where this node is kept, and Reset node, behind a confirmation. */
export function NodePanel() {
  const { t } = useTranslation();
  const storage = useNodeStatusPart(({ storage }) => storage.kind).data;
  const reset = useResetNode();
  return (
    <section className="panel" aria-labelledby="node-title">
      <h2 id="node-title">{t('node.title')}</h2>
      <p className="hint" data-testid="storage-status" data-storage={storage}>
        {storage && t(`node.storage.${storage}`)}
      </p>
      <ConfirmButton
        label={t('node.reset')}
        question={t('node.resetQuestion')}
        consequence={t('node.resetConsequence')}
        confirmLabel={t('node.resetConfirm')}
        disabled={reset.isPending}
        onConfirm={() => { reset.mutate(); }}
      />
      <p className="result" role="status" data-testid="reset-result">
        {reset.isSuccess && t('node.resetDone')}
      </p>
    </section>
  );
}
