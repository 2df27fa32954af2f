import { useAppStore } from '../../state/useAppStore';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';

/**
 * Says which keys of the link were not used and why; present only when some
 * were rejected. Keys and reasons are rendered as text, never as markup.
 */
export function UrlNotice() {
  const rejected = useAppStore((s) => s.urlNotice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const t = useT();
  const rt = useRuntimeText();
  if (rejected.length === 0) return null;
  return (
    <section className="notice notice-warn" data-testid="url-notice" role="status" aria-label={t('header.url.aria')}>
      <div>
        <strong>{t('header.url.title')}</strong>
        <ul>
          {rejected.map((r, i) => (
            <li key={i}>
              <code>{r.key}</code>: {rt(r.reason)}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="dismiss" data-testid="btn-dismiss-notice" aria-label={t('header.dismiss')} onClick={dismiss}>
        ×
      </button>
    </section>
  );
}
