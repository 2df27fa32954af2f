/**
 * k-fold cross-validation helpers and the λ grid (tfjs-free).
 */
import type { Dataset } from '../types';
import { Rng } from '../rng';

/**
 * A seeded shuffle (Rng(seed), Fisher–Yates) of 0 … n−1 cut into k folds: the first
 * n mod k folds hold ⌈n/k⌉ indices, the others ⌊n/k⌋; each fold sorted ascending.
 * Together a partition of 0 … n−1. Throws unless 2 ≤ k ≤ n (integers).
 */
export function kFolds(n: number, k: number, seed: number): Int32Array[] {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 2 || k > n) throw new Error(`kFolds: need integers 2 ≤ k ≤ n, got k = ${k}, n = ${n}`);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  new Rng(seed).shuffle(perm);
  const base = Math.floor(n / k);
  const extra = n % k;
  const folds: Int32Array[] = [];
  let p = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < extra ? 1 : 0);
    folds.push(perm.slice(p, p + size).sort());
    p += size;
  }
  return folds;
}

/** Copies rows `idx` of x (row width d) and y. */
function takeRows(x: Float32Array, y: Float32Array, d: number, idx: ArrayLike<number>): { x: Float32Array; y: Float32Array } {
  const xs = new Float32Array(idx.length * d);
  const ys = new Float32Array(idx.length);
  for (let r = 0; r < idx.length; r++) {
    const src = idx[r];
    xs.set(x.subarray(src * d, src * d + d), r * d);
    ys[r] = y[src];
  }
  return { x: xs, y: ys };
}

/**
 * The k cross-validation splits of `d`'s TRAIN rows (folds from kFolds(nTrain, k, seed)):
 * split i has the rows of fold i as its test part (the validation set) and the other
 * train rows, in ascending order, as its train part. The original test set is not used.
 * Same `info` as `d`.
 */
export function foldDatasets(d: Dataset, k: number, seed: number): { train: Dataset; val: Dataset }[] {
  const folds = kFolds(d.nTrain, k, seed);
  const dim = d.info.inputDim;
  const foldOf = new Int32Array(d.nTrain);
  folds.forEach((f, i) => f.forEach((r) => (foldOf[r] = i)));
  return folds.map((valIdx, i) => {
    const trainIdx = new Int32Array(d.nTrain - valIdx.length);
    let p = 0;
    for (let r = 0; r < d.nTrain; r++) if (foldOf[r] !== i) trainIdx[p++] = r;
    const tr = takeRows(d.xTrain, d.yTrain, dim, trainIdx);
    const va = takeRows(d.xTrain, d.yTrain, dim, valIdx);
    const ds: Dataset = { info: d.info, xTrain: tr.x, yTrain: tr.y, xTest: va.x, yTest: va.y, nTrain: trainIdx.length, nTest: valIdx.length };
    return { train: ds, val: ds };
  });
}

/**
 * `points` values spaced evenly in log10 from `min` to `max`, ascending, with exact
 * ends: 10^(log10 min + i·(log10 max − log10 min)/(points − 1)). 1e-5 … 1 with 9 points
 * steps by 10^0.625 (1e-5, 4.22e-5, 1.78e-4, …, 1). points = 1 gives [min].
 * Throws unless 0 < min ≤ max and points ≥ 1 (an integer).
 */
export function logGrid(min: number, max: number, points: number): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max) || !Number.isInteger(points) || points < 1) {
    throw new Error(`logGrid: need 0 < min ≤ max and an integer points ≥ 1, got ${min}, ${max}, ${points}`);
  }
  if (points === 1) return [min];
  const a = Math.log10(min);
  const step = (Math.log10(max) - a) / (points - 1);
  const out: number[] = [];
  for (let i = 0; i < points; i++) out.push(i === 0 ? min : i === points - 1 ? max : 10 ** (a + i * step));
  return out;
}

/** Mean and population standard deviation (√(Σ(x − mean)²/n)); NaN for both when xs is empty. */
export function meanStd(xs: number[]): { mean: number; std: number } {
  const n = xs.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  return { mean, std: Math.sqrt(v) };
}
