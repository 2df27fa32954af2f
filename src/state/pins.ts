import type { DatasetName } from '../engine/types';
import type { ExperimentConfig } from '../protocol/config';
import type { MetricPoint } from '../protocol/messages';

/**
 * Pinned runs: finished or paused runs kept beside the live one so their
 * curves can be overlaid (dashed) on the live charts and their settings
 * restored into the controls. Pure functions over plain data; the store wraps
 * them in the `pin`, `unpin` and `restorePin` actions.
 *
 * The ≤ 4 rule: pinning a fifth run is refused (the list is unchanged and the
 * pin button says why) rather than silently dropping the oldest, because the
 * oldest pin is often the baseline every later run is compared against.
 *
 * Like with like: a pin is overlaid on the live charts only when it trained
 * on the live run's dataset ({@link pinComparable}); the others stay listed,
 * each saying why it is not drawn ("pinned on xor: not comparable with
 * mnist"). The same input and output shape is not enough: xor, circle, gauss
 * and spiral are all 2 inputs → 2 classes, yet their losses measure different
 * problems (on gauss, two separable clouds, a small network's loss falls
 * near zero in a few hundred steps; on spiral it stays high far longer), so a
 * pinned xor curve under a live circle one would credit the settings with
 * what the data did; on different datasets the curves' scales differ too, and
 * one would stretch the other's axis. The dataset fixes the task too (each
 * is classification or regression), so one test covers both; within a
 * dataset, noise, training share, digits and augmentation are what a student
 * compares (lessons 1 and 7), so they do not stop an overlay.
 *
 * An experiment that pins its runs (the augmentation comparison) tags them
 * with its name ({@link PinnedRun.experiment}); run again, it replaces its own
 * pins instead of adding two more.
 */

/** A run kept for comparison. Its label (what differs from the live config) is derived in the UI, so it never goes stale. */
export interface PinnedRun {
  /** Unique among the pins; never reused while the app runs. */
  id: number;
  /** The config the run trained with when it was pinned (a copy). */
  config: ExperimentConfig;
  /** The run's chart points when it was pinned (copies; the series may decimate them later, the pin never changes). */
  points: MetricPoint[];
  /** The last step the run reached. */
  step: number;
  /** The pin's line colour on every chart. */
  colour: string;
  /** The experiment that pinned it (see {@link PIN_EXPERIMENTS}), absent for a pin by hand; a rerun of the experiment replaces its pins. */
  experiment?: PinExperiment;
}

/** Experiments that pin runs of their own: `augmentation`, the "effect of augmentation" comparison (augExperiment.ts). */
export const PIN_EXPERIMENTS = ['augmentation'] as const;
export type PinExperiment = (typeof PIN_EXPERIMENTS)[number];

/** Pinned runs kept at most. */
export const PINS_MAX = 4;

/**
 * The pinned runs' line colours, in order of use: colour-blind-safe hues (Okabe–Ito
 * and Tol) apart from the live lines' blue, orange and bluish green.
 */
export const PIN_COLOURS = ['#cc79a7', '#56b4e9', '#8c564b', '#882255'] as const;

/** Why the live run (with `pointCount` chart points) cannot be pinned beside `pinCount` pins, or null when it can. */
export function pinRefusal(pinCount: number, pointCount: number): string | null {
  if (pointCount === 0) return 'Nothing to pin yet: train a few steps first.';
  if (pinCount >= PINS_MAX) return `At most ${PINS_MAX} runs can be pinned: remove one first.`;
  return null;
}

/** The first colour of {@link PIN_COLOURS} no pin uses (so a pin keeps its colour when another is removed). */
export function freeColour(pins: readonly PinnedRun[]): string {
  const used = new Set(pins.map((p) => p.colour));
  return PIN_COLOURS.find((c) => !used.has(c)) ?? PIN_COLOURS[pins.length % PIN_COLOURS.length];
}

/** A deep copy of one metric point (its per-layer sparsity array included). */
function copyPoint(p: MetricPoint): MetricPoint {
  return p.layerSparsity === undefined ? { ...p } : { ...p, layerSparsity: p.layerSparsity.slice() };
}

/**
 * `pins` with the live run (its `config` and series `points`) appended as a new
 * pin with id `id`; `pins` itself when {@link pinRefusal} refuses (nothing to
 * pin, or already {@link PINS_MAX} pins).
 */
export function addPin(pins: PinnedRun[], config: ExperimentConfig, points: readonly MetricPoint[], id: number, experiment?: PinExperiment): PinnedRun[] {
  if (pinRefusal(pins.length, points.length) !== null) return pins;
  const pin: PinnedRun = {
    id,
    config: { ...config, layers: [...config.layers] },
    points: points.map(copyPoint),
    step: points[points.length - 1].step,
    colour: freeColour(pins),
    ...(experiment === undefined ? {} : { experiment }),
  };
  return [...pins, pin];
}

/** The pins `experiment` took (oldest first). */
export function experimentPins(pins: readonly PinnedRun[], experiment: PinExperiment): PinnedRun[] {
  return pins.filter((p) => p.experiment === experiment);
}

/**
 * Whether a run pinned with `pinned` compares like with like with the live
 * run `live`: both trained on the same dataset (hence the same task). See the
 * module comment for why the same input/output shape is not enough.
 */
export function pinComparable(pinned: Pick<ExperimentConfig, 'dataset'>, live: Pick<ExperimentConfig, 'dataset'>): boolean {
  return pinned.dataset === live.dataset;
}

/** Why `pin` is listed but not drawn beside a live run on `live`, or null when it is drawn. */
export function pinNotComparable(pin: Pick<PinnedRun, 'config'>, live: Pick<ExperimentConfig, 'dataset'>): { pinned: DatasetName; live: DatasetName } | null {
  return pinComparable(pin.config, live) ? null : { pinned: pin.config.dataset, live: live.dataset };
}

/** The pins drawn on the live charts: those {@link pinComparable} with the live run, in pin order (the same array when all are). */
export function overlaidPins<P extends Pick<PinnedRun, 'config'>>(pins: readonly P[], live: Pick<ExperimentConfig, 'dataset'>): readonly P[] {
  return pins.every((p) => pinComparable(p.config, live)) ? pins : pins.filter((p) => pinComparable(p.config, live));
}

/** `pins` without the pin `id` (the same array when there is none). */
export function removePin(pins: PinnedRun[], id: number): PinnedRun[] {
  return pins.some((p) => p.id === id) ? pins.filter((p) => p.id !== id) : pins;
}
