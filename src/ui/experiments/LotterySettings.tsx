import { useShallow } from 'zustand/react/shallow';
import { LOTTERY_MODES } from '../../engine/prune/types';
import { useAppStore } from '../../state/useAppStore';
import { formatPercent } from '../format';
import { useT } from '../i18n';
import { labelled, lotteryLabel } from '../labels';
import { SelectField } from '../controls/fields';
import { KeyNumber, KeySlider } from '../controls/ConfigFields';

/** Whole percents for the 0.01-step sliders: 0.2 → "20 %". */
const percent = (v: number): string => `${Math.round(v * 100)} %`;

/**
 * Iterative pruning with rewinding (Frankle & Carbin 2019): train lt_steps,
 * prune lt_rate of each hidden layer's remaining weights (lt_out of the output
 * layer's), reset the survivors to their initial values (or to random ones,
 * the control), repeat lt_rounds times. After n rounds (1 − rate)ⁿ remain.
 * Every key here starts a new run from the seed; play runs the rounds.
 */
export function LotterySettings() {
  const c = useAppStore(
    useShallow((s) => ({ lottery: s.config.lottery, lt_rate: s.config.lt_rate, lt_out: s.config.lt_out, lt_steps: s.config.lt_steps, lt_rounds: s.config.lt_rounds })),
  );
  const setConfig = useAppStore((s) => s.setConfig);
  const on = c.lottery !== 'off';
  const remaining = (1 - c.lt_rate) ** c.lt_rounds;
  const t = useT();
  return (
    <div className="exp-settings">
      <SelectField
        label={t('controls.lottery')}
        testId="control-lottery"
        value={c.lottery}
        options={labelled(LOTTERY_MODES, (v) => lotteryLabel(t, v))}
        onChange={(v) => setConfig('lottery', v)}
        hint={on ? t('controls.lottery.hintOn') : t('controls.lottery.hintOff')}
      />
      <div className="prune-pair">
        <KeySlider k="lt_rate" label={t('controls.lottery.rate')} format={percent} hint={t('controls.lottery.rateHint')} />
        <KeySlider k="lt_out" label={t('controls.lottery.out')} format={percent} />
        <KeyNumber k="lt_steps" label={t('controls.lottery.steps')} delayMs={600} />
        <KeyNumber k="lt_rounds" label={t('controls.lottery.rounds')} delayMs={600} />
      </div>
      <p className="hint">
        {t('controls.lottery.remain', { rounds: c.lt_rounds, remaining: formatPercent(remaining) })} (1 − {percent(c.lt_rate)})<sup>{c.lt_rounds}</sup>
        {t('controls.lottery.round0')}
      </p>
    </div>
  );
}
