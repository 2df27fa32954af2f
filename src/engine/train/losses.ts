/** Data losses and accuracy. All functions are pure tensor ops; call them inside tf.tidy. */
import * as tf from '@tensorflow/tfjs';
import type { Task } from '../types';

/**
 * Training targets as a tensor: one-hot [n × classes] for classification
 * (from class indices stored as floats), [n × 1] for regression. Uploaded once
 * per dataset so each step only gathers rows.
 */
export function targetTensor(y: Float32Array, task: Task, classes: number): tf.Tensor2D {
  return tf.tidy(() => {
    if (task === 'regression') return tf.tensor2d(y, [y.length, 1]);
    return tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), classes).toFloat() as tf.Tensor2D;
  });
}

/**
 * Softmax cross-entropy, mean over the batch:
 * L = −(1/B) Σ_b Σ_c t_bc · log softmax(z_b)_c, with one-hot targets t.
 * (tf.losses.softmaxCrossEntropy: its gradient is the stable softmax(z) − t.)
 */
export function softmaxCrossEntropy(oneHot: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
}

/** Mean squared error over every element: L = (1/(B·k)) Σ (ŷ − y)². */
export function meanSquaredError(target: tf.Tensor2D, prediction: tf.Tensor2D): tf.Scalar {
  return tf.losses.meanSquaredError(target, prediction) as tf.Scalar;
}

/** The data loss of a task (no regularisation penalty): cross-entropy for classification, MSE for regression. */
export function dataLoss(task: Task, target: tf.Tensor2D, output: tf.Tensor2D): tf.Scalar {
  return task === 'classification' ? softmaxCrossEntropy(target, output) : meanSquaredError(target, output);
}

/**
 * Number of correct predictions (argmax of logits equals argmax of the one-hot
 * target), as a float scalar; divide by the batch size for accuracy in [0, 1].
 */
export function correctCount(oneHot: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(oneHot, 1)), 'float32'));
}

/** Accuracy, the fraction of rows whose argmax logit is the target class, in [0, 1]. */
export function accuracy(oneHot: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  return tf.div(correctCount(oneHot, logits), oneHot.shape[0]);
}
