import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { trainsCnn } from '../../state/network';
import { DEFAULT_LAMBDA, PENALTY_KINDS, penaltyKindOf, penaltyLambdaOf, type PenaltyKind } from '../../state/regularisation';
import { useAppStore } from '../../state/useAppStore';
import { SCHEMA } from '../../state/urlCodec';
import { formatLambda } from '../format';
import { PENALTY_LABELS } from '../labels';
import { DecimalField } from './DecimalField';
import { SelectField } from './fields';
import { NumberField } from './NumberField';
import './pruning.css';
import './regularisation.css';
import { FloatRangeField, LambdaField } from './SliderFields';

type OnKind = Exclude<PenaltyKind, 'none'>;

const dropoutText = (v: number): string => (v === 0 ? 'off' : `${Math.round(v * 100)} %`);

/**
 * The "Regularisation" card: the penalty λ₁Σ|w| + λ₂Σw² on the kernels (kind,
 * log λ slider, exact λ₁ and λ₂), the proximal L1 step, dropout, and the
 * settings of the two experiments (choosing λ by cross-validation, regularise
 * then prune), which run from their cards in the main area. Everything here is
 * hot: λ and dropout apply from the next step. Test ids: `control-<URL key>`,
 * plus `control-penalty` and `control-lambda`.
 */
export function RegularisationSection() {
  const c = useAppStore(useShallow((s) => ({ l1: s.config.l1, l2: s.config.l2, prox: s.config.prox, dropout: s.config.dropout, cnn: trainsCnn(s.config) })));
  const setConfig = useAppStore((s) => s.setConfig);
  const setPenalty = useAppStore((s) => s.setPenalty);
  const kind = penaltyKindOf(c);
  const lambda = penaltyLambdaOf(c);
  // The kind the λ slider switches back on after it was moved to "off" (the sweep's own default is L2).
  const [lastKind, setLastKind] = useState<OnKind>('l2');
  const proxId = useId();

  const chooseKind = (next: PenaltyKind): void => {
    if (next !== 'none') setLastKind(next);
    setPenalty(next, lambda > 0 ? lambda : DEFAULT_LAMBDA);
  };
  const moveLambda = (next: number): void => {
    if (kind !== 'none') setLastKind(kind);
    setPenalty(next === 0 ? 'none' : kind === 'none' ? lastKind : kind, next);
  };

  return (
    <section className="group" aria-label="Regularisation settings">
      <h2>Regularisation</h2>
      <SelectField
        label="Penalty"
        testId="control-penalty"
        value={kind}
        options={PENALTY_KINDS.map((value) => ({ value, label: PENALTY_LABELS[value] }))}
        onChange={chooseKind}
        hint="L1 pushes weights to exactly zero with the proximal step; L2 shrinks them all."
      />
      <LambdaField
        value={lambda}
        onChange={moveLambda}
        hint={
          kind === 'none'
            ? 'Adds λ₁Σ|w| + λ₂Σw² over the weights (not biases) to the data loss. Far left = off.'
            : kind === 'elastic'
              ? 'Sets λ₁ = λ₂ = λ; type different values below. Applies from the next step.'
              : 'Too small over-fits, too large under-fits. Applies from the next step.'
        }
      />
      <div className="prune-pair">
        <DecimalField label="λ₁ (L1)" testId="control-l1" value={c.l1} row={SCHEMA.l1} onChange={(v) => setConfig('l1', v)} />
        <DecimalField label="λ₂ (L2)" testId="control-l2" value={c.l2} row={SCHEMA.l2} onChange={(v) => setConfig('l2', v)} />
      </div>
      <div className="field">
        <label className="check-row" htmlFor={proxId} title={c.l1 > 0 ? undefined : 'Needs an L1 penalty (λ₁ > 0)'}>
          <input id={proxId} type="checkbox" data-testid="control-prox" checked={c.prox === 1} disabled={!(c.l1 > 0)} onChange={(e) => setConfig('prox', e.target.checked ? 1 : 0)} />
          Proximal L1 (exact zeros)
        </label>
        <p className="hint">
          {c.l1 > 0
            ? `After each step, w ← sign(w)·max(|w| − η·${formatLambda(c.l1)}, 0): small weights become exactly 0. Off: they jitter around 0.`
            : 'Needs an L1 penalty (λ₁ > 0).'}
        </p>
      </div>
      <FloatRangeField
        label="Dropout"
        testId="control-dropout"
        value={c.dropout}
        min={0}
        max={0.9}
        step={0.05}
        format={dropoutText}
        onChange={(v) => setConfig('dropout', v)}
        hint={c.cnn ? 'Units of the dense layers dropped at random while training (not the conv layers), none at test.' : 'Hidden units dropped at random while training, none at test.'}
      />
      <ChoosingLambdaGroup />
      <RegPruneGroup />
    </section>
  );
}

