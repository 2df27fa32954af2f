/**
 * Device-side regularisation for the training step (call inside tf.tidy).
 * Plain-JS references of the same formulas: ./penalty.ts.
 */
import * as tf from '@tensorflow/tfjs';

/** l1·Σ|w| + l2·Σw² over `kernels` as a float32 scalar (terms with a zero λ are skipped). */
export function penaltyTensor(kernels: tf.Tensor[], l1: number, l2: number): tf.Scalar {
  let total: tf.Scalar = tf.scalar(0);
  for (const k of kernels) {
    if (l1 > 0) total = tf.add(total, tf.mul(tf.sum(tf.abs(k)), l1));
    if (l2 > 0) total = tf.add(total, tf.mul(tf.sum(tf.square(k)), l2));
  }
  return total;
}

/**
 * ∂/∂w of the penalty's differentiated part: 2·l2·w (+ l1·sign(w) unless `prox`,
 * where L1 is applied by soft-thresholding instead). sign(0) = 0, the minimal-norm
 * subgradient (tfjs's autodiff of |w| would give −1 at 0). null when nothing is differentiated.
 */
export function penaltyGradient(w: tf.Tensor, l1: number, l2: number, prox: boolean): tf.Tensor | null {
  const useL1 = l1 > 0 && !prox;
  if (l2 > 0 && useL1) return tf.add(tf.mul(w, 2 * l2), tf.mul(tf.sign(w), l1));
  if (l2 > 0) return tf.mul(w, 2 * l2);
  if (useL1) return tf.mul(tf.sign(w), l1);
  return null;
}

/** sign(w)·max(|w| − t, 0): soft-thresholding, exact zeros where |w| ≤ t. */
export function softThreshold(w: tf.Tensor, t: number): tf.Tensor {
  return tf.mul(tf.sign(w), tf.relu(tf.sub(tf.abs(w), t)));
}
