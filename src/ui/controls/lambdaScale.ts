/**
 * The λ slider's log scale. Position 0 is λ = 0 (penalty off); positions
 * 1 … {@link LAMBDA_MAX_POSITION} cover λ = 10⁻⁶ … 1 with
 * {@link LAMBDA_STEPS_PER_DECADE} steps per decade:
 * λ(pos) = 10^(−6 + (pos − 1)/10), rounded to 3 significant digits so the URL
 * stays readable (`l1=0.00316`). Useful penalties span decades (1e-5 barely
 * touches a toy network, 0.1 flattens it), so a linear slider would waste its travel.
 */

export const LAMBDA_MIN_EXPONENT = -6;
export const LAMBDA_MAX_EXPONENT = 0;
export const LAMBDA_STEPS_PER_DECADE = 10;
/** The last slider position: λ = 1. */
export const LAMBDA_MAX_POSITION = 1 + (LAMBDA_MAX_EXPONENT - LAMBDA_MIN_EXPONENT) * LAMBDA_STEPS_PER_DECADE;

/** λ at slider position `pos` (0 → 0, 1 → 1e-6, 31 → 1e-3, 61 → 1). */
export function lambdaAt(pos: number): number {
  if (!(pos >= 1)) return 0;
  const p = Math.min(Math.round(pos), LAMBDA_MAX_POSITION);
  return Number((10 ** (LAMBDA_MIN_EXPONENT + (p - 1) / LAMBDA_STEPS_PER_DECADE)).toPrecision(3));
}

/** The slider position nearest to λ: 0 for λ ≤ 0, at least 1 for any λ > 0 (a typed 1e-7 is not "off"). */
export function lambdaPosition(lambda: number): number {
  if (!(lambda > 0)) return 0;
  const p = Math.round(1 + (Math.log10(lambda) - LAMBDA_MIN_EXPONENT) * LAMBDA_STEPS_PER_DECADE);
  return Math.min(Math.max(p, 1), LAMBDA_MAX_POSITION);
}