/** The λ sweep's settings: k folds × a log grid of λ, a fixed number of steps per fold. */
function ChoosingLambdaGroup() {
  const c = useAppStore(
    useShallow((s) => ({ l1: s.config.l1, l2: s.config.l2, cv_k: s.config.cv_k, cv_steps: s.config.cv_steps, cv_min: s.config.cv_min, cv_max: s.config.cv_max, cv_points: s.config.cv_points })),
  );
  const setConfig = useAppStore((s) => s.setConfig);
  const kind = penaltyKindOf(c);
  const varied = kind === 'none' ? 'λ₂ (L2, as no penalty is set)' : kind === 'elastic' ? 'λ₁ = λ₂' : kind === 'l1' ? 'λ₁' : 'λ₂';
  return (
    <details className="prune-sub" open>
      <summary>
        Choosing λ{' '}
        <span className="prune-state">
          {c.cv_k}-fold, {c.cv_points} λ
        </span>
      </summary>
      <div className="prune-pair">
        <NumberField label="Folds k" testId="control-cv_k" value={c.cv_k} min={2} max={10} delayMs={400} onChange={(v) => setConfig('cv_k', v)} />
        <NumberField label="Steps per fold" testId="control-cv_steps" value={c.cv_steps} min={10} max={100000} delayMs={400} onChange={(v) => setConfig('cv_steps', v)} />
        <DecimalField label="Smallest λ" testId="control-cv_min" value={c.cv_min} row={SCHEMA.cv_min} onChange={(v) => setConfig('cv_min', v)} />
        <DecimalField label="Largest λ" testId="control-cv_max" value={c.cv_max} row={SCHEMA.cv_max} onChange={(v) => setConfig('cv_max', v)} />
      </div>
      <NumberField label="λ values (log grid)" testId="control-cv_points" value={c.cv_points} min={2} max={20} delayMs={400} onChange={(v) => setConfig('cv_points', v)} />
      {c.cv_min >= c.cv_max ? (
        <p className="prune-reason" role="note">
          The smallest λ should be below the largest.
        </p>
      ) : null}
      <p className="hint">
        Varies {varied}: {c.cv_k} × {c.cv_points} = {c.cv_k * c.cv_points} trainings of {c.cv_steps} steps, each validated on the fold it left out. Start it from the λ-sweep card.
      </p>
    </details>
  );
}

/** The regularise-then-prune experiment's settings. */
function RegPruneGroup() {
  const c = useAppStore(useShallow((s) => ({ l1: s.config.l1, l2: s.config.l2, rp_steps: s.config.rp_steps, rp_tune: s.config.rp_tune })));
  const setConfig = useAppStore((s) => s.setConfig);
  const lambda = Math.max(c.l1, c.l2);
  return (
    <details className="prune-sub" open>
      <summary>Regularise, then prune</summary>
      <div className="prune-pair">
        <NumberField label="Training steps" testId="control-rp_steps" value={c.rp_steps} min={10} max={100000} delayMs={400} onChange={(v) => setConfig('rp_steps', v)} />
        <NumberField label="Fine-tune steps" testId="control-rp_tune" value={c.rp_tune} min={0} max={100000} delayMs={400} onChange={(v) => setConfig('rp_tune', v)} />
      </div>
      <p className="hint">
        Trains with no penalty, L1 and L2 (λ = {lambda > 0 ? formatLambda(lambda) : '1e-4, as none is set'}) from the same seed, prunes each to 50–95 % and fine-tunes. Start it from its card.
      </p>
    </details>
  );
}
