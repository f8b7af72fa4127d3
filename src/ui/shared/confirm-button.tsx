import { useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const CONFIRMED = 'confirmed';

/**
 * A button whose action asks first, in a native modal dialog: it holds the keyboard focus,
 * starts on Cancel, and Escape closes it without acting.
 */
export function ConfirmButton({
  label,
  question,
  consequence,
  confirmLabel,
  onConfirm,
  disabled = false,
  danger = false,
}: {
  label: string;
  question: string;
  consequence: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className={danger ? 'danger' : undefined}
        disabled={disabled}
        onClick={() => {
          if (!dialog.current) return;
          dialog.current.returnValue = '';
          dialog.current.showModal();
        }}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        className="confirm"
        aria-labelledby={`${id}-question`}
        aria-describedby={`${id}-consequence`}
        onClose={(event) => {
          if (event.currentTarget.returnValue === CONFIRMED) onConfirm();
        }}
      >
        <h2 id={`${id}-question`}>{question}</h2>
        <p id={`${id}-consequence`}>{consequence}</p>
        <form method="dialog" className="row">
          <button type="submit" value="cancel">
            {t('confirm.cancel')}
          </button>
          <button type="submit" value={CONFIRMED} className="danger">
            {confirmLabel}
          </button>
        </form>
      </dialog>
    </>
  );
}
