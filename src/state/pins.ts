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
}

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
export function addPin(pins: PinnedRun[], config: ExperimentConfig, points: readonly MetricPoint[], id: number): PinnedRun[] {
  if (pinRefusal(pins.length, points.length) !== null) return pins;
  const pin: PinnedRun = {
    id,
    config: { ...config, layers: [...config.layers] },
    points: points.map(copyPoint),
    step: points[points.length - 1].step,
    colour: freeColour(pins),
  };
  return [...pins, pin];
}

/** `pins` without the pin `id` (the same array when there is none). */
export function removePin(pins: PinnedRun[], id: number): PinnedRun[] {
  return pins.some((p) => p.id === id) ? pins.filter((p) => p.id !== id) : pins;
}
