import { useEffect, useRef, useState, type ReactNode } from 'react';
import { datasetInfo } from '../../engine/data/catalog';
import type { DatasetInfo } from '../../engine/types';
import { trainsCnn } from '../../state/network';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { BoundaryCard, type NeuronRef } from './BoundaryCard';
import { ConfusionCard } from './ConfusionCard';
import { ConvFiltersCard } from './ConvFiltersCard';
import { HeatmapsCard } from './heatmap/HeatmapsCard';
import { NetworkGraphCard } from './NetworkGraphCard';
import { ScatterCard } from './ScatterCard';
import { useT, type Translate } from '../i18n';

/** A neuron remembered together with the run it belongs to (a new run forgets it). */
interface Held {
  runId: number;
  neuron: NeuronRef;
}

/** Output unit names for the graph. */
function outputLabels(info: DatasetInfo, t: Translate): string[] {
  return info.task === 'regression' ? ['ŷ'] : Array.from({ length: info.outputDim }, (_, k) => t('views.inside.classK', { k }));
}

/**
 * The boundary canvas and the network graph side by side (then `children`;
 * without a boundary, `children` sit beside the graph), sharing the watched
 * neuron: hovering a hidden neuron previews its map, clicking keeps it; the
 * worker is asked for that neuron's map (store.watchNeuron) whenever the choice changes.
 */
function NetworkViews({ info, children }: { info: DatasetInfo; children?: ReactNode }) {
  const store = useAppStoreApi();
  const runId = useAppStore((s) => s.run.runId);
  const activation = useAppStore((s) => s.config.act);
  const planar = info.inputDim === 2;
  const [hovered, setHovered] = useState<Held | null>(null);
  const [pinned, setPinned] = useState<Held | null>(null);
  // Held neurons of an older run are forgotten (derived, so no effect resets them).
  const hover = hovered !== null && hovered.runId === runId ? hovered.neuron : null;
  const pin = pinned !== null && pinned.runId === runId ? pinned.neuron : null;
  const watched = hover ?? pin;
  const watchedLayer = watched?.layer ?? -1;
  const watchedUnit = watched?.unit ?? -1;
  const t = useT();

  // What the worker was last asked for ('' = nothing): a new run already forgets it there, so only changes are sent.
  const sent = useRef('');
  useEffect(() => {
    const want = planar && watchedLayer >= 0 ? `${runId}:${watchedLayer}:${watchedUnit}` : '';
    if (want === sent.current) return;
    const sameRun = sent.current.startsWith(`${runId}:`);
    sent.current = want;
    if (want !== '') store.getState().watchNeuron({ layer: watchedLayer, unit: watchedUnit });
    else if (sameRun) store.getState().watchNeuron(null);
  }, [store, planar, runId, watchedLayer, watchedUnit]);
  // Unmounting stops the worker's extra pass.
  useEffect(
    () => () => {
      if (sent.current !== '') store.getState().watchNeuron(null);
    },
    [store],
  );

  const graph = (
    <NetworkGraphCard
      outputLabels={outputLabels(info, t)}
      canWatch={planar}
      watched={watched}
      pinned={pin}
      onHover={(neuron) => setHovered(neuron === null ? null : { runId, neuron })}
      onPin={(neuron) => setPinned(neuron === null ? null : { runId, neuron })}
    />
  );
  return (
    <>
      <div className="inspect-pair">
        {planar ? <BoundaryCard regression={info.task === 'regression'} activation={activation} watched={watched} /> : null}
        {graph}
        {planar ? null : children}
      </div>
      {planar && children !== undefined ? <div className="inspect-pair">{children}</div> : null}
    </>
  );
}

/**
 * "Inside the network", below the step-axis charts: the weight heatmaps for
 * every dataset; for the 2-D sets the decision boundary beside the network
 * graph; for regression the predicted-vs-true scatter; for MNIST the
 * confusion matrix and the misclassified digits, and for a CNN its first conv
 * layer's filters beside the graph. Each card redraws from the worker's views
 * and snapshots without re-rendering the page.
 */
export function InsidePanel() {
  const dataset = useAppStore((s) => s.config.dataset);
  const cnn = useAppStore((s) => trainsCnn(s.config));
  const info = datasetInfo(dataset);
  const manyClasses = info.task === 'classification' && info.outputDim > 2;
  const beside = info.task === 'regression' ? <ScatterCard /> : cnn ? <ConvFiltersCard /> : undefined;
  const t = useT();
  return (
    <section className="inside" aria-label={t('views.inside.title')}>
      <h2 className="section-title">{t('views.inside.title')}</h2>
      {/* The scatter and the conv filters pair with the graph; the confusion matrix and its digits need the full width. */}
      <NetworkViews info={info}>{beside}</NetworkViews>
      {manyClasses ? <ConfusionCard /> : null}
      <HeatmapsCard />
    </section>
  );
}
