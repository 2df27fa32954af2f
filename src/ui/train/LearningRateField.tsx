import { useId } from 'react';
import { useAppStore } from '../../state/useAppStore';
import { SCHEMA } from '../../state/urlCodec';
import { formatLr } from '../format';
import { useT } from '../i18n';
import { ExactInput, Field, useDraft } from '../controls/fields';

/** Common learning rates on a roughly ×3 log scale. */
export const COMMON_LEARNING_RATES = [0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

const parseLr = (text: string): number | null => {
  const d = SCHEMA.lr.decode(text);
  return d.ok ? d.value : null;
};

/**
 * The learning rate: a select of common values on a log scale
 * (`control-lr`), plus an exact value box (`control-lr-exact`) for anything
 * in between. A value from a link that is not in the list is added to it.
 */
export function LearningRateField() {
  const id = useId();
  const lr = useAppStore((s) => s.config.lr);
  const setConfig = useAppStore((s) => s.setConfig);
  const commit = (v: number): void => setConfig('lr', v);
  const exact = useDraft(lr, formatLr, parseLr, commit, 600);
  const t = useT();
  const options = COMMON_LEARNING_RATES.includes(lr) ? COMMON_LEARNING_RATES : [...COMMON_LEARNING_RATES, lr].sort((a, b) => a - b);
  return (
    <Field label={t('controls.lr')} htmlFor={id} hint={t('controls.lr.hint')} control="lr">
      <div className="input-row">
        <select
          id={id}
          data-testid="control-lr"
          value={String(lr)}
          onChange={(e) => {
            const v = parseLr(e.target.value);
            if (v !== null) commit(v);
          }}
        >
          {options.map((v) => (
            <option key={v} value={String(v)}>
              {formatLr(v)}
            </option>
          ))}
        </select>
        <ExactInput label={t('controls.lr.exact')} testId="control-lr-exact" exact={exact} />
      </div>
    </Field>
  );
}
