import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { PinLines } from '../pins/pinLines';
import type { SparsityRow } from '../pruning/pruningView';
import { tickPercent, tickStep } from './chartFormat';
import { CHART_MARGIN, FRACTION_AXIS, PinnedLayer, Y_AXIS_WIDTH } from './PinnedLayer';

/** The overall line's colour (ink: it is the headline number). */
export const OVERALL_COLOUR = '#1b2128';
/** Per-layer line colours, input side first (Okabe–Ito, colour-blind safe). */
export const LAYER_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#999999'];

/** The colour of kernel layer `l`'s line. */
export function layerColour(l: number): string {
  return LAYER_COLOURS[l % LAYER_COLOURS.length];
}

/**
 * Fraction of kernel weights exactly zero against steps, 0–100 %: the whole
 * network (thick) and each kernel layer (thin), on the loss chart's step axis.
 * Pinned runs (`pins`): their whole-network line, dashed, in a {@link PinnedLayer} underneath.
 */
export const SparsityChart = memo(function SparsityChart({ rows, layerCount, xMax, pins }: { rows: SparsityRow[]; layerCount: number; xMax: number; pins: PinLines[] }) {
  const chart = (
    <LineChart data={rows} responsive style={{ width: '100%', height: 200 }} margin={CHART_MARGIN}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, xMax]} tickFormatter={tickStep} allowDecimals={false} stroke="#5b6470" />
      <YAxis domain={FRACTION_AXIS.domain} ticks={FRACTION_AXIS.ticks} tickFormatter={tickPercent} width={Y_AXIS_WIDTH} stroke="#5b6470" />
      <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : String(v))} labelFormatter={(s) => `step ${String(s)}`} />
      {Array.from({ length: layerCount }, (_, l) => (
        <Line
          key={l}
          name={l === layerCount - 1 ? 'Output layer' : `Layer ${l + 1}`}
          dataKey={`l${l}`}
          type="stepAfter"
          stroke={layerColour(l)}
          strokeWidth={1.5}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      ))}
      <Line name="All weights" dataKey="sparsity" type="stepAfter" stroke={OVERALL_COLOUR} strokeWidth={3} dot={false} activeDot={false} isAnimationActive={false} />
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
