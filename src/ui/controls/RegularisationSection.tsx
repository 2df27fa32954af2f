import { useId, useState } from 'react';
import { RegularisedLossFormula } from '../math/Formulas';
import { useShallow } from 'zustand/react/shallow';
import { trainsCnn } from '../../state/network';
import { DEFAULT_LAMBDA, PENALTY_KINDS, penaltyKindOf, penaltyLambdaOf, type PenaltyKind } from '../../state/regularisation';
import { useAppStore } from '../../state/useAppStore';
import { SCHEMA } from '../../state/urlCodec';
import { formatLambda } from '../format';
import { ControlGate, SectionGate } from '../classroom/ControlGate';
import { CONTROL_GROUPS } from '../classroom/sections';
import { useT } from '../i18n';
import { labelled, penaltyLabel } from '../labels';
import { DecimalField } from './DecimalField';
import { SelectField } from './fields';
import { NumberField } from './NumberField';
import './pruning.css';
import './regularisation.css';
import { FloatRangeField, LambdaField } from './SliderFields';

type OnKind = Exclude<PenaltyKind, 'none'>;

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
  const t = useT();
  const dropoutText = (v: number): string => (v === 0 ? t('controls.off') : t('controls.percent', { n: Math.round(v * 100) }));

  const chooseKind = (next: PenaltyKind): void => {
    if (next !== 'none') setLastKind(next);
    setPenalty(next, lambda > 0 ? lambda : DEFAULT_LAMBDA);
  };
  const moveLambda = (next: number): void => {
    if (kind !== 'none') setLastKind(kind);
    setPenalty(next === 0 ? 'none' : kind === 'none' ? lastKind : kind, next);
  };

  return (
    <section className="group" aria-label={t('controls.reg.aria')}>
      <h2>{t('controls.reg.heading')}</h2>
      <SelectField
        label={t('controls.penalty')}
        testId="control-penalty"
        control={CONTROL_GROUPS.penalty}
        value={kind}
        options={labelled(PENALTY_KINDS, (v) => penaltyLabel(t, v))}
        onChange={chooseKind}
        hint={t('controls.penalty.hint')}
      />
      <LambdaField
        value={lambda}
        onChange={moveLambda}
        hint={
          kind === 'none' ? t('controls.lambda.hintOff') : kind === 'elastic' ? t('controls.lambda.hintElastic') : t('controls.lambda.hint')
        }
      />
      <RegularisedLossFormula />
      <div className="prune-pair">
        <DecimalField label="λ₁ (L1)" testId="control-l1" value={c.l1} row={SCHEMA.l1} onChange={(v) => setConfig('l1', v)} />
        <DecimalField label="λ₂ (L2)" testId="control-l2" value={c.l2} row={SCHEMA.l2} onChange={(v) => setConfig('l2', v)} />
      </div>
      <ControlGate control="prox">
        <div className="field">
          <label className="check-row" htmlFor={proxId} title={c.l1 > 0 ? undefined : t('controls.prox.needsL1')}>
            <input id={proxId} type="checkbox" data-testid="control-prox" checked={c.prox === 1} disabled={!(c.l1 > 0)} onChange={(e) => setConfig('prox', e.target.checked ? 1 : 0)} />
            {t('controls.prox')}
          </label>
          <p className="hint">{c.l1 > 0 ? t('controls.prox.hint', { l1: formatLambda(c.l1) }) : t('controls.prox.needsL1')}</p>
        </div>
      </ControlGate>
      <FloatRangeField
        label={t('controls.dropout')}
        testId="control-dropout"
        value={c.dropout}
        min={0}
        max={0.9}
        step={0.05}
        format={dropoutText}
        onChange={(v) => setConfig('dropout', v)}
        hint={c.cnn ? t('controls.dropout.hintCnn') : t('controls.dropout.hint')}
      />
      <SectionGate controls={CONTROL_GROUPS.choosingLambda}>
        <ChoosingLambdaGroup />
      </SectionGate>
      <SectionGate controls={CONTROL_GROUPS.regPrune}>
        <RegPruneGroup />
      </SectionGate>
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
  const t = useT();
  const varied = kind === 'none' ? t('controls.cv.variesNone') : kind === 'elastic' ? 'λ₁ = λ₂' : kind === 'l1' ? 'λ₁' : 'λ₂';
  return (
    <details className="prune-sub" open>
      <summary>
        {t('controls.cv.heading')} <span className="prune-state">{t('controls.cv.state', { k: c.cv_k, n: c.cv_points })}</span>
      </summary>
      <div className="prune-pair">
        <NumberField label={t('controls.cv.k')} testId="control-cv_k" value={c.cv_k} min={2} max={10} delayMs={400} onChange={(v) => setConfig('cv_k', v)} />
        <NumberField label={t('controls.cv.steps')} testId="control-cv_steps" value={c.cv_steps} min={10} max={100000} delayMs={400} onChange={(v) => setConfig('cv_steps', v)} />
        <DecimalField label={t('controls.cv.min')} testId="control-cv_min" value={c.cv_min} row={SCHEMA.cv_min} onChange={(v) => setConfig('cv_min', v)} />
        <DecimalField label={t('controls.cv.max')} testId="control-cv_max" value={c.cv_max} row={SCHEMA.cv_max} onChange={(v) => setConfig('cv_max', v)} />
      </div>
      <NumberField label={t('controls.cv.points')} testId="control-cv_points" value={c.cv_points} min={2} max={20} delayMs={400} onChange={(v) => setConfig('cv_points', v)} />
      {c.cv_min >= c.cv_max ? (
        <p className="prune-reason" role="note">
          {t('controls.cv.order')}
        </p>
      ) : null}
      <p className="hint">{t('controls.cv.hint', { varied, k: c.cv_k, n: c.cv_points, total: c.cv_k * c.cv_points, steps: c.cv_steps })}</p>
    </details>
  );
}

/** The regularise-then-prune experiment's settings. */
function RegPruneGroup() {
  const c = useAppStore(useShallow((s) => ({ l1: s.config.l1, l2: s.config.l2, rp_steps: s.config.rp_steps, rp_tune: s.config.rp_tune })));
  const setConfig = useAppStore((s) => s.setConfig);
  const lambda = Math.max(c.l1, c.l2);
  const t = useT();
  return (
    <details className="prune-sub" open>
      <summary>{t('controls.rp.heading')}</summary>
      <div className="prune-pair">
        <NumberField label={t('controls.rp.steps')} testId="control-rp_steps" value={c.rp_steps} min={10} max={100000} delayMs={400} onChange={(v) => setConfig('rp_steps', v)} />
        <NumberField label={t('controls.rp.tune')} testId="control-rp_tune" value={c.rp_tune} min={0} max={100000} delayMs={400} onChange={(v) => setConfig('rp_tune', v)} />
      </div>
      <p className="hint">{t('controls.rp.hint', { lambda: lambda > 0 ? formatLambda(lambda) : t('controls.rp.defaultLambda') })}</p>
    </details>
  );
}
