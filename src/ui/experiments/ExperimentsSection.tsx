import { useId } from 'react';
import { SectionGate } from '../classroom/ControlGate';
import { CONTROL_GROUPS } from '../classroom/sections';
import { useT } from '../i18n';
import { useStagePlan } from '../shell/useStagePlan';
import { AugExperimentCard, LambdaCvCard, LotteryCard, RegThenPruneCard, useLastJobMessage } from './ExperimentCards';
import { SweepPanel } from './SweepChart';
import './experiments.css';

/**
 * The experiments space (`panel=experiments` scrolls to it): the one-off
 * experiments that train or test many networks, each a card with its settings,
 * its run button and its result chart, side by side instead of stacked —
 * accuracy against sparsity, choosing λ by cross-validation, regularise then
 * prune, lottery tickets and the effect of augmentation. A card a lesson step
 * has brought onto the stage is shown there instead.
 */
export function ExperimentsSection() {
  const plan = useStagePlan();
  const message = useLastJobMessage();
  const onStage = (v: 'sweep' | 'lottery' | 'augExperiment'): boolean => plan.views.includes(v);
  const t = useT();
  const titleId = useId();
  return (
    <section className="experiments" id="group-experiments" data-panel="experiments" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('layout.panel.experiments')}
      </h2>
      <p className="section-intro">{t('layout.experiments.intro')}</p>
      <div className="exp-grid">
        {onStage('sweep') ? null : <SweepPanel />}
        <SectionGate controls={CONTROL_GROUPS.choosingLambda}>
          <LambdaCvCard message={message('lambdaSweep')} />
        </SectionGate>
        <SectionGate controls={CONTROL_GROUPS.regPrune}>
          <RegThenPruneCard message={message('regPrune')} />
        </SectionGate>
        {onStage('lottery') ? null : (
          <SectionGate controls={CONTROL_GROUPS.lottery}>
            <LotteryCard />
          </SectionGate>
        )}
        {onStage('augExperiment') ? null : <AugExperimentCard />}
      </div>
    </section>
  );
}
