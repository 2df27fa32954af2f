import { changedKeys, type ExperimentConfig } from '../../protocol/config';
import { imageDataset, trainsCnn } from '../../state/network';
import { countPoints } from '../../engine/data/ownPoints';
import type { Activation, BackendChoice, DatasetName, OptimizerName } from '../../engine/types';
import type { Importance, LotteryMode, PruneMode, PruneScope, ScheduleKind } from '../../engine/prune/types';
import type { Arch } from '../../protocol/config';
import { translator, type MessageKey, type Translate } from '../i18n';
import { viewsEn as viewsKeys } from '../i18n/en/views';
import { activationLabel, archLabel, backendChoiceLabel, datasetLabel, importanceLabel, lotteryLabel, optimizerLabel, pruneModeLabel, pruneScopeLabel, scheduleLabel } from '../labels';

/** English, for callers (and tests) that give no translator. */
const EN = translator('en');

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
  // The pace of training, not what it computes: never a difference between two curves.
  speed: null,
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
  pts: 'points',
};

/** Catalogue keys of the names the legend gives the keys, where they translate (θ, q, λ₁, λ₂ stay symbols). */
const PIN_KEY_MESSAGES: Partial<Record<keyof ExperimentConfig, MessageKey>> = Object.fromEntries(
  (Object.keys(PIN_KEY_NAMES) as (keyof ExperimentConfig)[])
    .filter((key) => PIN_KEY_NAMES[key] !== null && `views.pins.key.${key}` in viewsKeys)
    .map((key) => [key, `views.pins.key.${key}` as MessageKey]),
);

/** A key's legend name in the language of `t`. */
function keyName(key: keyof ExperimentConfig, t: Translate): string {
  const message = PIN_KEY_MESSAGES[key];
  return message !== undefined ? t(message) : (PIN_KEY_NAMES[key] ?? key);
}

/**
 * The option values a legend may name in words (the selects' labels) instead
 * of their URL spelling: used outside English, where "circle" or "relu" would
 * be the only English left in the legend.
 */
function optionLabel(key: keyof ExperimentConfig, value: string, t: Translate): string | null {
  switch (key) {
    case 'dataset':
      return datasetLabel(t, value as DatasetName);
    case 'act':
      return activationLabel(t, value as Activation);
    case 'opt':
      return optimizerLabel(t, value as OptimizerName);
    case 'backend':
      return backendChoiceLabel(t, value as BackendChoice);
    case 'pmode':
      return pruneModeLabel(t, value as PruneMode);
    case 'scope':
      return pruneScopeLabel(t, value as PruneScope);
    case 'importance':
      return importanceLabel(t, value as Importance);
    case 'sched':
      return scheduleLabel(t, value as ScheduleKind);
    case 'lottery':
      return lotteryLabel(t, value as LotteryMode);
    case 'arch':
      return archLabel(t, value as Arch);
    default:
      return null;
  }
}

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
    case 'pts':
      return either((c) => c.dataset === 'custom');
    default:
      return PIN_KEY_NAMES[key] !== null;
  }
}

/**
 * A config value as the legend shows it: numbers to 4 significant digits, layer lists "8,8" ("none" when empty), pooling "2×2" or "none".
 * `named`: option values by their select labels in the language of `t` (outside English), not their URL spelling.
 */
export function formatPinValue(key: keyof ExperimentConfig, value: ExperimentConfig[keyof ExperimentConfig], t: Translate = EN, named = false): string {
  if (Array.isArray(value)) return value.length === 0 ? t('views.common.none') : value.join(',');
  if (typeof value === 'number') {
    if (key === 'prox') return t(value === 1 ? 'views.common.on' : 'views.common.off');
    if (key === 'pool') return value > 1 ? `${value}×${value}` : t('views.common.none');
    const text = String(+value.toPrecision(4));
    return key === 'noise' || key === 'split' ? `${text} %` : text;
  }
  if (key === 'pts') return String(countPoints(value)); // the count: the points themselves would fill the legend
  const label = named && value !== '' ? optionLabel(key, value, t) : null;
  if (label !== null) return label;
  return key === 'arch' ? value.toUpperCase() : value;
}

/** The differences between a pinned run's config and the live one, one "name pinned → live" each, in config order. */
export function pinDifferences(pinned: ExperimentConfig, live: ExperimentConfig, t: Translate = EN, named = false): string[] {
  return changedKeys(pinned, live)
    .filter((key) => relevant(key, pinned, live))
    .map((key) => t('views.pins.diff', { name: keyName(key, t), from: formatPinValue(key, pinned[key], t, named), to: formatPinValue(key, live[key], t, named) }));
}

/**
 * A pinned run's legend label: how its settings differ from the live run's,
 * pinned value → live value ("λ₂ 0 → 0.001"); at most {@link PIN_LABEL_PARTS}
 * differences and "+N more"; "same settings" when none differs.
 */
export function pinLabel(pinned: ExperimentConfig, live: ExperimentConfig, parts = PIN_LABEL_PARTS, t: Translate = EN, named = false): string {
  const diffs = pinDifferences(pinned, live, t, named);
  if (diffs.length === 0) return t('views.pins.sameSettings');
  const shown = diffs.slice(0, parts).join(t('views.pins.listSep'));
  return diffs.length > parts ? t('views.pins.more', { shown, n: diffs.length - parts }) : shown;
}
