/**
 * Forward-only passes of a training session over whole sets: the chunked test
 * (or train) evaluation and the inference of arbitrary rows with one hidden
 * unit's output. Each reads back once, asynchronously (safe on WebGPU in a worker).
 */
import * as tf from '@tensorflow/tfjs';
import type { EvalResult, ModelSpec, Task } from '../types';
import { forwardLayers } from '../model/network';
import { hiddenWidths } from '../model/spec';
import { correctCount, dataLoss } from './losses';

/** Test rows evaluated per forward pass, to bound the activations' memory on large sets. */
export const EVAL_CHUNK = 1000;

/** A test-set evaluation, with the per-sample predictions when they were asked for. */
export interface Evaluation extends EvalResult {
  /**
   * One value per test row, in test order: the argmax class (as a float) for
   * classification, the prediction for regression. Only with `predictions: true`.
   */
  predictions?: Float32Array;
}

/** What `infer` returns. */
export interface Inference {
  /** n × outputDim, row-major: softmax probabilities (classification) or predictions (regression). */
  output: Float32Array;
  /** The asked-for hidden unit's post-activation output (a conv filter's: its map's mean), n values; absent when none was asked for. */
  hidden?: Float32Array;
}

/**
 * Mean data loss of `forward` over the n rows of x / y (in chunks of EVAL_CHUNK, weighted
 * by chunk size) and accuracy in [0, 1] (NaN for regression); with `predictions`, each
 * row's argmax class or regression output too, in the same read-back.
 */
export async function evaluateChunks(forward: (x: tf.Tensor2D) => tf.Tensor2D, task: Task, x: tf.Tensor2D, y: tf.Tensor2D, n: number, predictions = false): Promise<Evaluation> {
  const totals = tf.tidy(() => {
    let lossSum: tf.Tensor = tf.scalar(0);
    let correct: tf.Tensor = tf.scalar(0);
    const preds: tf.Tensor[] = [];
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const size = Math.min(EVAL_CHUNK, n - start);
      const whole = size === n;
      const xb = whole ? x : tf.slice(x, [start, 0], [size, -1]);
      const yb = whole ? y : tf.slice(y, [start, 0], [size, -1]);
      const out = forward(xb);
      lossSum = tf.add(lossSum, tf.mul(dataLoss(task, yb, out), size));
      if (task === 'classification') correct = tf.add(correct, correctCount(yb, out));
      if (predictions) preds.push(task === 'classification' ? tf.cast(tf.argMax(out, 1), 'float32') : tf.reshape(tf.slice(out, [0, 0], [size, 1]), [size]));
    }
    const stats = tf.div(tf.stack([lossSum, correct]), n) as tf.Tensor1D;
    // Predictions ride in the same read-back, after the two figures.
    return predictions && preds.length > 0 ? tf.concat([stats, ...preds]) : stats;
  });
  try {
    const flat = (await totals.data()) as Float32Array;
    const result: Evaluation = { testLoss: flat[0], testAccuracy: task === 'classification' ? flat[1] : NaN };
    if (predictions) result.predictions = flat.slice(2, 2 + n);
    return result;
  } finally {
    totals.dispose();
  }
}

/**
 * The outputs of `spec` with `kernels`/`biases` for the n rows of x (row-major
 * [n × inputDim]), and optionally hidden unit `hidden.unit` of hidden layer
 * `hidden.layer` (hiddenWidths order; a conv filter's value is the spatial mean of
 * its post-activation map). Throws on a shape mismatch or an out-of-range unit.
 */
export async function inferRows(spec: ModelSpec, kernels: tf.Tensor[], biases: tf.Tensor[], x: Float32Array, n: number, hidden?: { layer: number; unit: number }): Promise<Inference> {
  const { inputDim: d, outputDim, task } = spec;
  if (x.length !== n * d) throw new Error(`infer: got ${x.length} values for ${n} rows of ${d}`);
  const widths = hiddenWidths(spec);
  if (hidden && !(Number.isInteger(hidden.layer) && Number.isInteger(hidden.unit) && hidden.layer >= 0 && hidden.layer < widths.length && hidden.unit >= 0 && hidden.unit < widths[hidden.layer])) {
    throw new Error(`infer: no hidden neuron ${hidden.unit} in layer ${hidden.layer} (widths ${widths.join(', ') || 'none'})`);
  }
  if (n === 0) return hidden ? { output: new Float32Array(0), hidden: new Float32Array(0) } : { output: new Float32Array(0) };
  const res = tf.tidy(() => {
    const outs = forwardLayers(spec, tf.tensor2d(x, [n, d]), kernels, biases);
    const last = outs[outs.length - 1];
    const y = (task === 'classification' ? tf.softmax(last) : last).reshape([n * outputDim]);
    if (!hidden) return y;
    const h = tf.slice(outs[hidden.layer], [0, hidden.unit], [n, 1]).reshape([n]);
    return tf.concat([y, h]);
  });
  try {
    const flat = (await res.data()) as Float32Array;
    const output = flat.slice(0, n * outputDim);
    return hidden ? { output, hidden: flat.slice(n * outputDim) } : { output };
  } finally {
    res.dispose();
  }
}

