import { useDeferredValue, useMemo, useRef, useState, type RefObject } from 'react';
import { datasetInfo } from '../../engine/data/catalog';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { downloadChartPng, type PngLegendItem } from '../pins/export';
import { pinLabel } from '../pins/pinLabel';
import { pinLines, pinsStepMax } from '../pins/pinLines';
import { PinsBar } from '../pins/PinsBar';
import { sameSparsityRows, sparsityLayerCount, sparsityRows } from '../pruning/pruningView';
import { AccuracyChart } from './AccuracyChart';
import { PENALTY_COLOUR, TEST_COLOUR, TRAIN_COLOUR, niceStepCeil } from './chartFormat';
import { LossChart } from './LossChart';
import { OVERALL_COLOUR, SparsityChart, layerColour } from './SparsityChart';
import { STAGGER_MS, useLagged, useStable } from './useLagged';

/**
 * The main area's step-axis charts: loss over steps (train and test, and the
 * regularisation penalty when it is on; log-scale toggle), for classification
 * test accuracy, and the fraction of zero weights.
 * They share one step axis, re-render only when their own data changes, at low
 * priority, and never two in the same task: each recharts redraw costs ~10 ms
 * of main thread however few the points, so two in one task would near the
 * 50 ms long-task line on a slow machine.
 * Pinned runs overlay each chart dashed; their lines are computed once per pin
 * and keep their identity, so pinning adds no work per metrics message beyond
 * the extra (thinned) lines in each redraw.
 */
