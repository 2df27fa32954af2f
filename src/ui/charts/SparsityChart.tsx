import { memo, useMemo } from 'react';
import { useT } from '../i18n';
import type { PinLines } from '../pins/pinLines';
import type { SparsityRow } from '../prune/pruningView';
import { CHART_MARGIN, FRACTION_Y } from './chartFormat';
import { OVERALL_COLOUR, layerColour, layerDash } from './palette';
import { pinnedChartLines } from './pinnedLines';
import { StepChart, chartLine } from './StepChart';

/** The overall line's colour (ink: it is the headline number) and the per-layer colours (colour-blind safe; see palette.ts). */
export { LAYER_COLOURS, OVERALL_COLOUR, layerColour } from './palette';

/**
 * Fraction of kernel weights exactly zero against steps, 0–100 %: the whole
 * network (thick) and each kernel layer (thin), on the loss chart's step axis.
 * Pinned runs (`pins`): their whole-network line, dashed, underneath.
 */
export const SparsityChart = memo(function SparsityChart({ rows, layerCount, xMax, pins, height = 200 }: { rows: SparsityRow[]; layerCount: number; xMax: number; pins: PinLines[]; height?: number }) {
  const t = useT();
  const pinned = useMemo(() => pinnedChartLines('sparsity', pins), [pins]);
  const lines = [
    ...pinned,
    ...Array.from({ length: layerCount }, (_, l) =>
      chartLine(rows, (r) => r[`l${l}`], {
        id: `l${l}`,
        name: l === layerCount - 1 ? t('views.common.outputLayer') : t('views.common.layerN', { n: l + 1 }),
        colour: layerColour(l),
        dash: layerDash(l).dasharray,
        width: 2,
        curve: 'stepAfter',
      }),
    ),
    chartLine(rows, (r) => r.sparsity, { id: 'sparsity', name: t('views.charts.allWeights'), colour: OVERALL_COLOUR, width: 3, curve: 'stepAfter' }),
  ];
  return (
    <StepChart
      height={height}
      margin={CHART_MARGIN}
      xMax={xMax}
      {...FRACTION_Y}
      lines={lines}
    />
  );
});
