import { changedKeys, type ExperimentConfig } from '../../protocol/config';
import { imageDataset, trainsCnn } from '../../state/network';

/**
 * Short names of the config keys in a pinned run's legend ("λ₂ 0 → 0.001"),
 * or null for keys that only set up an action (the λ sweep, regularise-then-prune)
 * and so never change a training curve. Typed over every key: a new config key
 * without a legend rule does not compile.
 */
export const PIN_KEY_NAMES: Record<keyof ExperimentConfig, string | null> = {
  dataset: 'data',
  noise: 'noise',
  split: 'train share',
  layers: 'layers',
  act: 'activation',
  opt: 'optimizer',
  lr: 'lr',
  batch: 'batch',
  seed: 'seed',
  backend: 'backend',
  pmode: 'prune rule',
  threshold: 'θ',
  sparsity: 'target sparsity',
  q: 'q',
  scope: 'scope',
  keep: 'keep',
  importance: 'importance',
  sched: 'schedule',
  s_init: 's_init',
  s_final: 's_final',
  s_begin: 's_begin',
  s_end: 's_end',
  s_freq: 's_freq',
  lottery: 'lottery',
  lt_rate: 'lt_rate',
  lt_out: 'lt_out',
  lt_steps: 'lt_steps',
  lt_rounds: 'lt_rounds',
  l1: 'λ₁',
  l2: 'λ₂',
  prox: 'proximal L1',
  dropout: 'dropout',
  cv_k: null,
  cv_steps: null,
  cv_min: null,
  cv_max: null,
  cv_points: null,
  rp_steps: null,
  rp_tune: null,
  aug: 'augmentation',
  trainSize: 'train digits',
  arch: 'network',
  conv: 'conv',
  pool: 'pooling',
};

/** Differences shown in a legend entry before "+N more". */
export const PIN_LABEL_PARTS = 2;

/**
 * Whether a difference in `key` can matter for the curves of runs `a` and `b`:
 * a rule's parameter matters only when either run uses that rule (θ with the
 * threshold rule, the schedule's steps with the schedule on, …).
 */
function relevant(key: keyof ExperimentConfig, a: ExperimentConfig, b: ExperimentConfig): boolean {
  const either = (test: (c: ExperimentConfig) => boolean): boolean => test(a) || test(b);
  switch (key) {
    case 'threshold':
      return either((c) => c.pmode === 'threshold');
    case 'sparsity':
      return either((c) => c.pmode === 'sparsity');
    case 'q':
      return either((c) => c.pmode === 'std');
    case 'importance':
      return either((c) => c.keep < 1);
    case 's_init':
    case 's_final':
    case 's_begin':
    case 's_end':
    case 's_freq':
      return either((c) => c.sched !== 'off');
    case 'lt_rate':
    case 'lt_out':
    case 'lt_steps':
    case 'lt_rounds':
      return either((c) => c.lottery !== 'off');
    case 'prox':
      return either((c) => c.l1 > 0);
    case 'arch':
      return either((c) => imageDataset(c.dataset));
    case 'conv':
    case 'pool':
      return either(trainsCnn);
    default:
      return PIN_KEY_NAMES[key] !== null;
  }
}

/** A config value as the legend shows it: numbers to 4 significant digits, layer lists "8,8" ("none" when empty), pooling "2×2" or "none". */
export function formatPinValue(key: keyof ExperimentConfig, value: ExperimentConfig[keyof ExperimentConfig]): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(',');
  if (typeof value === 'number') {
    if (key === 'prox') return value === 1 ? 'on' : 'off';
    if (key === 'pool') return value > 1 ? `${value}×${value}` : 'none';
    const text = String(+value.toPrecision(4));
    return key === 'noise' || key === 'split' ? `${text} %` : text;
  }
  return key === 'arch' ? value.toUpperCase() : value;
}

/** The differences between a pinned run's config and the live one, one "name pinned → live" each, in config order. */
export function pinDifferences(pinned: ExperimentConfig, live: ExperimentConfig): string[] {
  return changedKeys(pinned, live)
    .filter((key) => relevant(key, pinned, live))
    .map((key) => `${PIN_KEY_NAMES[key] ?? key} ${formatPinValue(key, pinned[key])} → ${formatPinValue(key, live[key])}`);
}

/**
 * A pinned run's legend label: how its settings differ from the live run's,
 * pinned value → live value ("λ₂ 0 → 0.001"); at most {@link PIN_LABEL_PARTS}
 * differences and "+N more"; "same settings" when none differs.
 */
export function pinLabel(pinned: ExperimentConfig, live: ExperimentConfig, parts = PIN_LABEL_PARTS): string {
  const diffs = pinDifferences(pinned, live);
  if (diffs.length === 0) return 'same settings';
  const shown = diffs.slice(0, parts).join(', ');
  return diffs.length > parts ? `${shown} +${diffs.length - parts} more` : shown;
}
