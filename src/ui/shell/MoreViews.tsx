import { useId } from 'react';
import { datasetInfo } from '../../engine/data/catalog';
import { STAGE_VIEWS, type StageView } from '../../state/page';
import { useAppStore } from '../../state/useAppStore';
import { useT } from '../i18n';
import { ConfusionCard } from '../inspect/ConfusionCard';
import { HeatmapsCard } from '../inspect/heatmap/HeatmapsCard';
import { ScatterCard } from '../inspect/ScatterCard';
import { fits } from './stagePlan';
import { useStagePlan } from './useStagePlan';
import { ViewCard } from './ViewCard';

/** Views that belong to the experiments space when they are not on the stage. */
const EXPERIMENT_VIEWS: readonly StageView[] = ['sweep', 'lottery', 'augExperiment'];

/**
 * Below the stage: every view that is not on it now (the accuracy or sparsity
 * chart, the weight histogram, the schedule while it is on, the compaction
 * card once there is one, the augmentation preview…), then the confusion
 * matrix for digits and the weight heatmaps of every layer. Scrolling down to
 * them leaves the header's figures in view.
 */
export function MoreViews() {
  const plan = useStagePlan();
  const dataset = useAppStore((s) => s.config.dataset);
  const scheduled = useAppStore((s) => s.config.sched !== 'off');
  const info = datasetInfo(dataset);
  const t = useT();
  const titleId = useId();
  const rest = STAGE_VIEWS.filter((v) => !plan.views.includes(v) && !EXPERIMENT_VIEWS.includes(v) && fits(v, info) && (v !== 'schedule' || scheduled));
  return (
    <section className="more-views" id="views" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('layout.more')}
      </h2>
      <p className="section-intro">{t('layout.moreIntro')}</p>
      <div className="views-grid">
        {rest.map((v) => (
          <ViewCard key={v} id={v} />
        ))}
        {info.task === 'regression' && plan.kind === 'planar' ? <ScatterCard /> : null}
      </div>
      {info.task === 'classification' && info.outputDim > 2 ? <ConfusionCard /> : null}
      <HeatmapsCard offerFilters={plan.network !== 'filters'} />
    </section>
  );
}
