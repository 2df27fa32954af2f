import { useDeferredValue, useMemo, useState } from 'react';
import { datasetInfo } from '../../engine/data/catalog';
import { useAppStore } from '../../state/useAppStore';
import { sameSparsityRows, sparsityLayerCount, sparsityRows } from '../pruning/pruningView';
import { AccuracyChart } from './AccuracyChart';
import { niceStepCeil } from './chartFormat';
import { LossChart } from './LossChart';
import { SparsityChart, layerColour } from './SparsityChart';
import { STAGGER_MS, useLagged, useStable } from './useLagged';

/**
 * The main area's step-axis charts: loss over steps (train and test, and the
 * regularisation penalty when it is on; log-scale toggle), for classification
 * test accuracy, and the fraction of zero weights.
 * They share one step axis, re-render only when their own data changes, at low
 * priority, and never two in the same task: each recharts redraw costs ~10 ms
 * of main thread however few the points, so two in one task would near the
 * 50 ms long-task line on a slow machine.
 */
export function ChartsPanel() {
  // Deferred: chart renders are low priority and time-sliced, so they never hold the main thread for long.
  const points = useDeferredValue(useAppStore((s) => s.series.points));
  const dataset = useAppStore((s) => s.config.dataset);
  const evals = useMemo(() => points.filter((p) => p.testLoss !== undefined), [points]);
  const penalty = useMemo(() => points.filter((p) => p.penalty !== undefined), [points]);
  // Sparsity is read a couple of times a second: between readings the rows stay the same object and the chart skips its redraw.
  const rows = useStable(
    useMemo(() => sparsityRows(points), [points]),
    sameSparsityRows,
  );

  // All charts span the same steps, so their curves line up.
  const xMax = niceStepCeil(points.length > 0 ? points[points.length - 1].step : 0);
  // The other charts follow the loss chart in their own slots, so no two redraw in the same task.
  const accuracy = useLagged(useMemo(() => ({ evals, xMax }), [evals, xMax]), STAGGER_MS.accuracy);
  const sparsity = useLagged(useMemo(() => ({ rows, xMax }), [rows, xMax]), STAGGER_MS.sparsity);
  const layerCount = useMemo(() => sparsityLayerCount(sparsity.rows), [sparsity.rows]);
  const [logScale, setLogScale] = useState(false);
  const classification = datasetInfo(dataset).task === 'classification';
  const lossName = classification ? 'cross-entropy' : 'mean squared error';
  return (
    <section className="charts" aria-label="Training curves">
      <div className="chart-card">
        <div className="chart-head">
          <h2>
            Loss <span className="chart-sub">({lossName})</span>
          </h2>
          <ul className="legend" aria-label="Lines">
            <li className="legend-train">{penalty.length > 0 ? 'Train (data loss)' : 'Train'}</li>
            <li className="legend-test">Test</li>
            {penalty.length > 0 ? <li className="legend-penalty">Penalty</li> : null}
          </ul>
          <label className="toggle">
            <input type="checkbox" data-testid="toggle-log-scale" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
            Log scale
          </label>
        </div>
        {points.length > 0 ? <LossChart points={points} evals={evals} penalty={penalty} logScale={logScale} xMax={xMax} /> : <EmptyChart height={280} />}
        {penalty.length > 0 ? (
          <p className="caption">
            Training minimises data loss + <span className="ink-penalty">penalty</span> (λ₁Σ|w| + λ₂Σw²). Train and test show the data loss only, so they stay comparable; a
            gap between them is over-fitting.
          </p>
        ) : null}
      </div>
      {classification ? (
        <div className="chart-card">
          <div className="chart-head">
            <h2>Test accuracy</h2>
          </div>
          {accuracy.evals.length > 0 ? <AccuracyChart evals={accuracy.evals} xMax={accuracy.xMax} /> : <EmptyChart height={200} />}
        </div>
      ) : null}
      <div className="chart-card" data-testid="chart-sparsity" data-points={sparsity.rows.length}>
        <div className="chart-head">
          <h2>
            Sparsity <span className="chart-sub">(share of weights that are exactly zero)</span>
          </h2>
          <ul className="legend" aria-label="Lines">
            <li className="legend-overall">All weights</li>
            {Array.from({ length: layerCount }, (_, l) => (
              <li key={l} className="legend-layer" style={{ color: layerColour(l) }}>
                <span>{l === layerCount - 1 ? 'Output' : `Layer ${l + 1}`}</span>
              </li>
            ))}
          </ul>
        </div>
        {sparsity.rows.length > 0 ? <SparsityChart rows={sparsity.rows} layerCount={layerCount} xMax={sparsity.xMax} /> : <EmptyChart height={200} />}
        <p className="caption">Pruning pushes these lines up; while fine-tuning they must stay flat — a pruned weight stays zero.</p>
      </div>
    </section>
  );
}

function EmptyChart({ height }: { height: number }) {
  const playing = useAppStore((s) => s.run.playing);
  return (
    <div className={`chart-empty h${height}`}>
      <p>{playing ? 'Waiting for the first steps…' : 'Press play (or space) to train; the curves appear here.'}</p>
    </div>
  );
}
