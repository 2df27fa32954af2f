import { useId, type ReactNode } from 'react';
import { SCHEMA } from '../../state/urlCodec';
import { formatLambda, formatThreshold } from '../format';
import { CONTROL_GROUPS } from '../classroom/sections';
import { controlKeyOf } from '../classroom/visibility';
import { useT } from '../i18n';
import { ExactInput, Field, useDraft } from './fields';
import { LAMBDA_SCALE } from './lambdaScale';
import type { LogScale } from './logScale';
import { THRESHOLD_SCALE } from './thresholdScale';

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

const parseThreshold = (text: string): number | null => {
  const d = SCHEMA.threshold.decode(text);
  return d.ok ? d.value : null;
};

/**
 * θ on a log slider (`control-threshold`: value = slider position, `data-value`
 * = θ; position 0 = off) plus an exact box (`control-threshold-exact`) for a
 * value between the slider's stops.
 */
export function ThresholdField({ value, disabled, title, onChange, hint }: { value: number; disabled: boolean; title?: string; onChange: (theta: number) => void; hint?: ReactNode }) {
  const id = useId();
  const exact = useDraft(value, String, parseThreshold, onChange, 400);
  const t = useT();
  const shown = value === 0 ? t('controls.off') : formatThreshold(value);
  return (
    <Field label={t('controls.threshold')} htmlFor={id} hint={hint} aside={shown} control="threshold">
      <div className="input-row">
        <LogRange id={id} scale={THRESHOLD_SCALE} testId="control-threshold" symbol="θ" value={value} shown={shown} disabled={disabled} title={title} onChange={onChange} />
        <ExactInput label={t('controls.threshold.exact')} testId="control-threshold-exact" exact={exact} disabled={disabled} title={title} />
      </div>
    </Field>
  );
}

/**
 * The penalty strength on a log slider (`control-lambda`: value = slider
 * position, `data-value` = λ; position 0 = off, 1 … 61 = 1e-6 … 1).
 */
export function LambdaField({ value, onChange, hint }: { value: number; onChange: (lambda: number) => void; hint?: ReactNode }) {
  const id = useId();
  const t = useT();
  const shown = value === 0 ? t('controls.off') : formatLambda(value);
  return (
    <Field label={t('controls.lambda')} htmlFor={id} hint={hint} aside={shown} control={CONTROL_GROUPS.penalty}>
      <LogRange id={id} scale={LAMBDA_SCALE} testId="control-lambda" symbol="λ" value={value} shown={shown} onChange={onChange} />
    </Field>
  );
}

/**
 * A range input over a {@link LogScale}: its value is the slider position,
 * its `data-value` the value itself (position 0 = off); committed live.
 */
function LogRange({
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
