import { useMemo, useRef, useState, type RefObject } from 'react';
import { datasetInfo } from '../../engine/data/catalog';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { ChartAlt } from '../a11y/ChartAlt';
import { accuracySummary, lossSummary, sparsitySummary } from '../a11y/summaries';
import { useLang, useT } from '../i18n';
import { rich } from './richText';
import './charts.css';
import { downloadChartPng, type PngLegendItem } from '../pins/export';
import { pinLabel } from '../pins/pinLabel';
import { pinLines, pinsStepMax } from '../pins/pinLines';
import { PinsBar } from '../pins/PinsBar';
import { sameSparsityRows, sparsityLayerCount, sparsityRows } from '../pruning/pruningView';
import { AccuracyChart } from './AccuracyChart';
import { PENALTY_COLOUR, TEST_COLOUR, TRAIN_COLOUR, niceStepCeil } from './chartFormat';
import { LossChart } from './LossChart';
import { OVERALL_COLOUR, SparsityChart, layerColour } from './SparsityChart';
import { layerDash } from './palette';
import { STAGGER_MS, useChartPoints, useLagged, useStable } from './useLagged';

/**
 * The main area's step-axis charts: loss over steps (train and test, and the
 * regularisation penalty when it is on; log-scale toggle), for classification
 * test accuracy, and the fraction of zero weights.
 * They share one step axis, re-render only when their own data changes, at low
 * priority, and never two in the same task (see {@link STAGGER_MS}).
 * Pinned runs overlay each chart dashed; their lines are computed once per pin
 * and keep their identity, so a redraw skips them.
 */
