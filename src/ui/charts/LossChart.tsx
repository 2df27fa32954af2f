import { memo, useMemo } from 'react';
import type { MetricPoint } from '../../protocol/messages';
import { formatLoss } from '../format';
import { useT } from '../i18n';
import type { PinLines } from '../pins/pinLines';
import { CHART_MARGIN, PENALTY_COLOUR, TEST_COLOUR, TRAIN_COLOUR, lossDomain, tickLoss } from './chartFormat';
import { pinnedChartLines } from './pinnedLines';
import { StepChart, chartLine } from './StepChart';

/** The test loss before a mask change at a point, and the step it happened at. */
const PRUNE_JUMPS_LOSS = { before: (p: MetricPoint) => p.beforePrune?.testLoss, step: (p: MetricPoint) => p.beforePrune?.step ?? p.step };

/** Every loss value the chart shows: live lines and pinned ones. */
function* lossValues(points: MetricPoint[], evals: MetricPoint[], penalty: MetricPoint[], pins: PinLines[]): Generator<number> {
  for (const p of points) yield p.trainLoss;
  for (const p of evals) {
    yield p.testLoss ?? NaN;
    if (p.beforePrune !== undefined) yield p.beforePrune.testLoss;
  }
  for (const p of penalty) yield p.penalty ?? NaN;
  for (const pin of pins) {
    for (const p of pin.train) yield p.trainLoss;
    for (const p of pin.evals) yield p.testLoss ?? NaN;
  }
}

/**
 * Mean train (data) loss per chart bucket (`points`), test loss where evaluated
 * (`evals`, a subset) and the regularisation penalty where it was on
 * (`penalty`, a subset; dashed), against steps; a mask change (θ, s, q, keep,
 * compaction, import) is drawn as a vertical jump of the test line at its
 * step with a ring where it stood before; linear or log y
 * ({@link lossDomain}: it changes only when the data cross a nice number).
 * Pinned runs' lines lie underneath, dashed (thin: train, thick: test).
 */
export const LossChart = memo(function LossChart({
  points,
  evals,
  penalty,
  logScale,
  xMax,
  pins,
  height = 280,
}: {
  points: MetricPoint[];
  evals: MetricPoint[];
  penalty: MetricPoint[];
  logScale: boolean;
  xMax: number;
  pins: PinLines[];
  height?: number;
}) {
  const t = useT();
  const [lo, hi] = useMemo(() => lossDomain(lossValues(points, evals, penalty, pins), logScale), [points, evals, penalty, pins, logScale]);
  const y = useMemo(() => ({ domain: [lo, hi] as const, scale: logScale ? ('log' as const) : ('linear' as const) }), [lo, hi, logScale]);
  const pinned = useMemo(() => pinnedChartLines('loss', pins), [pins]);
  const lines = [
    ...pinned,
    chartLine(points, (p) => p.trainLoss, { id: 'train', name: t('views.charts.trainLoss'), colour: TRAIN_COLOUR, width: 1.5 }),
    ...(penalty.length > 0 ? [chartLine(penalty, (p) => p.penalty, { id: 'penalty', name: t('views.charts.penalty'), colour: PENALTY_COLOUR, width: 2, dash: '6 4' })] : []),
    // A mask change is a vertical jump at its step (MetricPoint.beforePrune), not a slope from the previous evaluation.
    chartLine(evals, (p) => p.testLoss, { id: 'test', name: t('views.charts.testLoss'), colour: TEST_COLOUR, width: 2.5 }, PRUNE_JUMPS_LOSS),
  ];
  return (
    <StepChart
      height={height}
      margin={CHART_MARGIN}
      xMax={xMax}
      y={y}
      yFormat={tickLoss}
      valueFormat={formatLoss}
      lines={lines}
    />
  );
});