/**
 * Rows per part of a part-wise evaluation ({@link evaluateParts}). Each part is
 * read back on its own, so a stop is answered between parts: the classic small
 * CNN on software WebGL forwards ~250 digits in about a second, so a `play`
 * during the whole test set's evaluation waits about that long at most.
 */
export const EVAL_PART_ROWS = 250;

/** A part-wise evaluation: the figures, and how many rows they are over. */
export interface PartEvaluation extends Evaluation {
  rows: number;
}

/**
 * Mean data loss of `forward` over the n rows of x / y and accuracy in [0, 1]
 * (NaN for regression), part by part of {@link EVAL_PART_ROWS} rows, each
 * read back asynchronously on its own: loss = Σ_parts mean_part · n_part / n
 * and accuracy = Σ correct / n, accumulated in float64. Before each part
 * `stop()` is asked; when it answers true the evaluation ends and resolves
 * null (every tensor freed). With `predictions`, each row's argmax class or
 * regression output, in row order.
 */
export async function evaluateParts(
  forward: (x: tf.Tensor2D) => tf.Tensor2D,
  task: Task,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  n: number,
  options: { predictions?: boolean; stop?: () => boolean } = {},
): Promise<PartEvaluation | null> {
  const wantPredictions = options.predictions === true;
  const predictions = wantPredictions ? new Float32Array(n) : undefined;
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += EVAL_PART_ROWS) {
    if (options.stop?.() === true) return null;
    const size = Math.min(EVAL_PART_ROWS, n - start);
    const part = tf.tidy(() => {
      const whole = size === n;
      const xb = whole ? x : tf.slice(x, [start, 0], [size, -1]);
      const yb = whole ? y : tf.slice(y, [start, 0], [size, -1]);
      const out = forward(xb);
      const stats = tf.stack([dataLoss(task, yb, out), task === 'classification' ? correctCount(yb, out) : tf.scalar(0)]);
      if (!wantPredictions) return stats;
      const pred = task === 'classification' ? tf.cast(tf.argMax(out, 1), 'float32') : tf.reshape(tf.slice(out, [0, 0], [size, 1]), [size]);
      return tf.concat([stats, pred]);
    });
    let flat: Float32Array;
    try {
      flat = (await part.data()) as Float32Array;
    } finally {
      part.dispose();
    }
    lossSum += flat[0] * size;
    correct += flat[1];
    predictions?.set(flat.subarray(2, 2 + size), start);
  }
  const result: PartEvaluation = { testLoss: n > 0 ? lossSum / n : Number.NaN, testAccuracy: task === 'classification' && n > 0 ? correct / n : Number.NaN, rows: n };
  if (predictions) result.predictions = predictions;
  return result;
}

/**
 * Fixed, seeded subsets of a set's rows for quick evaluations: subset(r) is the
 * first r rows of one permutation of the set, drawn once from `rng` (so the
 * 200-row subset lies inside the 500-row one, and a run sees the same rows
 * every time), gathered in ascending row order into tensors kept until
 * {@link RowSubsets.dispose}. subset(n) is the set itself (no copy).
 */
export class RowSubsets {
  private readonly order: Int32Array;
  private readonly cache = new Map<number, { x: tf.Tensor2D; y: tf.Tensor2D }>();

  constructor(
    private readonly x: tf.Tensor2D,
    private readonly y: tf.Tensor2D,
    private readonly n: number,
    rng: { int(n: number): number },
  ) {
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    // Fisher–Yates from the front: slot i swaps with i + int(n − i).
    for (let i = 0; i < n - 1; i++) {
      const j = i + rng.int(n - i);
      const t = this.order[i];
      this.order[i] = this.order[j];
      this.order[j] = t;
    }
  }

  /** The rows of subset(rows) in ascending order (rows clamped to [1, n]). */
  indices(rows: number): Int32Array {
    const r = this.clamp(rows);
    return this.order.slice(0, r).sort();
  }

  /** The first `rows` rows of the permutation (clamped to [1, n]) as tensors, and their count. */
  subset(rows: number): { x: tf.Tensor2D; y: tf.Tensor2D; n: number } {
    const r = this.clamp(rows);
    if (r >= this.n) return { x: this.x, y: this.y, n: this.n };
    let hit = this.cache.get(r);
    if (!hit) {
      const idx = this.indices(r);
      hit = tf.tidy(() => {
        const ind = tf.tensor1d(idx, 'int32');
        return { x: tf.gather(this.x, ind) as tf.Tensor2D, y: tf.gather(this.y, ind) as tf.Tensor2D };
      });
      this.cache.set(r, hit);
    }
    return { ...hit, n: r };
  }

  private clamp(rows: number): number {
    return Math.max(Math.min(1, this.n), Math.min(this.n, Math.floor(rows)));
  }

  /** Frees the gathered subsets (not the set itself). */
  dispose(): void {
    for (const { x, y } of this.cache.values()) tf.dispose([x, y]);
    this.cache.clear();
  }
}