export function ChartsPanel() {
  const points = useChartPoints();
  const dataset = useAppStore((s) => s.config.dataset);
  const pinned = useAppStore((s) => s.pinned);
  // Only pins on the live run's dataset are drawn (state/pins.ts: like with like); PinsBar lists the others and says why.
  const pins = useMemo(() => pinLines(pinned, { dataset }), [pinned, dataset]);
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
  const t = useT();
  const named = useLang() !== 'en';
  const lossName = t(classification ? 'views.common.crossEntropy' : 'views.charts.loss.meanSquared');
  const lossRef = useRef<HTMLDivElement>(null);
  const accuracyRef = useRef<HTMLDivElement>(null);
  const sparsityRef = useRef<HTMLDivElement>(null);
  const api = useAppStoreApi();
  /** The PNG legend of a chart: its own lines, then each pinned run shown on it with its label against the live config. */
  const pngLegend = (own: PngLegendItem[], shown: readonly { id: number }[]): PngLegendItem[] => {
    const { pinned: all, config } = api.getState();
    const ids = new Set(shown.map((p) => p.id));
    return [...own, ...all.filter((p) => ids.has(p.id)).map((p) => ({ label: t('views.charts.pinnedLabel', { label: pinLabel(p.config, config, undefined, t, named) }), colour: p.colour, dashed: true }))];
  };
  const showLoss = points.length > 0 || pins.length > 0;
  const showAccuracy = accuracy.evals.length > 0 || accuracy.pins.length > 0;
  const showSparsity = sparsity.rows.length > 0 || sparsity.pins.length > 0;
  return (
    <section className="charts" aria-label={t('views.charts.section')}>
      <PinsBar />
      <div className="chart-card" data-testid="chart-loss" data-pinned={pins.length} ref={lossRef}>
        <div className="chart-head">
          <h2>
            {t('views.charts.loss.title')} <span className="chart-sub">{t('views.charts.loss.sub', { loss: lossName })}</span>
          </h2>
          <ul className="legend" aria-label={t('views.common.lines')}>
            <li className="legend-train">{t(penalty.length > 0 ? 'views.charts.trainData' : 'views.charts.train')}</li>
            <li className="legend-test">{t('views.charts.test')}</li>
            {penalty.length > 0 ? <li className="legend-penalty">{t('views.charts.penalty')}</li> : null}
            {pins.length > 0 ? <li className="legend-pinned">{t('views.charts.pinnedTrainTest')}</li> : null}
          </ul>
          <label className="toggle">
            <input type="checkbox" data-testid="toggle-log-scale" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
            {t('views.charts.logScale')}
          </label>
          <PngButton
            testId="btn-png-loss"
            disabled={!showLoss}
            target={lossRef}
            name="loss"
            title={t('views.charts.loss.pngTitle', { loss: lossName })}
            legend={() =>
              pngLegend(
                [
                  { label: t('views.charts.train'), colour: TRAIN_COLOUR },
                  { label: t('views.charts.test'), colour: TEST_COLOUR },
                  ...(penalty.length > 0 ? [{ label: t('views.charts.penalty'), colour: PENALTY_COLOUR, dashed: true }] : []),
                ],
                pins,
              )
            }
          />
        </div>
        {showLoss ? (
          <ChartAlt name={t('a11y.loss.name')} summary={lossSummary(t, points, evals, penalty, pins.length)}>
            <LossChart points={points} evals={evals} penalty={penalty} logScale={logScale} xMax={xMax} pins={pins} />
          </ChartAlt>
        ) : (
          <EmptyChart height={280} />
        )}
        {penalty.length > 0 ? (
          <p className="caption">{rich(t('views.charts.penaltyCaption'), { penalty: <span className="ink-penalty">{t('views.charts.penaltyWord')}</span> })}</p>
        ) : null}
      </div>
      {classification ? (
        <div className="chart-card" data-testid="chart-accuracy" data-pinned={accuracy.pins.length} ref={accuracyRef}>
          <div className="chart-head">
            <h2>{t('views.charts.accuracy.title')}</h2>
            {accuracy.pins.length > 0 ? (
              <ul className="legend" aria-label={t('views.common.lines')}>
                <li className="legend-test">{t('views.charts.live')}</li>
                <li className="legend-pinned">{t('views.charts.pinned')}</li>
              </ul>
            ) : null}
            <PngButton
              testId="btn-png-accuracy"
              disabled={!showAccuracy}
              target={accuracyRef}
              name="accuracy"
              title={t('views.charts.accuracy.title')}
              legend={() => pngLegend([{ label: t('views.charts.accuracy.title'), colour: TEST_COLOUR }], accuracy.pins)}
            />
          </div>
          {showAccuracy ? (
            <ChartAlt name={t('a11y.accuracy.name')} summary={accuracySummary(t, accuracy.evals, accuracy.pins.length)}>
              <AccuracyChart evals={accuracy.evals} xMax={accuracy.xMax} pins={accuracy.pins} />
            </ChartAlt>
          ) : (
            <EmptyChart height={200} />
          )}
        </div>
      ) : null}
      <div className="chart-card" data-testid="chart-sparsity" data-points={sparsity.rows.length} data-pinned={sparsity.pins.length} ref={sparsityRef}>
        <div className="chart-head">
          <h2>
            {t('views.charts.sparsity.title')} <span className="chart-sub">{t('views.charts.sparsity.sub')}</span>
          </h2>
          <ul className="legend" aria-label={t('views.common.lines')}>
            <li className="legend-overall">{t('views.charts.allWeights')}</li>
            {Array.from({ length: layerCount }, (_, l) => (
              <li key={l} className={`legend-layer line-${layerDash(l).css}`} style={{ color: layerColour(l) }}>
                <span>{l === layerCount - 1 ? t('views.charts.output') : t('views.common.layerN', { n: l + 1 })}</span>
              </li>
            ))}
            {sparsity.pins.length > 0 ? <li className="legend-pinned">{t('views.charts.pinnedAll')}</li> : null}
          </ul>
          <PngButton
            testId="btn-png-sparsity"
            disabled={!showSparsity}
            target={sparsityRef}
            name="sparsity"
            title={t('views.charts.sparsity.pngTitle')}
            legend={() =>
              pngLegend(
                [
                  { label: t('views.charts.allWeights'), colour: OVERALL_COLOUR },
                  ...Array.from({ length: layerCount }, (_, l) => ({ label: l === layerCount - 1 ? t('views.charts.output') : t('views.common.layerN', { n: l + 1 }), colour: layerColour(l) })),
                ],
                sparsity.pins,
              )
            }
          />
        </div>
        {showSparsity ? (
          <ChartAlt name={t('a11y.sparsity.name')} summary={sparsitySummary(t, sparsity.rows, layerCount, sparsity.pins.length)}>
            <SparsityChart rows={sparsity.rows} layerCount={layerCount} xMax={sparsity.xMax} pins={sparsity.pins} />
          </ChartAlt>
        ) : (
          <EmptyChart height={200} />
        )}
        <p className="caption">{t('views.charts.sparsity.caption')}</p>
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
  const t = useT();
  const save = (): void => {
    if (target.current !== null) downloadChartPng(target.current, name, title, legend());
  };
  return (
    <button type="button" className="png" data-testid={testId} disabled={disabled} title={t('views.charts.pngTitle')} onClick={save}>
      PNG
    </button>
  );
}

function EmptyChart({ height }: { height: number }) {
  const playing = useAppStore((s) => s.run.playing);
  const t = useT();
  return (
    <div className={`chart-empty h${height}`}>
      <p>{t(playing ? 'views.charts.waiting' : 'views.charts.idle')}</p>
    </div>
  );
}
