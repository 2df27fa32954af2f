import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../i18n';
import type { PinLines } from '../pins/pinLines';
import type { SparsityRow } from '../pruning/pruningView';
import { tickPercent, tickStep } from './chartFormat';
import { CHART_MARGIN, FRACTION_AXIS, PinnedLayer, Y_AXIS_WIDTH } from './PinnedLayer';

import { OVERALL_COLOUR, layerColour, layerDash } from './palette';

/** The overall line's colour (ink: it is the headline number) and the per-layer colours (colour-blind safe; see palette.ts). */
export { LAYER_COLOURS, OVERALL_COLOUR, layerColour } from './palette';

/**
 * Fraction of kernel weights exactly zero against steps, 0–100 %: the whole
 * network (thick) and each kernel layer (thin), on the loss chart's step axis.
 * Pinned runs (`pins`): their whole-network line, dashed, in a {@link PinnedLayer} underneath.
 */
export const SparsityChart = memo(function SparsityChart({ rows, layerCount, xMax, pins }: { rows: SparsityRow[]; layerCount: number; xMax: number; pins: PinLines[] }) {
  const t = useT();
  const chart = (
    <LineChart accessibilityLayer={false} data={rows} responsive style={{ width: '100%', height: 200 }} margin={CHART_MARGIN}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, xMax]} tickFormatter={tickStep} allowDecimals={false} stroke="#5b6470" />
      <YAxis domain={FRACTION_AXIS.domain} ticks={FRACTION_AXIS.ticks} tickFormatter={tickPercent} width={Y_AXIS_WIDTH} stroke="#5b6470" />
      <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : String(v))} labelFormatter={(s) => t('views.common.stepN', { step: String(s) })} />
      {Array.from({ length: layerCount }, (_, l) => (
        <Line
          key={l}
          name={l === layerCount - 1 ? t('views.common.outputLayer') : t('views.common.layerN', { n: l + 1 })}
          dataKey={`l${l}`}
          type="stepAfter"
          stroke={layerColour(l)}
          strokeDasharray={layerDash(l).dasharray}
          strokeWidth={2}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      ))}
      <Line name={t('views.charts.allWeights')} dataKey="sparsity" type="stepAfter" stroke={OVERALL_COLOUR} strokeWidth={3} dot={false} activeDot={false} isAnimationActive={false} />
    </LineChart>
  );
  if (pins.length === 0) return chart;
  return (
    <div style={{ position: 'relative' }}>
      <PinnedLayer kind="sparsity" pins={pins} xMax={xMax} y={FRACTION_AXIS} height={200} />
      {chart}
    </div>
  );
});
