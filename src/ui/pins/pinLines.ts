import type { ExperimentConfig } from '../../protocol/config';
import type { MetricPoint } from '../../protocol/messages';
import { overlaidPins, type PinnedRun } from '../../state/pins';

/** Points per pinned line at most: a dashed reference line needs no more. */
export const PIN_LINE_POINTS = 200;

/** A step-axis point of a pinned run's sparsity line. */
export interface PinSparsityPoint {
  step: number;
  sparsity: number;
}

/** What the charts draw for one pinned run: each line with only its own points, thinned. */
export interface PinLines {
  id: number;
  colour: string;
  /** The run's last step (the step axis covers it). */
  step: number;
  /** Train (data) loss, averaged in buckets of consecutive points. */
  train: MetricPoint[];
  /** Points with a test evaluation (test loss; accuracy for classification). */
  evals: MetricPoint[];
  /** Whether the run was a classification run (it has test accuracies). */
  hasAccuracy: boolean;
  /** Overall sparsity readings. */
  sparsity: PinSparsityPoint[];
}

/** At most `max` of `items`, evenly picked, the last always kept. */
export function pickEvenly<T>(items: readonly T[], max = PIN_LINE_POINTS): T[] {
  if (items.length <= max) return items.slice();
  const out: T[] = [];
  const stride = items.length / max;
  for (let i = 1; i <= max; i++) out.push(items[Math.ceil(i * stride) - 1]);
  return out;
}

/**
 * Train loss in at most `max` points: consecutive points averaged in
 * ⌈n / max⌉-sized buckets, each at its bucket's last step, so the thinned line
 * keeps the mean trend rather than one noisy sample.
 */
export function thinTrainLoss(points: readonly MetricPoint[], max = PIN_LINE_POINTS): MetricPoint[] {
  if (points.length <= max) return points.map((p) => ({ step: p.step, trainLoss: p.trainLoss }));
  const size = Math.ceil(points.length / max);
  const out: MetricPoint[] = [];
  for (let start = 0; start < points.length; start += size) {
    const end = Math.min(start + size, points.length);
    let sum = 0;
    for (let i = start; i < end; i++) sum += points[i].trainLoss;
    out.push({ step: points[end - 1].step, trainLoss: sum / (end - start) });
  }
  return out;
}

/** The chart lines of one pinned run (pure; see {@link pinLines} for the cached version). */
export function buildPinLines(pin: PinnedRun, max = PIN_LINE_POINTS): PinLines {
  const evals = pin.points.filter((p) => p.testLoss !== undefined);
  const sparsity: PinSparsityPoint[] = [];
  for (const p of pin.points) if (p.sparsity !== undefined) sparsity.push({ step: p.step, sparsity: p.sparsity });
  return {
    id: pin.id,
    colour: pin.colour,
    step: pin.step,
    train: thinTrainLoss(pin.points, max),
    evals: pickEvenly(evals, max),
    hasAccuracy: evals.some((p) => p.testAccuracy !== undefined),
    sparsity: pickEvenly(sparsity, max),
  };
}

// A pin never changes, so its lines are computed once per pin object.
const cache = new WeakMap<PinnedRun, PinLines>();

/**
 * The chart lines of each pinned run, computed once per pin: the same objects
 * on every call, so memoised charts skip redraws. With `live`, only the pins
 * comparable with the live run ({@link overlaidPins}: the same dataset), so a
 * pin on another dataset is neither drawn nor stretches the shared axes.
 */
export function pinLines(pins: readonly PinnedRun[], live?: Pick<ExperimentConfig, 'dataset'>): PinLines[] {
  return (live === undefined ? pins : overlaidPins(pins, live)).map((pin) => {
    let lines = cache.get(pin);
    if (lines === undefined) {
      lines = buildPinLines(pin);
      cache.set(pin, lines);
    }
    return lines;
  });
}

/** The last step any pinned run reached (0 when none), so the shared step axis covers them all. */
export function pinsStepMax(pins: readonly PinLines[]): number {
  return pins.reduce((m, p) => Math.max(m, p.step), 0);
}
