import { useId } from 'react';
import { useAppStore } from '../../state/useAppStore';
import { ControlGate } from '../classroom/ControlGate';
import { useT } from '../i18n';
import { SPEED_STOPS, speedAt, speedPosition } from './speedScale';

/**
 * The training speed, beside play in the header (`control-speed`: value =
 * slider position, `data-value` = steps per second, 0 = full speed): from
 * slow motion, where the worker posts every step and the charts, the graph
 * and the boundary move step by step, to full speed. Hot: applies at once.
 * A value a link carries between the stops shows at the nearest stop.
 */
export function SpeedField() {
  const id = useId();
  const speed = useAppStore((s) => s.config.speed);
  const setConfig = useAppStore((s) => s.setConfig);
  const t = useT();
  const shown = speed === 0 ? t('layout.speed.full') : t('layout.speed.value', { n: speed });
  return (
    <ControlGate control="speed">
      <div className="speed-field" title={t('layout.speed.title')}>
        <label htmlFor={id}>{t('layout.speed')}</label>
        <input
          id={id}
          type="range"
          data-testid="control-speed"
          data-value={String(speed)}
          min={0}
          max={SPEED_STOPS.length - 1}
          step={1}
          value={speedPosition(speed)}
          aria-valuetext={shown}
          onChange={(e) => setConfig('speed', speedAt(Number(e.target.value)))}
        />
        <span className="speed-value" aria-hidden="true">
          {shown}
        </span>
      </div>
    </ControlGate>
  );
}
