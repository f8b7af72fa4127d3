import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { brokerParam, joinLinkFor } from './join-link';
import { QrCode } from './qr-code';
import { addClassroomTexts } from '../../i18n/classroom-texts';

addClassroomTexts();

type CopyState = 'idle' | 'copied' | 'by-hand';

/**
 * The address students open to join this class, with a copy button and its QR code, for the
 * teacher's network view. Over BroadcastChannel there is none: only this browser's tabs join.
 */
export function JoinPanel({ network, onBroker, teacherKey }: { readonly network: string; readonly onBroker: boolean; readonly teacherKey: string }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<CopyState>('idle');
  const link = joinLinkFor(window.location.href, network, brokerParam(window.location.search, onBroker), teacherKey);
  if (!onBroker) {
    return (
      <section className="panel join-panel" aria-labelledby="join-title" data-testid="join-panel">
        <h2 id="join-title">{t('classroom.join.title')}</h2>
        <p className="hint">{t('classroom.join.browserOnly')}</p>
      </section>
    );
  }
  const copyLink = async () => {
    // The clipboard API exists only in secure contexts; elsewhere the link is selected for Ctrl+C.
    try {
      await navigator.clipboard.writeText(link);
      setCopy('copied');
    } catch {
      const shown = document.getElementById('join-link');
      if (shown) window.getSelection()?.selectAllChildren(shown);
      setCopy('by-hand');
    }
  };
  return (
    <section className="panel join-panel" aria-labelledby="join-title" data-testid="join-panel">
      <h2 id="join-title">{t('classroom.join.title')}</h2>
      <p className="hint">{t('classroom.join.hint')}</p>
      <div className="join-body">
        <QrCode text={link} label={t('classroom.join.qr')} />
        <div className="join-link">
          <span className="join-label" id="join-link-label">
            {t('classroom.join.link')}
          </span>
          {/* Written out in full, wrapping: a student copies it from the projector. */}
          <a id="join-link" className="join-url" href={link} aria-describedby="join-link-label" data-testid="join-url">
            {link}
          </a>
          <button type="button" onClick={() => void copyLink()}>
            {t('classroom.join.copy')}
          </button>
          <span role="status" className="hint">
            {copy === 'copied' ? t('classroom.join.copied') : copy === 'by-hand' ? t('classroom.join.copyByHand') : ''}
          </span>
        </div>
      </div>
    </section>
  );
}
