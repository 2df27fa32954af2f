/**
 * The θ slider's log scale. Position 0 is θ = 0 (pruning off); positions
 * 1 … {@link THRESHOLD_MAX_POSITION} cover θ = 10⁻⁴ … 10 with
 * {@link THRESHOLD_STEPS_PER_DECADE} steps per decade:
 * θ(pos) = 10^(−4 + (pos − 1)/20), rounded to 3 significant digits so the URL
 * stays readable (`threshold=0.0501`). Magnitudes of trained weights span
 * decades, so a linear slider would spend nearly all its travel above the
 * interesting cut-offs.
 */

export const THRESHOLD_MIN_EXPONENT = -4;
export const THRESHOLD_MAX_EXPONENT = 1;
export const THRESHOLD_STEPS_PER_DECADE = 20;
/** The last slider position: θ = 10. */
export const THRESHOLD_MAX_POSITION = 1 + (THRESHOLD_MAX_EXPONENT - THRESHOLD_MIN_EXPONENT) * THRESHOLD_STEPS_PER_DECADE;

/** θ at slider position `pos` (0 → 0, 1 → 1e-4, 41 → 0.01, 101 → 10). */
export function thresholdAt(pos: number): number {
  if (!(pos >= 1)) return 0;
  const p = Math.min(Math.round(pos), THRESHOLD_MAX_POSITION);
  return Number((10 ** (THRESHOLD_MIN_EXPONENT + (p - 1) / THRESHOLD_STEPS_PER_DECADE)).toPrecision(3));
}

/** The slider position nearest to θ: 0 for θ ≤ 0, at least 1 for any θ > 0 (a typed 5e-5 is not "off"). */
export function thresholdPosition(theta: number): number {
  if (!(theta > 0)) return 0;
  const p = Math.round(1 + (Math.log10(theta) - THRESHOLD_MIN_EXPONENT) * THRESHOLD_STEPS_PER_DECADE);
  return Math.min(Math.max(p, 1), THRESHOLD_MAX_POSITION);
}
