import { useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
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
import { PinActions } from '../pins/PinsBar';
import { sameSparsityRows, sparsityLayerCount, sparsityRows } from '../prune/pruningView';
import { AccuracyChart } from './AccuracyChart';
import { PENALTY_COLOUR, TEST_COLOUR, TRAIN_COLOUR, niceStepCeil } from './chartFormat';
import { LossChart } from './LossChart';
import { OVERALL_COLOUR, SparsityChart, layerColour } from './SparsityChart';
import { layerDash } from './palette';
import { STAGGER_MS, useChartPoints, useLagged, useStable } from './useLagged';

/**
 * The step-axis charts as cards that can sit apart (the loss on the stage, the
 * accuracy beside the controls or below): each reads the same live series and
 * pinned runs, so all share one step axis [0, xMax] and their curves line up.
 * They re-render only when their own data changes, at low priority, and never
 * two in the same task (see {@link STAGGER_MS}). Pinned runs overlay each
 * chart dashed; their lines are computed once per pin and keep their identity.
 *
 * `fill`: the chart takes the height its card is given (a stage slot) instead
 * of its own.
 */
interface CardProps {
  fill?: boolean;
}

/** The live series, the pinned runs' lines and the shared step axis. */
function useStepSeries() {
  const points = useChartPoints();
  const pinned = useAppStore((s) => s.pinned);
  const dataset = useAppStore((s) => s.config.dataset);
  // Only pins on the live run's dataset are drawn (state/pins.ts: like with like); the pinned-runs list names the others and says why.
  const pins = useMemo(() => pinLines(pinned, { dataset }), [pinned, dataset]);
  const xMax = niceStepCeil(Math.max(points.length > 0 ? points[points.length - 1].step : 0, pinsStepMax(pins)));
  return { points, pins, xMax };
}

/** The height of the element under `ref` (0 until measured), following its resizes. */
function useBoxHeight(ref: RefObject<HTMLElement | null>, on: boolean): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!on || el === null) return;
    const measure = (): void => setHeight(Math.floor(el.getBoundingClientRect().height));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, on]);
  return height;
}

