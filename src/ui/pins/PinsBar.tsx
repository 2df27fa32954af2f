import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { pinNotComparable, pinRefusal } from '../../state/pins';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { tickStep } from '../charts/chartFormat';
import { CSV_FILE_NAME, curvesCsv } from './csv';
import { downloadText } from '../download';
import { formatPinValue, pinDifferences, pinLabel } from './pinLabel';
import { useLang, useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';
import './pins.css';

/**
 * "Pin this run" (keeps the current run's curves and settings, overlaid
 * dashed on the charts) and the CSV export of the live series: two buttons in
 * the loss chart's head, beside the curves they keep.
 */
export function PinActions() {
  const api = useAppStoreApi();
  const { pinCount, hasPoints } = useAppStore(useShallow((s) => ({ pinCount: s.pinned.length, hasPoints: s.series.points.length > 0 })));
  // Only whether the series is empty matters here, so the buttons do not re-render on every metrics message.
  const refusal = pinRefusal(pinCount, hasPoints ? 1 : 0);
  const t = useT();
  const runtime = useRuntimeText();
  const exportCsv = (): void => downloadText(CSV_FILE_NAME, curvesCsv(api.getState().series.points));
  return (
    <span className="pin-actions">
      <button type="button" data-testid="btn-pin" disabled={refusal !== null} title={refusal !== null ? runtime(refusal) : t('views.pins.pinTitle')} onClick={() => api.getState().pin()}>
        {t('views.pins.pin')}
      </button>
      <button type="button" data-testid="btn-export-csv" disabled={!hasPoints} title={t('views.pins.exportTitle')} onClick={exportCsv}>
        {t('views.pins.exportCsv')}
      </button>
    </span>
  );
}

/**
 * The pinned runs (`data-testid="pinned-runs"`), each with its colour, how
 * its settings differ from the live ones, and restore / remove buttons. A pin
 * on another dataset than the live run's is listed but not drawn, and says
 * why ("pinned on xor: not comparable with mnist"; see `pinComparable`).
 */
export function PinnedList() {
  const api = useAppStoreApi();
  const { pinned, config } = useAppStore(useShallow((s) => ({ pinned: s.pinned, config: s.config })));
  // Labels follow the live config: "λ₂ 0 → 0.001" reads pinned value → live value.
  const t = useT();
  const named = useLang() !== 'en';
  const labels = useMemo(
    () =>
      pinned.map((p) => {
        const off = pinNotComparable(p, config);
        const short = off === null ? pinLabel(p.config, config, undefined, t, named) : t('views.pins.notComparable', { pinned: formatPinValue('dataset', off.pinned, t, named), live: formatPinValue('dataset', off.live, t, named) });
        return { short, off: off !== null, all: pinDifferences(p.config, config, t, named) };
      }),
    [pinned, config, t, named],
  );
  return (
    <div className="pins-bar">
      <ul className="pinned-runs" data-testid="pinned-runs" aria-label={t('views.pins.list')}>
        {pinned.map((p, i) => (
          <li
            key={p.id}
            className={labels[i].off ? 'pinned-run pinned-run-off' : 'pinned-run'}
            data-pin-id={p.id}
            data-overlaid={labels[i].off ? 'false' : 'true'}
            style={{ color: p.colour }}
            title={t('views.pins.itemTitle', { step: p.step, diffs: labels[i].all.join(t('views.pins.diffSep')) || t('views.pins.sameSettings') })}
          >
            <span className="pin-swatch" aria-hidden="true" />
            <span style={{ color: 'var(--ink)' }}>
              <span data-testid="pin-label">{labels[i].short}</span> <span className="muted">{t('views.pins.steps', { steps: tickStep(p.step) })}</span>
            </span>
            <button type="button" data-testid="btn-pin-restore" title={t('views.pins.restoreTitle')} onClick={() => api.getState().restorePin(p.id)}>
              {t('views.pins.restore')}
            </button>
            <button type="button" data-testid="btn-pin-remove" aria-label={t('views.pins.remove')} title={t('views.pins.remove')} onClick={() => api.getState().unpin(p.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <p className="pins-hint">{pinned.length > 0 ? t('views.pins.hint') : t('layout.pins.none')}</p>
    </div>
  );
}
