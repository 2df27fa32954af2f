import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { pinRefusal } from '../../state/pins';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { tickStep } from '../charts/chartFormat';
import { CSV_FILE_NAME, curvesCsv } from './csv';
import { downloadText } from '../download';
import { pinDifferences, pinLabel } from './pinLabel';
import './pins.css';

/**
 * The bar above the training curves: "Pin this run" (keeps the current run's
 * curves and settings, overlaid dashed on the charts), the CSV export of the
 * live series, and the legend of pinned runs — each with its colour, how its
 * settings differ from the live ones, and restore / remove buttons.
 */
export function PinsBar() {
  const api = useAppStoreApi();
  const { pinned, config, hasPoints } = useAppStore(useShallow((s) => ({ pinned: s.pinned, config: s.config, hasPoints: s.series.points.length > 0 })));
  // Only whether the series is empty matters here, so the bar does not re-render on every metrics message.
  const refusal = pinRefusal(pinned.length, hasPoints ? 1 : 0);
  // Labels follow the live config: "λ₂ 0 → 0.001" reads pinned value → live value.
  const labels = useMemo(() => pinned.map((p) => ({ short: pinLabel(p.config, config), all: pinDifferences(p.config, config) })), [pinned, config]);
  const exportCsv = (): void => downloadText(CSV_FILE_NAME, curvesCsv(api.getState().series.points));
  return (
    <div className="pins-bar">
      <button type="button" data-testid="btn-pin" disabled={refusal !== null} title={refusal ?? 'Keep this run’s curves and settings to compare with the next runs (up to 4)'} onClick={() => api.getState().pin()}>
        Pin this run
      </button>
      <button type="button" data-testid="btn-export-csv" disabled={!hasPoints} title="Download the live run’s curves (one row per chart point) as CSV" onClick={exportCsv}>
        Export CSV
      </button>
      <ul className="pinned-runs" data-testid="pinned-runs" aria-label="Pinned runs (dashed lines)">
        {pinned.map((p, i) => (
          <li key={p.id} className="pinned-run" data-pin-id={p.id} style={{ color: p.colour }} title={`Pinned at step ${p.step}. This run → the live run: ${labels[i].all.join('; ') || 'same settings'}`}>
            <span className="pin-swatch" aria-hidden="true" />
            <span style={{ color: 'var(--ink)' }}>
              {labels[i].short} <span className="muted">· {tickStep(p.step)} steps</span>
            </span>
            <button type="button" data-testid="btn-pin-restore" title="Put this run’s settings back into the controls" onClick={() => api.getState().restorePin(p.id)}>
              Restore
            </button>
            <button type="button" data-testid="btn-pin-remove" aria-label="Remove this pinned run" title="Remove this pinned run" onClick={() => api.getState().unpin(p.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {pinned.length > 0 ? <p className="pins-hint">Dashed: pinned runs. To compare from the same start, change a setting and press reset.</p> : null}
    </div>
  );
}
