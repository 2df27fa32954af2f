import { useShallow } from 'zustand/react/shallow';
import { SCHEDULE_KINDS } from '../../engine/prune/types';
import { useAppStore } from '../../state/useAppStore';
import { MAX_STEP } from '../../state/urlCodec';
import { formatCount } from '../format';
import { SCHEDULE_LABELS } from '../labels';
import { SelectField } from './fields';
import { NumberField } from './NumberField';
import { pruningLocks } from './pruningRules';
import { Reason } from './Reason';
import { FloatRangeField } from './SliderFields';

/** Whole percents for the 0.01-step sliders: 0.9 → "90 %". */
const percent = (v: number): string => `${Math.round(v * 100)} %`;

/** Why this schedule would surprise a student, or null (TF-MOT issues #973/#975: frequency longer than the schedule). */
function scheduleWarning(begin: number, end: number, frequency: number): string | null {
  if (end <= begin) return 'End must come after begin: the mask jumps straight to the final sparsity.';
  if (frequency > end - begin) return `The mask updates every ${frequency} steps but the schedule lasts ${end - begin}: it prunes only once, at step ${begin}.`;
  return null;
}

/**
 * Gradual pruning while training (Zhu & Gupta 2017, TF-MOT PolynomialDecay,
 * power 3): s_t = s_f + (s_i − s_f)(1 − (t − begin)/(end − begin))³, the mask
 * updated every `s_freq` steps. "Start now" moves the schedule to begin at the
 * current step, keeping its length.
 */
export function ScheduleGroup() {
  const c = useAppStore(
    useShallow((s) => ({
      pmode: s.config.pmode,
      sched: s.config.sched,
      lottery: s.config.lottery,
      s_init: s.config.s_init,
      s_final: s.config.s_final,
      s_begin: s.config.s_begin,
      s_end: s.config.s_end,
      s_freq: s.config.s_freq,
    })),
  );
  const step = useAppStore((s) => s.run.step);
  const setConfig = useAppStore((s) => s.setConfig);
  const startSchedule = useAppStore((s) => s.startSchedule);
  const lock = pruningLocks(c, false).schedule;
  const off = lock !== null;
  const on = c.sched !== 'off';
  const warning = scheduleWarning(c.s_begin, c.s_end, c.s_freq);
  return (
    <details className="prune-sub" open>
      <summary>
        Gradual pruning <span className="prune-state">{on ? `${percent(c.s_init)} → ${percent(c.s_final)}` : 'off'}</span>
      </summary>
      <Reason text={lock} />
      <SelectField
        label="Schedule"
        testId="control-sched"
        value={c.sched}
        options={SCHEDULE_KINDS.map((value) => ({ value, label: SCHEDULE_LABELS[value] }))}
        disabled={off}
        title={lock ?? undefined}
        onChange={(v) => setConfig('sched', v)}
        hint="Prunes the smallest weights step by step while training, so the network can adapt."
      />
      <FloatRangeField label="Initial sparsity" testId="control-s_init" value={c.s_init} min={0} max={0.99} step={0.01} format={percent} disabled={off} onChange={(v) => setConfig('s_init', v)} />
      <FloatRangeField label="Final sparsity" testId="control-s_final" value={c.s_final} min={0} max={0.99} step={0.01} format={percent} disabled={off} onChange={(v) => setConfig('s_final', v)} />
      <div className="prune-pair">
        <NumberField label="Begin step" testId="control-s_begin" value={c.s_begin} min={0} max={MAX_STEP} disabled={off} delayMs={400} onChange={(v) => setConfig('s_begin', v)} />
        <NumberField label="End step" testId="control-s_end" value={c.s_end} min={0} max={MAX_STEP} disabled={off} delayMs={400} onChange={(v) => setConfig('s_end', v)} />
      </div>
      <NumberField
        label="Every n steps"
        testId="control-s_freq"
        value={c.s_freq}
        min={1}
        max={10000}
        disabled={off}
        delayMs={400}
        onChange={(v) => setConfig('s_freq', v)}
        hint={warning ?? undefined}
      />
      <div className="prune-actions">
        <button
          type="button"
          data-testid="btn-schedule-now"
          disabled={off}
          title={lock ?? `Schedule from step ${formatCount(step)} to ${formatCount(step + Math.max(0, c.s_end - c.s_begin))}`}
          onClick={startSchedule}
        >
          Start now (step {formatCount(step)})
        </button>
      </div>
    </details>
  );
}
