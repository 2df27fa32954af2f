import { memo, useMemo } from 'react';
import type { MetricPoint } from '../../protocol/messages';
import { useT } from '../i18n';
import type { PinLines } from '../pins/pinLines';
import { CHART_MARGIN, FRACTION_Y, TEST_COLOUR } from './chartFormat';
import { pinnedChartLines } from './pinnedLines';
import { StepChart, chartLine } from './StepChart';

/** The test accuracy before a mask change at a point, and the step it happened at. */
const PRUNE_JUMPS_ACCURACY = { before: (p: MetricPoint) => p.beforePrune?.testAccuracy, step: (p: MetricPoint) => p.beforePrune?.step ?? p.step };

/**
 * Test accuracy (classification only) against steps, 0–100 %; `evals` are the
 * evaluated points, a mask change a vertical jump at its step (as the loss
 * chart). Pinned classification runs (`pins`): dashed, underneath.
 */
export const AccuracyChart = memo(function AccuracyChart({ evals, xMax, pins, height = 200 }: { evals: MetricPoint[]; xMax: number; pins: PinLines[]; height?: number }) {
  const t = useT();
  const pinned = useMemo(() => pinnedChartLines('accuracy', pins), [pins]);
  const lines = [...pinned, chartLine(evals, (p) => p.testAccuracy, { id: 'accuracy', name: t('views.charts.accuracy.title'), colour: TEST_COLOUR, width: 2.5 }, PRUNE_JUMPS_ACCURACY)];
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
