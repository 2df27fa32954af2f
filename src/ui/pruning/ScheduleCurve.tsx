import { memo, useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CartesianGrid, ComposedChart, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { polynomialSparsity, scheduleFromConfig } from '../../engine/prune/schedule';
import type { PolySchedule } from '../../engine/prune/types';
import { useAppStore } from '../../state/useAppStore';
import { niceStepCeil, tickPercent, tickStep } from '../charts/chartFormat';
import { OVERALL_COLOUR } from '../charts/SparsityChart';
import { STAGGER_MS, useLagged, useStable } from '../charts/useLagged';
import { formatPercent } from '../format';
import { pruningStepDots, sameSparsityRows, sparsityRows, targetCurve, type SparsityRow } from './pruningView';

import { SCHEDULE_NOW_COLOUR as NOW_COLOUR, TARGET_COLOUR } from '../charts/palette';
import { ChartAlt } from '../a11y/ChartAlt';
import { scheduleSummary } from '../a11y/summaries';
import { useT } from '../i18n';
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
  const curve = useMemo(() => targetCurve(schedule, xMax), [schedule, xMax]);
  const dots = useMemo(() => {
    const steps = pruningStepDots(schedule.beginStep, schedule.endStep, Math.max(1, Math.floor(schedule.frequency)));
    return steps === null ? [] : steps.map((t) => ({ step: t, target: polynomialSparsity(schedule, t) }));
  }, [schedule]);
  const t = useT();
  return (
    <ComposedChart accessibilityLayer={false} responsive style={{ width: '100%', height: 240 }} margin={{ top: 22, right: 24, bottom: 4, left: 4 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, xMax]} tickFormatter={tickStep} allowDecimals={false} stroke="#5b6470" />
      <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={tickPercent} width={56} stroke="#5b6470" />
      <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? formatPercent(v) : String(v))} labelFormatter={(s) => t('views.common.stepN', { step: String(s) })} />
      <Line data={curve} name={t('views.schedule.target')} dataKey="target" type="linear" stroke={TARGET_COLOUR} strokeWidth={2} strokeDasharray="6 4" dot={false} activeDot={false} isAnimationActive={false} />
      {dots.length > 0 ? <Scatter data={dots} name={t('views.schedule.pruningStep')} dataKey="target" fill={TARGET_COLOUR} isAnimationActive={false} /> : null}
      <Line data={measured} name={t('views.schedule.measured')} dataKey="sparsity" type="stepAfter" stroke={OVERALL_COLOUR} strokeWidth={3} dot={false} activeDot={false} isAnimationActive={false} />
      <ReferenceLine x={step} stroke={NOW_COLOUR} strokeWidth={2} label={{ value: t('views.common.now'), position: 'top', fill: NOW_COLOUR, fontSize: 14, fontWeight: 600 }} />
    </ComposedChart>
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
  const points = useDeferredValue(useAppStore((s) => s.series.points));
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
