import { useId, type ReactNode } from 'react';
import { formatLambda } from '../format';
import { CONTROL_GROUPS } from '../classroom/sections';
import { useT } from '../i18n';
import { Field } from '../controls/fields';
import { LogRange } from '../controls/SliderFields';
import { LAMBDA_SCALE } from './lambdaScale';

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

