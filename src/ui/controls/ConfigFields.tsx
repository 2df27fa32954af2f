import type { ReactNode } from 'react';
import { useAppStore } from '../../state/useAppStore';
import { SCHEMA, boundsOf, type NumberKey } from '../../state/urlCodec';
import { DecimalField } from './DecimalField';
import { NumberField } from './NumberField';
import { FloatRangeField } from './SliderFields';

/**
 * Controls bound to one URL key: the value from the store, changes through
 * `setConfig`, and the bounds, step and validation from the key's row in the
 * URL schema (state/urlCodec.ts), so a control and a link always agree about
 * what is allowed. Test id: `control-<key>`.
 */
interface KeyProps {
  k: NumberKey;
  label: string;
  hint?: ReactNode;
  disabled?: boolean;
  /** Tooltip, e.g. why the control is disabled. */
  title?: string;
}

/** A slider over the key's row: min, max and step from the schema; `format` shows the value. */
export function KeySlider({ k, label, hint, disabled, title, format }: KeyProps & { format: (v: number) => string }) {
  const value = useAppStore((s) => s.config[k]);
  const setConfig = useAppStore((s) => s.setConfig);
  const { min, max, step } = boundsOf(k);
  return (
    <FloatRangeField label={label} testId={`control-${k}`} value={value} min={min} max={max} step={step} format={format} disabled={disabled} title={title} onChange={(v) => setConfig(k, v)} hint={hint} />
  );
}

/** A whole-number box over the key's row; `delayMs` of quiet before a typed value commits (a cold key restarts the run). */
export function KeyNumber({ k, label, hint, disabled, delayMs = 400, after }: KeyProps & { delayMs?: number; after?: ReactNode }) {
  const value = useAppStore((s) => s.config[k]);
  const setConfig = useAppStore((s) => s.setConfig);
  const { min, max } = boundsOf(k);
  return <NumberField label={label} testId={`control-${k}`} value={value} min={min} max={max} delayMs={delayMs} disabled={disabled} after={after} onChange={(v) => setConfig(k, v)} hint={hint} />;
}

/** A decimal box (`1e-5`, `0.003`) validated by the key's row: for values whose useful range spans decades. */
export function KeyDecimal({ k, label, hint, disabled, title }: KeyProps) {
  const value = useAppStore((s) => s.config[k]);
  const setConfig = useAppStore((s) => s.setConfig);
  return <DecimalField label={label} testId={`control-${k}`} value={value} row={SCHEMA[k]} disabled={disabled} title={title} onChange={(v) => setConfig(k, v)} hint={hint} />;
}
