import type { Importance, LotteryMode, PruneMode, PruneScope, ScheduleKind } from '../engine/prune/types';
import type { Arch } from '../protocol/config';
import type { PenaltyKind } from '../state/regularisation';
import type { Activation, BackendChoice, BackendName, DatasetName, OptimizerName } from '../engine/types';
import type { Translate } from './i18n';

/**
 * How the values of the experiment's selects are named in the UI, in the
 * current language: each value has its catalogue key `controls.<kind>.<value>`
 * (a template-literal key, so a new value without its key does not compile).
 */

/** A select's options: each value with its label. */
export function labelled<T extends string>(values: readonly T[], label: (value: T) => string): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: label(value) }));
}

export const datasetLabel = (t: Translate, v: DatasetName): string => t(`controls.dataset.${v}`);
export const archLabel = (t: Translate, v: Arch): string => t(`controls.arch.${v}`);
export const activationLabel = (t: Translate, v: Activation): string => t(`controls.act.${v}`);
export const optimizerLabel = (t: Translate, v: OptimizerName): string => t(`controls.opt.${v}`);
export const pruneModeLabel = (t: Translate, v: PruneMode): string => t(`controls.pmode.${v}`);
export const pruneScopeLabel = (t: Translate, v: PruneScope): string => t(`controls.scope.${v}`);
export const importanceLabel = (t: Translate, v: Importance): string => t(`controls.importance.${v}`);
export const scheduleLabel = (t: Translate, v: ScheduleKind): string => t(`controls.sched.${v}`);
export const lotteryLabel = (t: Translate, v: LotteryMode): string => t(`controls.lottery.${v}`);
export const penaltyLabel = (t: Translate, v: PenaltyKind): string => t(`controls.penalty.${v}`);

/** The backends by their technical names (the same in every language). */
export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export const backendChoiceLabel = (t: Translate, v: BackendChoice): string => (v === 'auto' ? t('controls.backend.auto') : BACKEND_LABELS[v]);
