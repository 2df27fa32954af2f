import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricPoint } from '../../protocol/messages';
import { useT } from '../i18n';
import type { PinLines } from '../pins/pinLines';
import { TEST_COLOUR, tickPercent, tickStep } from './chartFormat';
import { CHART_MARGIN, FRACTION_AXIS, PinnedLayer, Y_AXIS_WIDTH } from './PinnedLayer';

/**
 * Test accuracy (classification only) against steps, 0–100 %; `evals` are the
 * evaluated points. Pinned classification runs (`pins`): dashed, in a {@link PinnedLayer} underneath.
 */
export const AccuracyChart = memo(function AccuracyChart({ evals, xMax, pins }: { evals: MetricPoint[]; xMax: number; pins: PinLines[] }) {
  const t = useT();
  const chart = (
    <LineChart accessibilityLayer={false} data={evals} responsive style={{ width: '100%', height: 200 }} margin={CHART_MARGIN}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, xMax]} tickFormatter={tickStep} allowDecimals={false} stroke="#5b6470" />
      <YAxis domain={FRACTION_AXIS.domain} ticks={FRACTION_AXIS.ticks} tickFormatter={tickPercent} width={Y_AXIS_WIDTH} stroke="#5b6470" />
      <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : String(v))} labelFormatter={(s) => t('views.common.stepN', { step: String(s) })} />
      <Line name={t('views.charts.accuracy.title')} dataKey="testAccuracy" type="linear" stroke={TEST_COLOUR} strokeWidth={2.5} dot={false} activeDot={false} isAnimationActive={false} />
    </LineChart>
  );
  if (pins.length === 0) return chart;
  return (
    <div style={{ position: 'relative' }}>
      <PinnedLayer kind="accuracy" pins={pins} xMax={xMax} y={FRACTION_AXIS} height={200} />
      {chart}
    </div>
  );
});
