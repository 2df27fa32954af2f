import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { copyText } from './clipboard';

type CopyStatus = 'idle' | 'copied' | 'failed';

/**
 * A link in a read-only box with a Copy button and its outcome in words:
 * "Copied", or, when the browser refuses the clipboard, the link selected
 * in the box and a line saying to press Ctrl+C. `firstCopy`: a copy already
 * started by the button that opened the dialog (inside its click, where
 * browsers allow clipboard writes), whose outcome this shows. `multiline`:
 * a wrapping box that shows the whole link (the builder's live preview).
 */
export function CopyLink({ link, testId, label, firstCopy, multiline = false }: { link: string; testId: string; label: string; firstCopy?: Promise<boolean>; multiline?: boolean }) {
  const t = useT();
  const [outcome, setOutcome] = useState<{ link: string; status: CopyStatus }>({ link, status: 'idle' });
  const box = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const report = useCallback(
    (ok: boolean): void => {
      setOutcome({ link, status: ok ? 'copied' : 'failed' });
      if (!ok) {
        box.current?.focus();
        box.current?.select();
      }
    },
    [link],
  );
  useEffect(() => {
    if (firstCopy === undefined) return;
    let live = true;
    void firstCopy.then((ok) => {
      if (live) report(ok);
    });
    return () => {
      live = false;
    };
  }, [firstCopy, report]);
  // A changed link (the builder's boxes) is no longer the one copied.
  const status: CopyStatus = outcome.link === link ? outcome.status : 'idle';
  return (
    <div className="copy-link">
      <div className="copy-row">
        {multiline ? (
          <textarea ref={box} readOnly rows={3} className="copy-box" aria-label={label} data-testid={`${testId}-link`} value={link} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input ref={box} type="text" readOnly className="copy-box" aria-label={label} data-testid={`${testId}-link`} value={link} onFocus={(e) => e.currentTarget.select()} />
        )}
        <button type="button" className="primary" data-testid={`${testId}-copy`} data-autofocus onClick={() => void copyText(link).then(report)}>
          {t('classroom.copy')}
        </button>
      </div>
      <p className="copy-status" data-testid={`${testId}-status`} data-state={status} aria-live="polite">
        {status === 'copied' ? `✓ ${t('classroom.copied')}` : status === 'failed' ? t('classroom.copyFailed') : ''}
      </p>
    </div>
  );
}
