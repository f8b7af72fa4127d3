import { useTranslation } from 'react-i18next';
import type { NetworkAuthorityView } from '../../../contract/views';

/**
 * Who decides the rules, said as a lesson: the tutorial has no signatures, so this is where
 * a class meets one. The key is shown by its first characters, as the join link carries it.
 */
export function RulesSignature({ authority }: { authority: NetworkAuthorityView }) {
  const { t } = useTranslation();
  const key = authority.publicKey.slice(0, 8);
  const text = authority.teacher
    ? t('rules.signature.teacher', { key })
    : authority.rulesSigned
      ? t('rules.signature.signed', { key })
      : t('rules.signature.unsigned', { key });
  return (
    <p className="hint rules-signature" data-testid="rules-signature" data-public-key={authority.publicKey}>
      <span aria-hidden="true">🔏 </span>
      {text}
    </p>
  );
}
