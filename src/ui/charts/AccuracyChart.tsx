import { memo, useMemo } from 'react';
import type { MetricPoint } from '../../protocol/messages';
import { useT } from '../i18n';
import type { PinLines } from '../pins/pinLines';
import { CHART_MARGIN, FRACTION_Y, TEST_COLOUR } from './chartFormat';
import { pinnedChartLines } from './pinnedLines';
import { StepChart, chartLine } from './StepChart';

/**
 * Test accuracy (classification only) against steps, 0–100 %; `evals` are the
 * evaluated points. Pinned classification runs (`pins`): dashed, underneath.
 */
export const AccuracyChart = memo(function AccuracyChart({ evals, xMax, pins, height = 200 }: { evals: MetricPoint[]; xMax: number; pins: PinLines[]; height?: number }) {
  const t = useT();
  const pinned = useMemo(() => pinnedChartLines('accuracy', pins), [pins]);
  const lines = [...pinned, chartLine(evals, (p) => p.testAccuracy, { id: 'accuracy', name: t('views.charts.accuracy.title'), colour: TEST_COLOUR, width: 2.5 })];
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