export function ChartsPanel() {
  // Deferred: chart renders are low priority and time-sliced, so they never hold the main thread for long.
  const points = useDeferredValue(useAppStore((s) => s.series.points));
  const dataset = useAppStore((s) => s.config.dataset);
  const pinned = useAppStore((s) => s.pinned);
  const pins = useMemo(() => pinLines(pinned), [pinned]);
  const accuracyPins = useMemo(() => pins.filter((p) => p.hasAccuracy), [pins]);
  const sparsityPins = useMemo(() => pins.filter((p) => p.sparsity.length > 0), [pins]);
  const evals = useMemo(() => points.filter((p) => p.testLoss !== undefined), [points]);
  const penalty = useMemo(() => points.filter((p) => p.penalty !== undefined), [points]);
  // Sparsity is read a couple of times a second: between readings the rows stay the same object and the chart skips its redraw.
  const rows = useStable(
    useMemo(() => sparsityRows(points), [points]),
    sameSparsityRows,
  );

  // All charts span the same steps (the live run's and every pinned run's), so their curves line up.
  const xMax = niceStepCeil(Math.max(points.length > 0 ? points[points.length - 1].step : 0, pinsStepMax(pins)));
  // The other charts follow the loss chart in their own slots, so no two redraw in the same task.
  const accuracy = useLagged(useMemo(() => ({ evals, xMax, pins: accuracyPins }), [evals, xMax, accuracyPins]), STAGGER_MS.accuracy);
  const sparsity = useLagged(useMemo(() => ({ rows, xMax, pins: sparsityPins }), [rows, xMax, sparsityPins]), STAGGER_MS.sparsity);
  const layerCount = useMemo(() => sparsityLayerCount(sparsity.rows), [sparsity.rows]);
  const [logScale, setLogScale] = useState(false);
  const classification = datasetInfo(dataset).task === 'classification';
  const lossName = classification ? 'cross-entropy' : 'mean squared error';
  const lossRef = useRef<HTMLDivElement>(null);
  const accuracyRef = useRef<HTMLDivElement>(null);
  const sparsityRef = useRef<HTMLDivElement>(null);
  const api = useAppStoreApi();
  /** The PNG legend of a chart: its own lines, then each pinned run shown on it with its label against the live config. */
  const pngLegend = (own: PngLegendItem[], shown: readonly { id: number }[]): PngLegendItem[] => {
    const { pinned: all, config } = api.getState();
    const ids = new Set(shown.map((p) => p.id));
    return [...own, ...all.filter((p) => ids.has(p.id)).map((p) => ({ label: `Pinned: ${pinLabel(p.config, config)}`, colour: p.colour, dashed: true }))];
  };
  const showLoss = points.length > 0 || pins.length > 0;
  const showAccuracy = accuracy.evals.length > 0 || accuracy.pins.length > 0;
  const showSparsity = sparsity.rows.length > 0 || sparsity.pins.length > 0;
  return (
    <section className="charts" aria-label="Training curves">
      <PinsBar />
      <div className="chart-card" data-testid="chart-loss" data-pinned={pins.length} ref={lossRef}>
        <div className="chart-head">
          <h2>
            Loss <span className="chart-sub">({lossName})</span>
          </h2>
          <ul className="legend" aria-label="Lines">
            <li className="legend-train">{penalty.length > 0 ? 'Train (data loss)' : 'Train'}</li>
            <li className="legend-test">Test</li>
            {penalty.length > 0 ? <li className="legend-penalty">Penalty</li> : null}
            {pins.length > 0 ? <li className="legend-pinned">Pinned (thin: train, thick: test)</li> : null}
          </ul>
          <label className="toggle">
            <input type="checkbox" data-testid="toggle-log-scale" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
            Log scale
          </label>
          <PngButton
            testId="btn-png-loss"
            disabled={!showLoss}
            target={lossRef}
            name="loss"
            title={`Loss (${lossName})`}
            legend={() =>
              pngLegend(
                [
                  { label: 'Train', colour: TRAIN_COLOUR },
                  { label: 'Test', colour: TEST_COLOUR },
                  ...(penalty.length > 0 ? [{ label: 'Penalty', colour: PENALTY_COLOUR, dashed: true }] : []),
                ],
                pins,
              )
            }
          />
        </div>
        {showLoss ? <LossChart points={points} evals={evals} penalty={penalty} logScale={logScale} xMax={xMax} pins={pins} /> : <EmptyChart height={280} />}
        {penalty.length > 0 ? (
          <p className="caption">
            Training minimises data loss + <span className="ink-penalty">penalty</span> (λ₁Σ|w| + λ₂Σw²). Train and test show the data loss only, so they stay comparable; a
            gap between them is over-fitting.
          </p>
        ) : null}
      </div>
      {classification ? (
        <div className="chart-card" data-testid="chart-accuracy" data-pinned={accuracy.pins.length} ref={accuracyRef}>
          <div className="chart-head">
            <h2>Test accuracy</h2>
            {accuracy.pins.length > 0 ? (
              <ul className="legend" aria-label="Lines">
                <li className="legend-test">Live</li>
                <li className="legend-pinned">Pinned</li>
              </ul>
            ) : null}
            <PngButton
              testId="btn-png-accuracy"
              disabled={!showAccuracy}
              target={accuracyRef}
              name="accuracy"
              title="Test accuracy"
              legend={() => pngLegend([{ label: 'Test accuracy', colour: TEST_COLOUR }], accuracy.pins)}
            />
          </div>
          {showAccuracy ? <AccuracyChart evals={accuracy.evals} xMax={accuracy.xMax} pins={accuracy.pins} /> : <EmptyChart height={200} />}
        </div>
      ) : null}
      <div className="chart-card" data-testid="chart-sparsity" data-points={sparsity.rows.length} data-pinned={sparsity.pins.length} ref={sparsityRef}>
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
            {sparsity.pins.length > 0 ? <li className="legend-pinned">Pinned (all weights)</li> : null}
          </ul>
          <PngButton
            testId="btn-png-sparsity"
            disabled={!showSparsity}
            target={sparsityRef}
            name="sparsity"
            title="Sparsity (share of weights exactly zero)"
            legend={() =>
              pngLegend(
                [{ label: 'All weights', colour: OVERALL_COLOUR }, ...Array.from({ length: layerCount }, (_, l) => ({ label: l === layerCount - 1 ? 'Output' : `Layer ${l + 1}`, colour: layerColour(l) }))],
                sparsity.pins,
              )
            }
          />
        </div>
        {showSparsity ? <SparsityChart rows={sparsity.rows} layerCount={layerCount} xMax={sparsity.xMax} pins={sparsity.pins} /> : <EmptyChart height={200} />}
        <p className="caption">Pruning pushes these lines up; while fine-tuning they must stay flat — a pruned weight stays zero.</p>
      </div>
    </section>
  );
}

/** A chart's "PNG" button: downloads the chart under `target` (with `title` and the legend `legend()` returns) as `<name>.png`. */
function PngButton({
  testId,
  disabled,
  target,
  name,
  title,
  legend,
}: {
  testId: string;
  disabled: boolean;
  target: RefObject<HTMLDivElement | null>;
  name: string;
  title: string;
  legend: () => PngLegendItem[];
}) {
  const save = (): void => {
    if (target.current !== null) downloadChartPng(target.current, name, title, legend());
  };
  return (
    <button type="button" className="png" data-testid={testId} disabled={disabled} title="Download this chart as a PNG image" onClick={save}>
      PNG
    </button>
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
