import { useShallow } from 'zustand/react/shallow';
import { LOTTERY_MODES } from '../../engine/prune/types';
import { useAppStore } from '../../state/useAppStore';
import { formatPercent } from '../format';
import { LOTTERY_LABELS } from '../labels';
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
  return (
    <details className="prune-sub" open>
      <summary>
        Lottery ticket <span className="prune-state">{on ? c.lottery : 'off'}</span>
      </summary>
      <SelectField
        label="Mode"
        testId="control-lottery"
        value={c.lottery}
        options={LOTTERY_MODES.map((value) => ({ value, label: LOTTERY_LABELS[value] }))}
        onChange={(v) => setConfig('lottery', v)}
        hint={on ? 'A new run from the seed: train, prune, rewind, repeat; training pauses after the last round.' : 'Changing any setting here starts a new run.'}
      />
      <FloatRangeField
        label="Prune per round"
        testId="control-lt_rate"
        value={c.lt_rate}
        min={0.01}
        max={0.9}
        step={0.01}
        format={percent}
        onChange={(v) => setConfig('lt_rate', v)}
        hint="Of each hidden layer's remaining weights (20 % in the paper)."
      />
      <FloatRangeField
        label="Output layer per round"
        testId="control-lt_out"
        value={c.lt_out}
        min={0}
        max={0.9}
        step={0.01}
        format={percent}
        onChange={(v) => setConfig('lt_out', v)}
      />
      <div className="prune-pair">
        <NumberField label="Steps/round" testId="control-lt_steps" value={c.lt_steps} min={10} max={100000} delayMs={600} onChange={(v) => setConfig('lt_steps', v)} />
        <NumberField label="Rounds" testId="control-lt_rounds" value={c.lt_rounds} min={1} max={30} delayMs={600} onChange={(v) => setConfig('lt_rounds', v)} />
      </div>
      <p className="hint">
        After {c.lt_rounds} rounds about {formatPercent(remaining)} of the hidden weights remain: (1 − {percent(c.lt_rate)})<sup>{c.lt_rounds}</sup>. Round 0 trains the dense network.
      </p>
    </details>
  );
}
