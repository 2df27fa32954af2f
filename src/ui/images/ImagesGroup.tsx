import { useId } from 'react';
import { AugmentationFormula } from '../math/Formulas';
import { useShallow } from 'zustand/react/shallow';
import { AUG_IDENTITY, AUG_LIMITS, parseAug, parseAugLenient, type AugNumericKey } from '../../engine/data/augSpec';
import { AUG_PRESETS, canonicalAug, presetOf, toggleAugItem, withAugItem } from '../../state/augmentation';
import { useAppStore } from '../../state/useAppStore';
import { ControlGate } from '../classroom/ControlGate';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';
import { Field, SelectField, useDraft } from '../controls/fields';
import { KeyNumber } from '../controls/ConfigFields';
import { Group } from '../shell/Group';
import './augmentation.css';
import '../regularise/regularisation.css';

/** One numeric transform's row: its slider step and how its strength reads; its label and hint are `controls.aug.<key>` and `controls.aug.<key>Hint`. */
interface TransformRow {
  key: AugNumericKey;
  step: number;
  format: (v: number) => string;
}

const pct = (v: number): string => `${Math.round(v * 100)} %`;

const TRANSFORMS: readonly TransformRow[] = [
  { key: 'rotate', step: 1, format: (v) => `±${v}°` },
  { key: 'zoom', step: 0.01, format: (v) => `±${pct(v)}` },
  { key: 'shift', step: 0.01, format: (v) => `±${pct(v)}` },
  // Crop at 1 is the identity: the field shows "off" for it.
  { key: 'crop', step: 0.01, format: pct },
  { key: 'noise', step: 0.01, format: (v) => `σ ${v}` },
  { key: 'bright', step: 0.01, format: (v) => `±${v}` },
  { key: 'contrast', step: 0.01, format: (v) => `±${pct(v)}` },
];

/** Rounds a slider value to its step's decimals (0.1 + 0.2 is still 0.3 in the URL). */
function roundToStep(v: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return Number(v.toFixed(decimals));
}

/**
 * "Images" (mnist): the number of training digits, and data augmentation —
 * random transforms applied to every training batch, never to the test set.
 * Each transform has a toggle and a strength slider (the slider at its
 * identity is off); the whole spec is also editable as text (`control-aug`,
 * validated as typed) and a preset select picks a known mix. Augmentation is
 * hot (from the next step); the training-set size is cold (a new run).
 * Other datasets show a one-line note instead. The effect of augmentation is
 * an experiment of its own (below the stage).
 */
export function ImagesGroup() {
  const c = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, aug: s.config.aug, trainSize: s.config.trainSize })));
  const setConfig = useAppStore((s) => s.setConfig);
  const t = useT();
  if (c.dataset !== 'mnist') {
    return (
      <Group panel="images" title={t('layout.panel.images')}>
        <p className="hint" data-testid="aug-unavailable">
          {t('controls.aug.unavailable')}
        </p>
      </Group>
    );
  }
  const setAug = (aug: string): void => setConfig('aug', aug);
  const spec = parseAugLenient(c.aug);
  const preset = presetOf(c.aug);
  const presetOptions = [
    ...AUG_PRESETS.map((p) => ({ value: p.id as string, label: t(`controls.aug.preset.${p.id}`) })),
    ...(preset === 'custom' ? [{ value: 'custom', label: t('controls.aug.preset.custom') }] : []),
  ];
  return (
    <Group panel="images" title={t('layout.panel.images')}>
      <KeyNumber k="trainSize" label={t('controls.aug.trainSize')} hint={t('controls.aug.trainSizeHint')} />
      <ControlGate control="aug">
        <h3 className="subgroup-title">{t('controls.aug.heading')}</h3>
        <SelectField
          label={t('controls.aug.preset')}
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
      </ControlGate>
      <AugmentationFormula />
    </Group>
  );
}

function FlipToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const id = useId();
  const t = useT();
  return (
    <div className="field">
      <label className="check-row" htmlFor={id}>
        <input id={id} type="checkbox" data-testid="control-aug-flip" checked={on} onChange={(e) => onChange(e.target.checked)} />
        {t('controls.aug.flip')}
      </label>
      <p className="hint">{t('controls.aug.flipHint')}</p>
    </div>
  );
}

/** A transform's toggle (`control-aug-<key>-on`) and strength slider (`control-aug-<key>`, its value the spec's). */
function TransformField({ row, value, aug, onChange }: { row: TransformRow; value: number; aug: string; onChange: (aug: string) => void }) {
  const id = useId();
  const { min, max } = AUG_LIMITS[row.key];
  const on = value !== AUG_IDENTITY[row.key];
  const t = useT();
  const label = t(`controls.aug.${row.key}`);
  const shown = on ? row.format(value) : t('controls.off');
  return (
    <Field label={label} htmlFor={id} aside={shown}>
      <div className="input-row aug-row">
        <input
          type="checkbox"
          aria-label={t('controls.aug.toggle', { name: label })}
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
          title={t(`controls.aug.${row.key}Hint`)}
          aria-valuetext={shown}
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
  const t = useT();
  const rt = useRuntimeText();
  return (
    <Field
      label={t('controls.aug.text')}
      htmlFor={id}
      hint={
        problem !== null && !problem.ok ? (
          <span className="prune-reason" role="note" data-testid="aug-text-reason">
            {rt(problem.reason)}
          </span>
        ) : (
          t('controls.aug.textHint')
        )
      }
    >
      <input
        id={id}
        type="text"
        data-testid="control-aug"
        spellCheck={false}
        autoComplete="off"
        placeholder={t('controls.aug.textPlaceholder')}
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
