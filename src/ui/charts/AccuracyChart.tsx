import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricPoint } from '../../protocol/messages';
import { TEST_COLOUR, tickPercent, tickStep } from './chartFormat';

/** Test accuracy (classification only) against steps, 0–100 %; `evals` are the evaluated points. */
export const AccuracyChart = memo(function AccuracyChart({ evals, xMax }: { evals: MetricPoint[]; xMax: number }) {
  return (
    <LineChart data={evals} responsive style={{ width: '100%', height: 200 }} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, xMax]} tickFormatter={tickStep} allowDecimals={false} stroke="#5b6470" />
      <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={tickPercent} width={56} stroke="#5b6470" />
      <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : String(v))} labelFormatter={(s) => `step ${String(s)}`} />
      <Line name="Test accuracy" dataKey="testAccuracy" type="linear" stroke={TEST_COLOUR} strokeWidth={2.5} dot={false} activeDot={false} isAnimationActive={false} />
    </LineChart>
  );
});
