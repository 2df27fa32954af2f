import { useId, type ReactNode } from 'react';
import { controlKeyOf } from '../classroom/visibility';
import { useT } from '../i18n';
import { Field } from './fields';
import type { LogScale } from './logScale';

/**
 * A slider over fractional values (`step` apart), committed live on every
 * input event; `format` shows the value beside the label and as the slider's
 * spoken value. Arrow keys move one step, Page Up/Down about a tenth.
 */
export function FloatRangeField({
  label,
  testId,
  value,
  min,
  max,
  step,
  format,
  disabled = false,
  title,
  onChange,
  hint,
}: {
  label: string;
  testId: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format: (v: number) => string;
  disabled?: boolean;
  /** Tooltip, e.g. why the slider is disabled. */
  title?: string;
  onChange: (value: number) => void;
  hint?: ReactNode;
}) {
  const id = useId();
  // Round to the step's decimals: 0.1 + 0.2 on a slider is still 0.3 in the URL.
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return (
    <Field label={label} htmlFor={id} hint={hint} aside={format(value)} control={controlKeyOf(testId)}>
      <input
        id={id}
        type="range"
        data-testid={testId}
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        title={title}
        aria-valuetext={format(value)}
        onChange={(e) => {
          const n = Number(Number(e.target.value).toFixed(decimals));
          if (Number.isFinite(n) && n >= min && n <= max) onChange(n);
        }}
      />
    </Field>
  );
}

/**
 * A range input over a {@link LogScale}: its value is the slider position,
 * its `data-value` the value itself (position 0 = off); committed live.
 */
export function LogRange({
  id,
  scale,
  testId,
  symbol,
  value,
  shown,
  disabled = false,
  title,
  onChange,
}: {
  id: string;
  scale: LogScale;
  testId: string;
  /** The value's name for screen readers (θ, λ). */
  symbol: string;
  value: number;
  /** The value as shown beside the label. */
  shown: string;
  disabled?: boolean;
  title?: string;
  onChange: (value: number) => void;
}) {
  const t = useT();
  return (
    <input
      id={id}
      type="range"
      data-testid={testId}
      data-value={String(value)}
      min={0}
      max={scale.maxPosition}
      step={1}
      value={scale.position(value)}
      disabled={disabled}
      title={title}
      aria-valuetext={value === 0 ? t('controls.off') : `${symbol} = ${shown}`}
      onChange={(e) => {
        const pos = Number(e.target.value);
        if (Number.isInteger(pos)) onChange(scale.at(pos));
      }}
    />
  );
}