/** The chart's area in a card: with `fill`, it takes the card's remaining height and the chart is drawn to it (at least `min` px). */
function ChartArea({ fill, own, min = 110, children }: { fill: boolean; own: number; min?: number; children: (height: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const measured = useBoxHeight(ref, fill);
  const height = fill ? Math.max(min, measured) : own;
  return (
    <div ref={ref} className={fill ? 'chart-area chart-area-fill' : 'chart-area'}>
      {fill && measured === 0 ? null : children(height)}
    </div>
  );
}

/** The PNG legend of a chart: its own lines, then each pinned run shown on it with its label against the live config. */
function usePngLegend(): (own: PngLegendItem[], shown: readonly { id: number }[]) => PngLegendItem[] {
  const api = useAppStoreApi();
  const t = useT();
  const named = useLang() !== 'en';
  return (own, shown) => {
    const { pinned: all, config } = api.getState();
    const ids = new Set(shown.map((p) => p.id));
    return [...own, ...all.filter((p) => ids.has(p.id)).map((p) => ({ label: t('views.charts.pinnedLabel', { label: pinLabel(p.config, config, undefined, t, named) }), colour: p.colour, dashed: true }))];
  };
}

/** Loss over steps: train (data) loss, test loss where evaluated, the penalty while it is on; log-scale toggle; "Pin this run" and the CSV export in its head. */
export function LossCard({ fill = false }: CardProps) {
  const { points, pins, xMax } = useStepSeries();
  const dataset = useAppStore((s) => s.config.dataset);
  const evals = useMemo(() => points.filter((p) => p.testLoss !== undefined), [points]);
  const penalty = useMemo(() => points.filter((p) => p.penalty !== undefined), [points]);
  const [logScale, setLogScale] = useState(false);
  const classification = datasetInfo(dataset).task === 'classification';
  const t = useT();
  const pngLegend = usePngLegend();
  const lossName = t(classification ? 'views.common.crossEntropy' : 'views.charts.loss.meanSquared');
  const ref = useRef<HTMLDivElement>(null);
  const show = points.length > 0 || pins.length > 0;
  return (
    <div className={fill ? 'chart-card card-fill' : 'chart-card'} data-testid="chart-loss" data-pinned={pins.length} ref={ref}>
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
        <PinActions />
        <PngButton
          testId="btn-png-loss"
          disabled={!show}
          target={ref}
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
      <ChartArea fill={fill} own={280}>
        {(height) =>
          show ? (
            <ChartAlt name={t('a11y.loss.name')} summary={lossSummary(t, points, evals, penalty, pins.length)}>
              <LossChart points={points} evals={evals} penalty={penalty} logScale={logScale} xMax={xMax} pins={pins} height={height} />
            </ChartAlt>
          ) : (
            <EmptyChart height={height} />
          )
        }
      </ChartArea>
      {penalty.length > 0 && !fill ? (
        <p className="caption">{rich(t('views.charts.penaltyCaption'), { penalty: <span className="ink-penalty">{t('views.charts.penaltyWord')}</span> })}</p>
      ) : null}
    </div>
  );
}

/** Test accuracy over steps (classification), pinned runs dashed underneath. */
export function AccuracyCard({ fill = false }: CardProps) {
  const { points, pins, xMax } = useStepSeries();
  const evals = useMemo(() => points.filter((p) => p.testLoss !== undefined), [points]);
  const accuracyPins = useMemo(() => pins.filter((p) => p.hasAccuracy), [pins]);
  // Follows the loss chart in a slot of its own, so no two redraw in the same task.
  const lagged = useLagged(useMemo(() => ({ evals, xMax, pins: accuracyPins }), [evals, xMax, accuracyPins]), STAGGER_MS.accuracy);
  const t = useT();
  const pngLegend = usePngLegend();
  const ref = useRef<HTMLDivElement>(null);
  const show = lagged.evals.length > 0 || lagged.pins.length > 0;
  return (
    <div className={fill ? 'chart-card card-fill' : 'chart-card'} data-testid="chart-accuracy" data-pinned={lagged.pins.length} ref={ref}>
      <div className="chart-head">
        <h2>{t('views.charts.accuracy.title')}</h2>
        {lagged.pins.length > 0 ? (
          <ul className="legend" aria-label={t('views.common.lines')}>
            <li className="legend-test">{t('views.charts.live')}</li>
            <li className="legend-pinned">{t('views.charts.pinned')}</li>
          </ul>
        ) : null}
        <PngButton
          testId="btn-png-accuracy"
          disabled={!show}
          target={ref}
          name="accuracy"
          title={t('views.charts.accuracy.title')}
          legend={() => pngLegend([{ label: t('views.charts.accuracy.title'), colour: TEST_COLOUR }], lagged.pins)}
        />
      </div>
      <ChartArea fill={fill} own={200}>
        {(height) =>
          show ? (
            <ChartAlt name={t('a11y.accuracy.name')} summary={accuracySummary(t, lagged.evals, lagged.pins.length)}>
              <AccuracyChart evals={lagged.evals} xMax={lagged.xMax} pins={lagged.pins} height={height} />
            </ChartAlt>
          ) : (
            <EmptyChart height={height} />
          )
        }
      </ChartArea>
    </div>
  );
}

/** The fraction of weights that are exactly zero, overall and per layer. */
export function SparsityCard({ fill = false }: CardProps) {
  const { points, pins, xMax } = useStepSeries();
  const sparsityPins = useMemo(() => pins.filter((p) => p.sparsity.length > 0), [pins]);
  // Sparsity is read a couple of times a second: between readings the rows stay the same object and the chart skips its redraw.
  const rows = useStable(
    useMemo(() => sparsityRows(points), [points]),
    sameSparsityRows,
  );
  const lagged = useLagged(useMemo(() => ({ rows, xMax, pins: sparsityPins }), [rows, xMax, sparsityPins]), STAGGER_MS.sparsity);
  const layerCount = useMemo(() => sparsityLayerCount(lagged.rows), [lagged.rows]);
  const t = useT();
  const pngLegend = usePngLegend();
  const ref = useRef<HTMLDivElement>(null);
  const show = lagged.rows.length > 0 || lagged.pins.length > 0;
  const layerName = (l: number): string => (l === layerCount - 1 ? t('views.charts.output') : t('views.common.layerN', { n: l + 1 }));
  return (
    <div className={fill ? 'chart-card card-fill' : 'chart-card'} data-testid="chart-sparsity" data-points={lagged.rows.length} data-pinned={lagged.pins.length} ref={ref}>
      <div className="chart-head">
        <h2>
          {t('views.charts.sparsity.title')} <span className="chart-sub">{t('views.charts.sparsity.sub')}</span>
        </h2>
        <ul className="legend" aria-label={t('views.common.lines')}>
          <li className="legend-overall">{t('views.charts.allWeights')}</li>
          {Array.from({ length: layerCount }, (_, l) => (
            <li key={l} className={`legend-layer line-${layerDash(l).css}`} style={{ color: layerColour(l) }}>
              <span>{layerName(l)}</span>
            </li>
          ))}
          {lagged.pins.length > 0 ? <li className="legend-pinned">{t('views.charts.pinnedAll')}</li> : null}
        </ul>
        <PngButton
          testId="btn-png-sparsity"
          disabled={!show}
          target={ref}
          name="sparsity"
          title={t('views.charts.sparsity.pngTitle')}
          legend={() =>
            pngLegend(
              [{ label: t('views.charts.allWeights'), colour: OVERALL_COLOUR }, ...Array.from({ length: layerCount }, (_, l) => ({ label: layerName(l), colour: layerColour(l) }))],
              lagged.pins,
            )
          }
        />
      </div>
      <ChartArea fill={fill} own={200}>
        {(height) =>
          show ? (
            <ChartAlt name={t('a11y.sparsity.name')} summary={sparsitySummary(t, lagged.rows, layerCount, lagged.pins.length)}>
              <SparsityChart rows={lagged.rows} layerCount={layerCount} xMax={lagged.xMax} pins={lagged.pins} height={height} />
            </ChartAlt>
          ) : (
            <EmptyChart height={height} />
          )
        }
      </ChartArea>
      {fill ? null : <p className="caption">{t('views.charts.sparsity.caption')}</p>}
    </div>
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
    <div className="chart-empty" style={{ height }}>
      <p>{t(playing ? 'views.charts.waiting' : 'views.charts.idle')}</p>
    </div>
  );
}
