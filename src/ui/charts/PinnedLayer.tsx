import { memo } from 'react';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import type { PinLines } from '../pins/pinLines';

/** Which chart a pinned layer sits under: it decides the lines each pin contributes. */
export type PinnedLayerKind = 'loss' | 'accuracy' | 'sparsity';

/** The y axis both charts of a stack share (the layer must lay out exactly like the live chart above it). */
export interface SharedYAxis {
  domain: [number, number];
  scale: 'linear' | 'log';
  ticks?: number[];
}

/** The 0–100 % axis the accuracy and sparsity charts and their pinned layers share. */
export const FRACTION_AXIS: SharedYAxis = { domain: [0, 1], scale: 'linear', ticks: [0, 0.25, 0.5, 0.75, 1] };

/** Margins of every step-axis chart (the layer and the live chart must match). */
export const CHART_MARGIN = { top: 8, right: 16, bottom: 4, left: 4 } as const;
/** Width of every step-axis chart's y axis, px. */
export const Y_AXIS_WIDTH = 56;

const dashed = { dot: false, activeDot: false, tooltipType: 'none', isAnimationActive: false, className: 'pinned-line' } as const;

/**
 * The pinned runs' dashed lines as their own chart, placed under the live
 * chart with the same size, margins and axes (drawn invisibly here). Pinned
 * lines never change, so this layer redraws only when the pins or an axis
 * change — not on every metrics message, as lines inside the live chart
 * would: recharts measures every line's path on each redraw, and four pins
 * in the live charts roughly doubled their main-thread cost.
 */
export const PinnedLayer = memo(function PinnedLayer({ kind, pins, xMax, y, height }: { kind: PinnedLayerKind; pins: PinLines[]; xMax: number; y: SharedYAxis; height: number }) {
  return (
    <div className="pinned-layer" aria-hidden="true" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
      <LineChart accessibilityLayer={false} responsive style={{ width: '100%', height }} margin={CHART_MARGIN}>
        <XAxis dataKey="step" type="number" domain={[0, xMax]} allowDecimals={false} tick={false} tickLine={false} axisLine={false} />
        <YAxis scale={y.scale} domain={y.domain} ticks={y.ticks} allowDataOverflow width={Y_AXIS_WIDTH} tick={false} tickLine={false} axisLine={false} />
        {pins.flatMap((pin) => {
          if (kind === 'loss') {
            const lines = [<Line key={`train-${pin.id}`} data={pin.train} dataKey="trainLoss" type="linear" stroke={pin.colour} strokeWidth={1.25} strokeDasharray="4 3" {...dashed} />];
            if (pin.evals.length > 0) lines.push(<Line key={`test-${pin.id}`} data={pin.evals} dataKey="testLoss" type="linear" stroke={pin.colour} strokeWidth={2.25} strokeDasharray="9 4" {...dashed} />);
            return lines;
          }
          if (kind === 'accuracy') return pin.hasAccuracy ? [<Line key={pin.id} data={pin.evals} dataKey="testAccuracy" type="linear" stroke={pin.colour} strokeWidth={2} strokeDasharray="9 4" {...dashed} />] : [];
          return pin.sparsity.length > 0 ? [<Line key={pin.id} data={pin.sparsity} dataKey="sparsity" type="stepAfter" stroke={pin.colour} strokeWidth={2} strokeDasharray="9 4" {...dashed} />] : [];
        })}
      </LineChart>
    </div>
  );
});
