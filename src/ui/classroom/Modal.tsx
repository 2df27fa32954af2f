import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * A modal `<dialog>` (showModal): the rest of the page is inert while it is
 * open, so Tab stays inside; Esc, the close button or a click on the backdrop
 * closes it, and focus returns to what had it before (the button that opened it).
 * Mounted only while open.
 */
export function Modal({ title, testId, className, onClose, children }: { title: ReactNode; testId: string; className?: string; onClose: () => void; children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal focused the first focusable element (the close button); a dialog may name a better start.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Esc (the `cancel` then `close` events) and form-less closes end here.
    const onNativeClose = (): void => onCloseRef.current();
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      if (previous !== null && previous.isConnected) previous.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${className !== undefined ? ` ${className}` : ''}`}
      data-testid={testId}
      aria-labelledby={titleId}
      onClick={(e) => {
        // The dialog itself (not its content) was hit: a click on the backdrop.
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className="modal-body">
        <div className="modal-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="modal-close" data-testid={`${testId}-close`} aria-label={t('classroom.close')} title={t('classroom.close')} onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
