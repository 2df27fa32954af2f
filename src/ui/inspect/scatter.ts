/**
 * Pure maths of the predicted-vs-true scatter: one shared axis range for both
 * axes (so y = x is the diagonal), ticks, and R².
 */

/** A closed interval. */
export interface Range {
  lo: number;
  hi: number;
}

/**
 * One range covering both `predicted` and `actual` (non-finite values
 * ignored), padded by 5 % each side so no point sits on the frame; both axes
 * use it, so the y = x line runs corner to corner. A degenerate range
 * (one value, or none) widens to ±1 around it.
 */
export function scatterExtent(predicted: ArrayLike<number>, actual: ArrayLike<number>): Range {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of [predicted, actual]) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return { lo: -1, hi: 1 };
  if (hi - lo < 1e-9) return { lo: lo - 1, hi: hi + 1 };
  const pad = (hi - lo) * 0.05;
  return { lo: lo - pad, hi: hi + pad };
}

/** Round tick values inside `range`: steps of 1, 2 or 5 × 10ᵏ, about `count` of them. */
export function niceTicks(range: Range, count = 5): number[] {
  const span = range.hi - range.lo;
  if (!(span > 0)) return [];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(range.lo / step) * step; t <= range.hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : +t.toPrecision(12));
  return out;
}

/**
 * Coefficient of determination R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)²: 1 for perfect
 * predictions, 0 for always predicting the mean, negative for worse. Null when
 * there are no samples or the targets do not vary.
 */
export function rSquared(predicted: ArrayLike<number>, actual: ArrayLike<number>): number | null {
  const n = Math.min(predicted.length, actual.length);
  if (n === 0) return null;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (predicted[i] - actual[i]) ** 2;
    ssTot += (actual[i] - mean) ** 2;
  }
  return ssTot > 0 ? 1 - ssRes / ssTot : null;
}
