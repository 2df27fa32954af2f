import { formatPercent } from '../format';
/** Margins of every step-axis chart, px. */
export const CHART_MARGIN = { top: 8, right: 16, bottom: 4, left: 4 } as const;

/** The 0–100 % y axis of the accuracy, sparsity and schedule charts, with its tick and tooltip formats: spread into a StepChart. */
export const FRACTION_Y = {
  y: { domain: [0, 1], scale: 'linear', ticks: [0, 0.25, 0.5, 0.75, 1] },
  yFormat: tickPercent,
  valueFormat: formatPercent,
} as const;

/** Axis tick labels: short numbers (1.2k steps, 0.05 loss). */
export function tickStep(v: number): string {
  if (Math.abs(v) >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (Math.abs(v) >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  return String(v);
}

/** A loss tick: up to 3 significant digits. */
export function tickLoss(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4) return v.toExponential(0);
  return String(+v.toPrecision(3));
}

/** An accuracy tick as a percentage. */
export function tickPercent(v: number): string {
  return `${Math.round(v * 100)} %`;
}

/** Colours of the loss lines and the penalty (colour-blind safe; see palette.ts). */
export { PENALTY_COLOUR, TEST_COLOUR, TRAIN_COLOUR } from './palette';

const NICE_MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * The step axis end: the smallest "nice" number ≥ `step` (1, 1.2, 1.5, 2, 2.5, 3,
 * 4, 5, 6, 8 × 10ᵏ, at least 10), so the axis and its ticks change only now and
 * then instead of on every update, and both charts share it.
 */
export function niceStepCeil(step: number): number {
  if (!(step > 10)) return 10;
  const scale = 10 ** Math.floor(Math.log10(step));
  const m = NICE_MANTISSAS.find((x) => x * scale >= step) ?? 10;
  return Math.round(m * scale);
}

/** The smallest "nice" number ≥ `v` > 0 (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ); 1 for anything not positive and finite. */
export function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const scale = 10 ** Math.floor(Math.log10(v));
  const m = NICE_MANTISSAS.find((x) => x * scale >= v * (1 - 1e-12)) ?? 10;
  return +(m * scale).toPrecision(12);
}

/**
 * An explicit loss axis over the values `ys` (non-finite and, for log, non-positive ones
 * skipped): linear [0, niceCeil(max)], log [10^⌊log₁₀ min⌋, 10^⌈log₁₀ max⌉]: the loss
 * chart's axis over its live and pinned lines. It changes only when the data cross a
 * nice number, so the pinned lines' paths are seldom rebuilt.
 */
export function lossDomain(ys: Iterable<number>, logScale: boolean): [number, number] {
  let max = 0;
  let minPositive = Infinity;
  for (const v of ys) {
    if (!Number.isFinite(v)) continue;
    if (v > max) max = v;
    if (v > 0 && v < minPositive) minPositive = v;
  }
  if (!logScale) return [0, niceCeil(max)];
  if (!(max > 0)) return [0.01, 1];
  const lo = 10 ** Math.floor(Math.log10(minPositive));
  const hi = 10 ** Math.ceil(Math.log10(max));
  return [+lo.toPrecision(12), +(hi > lo ? hi : lo * 10).toPrecision(12)];
}
