/**
 * Measurements on a model that do not train it: neuron importance from a data
 * batch (for structured pruning) and forward-pass timing.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelSpec, Task } from '../types';
import type { Rng } from '../rng';
import { forwardNet } from '../model/network';
import { dataLoss } from './losses';

/**
 * `rows` distinct indices of {0, …, n − 1} (rows ≤ n): the first `rows` steps of
 * a Fisher–Yates shuffle from the front (slot i swaps with i + rng.int(n − i)).
 */
export function sampleRows(n: number, rows: number, rng: Rng): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < rows; i++) {
    const j = i + rng.int(n - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, rows);
}

/**
 * Per-neuron importance of every hidden layer, concatenated (hidden layer 0
 * first; a CNN's conv layers, one value per filter, then its dense hidden
 * layers), for the batch xb / yb. Call inside tf.tidy.
 * - activation: mean over the batch (and, for a conv filter, over the positions
 *   of its map) of |h|, h = act(z) the post-activation output;
 * - taylor (Molchanov 2017): |mean over the batch (and positions) of ∂L/∂z · z|,
 *   z the pre-activation, L the batch's mean data loss. ∂L/∂z is taken as the
 *   gradient of a zero tensor added to z (same value, same graph).
 */
export function importanceTensor(
  kind: 'activation' | 'taylor',
  spec: ModelSpec,
  kernels: tf.Tensor[],
  biases: tf.Tensor[],
  task: Task,
  xb: tf.Tensor2D,
  yb: tf.Tensor2D,
): tf.Tensor1D {
  const zs: tf.Tensor[] = [];
  const hs: tf.Tensor[] = [];
  forwardNet(spec, xb, kernels, biases, {
    visit: (_, z, h) => {
      zs.push(z);
      hs.push(h);
    },
  });
  if (zs.length === 0) return tf.zeros([0]);
  /** Mean over every axis but the last (units): batch, and the map's rows and columns for a conv layer. */
  const perUnit = (t: tf.Tensor) => tf.mean(t, t.rank === 4 ? [0, 1, 2] : 0);
  if (kind === 'activation') return tf.concat(hs.map((a) => perUnit(tf.abs(a)))) as tf.Tensor1D;
  const loss = (...shifts: tf.Tensor[]): tf.Scalar => dataLoss(task, yb, forwardNet(spec, xb, kernels, biases, { shifts }));
  const dz = tf.grads(loss)(zs.map((z) => tf.zerosLike(z)));
  return tf.concat(dz.map((g, l) => tf.abs(perUnit(tf.mul(g, zs[l]))))) as tf.Tensor1D;
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Wall time of `forward(x)` with its output read back (await data()), in ms:
 * one warm-up, then the median over `reps` runs — or fewer when the timed runs
 * pass `budgetMs` (after at least 3 of them) or 2·budgetMs (after 1): a CNN on a
 * software GPU takes seconds per pass, and 15 of them would stall the page.
 */
export async function timeForward(forward: (x: tf.Tensor2D) => tf.Tensor, x: tf.Tensor2D, reps: number, budgetMs = Infinity): Promise<number> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const out = tf.tidy(() => forward(x));
    try {
      await out.data();
    } finally {
      out.dispose();
    }
    return performance.now() - t0;
  };
  await once();
  const times: number[] = [];
  const t0 = performance.now();
  for (let r = 0; r < Math.max(1, Math.floor(reps)); r++) {
    times.push(await once());
    const spent = performance.now() - t0;
    if ((times.length >= 3 && spent >= budgetMs) || spent >= 2 * budgetMs) break;
  }
  return median(times);
}
