import { useShallow } from 'zustand/react/shallow';
import { LOTTERY_MODES } from '../../engine/prune/types';
import { useAppStore } from '../../state/useAppStore';
import { formatPercent } from '../format';
import { useT } from '../i18n';
import { labelled, lotteryLabel } from '../labels';
import { SelectField } from './fields';
import { NumberField } from './NumberField';
import { FloatRangeField } from './SliderFields';

/** Whole percents for the 0.01-step sliders: 0.2 → "20 %". */
const percent = (v: number): string => `${Math.round(v * 100)} %`;

/**
 * Iterative pruning with rewinding (Frankle & Carbin 2019): train lt_steps,
 * prune lt_rate of each hidden layer's remaining weights (lt_out of the output
 * layer's), reset the survivors to their initial values (or to random ones,
 * the control), repeat lt_rounds times. After n rounds (1 − rate)ⁿ remain.
 * Every key here starts a new run from the seed.
 */
export function LotteryGroup() {
  const c = useAppStore(
    useShallow((s) => ({ lottery: s.config.lottery, lt_rate: s.config.lt_rate, lt_out: s.config.lt_out, lt_steps: s.config.lt_steps, lt_rounds: s.config.lt_rounds })),
  );
  const setConfig = useAppStore((s) => s.setConfig);
  const on = c.lottery !== 'off';
  const remaining = (1 - c.lt_rate) ** c.lt_rounds;
  const t = useT();
  return (
    <details className="prune-sub" open>
      <summary>
        {t('controls.lottery.heading')} <span className="prune-state">{c.lottery !== 'off' ? t(`controls.lottery.state.${c.lottery}`) : t('controls.off')}</span>
      </summary>
      <SelectField
        label={t('controls.lottery')}
        testId="control-lottery"
        value={c.lottery}
        options={labelled(LOTTERY_MODES, (v) => lotteryLabel(t, v))}
        onChange={(v) => setConfig('lottery', v)}
        hint={on ? t('controls.lottery.hintOn') : t('controls.lottery.hintOff')}
      />
      <FloatRangeField
        label={t('controls.lottery.rate')}
        testId="control-lt_rate"
        value={c.lt_rate}
        min={0.01}
        max={0.9}
        step={0.01}
        format={percent}
        onChange={(v) => setConfig('lt_rate', v)}
        hint={t('controls.lottery.rateHint')}
      />
      <FloatRangeField
        label={t('controls.lottery.out')}
        testId="control-lt_out"
        value={c.lt_out}
        min={0}
        max={0.9}
        step={0.01}
        format={percent}
        onChange={(v) => setConfig('lt_out', v)}
      />
      <div className="prune-pair">
        <NumberField label={t('controls.lottery.steps')} testId="control-lt_steps" value={c.lt_steps} min={10} max={100000} delayMs={600} onChange={(v) => setConfig('lt_steps', v)} />
        <NumberField label={t('controls.lottery.rounds')} testId="control-lt_rounds" value={c.lt_rounds} min={1} max={30} delayMs={600} onChange={(v) => setConfig('lt_rounds', v)} />
      </div>
      <p className="hint">
        {t('controls.lottery.remain', { rounds: c.lt_rounds, remaining: formatPercent(remaining) })} (1 − {percent(c.lt_rate)})<sup>{c.lt_rounds}</sup>
        {t('controls.lottery.round0')}
      </p>
    </details>
  );
}
