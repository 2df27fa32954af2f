import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { polynomialSparsity, scheduleFromConfig } from '../../engine/prune/schedule';
import type { PolySchedule } from '../../engine/prune/types';
import { useAppStore } from '../../state/useAppStore';
import { FRACTION_Y, niceStepCeil } from '../charts/chartFormat';
import { OVERALL_COLOUR } from '../charts/SparsityChart';
import { STAGGER_MS, useChartPoints, useLagged, useStable } from '../charts/useLagged';
import { formatPercent } from '../format';
import { pruningStepDots, sameSparsityRows, sparsityRows, targetCurve, type SparsityRow } from './pruningView';

import { SCHEDULE_NOW_COLOUR as NOW_COLOUR, TARGET_COLOUR } from '../charts/palette';
import { ChartAlt } from '../a11y/ChartAlt';
import { scheduleSummary } from '../a11y/summaries';
import { useT } from '../i18n';
import { StepChart, chartLine } from '../charts/StepChart';

/** Room above the plot for the "now" label. */
const SCHEDULE_MARGIN = { top: 22, right: 24, bottom: 4, left: 4 } as const;

const ScheduleChart = memo(function ScheduleChart({
  schedule,
  xMax,
  step,
  measured,
}: {
  schedule: PolySchedule;
  xMax: number;
  step: number;
  measured: SparsityRow[];
}) {
  const t = useT();
  const curve = useMemo(() => targetCurve(schedule, xMax), [schedule, xMax]);
  const dots = useMemo(() => {
    const steps = pruningStepDots(schedule.beginStep, schedule.endStep, Math.max(1, Math.floor(schedule.frequency)));
    return steps === null ? [] : steps.map((s) => ({ step: s, target: polynomialSparsity(schedule, s) }));
  }, [schedule]);
  const lines = [
    chartLine(curve, (p) => p.target, { id: 'target', name: t('views.schedule.target'), colour: TARGET_COLOUR, width: 2, dash: '6 4' }),
    ...(dots.length > 0 ? [chartLine(dots, (p) => p.target, { id: 'dots', name: t('views.schedule.pruningStep'), colour: TARGET_COLOUR, width: 0, dots: true })] : []),
    chartLine(measured, (p) => p.sparsity, { id: 'measured', name: t('views.schedule.measured'), colour: OVERALL_COLOUR, width: 3, curve: 'stepAfter' }),
  ];
  return (
    <StepChart
      height={240}
      margin={SCHEDULE_MARGIN}
      xMax={xMax}
      {...FRACTION_Y}
      lines={lines}
      marker={{ step, colour: NOW_COLOUR, label: t('views.common.now') }}
    />
  );
});

/**
 * The gradual pruning schedule (Zhu & Gupta 2017, TF-MOT PolynomialDecay):
 * the target sparsity over steps, dots where the mask updates, the current
 * step, and the sparsity actually measured, drawn on top.
 */
export function ScheduleCurve() {
  const keys = useAppStore(useShallow((s) => ({ s_init: s.config.s_init, s_final: s.config.s_final, s_begin: s.config.s_begin, s_end: s.config.s_end, s_freq: s.config.s_freq })));
  const schedule = useMemo(() => scheduleFromConfig(keys), [keys]);
  const points = useChartPoints();
  const measured = useStable(
    useMemo(() => sparsityRows(points), [points]),
    sameSparsityRows,
  );
  const step = useAppStore((s) => s.run.step);
  const xMax = niceStepCeil(Math.max(step, schedule.endStep + Math.max(schedule.frequency, (schedule.endStep - schedule.beginStep) * 0.1)));
  // Its own redraw slot, after the step-axis charts.
  const view = useLagged(useMemo(() => ({ measured, step, xMax }), [measured, step, xMax]), STAGGER_MS.schedule);
  const tooSparse = schedule.frequency > schedule.endStep - schedule.beginStep;
  const t = useT();
  const lastMeasured = view.measured.length > 0 ? view.measured[view.measured.length - 1].sparsity : null;

  return (
    <div className="chart-card" data-testid="schedule-curve" data-begin={schedule.beginStep} data-end={schedule.endStep}>
      <div className="chart-head">
        <h2>
          {t('views.schedule.title')} <span className="chart-sub">{t('views.schedule.sub')}</span>
        </h2>
        <ul className="legend" aria-label={t('views.common.lines')}>
          <li className="legend-target">{t('views.schedule.target')}</li>
          <li className="legend-overall">{t('views.schedule.measured')}</li>
          <li className="legend-now">{t('views.schedule.now')}</li>
        </ul>
      </div>
      <p className="caption">{t('views.schedule.caption', { from: formatPercent(schedule.initialSparsity), to: formatPercent(schedule.finalSparsity) })}</p>
      {tooSparse ? (
        <p className="caption caption-warn">
          {t('views.schedule.tooSparse', { freq: schedule.frequency, length: Math.max(0, schedule.endStep - schedule.beginStep), begin: schedule.beginStep })}
        </p>
      ) : null}
      <ChartAlt
        name={t('a11y.schedule.name')}
        summary={scheduleSummary(t, { initial: schedule.initialSparsity, final: schedule.finalSparsity, begin: schedule.beginStep, end: schedule.endStep }, view.step, lastMeasured)}
      >
        <ScheduleChart schedule={schedule} xMax={view.xMax} step={view.step} measured={view.measured} />
      </ChartAlt>
    </div>
  );
}
