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

/** Colours of the two loss lines (colour-blind safe: blue and orange). */
export const TRAIN_COLOUR = '#1f6fb4';
export const TEST_COLOUR = '#e07b00';
/** The penalty line (dashed): bluish green, apart from both loss lines. */
export const PENALTY_COLOUR = '#009e73';

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
