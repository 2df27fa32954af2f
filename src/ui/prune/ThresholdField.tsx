import { useId, type ReactNode } from 'react';
import { SCHEMA } from '../../state/urlCodec';
import { formatThreshold } from '../format';
import { useT } from '../i18n';
import { ExactInput, Field, useDraft } from '../controls/fields';
import { LogRange } from '../controls/SliderFields';
import { THRESHOLD_SCALE } from './thresholdScale';

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

