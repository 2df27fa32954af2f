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
