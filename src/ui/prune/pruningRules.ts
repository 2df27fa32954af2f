import type { ExperimentConfig } from '../../protocol/config';
import { translator, type Translate } from '../i18n';

/**
 * Who owns the kernel mask, and therefore which pruning controls do
 * something right now. Each reason is shown beside the control it disables.
 */
export interface PruningLocks {
  /** Why the manual θ / s / q control is off (the schedule or the lottery owns the mask); null when it applies. */
  manual: string | null;
  /** Why keep / importance / compaction are off; null when they apply. */
  neurons: string | null;
  /** Why the scope select has no effect; null when it applies. */
  scope: string | null;
  /** Why the gradual schedule is off; null when it applies. */
  schedule: string | null;
}

/** The locks for `config`; `compacted` once the run's neurons were removed. The reasons are in the language of `t` (English by default). */
export function pruningLocks(config: Pick<ExperimentConfig, 'pmode' | 'sched' | 'lottery'>, compacted: boolean, t: Translate = translator('en')): PruningLocks {
  const lottery = config.lottery !== 'off';
  const sched = config.sched !== 'off';
  const manual = lottery ? t('controls.lock.lotteryManual') : sched ? t('controls.lock.scheduleManual') : null;
  const neurons = lottery ? t('controls.lock.lotteryNeurons') : compacted ? t('controls.lock.compacted') : null;
  const scopeApplies = !lottery && (sched || config.pmode === 'sparsity');
  const scope = scopeApplies ? null : t('controls.lock.scope');
  const schedule = lottery ? t('controls.lock.lotterySchedule') : null;
  return { manual, neurons, scope, schedule };
}

/** Hidden widths after keeping ⌈p·n⌉ neurons per layer (at least 1): [300, 100] at p = 0.5 → [150, 50]. */
export function keptWidths(layers: readonly number[], keepRatio: number): number[] {
  // The epsilon absorbs float error: 0.07 · 100 = 7.000000000000001 keeps 7, not 8.
  return layers.map((n) => Math.max(1, Math.ceil(keepRatio * n - 1e-9)));
}
