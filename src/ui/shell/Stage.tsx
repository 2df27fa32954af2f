import { datasetInfo } from '../../engine/data/catalog';
import type { DatasetInfo } from '../../engine/types';
import { useAppStore } from '../../state/useAppStore';
import { LossCard } from '../charts/ChartCards';
import { useT, type Translate } from '../i18n';
import { BoundaryCard } from '../inspect/BoundaryCard';
import { ConvFiltersCard } from '../inspect/ConvFiltersCard';
import { FirstLayerCard } from '../inspect/heatmap/FirstLayerCard';
import { NetworkGraphCard } from '../inspect/NetworkGraphCard';
import { ScatterCard } from '../inspect/ScatterCard';
import { useWatchedNeuron } from '../inspect/useWatchedNeuron';
import { RunBanner } from '../notices/RunBanner';
import { UrlNotice } from '../notices/UrlNotice';
import { useStagePlan } from './useStagePlan';
import { ViewCard } from './ViewCard';

/** Output unit names for the graph. */
function outputLabels(info: DatasetInfo, t: Translate): string[] {
  return info.task === 'regression' ? ['ŷ'] : Array.from({ length: info.outputDim }, (_, k) => t('views.inside.classK', { k }));
}

/**
 * The stage: one screen beside the controls with the whole loop in view —
 * the network (its graph, with a hidden neuron's map on the boundary while it
 * is pointed at; for digits the first layer's learned filters or the conv
 * filters), the loss curves, what the network outputs (the decision boundary
 * of a 2-D set, predicted against true for Friedman) and the view of the open
 * group or lesson step (see stagePlan.ts). Notices about the run come first.
 */
export function Stage() {
  const plan = useStagePlan();
  const dataset = useAppStore((s) => s.config.dataset);
  const activation = useAppStore((s) => s.config.act);
  const info = datasetInfo(dataset);
  const planar = plan.kind === 'planar';
  const neuron = useWatchedNeuron(planar);
  const t = useT();
  return (
    <section className="stage" aria-label={t('layout.stage')} data-views={plan.views.join(',')}>
      <div className="stage-notices">
        <UrlNotice />
        <RunBanner />
      </div>
      <div className={`stage-grid stage-${plan.kind}`}>
        <div className="stage-net">
          {plan.network === 'graph' ? (
            <NetworkGraphCard outputLabels={outputLabels(info, t)} canWatch={planar} watched={neuron.watched} pinned={neuron.pinned} onHover={neuron.onHover} onPin={neuron.onPin} />
          ) : plan.network === 'conv' ? (
            <ConvFiltersCard />
          ) : (
            <FirstLayerCard />
          )}
        </div>
        <div className="stage-loss">
          <LossCard fill />
        </div>
        {plan.kind === 'images' ? null : (
          <div className="stage-out">{planar ? <BoundaryCard regression={info.task === 'regression'} activation={activation} watched={neuron.watched} /> : <ScatterCard />}</div>
        )}
        <div className={`stage-views stage-views-${plan.views.length}`}>
          {plan.views.map((v) => (
            <ViewCard key={v} id={v} fill />
          ))}
        </div>
      </div>
    </section>
  );
}
