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

const TARGET_COLOUR = '#7a4fb5';
const NOW_COLOUR = '#c0392b';
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
  return (
    <ComposedChart responsive style={{ width: '100%', height: 240 }} margin={{ top: 22, right: 24, bottom: 4, left: 4 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, xMax]} tickFormatter={tickStep} allowDecimals={false} stroke="#5b6470" />
      <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={tickPercent} width={56} stroke="#5b6470" />
      <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? formatPercent(v) : String(v))} labelFormatter={(s) => `step ${String(s)}`} />
      <Line data={curve} name="Target" dataKey="target" type="linear" stroke={TARGET_COLOUR} strokeWidth={2} strokeDasharray="6 4" dot={false} activeDot={false} isAnimationActive={false} />
      {dots.length > 0 ? <Scatter data={dots} name="Pruning step" dataKey="target" fill={TARGET_COLOUR} isAnimationActive={false} /> : null}
      <Line data={measured} name="Measured" dataKey="sparsity" type="stepAfter" stroke={OVERALL_COLOUR} strokeWidth={3} dot={false} activeDot={false} isAnimationActive={false} />
      <ReferenceLine x={step} stroke={NOW_COLOUR} strokeWidth={2} label={{ value: 'now', position: 'top', fill: NOW_COLOUR, fontSize: 14, fontWeight: 600 }} />
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

  return (
    <div className="chart-card" data-testid="schedule-curve" data-begin={schedule.beginStep} data-end={schedule.endStep}>
      <div className="chart-head">
        <h2>
          Gradual pruning schedule <span className="chart-sub">(Zhu &amp; Gupta 2017)</span>
        </h2>
        <ul className="legend" aria-label="Lines">
          <li className="legend-target">Target</li>
          <li className="legend-overall">Measured</li>
          <li className="legend-now">Now</li>
        </ul>
      </div>
      <p className="caption">
        Prune fast at first, while many weights are redundant, then ever more gently so the network can recover in between. Dots: the steps where the mask is updated, from{' '}
        {formatPercent(schedule.initialSparsity)} to {formatPercent(schedule.finalSparsity)}.
      </p>
      {tooSparse ? (
        <p className="caption caption-warn">The mask updates every {schedule.frequency} steps but the schedule lasts {Math.max(0, schedule.endStep - schedule.beginStep)}: it prunes only once, at step {schedule.beginStep}.</p>
      ) : null}
      <ScheduleChart schedule={schedule} xMax={view.xMax} step={view.step} measured={view.measured} />
    </div>
  );
}
