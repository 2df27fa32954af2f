/** Seeded train/test split shared by every generated dataset. */
import type { Dataset, DatasetInfo } from '../types';
import { Rng } from '../rng';

/**
 * Number of training samples for a share in percent:
 * nTrain = round(n · trainPercent / 100), clamped to [1, n − 1] so both sides
 * hold at least one sample (n ≥ 2).
 */
export function trainCount(n: number, trainPercent: number): number {
  const raw = Math.round((n * trainPercent) / 100);
  return Math.min(Math.max(raw, 1), n - 1);
}

/**
 * Shuffles the sample order with `rng` (Fisher–Yates over indices) and puts the
 * first `nTrain` samples in the train part, the rest in the test part.
 * `x` is row-major [n × info.inputDim]; `y` holds one value per sample (class
 * index or regression target).
 */
export function splitDataset(info: DatasetInfo, x: Float32Array, y: Float32Array, nTrain: number, rng: Rng): Dataset {
  const n = y.length;
  const d = info.inputDim;
  if (x.length !== n * d) throw new Error(`splitDataset: x has ${x.length} values, expected ${n} × ${d}`);
  if (nTrain < 1 || nTrain >= n) throw new Error(`splitDataset: nTrain ${nTrain} must be in [1, ${n - 1}]`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  rng.shuffle(order);
  const nTest = n - nTrain;
  const xTrain = new Float32Array(nTrain * d);
  const yTrain = new Float32Array(nTrain);
  const xTest = new Float32Array(nTest * d);
  const yTest = new Float32Array(nTest);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    const row = x.subarray(src * d, src * d + d);
    if (k < nTrain) {
      xTrain.set(row, k * d);
      yTrain[k] = y[src];
    } else {
      xTest.set(row, (k - nTrain) * d);
      yTest[k - nTrain] = y[src];
    }
  }
  return { info, xTrain, yTrain, xTest, yTest, nTrain, nTest };
}
