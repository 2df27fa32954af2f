import { useShallow } from 'zustand/react/shallow';
import { penaltyKindOf } from '../../state/regularisation';
import { useAppStore } from '../../state/useAppStore';
import { KeyDecimal, KeyNumber } from '../controls/ConfigFields';
import { formatLambda } from '../format';
import { useT } from '../i18n';

/*
 * The settings of the two regularisation experiments, inside their cards:
 * they only set the experiments up (URL keys cv_* and rp_*, written once
 * changed from their defaults); nothing trains until Run is pressed.
 */

/** The λ sweep's settings: k folds × a log grid of λ, a fixed number of steps per fold. */
export function ChoosingLambdaSettings() {
  const c = useAppStore(
    useShallow((s) => ({ l1: s.config.l1, l2: s.config.l2, cv_k: s.config.cv_k, cv_steps: s.config.cv_steps, cv_min: s.config.cv_min, cv_max: s.config.cv_max, cv_points: s.config.cv_points })),
  );
  const kind = penaltyKindOf(c);
  const t = useT();
  const varied = kind === 'none' ? t('controls.cv.variesNone') : kind === 'elastic' ? 'λ₁ = λ₂' : kind === 'l1' ? 'λ₁' : 'λ₂';
  return (
    <div className="exp-settings">
      <div className="prune-pair">
        <KeyNumber k="cv_k" label={t('controls.cv.k')} />
        <KeyNumber k="cv_steps" label={t('controls.cv.steps')} />
        <KeyDecimal k="cv_min" label={t('controls.cv.min')} />
        <KeyDecimal k="cv_max" label={t('controls.cv.max')} />
        <KeyNumber k="cv_points" label={t('controls.cv.points')} />
      </div>
      {c.cv_min >= c.cv_max ? (
        <p className="prune-reason" role="note">
          {t('controls.cv.order')}
        </p>
      ) : null}
      <p className="hint">{t('controls.cv.hint', { varied, k: c.cv_k, n: c.cv_points, total: c.cv_k * c.cv_points, steps: c.cv_steps })}</p>
    </div>
  );
}

/** The regularise-then-prune experiment's settings. */
export function RegPruneSettings() {
  const c = useAppStore(useShallow((s) => ({ l1: s.config.l1, l2: s.config.l2, rp_steps: s.config.rp_steps, rp_tune: s.config.rp_tune })));
  const lambda = Math.max(c.l1, c.l2);
  const t = useT();
  return (
    <div className="exp-settings">
      <div className="prune-pair">
        <KeyNumber k="rp_steps" label={t('controls.rp.steps')} />
        <KeyNumber k="rp_tune" label={t('controls.rp.tune')} />
      </div>
      <p className="hint">{t('controls.rp.hint', { lambda: lambda > 0 ? formatLambda(lambda) : t('controls.rp.defaultLambda') })}</p>
    </div>
  );
}
