import { useAppStore } from '../../state/useAppStore';

/**
 * Says which keys of the link were not used and why; present only when some
 * were rejected. Keys and reasons are rendered as text, never as markup.
 */
export function UrlNotice() {
  const rejected = useAppStore((s) => s.urlNotice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (rejected.length === 0) return null;
  return (
    <section className="notice notice-warn" data-testid="url-notice" role="status" aria-label="Link settings not used">
      <div>
        <strong>Some settings in the link were not used.</strong>
        <ul>
          {rejected.map((r, i) => (
            <li key={i}>
              <code>{r.key}</code>: {r.reason}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="dismiss" data-testid="btn-dismiss-notice" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </section>
  );
}
