import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';
import { BACKEND_LABELS, backendChoiceLabel } from '../labels';
import { formatRate, rawValue } from '../format';

/**
 * The active backend, as a disclosure: opening it lists what `auto` measured
 * on each backend (steps/s or why it could not be used) and any fallback.
 */
export function BackendBadge() {
  const { backend, probes, backendNotice, choice } = useAppStore(
    useShallow((s) => ({ backend: s.run.backend, probes: s.run.probes, backendNotice: s.run.backendNotice, choice: s.config.backend })),
  );
  const fastest = probes.reduce((m, p) => Math.max(m, p.stepsPerSecond ?? 0), 0);
  const t = useT();
  const rt = useRuntimeText();
  return (
    <div className="metric">
      <dt>{t('header.backend')}</dt>
      <dd>
        <details className="backend-details">
          <summary title={t('header.backend.how')}>
            <span data-testid="metric-backend" data-value={rawValue(backend)}>
              {backend ? BACKEND_LABELS[backend] : '—'}
            </span>
            {backendNotice ? <span className="warn-dot" role="img" aria-label={t('header.backend.fellBack')} /> : null}
          </summary>
          <div className="popover" role="note">
            <p>{choice === 'auto' ? t('header.backend.auto') : t('header.backend.chosen', { choice: backendChoiceLabel(t, choice) })}</p>
            {probes.length > 0 ? (
              <table className="probe-table">
                <thead>
                  <tr>
                    <th scope="col">{t('header.backend')}</th>
                    <th scope="col">{t('header.backend.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {probes.map((p) => (
                    <tr key={p.backend} className={p.backend === backend ? 'chosen' : undefined}>
                      <td>{BACKEND_LABELS[p.backend]}</td>
                      <td>
                        {p.stepsPerSecond !== undefined ? (
                          <>
                            {formatRate(p.stepsPerSecond)}
                            {fastest > 0 && p.stepsPerSecond > 0 ? <span className="bar" style={{ width: `${(p.stepsPerSecond / fastest) * 4}em` }} /> : null}
                          </>
                        ) : (
                          <span className="probe-error">{p.error !== undefined ? rt(p.error) : p.skipped === 'budget' ? t('header.backend.skipped') : t('header.backend.unavailable')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {backendNotice ? <p className="fallback">{rt(backendNotice)}</p> : null}
          </div>
        </details>
      </dd>
    </div>
  );
}
