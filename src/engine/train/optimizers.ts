/** The three optimizers the playground offers, and a hot learning-rate change. */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '../types';

/** Momentum coefficient of the `momentum` optimizer: v ← 0.9·v + g, w ← w − η·v. */
export const MOMENTUM = 0.9;

/**
 * A fresh optimizer (no state): `adam` with tfjs defaults (β₁ 0.9, β₂ 0.999,
 * ε = the backend's epsilon(), 1e-7 on float32 backends),
 * `sgd` (w ← w − η·g) or `momentum` (SGD with momentum 0.9, not Nesterov).
 * `lr` is the step size η. The caller owns it: free it with `disposeOptimizer`.
 */
export function makeOptimizer(name: OptimizerName, lr: number): tf.Optimizer {
  switch (name) {
    case 'adam':
      return tf.train.adam(lr);
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, MOMENTUM);
  }
}

/**
 * Changes η of a live optimizer without resetting its state (Adam's moments,
 * the momentum buffer). SGD/momentum expose setLearningRate; Adam reads its
 * `learningRate` field at every update, so setting the field is enough.
 */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, lr: number): void {
  // Not `instanceof`: tfjs optimizers override Symbol.hasInstance (Adam passes `instanceof SGDOptimizer`).
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

/**
 * Frees an optimizer and all its state. tfjs 4.22's MomentumOptimizer.dispose()
 * does not call SGD's, so its learning-rate scalar `c` would leak one tensor per
 * optimizer; this frees it too.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer.getClassName() === 'Momentum') {
    const c = (optimizer as unknown as { c?: tf.Tensor }).c;
    if (c && !c.isDisposed) c.dispose();
  }
}
