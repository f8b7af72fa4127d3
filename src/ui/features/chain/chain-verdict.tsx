import { useTranslation } from 'react-i18next';
import type { ChainView as ChainData } from '../../../contract/views';
import { verdictShort } from '../../shared/verdict-short';
import { verdictText } from '../../shared/verdict-text';

/** The chain's verdict in one line; an invalid chain's whole sentence is one click away. */
export function ChainVerdict({ chain }: { chain: ChainData }) {
  const { t } = useTranslation();
  const { verdict } = chain;
  if (verdict.valid) {
    return (
      <p className="chain-verdict valid" data-testid="chain-verdict" data-valid={true}>
        <span aria-hidden="true">✓ </span>
        {t('chain.valid')}
      </p>
    );
  }
  return (
    <details className="chain-verdict broken" data-testid="chain-verdict" data-valid={false}>
      <summary>
        <span aria-hidden="true">✗ </span>
        {verdictShort(verdict)}
      </summary>
      <p>
        {verdict.block === null
          ? t('chain.invalid', { reason: verdictText(verdict) })
          : t('chain.invalidFrom', { block: verdict.block, reason: verdictText(verdict) })}
      </p>
    </details>
  );
}
