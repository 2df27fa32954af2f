import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AUG_IDENTITY, AUG_LIMITS, parseAug, parseAugLenient, type AugNumericKey } from '../../engine/data/augSpec';
import { AUG_PRESETS, canonicalAug, presetOf, toggleAugItem, withAugItem } from '../../state/augmentation';
import { useAppStore } from '../../state/useAppStore';
import { AugExperimentBox } from '../images/AugExperimentBox';
import { Field, SelectField, useDraft } from './fields';
import { NumberField } from './NumberField';
import './augmentation.css';
import './regularisation.css';

/** One numeric transform's row: its label, slider step, how its strength reads, and what it does. */
interface TransformRow {
  key: AugNumericKey;
  label: string;
  step: number;
  format: (v: number) => string;
  hint: string;
}

const pct = (v: number): string => `${Math.round(v * 100)} %`;

const TRANSFORMS: readonly TransformRow[] = [
  { key: 'rotate', label: 'Rotate', step: 1, format: (v) => `±${v}°`, hint: 'Angle ~ U[−d, d] degrees.' },
  { key: 'zoom', label: 'Zoom', step: 0.01, format: (v) => `±${pct(v)}`, hint: 'Scale ~ U[1 − f, 1 + f].' },
  { key: 'shift', label: 'Shift', step: 0.01, format: (v) => `±${pct(v)}`, hint: 'Moves by up to f·28 px in x and y.' },
  { key: 'crop', label: 'Crop', step: 0.01, format: (v) => (v === 1 ? 'off' : pct(v)), hint: 'A random crop of side f·28, resized back to 28.' },
  { key: 'noise', label: 'Noise', step: 0.01, format: (v) => `σ ${v}`, hint: 'Gaussian noise, in pixel units (ink = 1).' },
  { key: 'bright', label: 'Brightness', step: 0.01, format: (v) => `±${v}`, hint: 'Adds U[−d, d] to every pixel.' },
  { key: 'contrast', label: 'Contrast', step: 0.01, format: (v) => `±${pct(v)}`, hint: '(x − mean)·c + mean, c ~ U[1 − f, 1 + f].' },
];

/** Rounds a slider value to its step's decimals (0.1 + 0.2 is still 0.3 in the URL). */
function roundToStep(v: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return Number(v.toFixed(decimals));
}

/**
 * The "Data augmentation" card (mnist): random transforms applied to every
 * training batch, never to the test set, plus the number of training digits.
 * Each transform has a toggle and a strength slider (the slider at its
 * identity is off); the whole spec is also editable as text (`control-aug`,
 * validated as typed) and a preset select picks a known mix. Augmentation is
 * hot (from the next step); the training-set size is cold (a new run).
 * Other datasets show a one-line note instead.
 */
export function AugmentationSection() {
  const c = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, aug: s.config.aug, trainSize: s.config.trainSize })));
  const setConfig = useAppStore((s) => s.setConfig);
  if (c.dataset !== 'mnist') {
    return (
      <section className="group" aria-label="Data augmentation settings">
        <h2>Data augmentation</h2>
        <p className="hint" data-testid="aug-unavailable">
          Augmentation transforms images: choose MNIST to use it.
        </p>
      </section>
    );
  }
  const setAug = (aug: string): void => setConfig('aug', aug);
  const spec = parseAugLenient(c.aug);
  const preset = presetOf(c.aug);
  const presetOptions = [...AUG_PRESETS.map((p) => ({ value: p.id as string, label: p.label })), ...(preset === 'custom' ? [{ value: 'custom', label: 'custom' }] : [])];
  return (
    <section className="group" aria-label="Data augmentation settings">
      <h2>Data augmentation</h2>
      <NumberField
        label="Training digits"
        testId="control-trainSize"
        value={c.trainSize}
        min={100}
        max={8000}
        delayMs={400}
        onChange={(v) => setConfig('trainSize', v)}
        hint="The first N of the 8,000 (100–8,000); the 2,000 test digits stay. Fewer digits over-fit sooner: a new run."
      />
      <SelectField
        label="Preset"
        testId="aug-preset"
        value={preset as string}
        options={presetOptions}
        onChange={(id) => {
          const hit = AUG_PRESETS.find((p) => p.id === id);
          if (hit !== undefined) setAug(hit.aug);
        }}
      />
      <FlipToggle on={spec.flip} onChange={(on) => setAug(withAugItem(c.aug, 'flip', on))} />
      {TRANSFORMS.map((t) => (
        <TransformField key={t.key} row={t} value={spec[t.key]} aug={c.aug} onChange={setAug} />
      ))}
      <AugTextField value={c.aug} onChange={setAug} />
      <AugExperimentBox />
    </section>
  );
}

function FlipToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label className="check-row" htmlFor={id}>
        <input id={id} type="checkbox" data-testid="control-aug-flip" checked={on} onChange={(e) => onChange(e.target.checked)} />
        Flip left–right
      </label>
      <p className="hint">Half the digits mirrored. A mirrored 3 is no digit at all.</p>
    </div>
  );
}

/** A transform's toggle (`control-aug-<key>-on`) and strength slider (`control-aug-<key>`, its value the spec's). */
function TransformField({ row, value, aug, onChange }: { row: TransformRow; value: number; aug: string; onChange: (aug: string) => void }) {
  const id = useId();
  const { min, max } = AUG_LIMITS[row.key];
  const on = value !== AUG_IDENTITY[row.key];
  return (
    <Field label={row.label} htmlFor={id} aside={on ? row.format(value) : 'off'}>
      <div className="input-row aug-row">
        <input
          type="checkbox"
          aria-label={`${row.label} on`}
          data-testid={`control-aug-${row.key}-on`}
          checked={on}
          onChange={(e) => onChange(toggleAugItem(aug, row.key, e.target.checked))}
        />
        <input
          id={id}
          type="range"
          data-testid={`control-aug-${row.key}`}
          min={min}
          max={max}
          step={row.step}
          value={value}
          title={row.hint}
          aria-valuetext={on ? row.format(value) : 'off'}
          onChange={(e) => {
            const n = roundToStep(Number(e.target.value), row.step);
            if (Number.isFinite(n) && n >= min && n <= max) onChange(withAugItem(aug, row.key, n));
          }}
        />
      </div>
    </Field>
  );
}

const formatText = (v: string): string => v;

/** The spec as text: committed (canonical) when valid, marked with the reason while not. */
function AugTextField({ value, onChange }: { value: string; onChange: (aug: string) => void }) {
  const id = useId();
  const draft = useDraft(value, formatText, canonicalAug, onChange, 400);
  const problem = draft.invalid ? parseAug(draft.draft) : null;
  return (
    <Field
      label="As text"
      htmlFor={id}
      hint={
        problem !== null && !problem.ok ? (
          <span className="prune-reason" role="note" data-testid="aug-text-reason">
            {problem.reason}
          </span>
        ) : (
          'e.g. flip,rotate:15,noise:0.1 — applied to training batches only, never to the test set.'
        )
      }
    >
      <input
        id={id}
        type="text"
        data-testid="control-aug"
        spellCheck={false}
        autoComplete="off"
        placeholder="none"
        value={draft.draft}
        aria-invalid={draft.invalid}
        onChange={(e) => draft.onChange(e.target.value)}
        onBlur={draft.onBlur}
        onKeyDown={(e) => {
          if (e.key === 'Enter') draft.onCommit();
        }}
      />
    </Field>
  );
}
