/**
 * Pure summaries of a confusion matrix (counts[true · C + predicted]) and the
 * pixels of a misclassified digit.
 */

/**
 * Row-normalised shares: share[t · C + p] = counts[t · C + p] / Σₚ counts[t · C + p],
 * the fraction of true-class-t samples predicted as p (0 for an empty row).
 */
export function rowShares(counts: ArrayLike<number>, classes: number): Float64Array {
  const out = new Float64Array(classes * classes);
  for (let t = 0; t < classes; t++) {
    let row = 0;
    for (let p = 0; p < classes; p++) row += counts[t * classes + p];
    if (row > 0) for (let p = 0; p < classes; p++) out[t * classes + p] = counts[t * classes + p] / row;
  }
  return out;
}

/** Total samples and correct ones (the trace); accuracy = correct / total. */
export function confusionTotals(counts: ArrayLike<number>, classes: number): { total: number; correct: number } {
  let total = 0;
  let correct = 0;
  for (let t = 0; t < classes; t++) {
    for (let p = 0; p < classes; p++) {
      const c = counts[t * classes + p];
      total += c;
      if (t === p) correct += c;
    }
  }
  return { total, correct };
}

/** A kind of mistake: samples of class `actual` predicted as `predicted`, `count` times. */
export interface Confusion {
  actual: number;
  predicted: number;
  count: number;
}

/** The `k` most frequent off-diagonal cells, largest first (ties: lower true class, then lower predicted, first); zero cells left out. */
export function topConfusions(counts: ArrayLike<number>, classes: number, k = 3): Confusion[] {
  const cells: Confusion[] = [];
  for (let t = 0; t < classes; t++) {
    for (let p = 0; p < classes; p++) {
      const count = counts[t * classes + p];
      if (t !== p && count > 0) cells.push({ actual: t, predicted: p, count });
    }
  }
  cells.sort((a, b) => b.count - a.count || a.actual - b.actual || a.predicted - b.predicted);
  return cells.slice(0, k);
}

/**
 * RGBA pixels of a 28×28 digit (ink 0–255, row-major) as dark ink on white:
 * grey level 255 − ink, opaque. Writes into `out` when it has the right length.
 */
export function digitPixels(ink: Uint8Array, out?: Uint8ClampedArray): Uint8ClampedArray {
  const px = out !== undefined && out.length === ink.length * 4 ? out : new Uint8ClampedArray(ink.length * 4);
  for (let i = 0; i < ink.length; i++) {
    const g = 255 - ink[i];
    px[4 * i] = g;
    px[4 * i + 1] = g;
    px[4 * i + 2] = g;
    px[4 * i + 3] = 255;
  }
  return px;
}

/** Row share at which an off-diagonal cell reaches full colour: a quarter of a class going to one wrong answer is already a glaring mistake. */
export const MISTAKE_FULL_SHARE = 0.25;

/**
 * Ink strength (0–1) of a cell with row share `share`: √share on the diagonal,
 * √(share / {@link MISTAKE_FULL_SHARE}) off it (capped at 1). The square root
 * and the stronger off-diagonal scale keep a 3 % confusion visible (35 %)
 * beside a 95 % diagonal, even on a washed-out projector; the printed counts
 * carry the exact numbers.
 */
export function cellShade(share: number, diagonal: boolean): number {
  if (!(share > 0)) return 0;
  return Math.min(1, Math.sqrt(diagonal ? share : share / MISTAKE_FULL_SHARE));
}
