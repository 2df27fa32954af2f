import { memo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { TEST_COLOUR, TRAIN_COLOUR, tickLoss } from '../charts/chartFormat';
import { formatLoss } from '../format';
import { decadeTicks, formatLambda, type ValidationRow } from './regulariseView';
import { useT } from '../i18n';

import { BEST_COLOUR, LAMBDA_NOW_COLOUR as NOW_COLOUR } from '../charts/palette';

/** The best-λ marker's colour (see palette.ts). */
export { BEST_COLOUR };

/** A decade tick: 10^e written as λ (1e-5 … 0.1, 1). */
function tickDecade(e: number): string {
  return formatLambda(10 ** e);
}

/**
 * The validation curve of a λ sweep against log₁₀ λ: the validation loss's
 * mean over the folds with a ±1 std band, the train loss, the best λ (a red
 * line and dot), and the λ in use now when it lies on the grid's range.
 */
export const ValidationCurve = memo(function ValidationCurve({
  rows,
  bestLambda,
  currentLambda,
  lossName,
}: {
  rows: ValidationRow[];
  bestLambda: number;
  currentLambda: number;
  lossName: string;
}) {
  const ticks = decadeTicks(rows);
  const best = rows.find((r) => r.lambda === bestLambda) ?? null;
  const lo = rows.length > 0 ? rows[0].logLambda : 0;
  const hi = rows.length > 0 ? rows[rows.length - 1].logLambda : 0;
  const now = currentLambda > 0 ? Math.log10(currentLambda) : null;
  const t = useT();
  return (
    <ComposedChart accessibilityLayer={false} data={rows} responsive style={{ width: '100%', height: 280 }} margin={{ top: 26, right: 24, bottom: 18, left: 4 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis
        dataKey="logLambda"
        type="number"
        domain={[Math.min(lo, ticks[0]), Math.max(hi, ticks[ticks.length - 1])]}
        ticks={ticks}
        tickFormatter={tickDecade}
        stroke="#5b6470"
        label={{ value: t('views.lambda.axis'), position: 'insideBottom', offset: -12, fill: '#1b2128', fontSize: 14 }}
      />
      <YAxis domain={[0, 'auto']} tickFormatter={tickLoss} width={56} stroke="#5b6470" />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(x) => `λ = ${typeof x === 'number' ? formatLambda(10 ** x) : String(x)}`}
        formatter={(v) => (Array.isArray(v) ? `${formatLoss(Number(v[0]))} – ${formatLoss(Number(v[1]))}` : typeof v === 'number' ? formatLoss(v) : String(v))}
      />
      <Area dataKey="valBand" name={t('views.lambda.bandName')} type="linear" stroke="none" fill={TEST_COLOUR} fillOpacity={0.22} activeDot={false} isAnimationActive={false} />
      <Line dataKey="trainMean" name={t('views.lambda.trainName', { loss: lossName })} type="linear" stroke={TRAIN_COLOUR} strokeWidth={2} dot={{ r: 3, fill: TRAIN_COLOUR, strokeWidth: 0 }} activeDot={false} isAnimationActive={false} />
      <Line dataKey="valMean" name={t('views.lambda.valName', { loss: lossName })} type="linear" stroke={TEST_COLOUR} strokeWidth={3} dot={{ r: 4, fill: TEST_COLOUR, strokeWidth: 0 }} activeDot={false} isAnimationActive={false} />
      {now !== null && now >= lo - 1e-9 && now <= hi + 1e-9 ? (
        <ReferenceLine x={now} stroke={NOW_COLOUR} strokeDasharray="2 4" strokeWidth={2} label={{ value: t('views.common.now'), position: 'insideTopLeft', fill: NOW_COLOUR, fontSize: 13 }} />
      ) : null}
      {best !== null ? (
        <ReferenceLine x={best.logLambda} stroke={BEST_COLOUR} strokeDasharray="6 4" strokeWidth={2} label={{ value: t('views.lambda.bestMark'), position: 'top', fill: BEST_COLOUR, fontSize: 14, fontWeight: 600 }} />
      ) : null}
      {best !== null ? <ReferenceDot x={best.logLambda} y={best.valMean} r={7} fill={BEST_COLOUR} stroke="#ffffff" strokeWidth={2} /> : null}
    </ComposedChart>
  );
});
