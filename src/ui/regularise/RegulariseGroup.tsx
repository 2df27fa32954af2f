import { useId, useState } from 'react';
import { RegularisedLossFormula } from '../math/Formulas';
import { useShallow } from 'zustand/react/shallow';
import { trainsCnn } from '../../state/network';
import { DEFAULT_LAMBDA, PENALTY_KINDS, penaltyKindOf, penaltyLambdaOf, type PenaltyKind } from '../../state/regularisation';
import { useAppStore } from '../../state/useAppStore';
import { formatLambda } from '../format';
import { ControlGate } from '../classroom/ControlGate';
import { CONTROL_GROUPS } from '../classroom/sections';
import { useT } from '../i18n';
import { labelled, penaltyLabel } from '../labels';
import { SelectField } from '../controls/fields';
import '../prune/pruning.css';
import './regularisation.css';
import { KeyDecimal, KeySlider } from '../controls/ConfigFields';
import { LambdaField } from './LambdaField';
import { Group } from '../shell/Group';

type OnKind = Exclude<PenaltyKind, 'none'>;

/**
 * "Regularise": the penalty λ₁Σ|w| + λ₂Σw² on the kernels (kind, log λ
 * slider, exact λ₁ and λ₂), the proximal L1 step and dropout. Everything here
 * is hot: λ and dropout apply from the next step. (Choosing λ by
 * cross-validation and regularise-then-prune are experiments, below the
 * stage.) Test ids: `control-<URL key>`, plus `control-penalty` and `control-lambda`.
 */
export function RegulariseGroup() {
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
    <Group panel="regularise" title={t('layout.panel.regularise')}>
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
        <KeyDecimal k="l1" label="λ₁ (L1)" />
        <KeyDecimal k="l2" label="λ₂ (L2)" />
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
      <KeySlider k="dropout" label={t('controls.dropout')} format={dropoutText} hint={c.cnn ? t('controls.dropout.hintCnn') : t('controls.dropout.hint')} />
    </Group>
  );
}

