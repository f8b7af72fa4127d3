import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../shared/confirm-button';
import { nodeMessageText } from '../../shared/node-message-text';
import { useNetworkStatus, useNetworkTabs, useResetNetwork } from './network-view-queries';

/** Reset network, with a confirmation step. */
export function ResetNetworkPanel() {
  const { t } = useTranslation();
  const network = useNetworkStatus().data?.network ?? '';
  const online = useNetworkTabs().data?.filter((tab) => tab.status !== 'left').length ?? 0;
  const id = useId();
  const reset = useResetNetwork();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('networkView.reset.title')}</h2>
      <p className="hint">{t('networkView.reset.hint', { network })}</p>
      <ConfirmButton
        danger
        label={t('networkView.reset.button')}
        question={t('networkView.reset.question', { network })}
        consequence={t('networkView.reset.consequence', { count: online })}
        confirmLabel={t('networkView.reset.confirm')}
        onConfirm={() => { reset.mutate(); }}
      />
      <p className="result" role="status" aria-live="polite" data-testid="reset-result">
        {reset.data?.ok === true && t('networkView.reset.sent', { count: reset.data.tabs })}
        {reset.data?.ok === false && <span className="invalid">{nodeMessageText(reset.data.message)}</span>}
        {reset.error && <span className="invalid">{t('networkView.reset.failed', { reason: reset.error.message })}</span>}
      </p>
    </section>
  );
}
