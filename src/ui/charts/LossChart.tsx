import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricPoint } from '../../protocol/messages';
import { PENALTY_COLOUR, TEST_COLOUR, TRAIN_COLOUR, tickLoss, tickStep } from './chartFormat';

/**
 * Mean train (data) loss per chart bucket (`points`), test loss where evaluated
 * (`evals`, a subset) and the regularisation penalty where it was on
 * (`penalty`, a subset; dashed), against steps; linear or log y. Each line gets
 * only its own points: recharts' cost grows with the points per line.
 */
export const LossChart = memo(function LossChart({
  points,
  evals,
  penalty,
  logScale,
  xMax,
}: {
  points: MetricPoint[];
  evals: MetricPoint[];
  penalty: MetricPoint[];
  logScale: boolean;
  xMax: number;
}) {
  return (
    <LineChart responsive style={{ width: '100%', height: 280 }} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, xMax]} tickFormatter={tickStep} allowDecimals={false} stroke="#5b6470" />
      <YAxis
        scale={logScale ? 'log' : 'linear'}
        domain={logScale ? ['auto', 'auto'] : [0, 'auto']}
        allowDataOverflow={logScale}
        tickFormatter={tickLoss}
        width={56}
        stroke="#5b6470"
      />
      <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} labelFormatter={(s) => `step ${String(s)}`} />
      <Line data={points} name="Train loss" dataKey="trainLoss" type="linear" stroke={TRAIN_COLOUR} strokeWidth={1.5} dot={false} activeDot={false} isAnimationActive={false} />
      {penalty.length > 0 ? (
        <Line
          data={penalty}
          name="Penalty"
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
      <Line data={evals} name="Test loss" dataKey="testLoss" type="linear" stroke={TEST_COLOUR} strokeWidth={2.5} dot={false} activeDot={false} isAnimationActive={false} />
    </LineChart>
  );
});
