import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricPoint } from '../../protocol/messages';
import { useT } from '../i18n';
import type { PinLines } from '../pins/pinLines';
import { PENALTY_COLOUR, TEST_COLOUR, TRAIN_COLOUR, lossDomain, tickLoss, tickStep } from './chartFormat';
import { CHART_MARGIN, PinnedLayer, Y_AXIS_WIDTH, type SharedYAxis } from './PinnedLayer';

/** Every loss value a chart with pins shows: live lines and pinned ones. */
function* lossValues(points: MetricPoint[], evals: MetricPoint[], penalty: MetricPoint[], pins: PinLines[]): Generator<number> {
  for (const p of points) yield p.trainLoss;
  for (const p of evals) yield p.testLoss ?? NaN;
  for (const p of penalty) yield p.penalty ?? NaN;
  for (const pin of pins) {
    for (const p of pin.train) yield p.trainLoss;
    for (const p of pin.evals) yield p.testLoss ?? NaN;
  }
}

/**
 * Mean train (data) loss per chart bucket (`points`), test loss where evaluated
 * (`evals`, a subset) and the regularisation penalty where it was on
 * (`penalty`, a subset; dashed), against steps; linear or log y. Each line gets
 * only its own points: recharts' cost grows with the points per line.
 * With pinned runs (`pins`) their dashed lines (thin: train, thick: test) lie
 * in a {@link PinnedLayer} under this chart, and both use one explicit y axis
 * ({@link lossDomain}) so they line up.
 */
export const LossChart = memo(function LossChart({
  points,
  evals,
  penalty,
  logScale,
  xMax,
  pins,
}: {
  points: MetricPoint[];
  evals: MetricPoint[];
  penalty: MetricPoint[];
  logScale: boolean;
  xMax: number;
  pins: PinLines[];
}) {
  const t = useT();
  const pinned = pins.length > 0;
  const domain = useMemo(() => (pinned ? lossDomain(lossValues(points, evals, penalty, pins), logScale) : null), [pinned, points, evals, penalty, pins, logScale]);
  const lo = domain?.[0];
  const hi = domain?.[1];
  // A new object only when the numbers change, so the pinned layer skips its redraw otherwise.
  const y = useMemo<SharedYAxis | null>(() => (lo === undefined || hi === undefined ? null : { domain: [lo, hi], scale: logScale ? 'log' : 'linear' }), [lo, hi, logScale]);
  const chart = (
    <LineChart accessibilityLayer={false} responsive style={{ width: '100%', height: 280 }} margin={CHART_MARGIN}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, xMax]} tickFormatter={tickStep} allowDecimals={false} stroke="#5b6470" />
      <YAxis
        scale={logScale ? 'log' : 'linear'}
        domain={y !== null ? y.domain : logScale ? ['auto', 'auto'] : [0, 'auto']}
        allowDataOverflow={logScale || y !== null}
        tickFormatter={tickLoss}
        width={Y_AXIS_WIDTH}
        stroke="#5b6470"
      />
      <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} labelFormatter={(s) => t('views.common.stepN', { step: String(s) })} />
      <Line data={points} name={t('views.charts.trainLoss')} dataKey="trainLoss" type="linear" stroke={TRAIN_COLOUR} strokeWidth={1.5} dot={false} activeDot={false} isAnimationActive={false} />
      {penalty.length > 0 ? (
        <Line
          data={penalty}
          name={t('views.charts.penalty')}
          dataKey="penalty"
          type="linear"
          stroke={PENALTY_COLOUR}
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      ) : null}
      <Line data={evals} name={t('views.charts.testLoss')} dataKey="testLoss" type="linear" stroke={TEST_COLOUR} strokeWidth={2.5} dot={false} activeDot={false} isAnimationActive={false} />
    </LineChart>
  );
  if (y === null) return chart;
  return (
    <div style={{ position: 'relative' }}>
      <PinnedLayer kind="loss" pins={pins} xMax={xMax} y={y} height={280} />
      {chart}
    </div>
  );
});
