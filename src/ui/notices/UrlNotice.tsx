import { useAppStore } from '../../state/useAppStore';
import { NOTICE_MAX_KEYS } from '../../state/urlCodec';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';

/**
 * Says which keys of the link were not used and why; present only when some
 * were rejected. Keys and reasons are rendered as text, never as markup (the
 * codec has already cut long keys and made invisible characters visible); each
 * key is isolated (`<bdi>`) so right-to-left text cannot reorder the line. At
 * most {@link NOTICE_MAX_KEYS} keys are listed, then how many more.
 */
export function UrlNotice() {
  const rejected = useAppStore((s) => s.urlNotice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const t = useT();
  const rt = useRuntimeText();
  if (rejected.length === 0) return null;
  const more = rejected.length - NOTICE_MAX_KEYS;
  return (
    <section className="notice notice-warn" data-testid="url-notice" role="status" aria-label={t('header.url.aria')}>
      <div>
        <strong>{t('header.url.title')}</strong>
        <ul>
          {rejected.slice(0, NOTICE_MAX_KEYS).map((r, i) => (
            <li key={i}>
              <code>
                <bdi>{r.key}</bdi>
              </code>
              : <bdi>{rt(r.reason)}</bdi>
            </li>
          ))}
          {more > 0 && <li data-testid="url-notice-more">{t('header.url.more', { n: more })}</li>}
        </ul>
      </div>
      <button type="button" className="dismiss" data-testid="btn-dismiss-notice" aria-label={t('header.dismiss')} onClick={dismiss}>
        ×
      </button>
    </section>
  );
}
