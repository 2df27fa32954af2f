import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { datasetInfo } from '../../engine/data/catalog';
import { useAppStore } from '../../state/useAppStore';
import { AccuracyChart } from './AccuracyChart';
import { niceStepCeil } from './chartFormat';
import { LossChart } from './LossChart';

/**
 * The main area's charts: loss over steps (train and test, log-scale toggle)
 * and, for classification, test accuracy. They re-render only when the
 * series changes (a few times a second), at low priority, and never both in
 * the same task: each recharts redraw costs ~10 ms of main thread however few
 * the points, so two in one task would near the 50 ms long-task line on a slow machine.
 */
export function ChartsPanel() {
  // Deferred: chart renders are low priority and time-sliced, so they never hold the main thread for long.
  const points = useDeferredValue(useAppStore((s) => s.series.points));
  const dataset = useAppStore((s) => s.config.dataset);
  const evals = useMemo(() => points.filter((p) => p.testLoss !== undefined), [points]);

  // Both charts span the same steps, so their curves line up.
  const xMax = niceStepCeil(points.length > 0 ? points[points.length - 1].step : 0);
  // The accuracy chart follows half a metrics period later, so the two charts never redraw in the same task.
  const accuracy = useLagged(useMemo(() => ({ evals, xMax }), [evals, xMax]), STAGGER_MS);
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
            <li className="legend-train">Train</li>
            <li className="legend-test">Test</li>
          </ul>
          <label className="toggle">
            <input type="checkbox" data-testid="toggle-log-scale" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
            Log scale
          </label>
        </div>
        {points.length > 0 ? <LossChart points={points} evals={evals} logScale={logScale} xMax={xMax} /> : <EmptyChart height={280} />}
      </div>
      {classification ? (
        <div className="chart-card">
          <div className="chart-head">
            <h2>Test accuracy</h2>
          </div>
          {accuracy.evals.length > 0 ? <AccuracyChart evals={accuracy.evals} xMax={accuracy.xMax} /> : <EmptyChart height={200} />}
        </div>
      ) : null}
    </section>
  );
}

/** Delay of the accuracy chart behind the loss chart, ms (metrics arrive every ~200 ms). */
const STAGGER_MS = 100;

/** `value`, at most `delayMs` late: a change schedules one update, which takes the latest value then. */
function useLagged<T>(value: T, delayMs: number): T {
  const [lagged, setLagged] = useState(value);
  const latest = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    latest.current = value;
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setLagged(latest.current);
    }, delayMs);
  }, [value, delayMs]);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    [],
  );
  return lagged;
}

function EmptyChart({ height }: { height: number }) {
  const playing = useAppStore((s) => s.run.playing);
  return (
    <div className={`chart-empty h${height}`}>
      <p>{playing ? 'Waiting for the first steps…' : 'Press play (or space) to train; the curves appear here.'}</p>
    </div>
  );
}
