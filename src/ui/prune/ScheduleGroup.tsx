import { useShallow } from 'zustand/react/shallow';
import { ScheduleFormula } from '../math/Formulas';
import { SCHEDULE_KINDS } from '../../engine/prune/types';
import { useAppStore } from '../../state/useAppStore';
import { formatCount } from '../format';
import { ControlGate } from '../classroom/ControlGate';
import { SCHEDULE_NOW_ALSO_SETS } from '../classroom/sections';
import { useT, type Translate } from '../i18n';
import { labelled, scheduleLabel } from '../labels';
import { SelectField } from '../controls/fields';
import { pruningLocks } from './pruningRules';
import { Reason } from '../controls/Reason';
import { KeyNumber, KeySlider } from '../controls/ConfigFields';

/** Whole percents for the 0.01-step sliders: 0.9 → "90 %". */
const percent = (v: number): string => `${Math.round(v * 100)} %`;

/** Why this schedule would surprise a student, or null (TF-MOT issues #973/#975: frequency longer than the schedule). */
function scheduleWarning(t: Translate, begin: number, end: number, frequency: number): string | null {
  if (end <= begin) return t('controls.sched.endBeforeBegin');
  if (frequency > end - begin) return t('controls.sched.freqTooLong', { freq: frequency, length: end - begin, begin });
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
  const t = useT();
  const lock = pruningLocks(c, false, t).schedule;
  const off = lock !== null;
  const on = c.sched !== 'off';
  const warning = scheduleWarning(t, c.s_begin, c.s_end, c.s_freq);
  return (
    <details className="prune-sub" open>
      <summary>
        {t('controls.sched.heading')} <span className="prune-state">{on ? `${percent(c.s_init)} → ${percent(c.s_final)}` : t('controls.off')}</span>
      </summary>
      <Reason text={lock} />
      <SelectField
        label={t('controls.sched')}
        testId="control-sched"
        value={c.sched}
        options={labelled(SCHEDULE_KINDS, (v) => scheduleLabel(t, v))}
        disabled={off}
        title={lock ?? undefined}
        onChange={(v) => setConfig('sched', v)}
        hint={t('controls.sched.hint')}
      />
      <KeySlider k="s_init" label={t('controls.sched.init')} format={percent} disabled={off} />
      <KeySlider k="s_final" label={t('controls.sched.final')} format={percent} disabled={off} />
      <div className="prune-pair">
        <KeyNumber k="s_begin" label={t('controls.sched.begin')} disabled={off} />
        <KeyNumber k="s_end" label={t('controls.sched.end')} disabled={off} />
      </div>
      <KeyNumber k="s_freq" label={t('controls.sched.freq')} disabled={off} hint={warning ?? undefined} />
      <ControlGate control="sched" alsoSets={SCHEDULE_NOW_ALSO_SETS}>
        <div className="prune-actions">
          <button
            type="button"
            data-testid="btn-schedule-now"
            disabled={off}
            title={lock ?? t('controls.sched.nowTitle', { from: formatCount(step), to: formatCount(step + Math.max(0, c.s_end - c.s_begin)) })}
            onClick={startSchedule}
          >
            {t('controls.sched.now', { step: formatCount(step) })}
          </button>
        </div>
      </ControlGate>
      <ScheduleFormula />
    </details>
  );
}
