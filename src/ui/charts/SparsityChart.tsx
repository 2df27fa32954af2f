import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { SparsityRow } from '../pruning/pruningView';
import { tickPercent, tickStep } from './chartFormat';

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
 */
export const SparsityChart = memo(function SparsityChart({ rows, layerCount, xMax }: { rows: SparsityRow[]; layerCount: number; xMax: number }) {
  return (
    <LineChart data={rows} responsive style={{ width: '100%', height: 200 }} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, xMax]} tickFormatter={tickStep} allowDecimals={false} stroke="#5b6470" />
      <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={tickPercent} width={56} stroke="#5b6470" />
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
});
