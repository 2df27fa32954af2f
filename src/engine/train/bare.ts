/**
 * Reference measurements for the benchmark: the plainest tfjs training loop on
 * the same model (the "bare tfjs loop" the session must keep up with), and raw
 * matmul throughput of the active backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset, ModelSpec, TrainOptions } from '../types';
import { Rng } from '../rng';
import { buildNetwork } from '../model/network';
import { dataLoss, targetTensor } from './losses';
import { disposeOptimizer, makeOptimizer } from './optimizers';

/** Distinct pre-uploaded batches the bare loop cycles through. */
const BARE_BATCHES = 8;
const WARMUP_STEPS = 3;

/**
 * Steps per second of a bare tfjs loop: buildNetwork(spec, options.seed), the same
 * optimizer and loss, `optimizer.minimize` on BARE_BATCHES fixed batches
 * (rows drawn with Rng(options.seed + 1), uploaded once), no hooks, no gather,
 * the loss read back once at the end. Timed after 3 warm-up steps (synced):
 * stepsPerSecond = steps / seconds, seconds from performance.now().
 */
export async function bareStepsPerSecond(dataset: Dataset, spec: ModelSpec, options: TrainOptions, steps: number): Promise<number> {
  const { info } = dataset;
  const d = info.inputDim;
  const b = Math.max(1, Math.min(Math.floor(options.batchSize), dataset.nTrain));
  const rng = new Rng(options.seed + 1);
  const batches: { x: tf.Tensor2D; y: tf.Tensor2D }[] = [];
  for (let k = 0; k < BARE_BATCHES; k++) {
    const xs = new Float32Array(b * d);
    const ys = new Float32Array(b);
    for (let r = 0; r < b; r++) {
      const src = rng.int(dataset.nTrain);
      xs.set(dataset.xTrain.subarray(src * d, src * d + d), r * d);
      ys[r] = dataset.yTrain[src];
    }
    batches.push({ x: tf.tensor2d(xs, [b, d]), y: targetTensor(ys, info.task, info.outputDim) });
  }
  const model = buildNetwork(spec, options.seed);
  const optimizer = makeOptimizer(options.optimizer, options.learningRate);
  const vars = model.trainableVariables();
  const step = (i: number, returnCost: boolean) => {
    const { x, y } = batches[i % BARE_BATCHES];
    return optimizer.minimize(() => dataLoss(info.task, y, model.forward(x)), returnCost, vars);
  };
  try {
    for (let i = 0; i < WARMUP_STEPS - 1; i++) step(i, false);
    const warm = step(WARMUP_STEPS - 1, true);
    await warm?.data();
    warm?.dispose();
    const t0 = performance.now();
    let last: tf.Scalar | null = null;
    for (let i = 0; i < steps; i++) last = step(i, i === steps - 1);
    await last?.data();
    const seconds = (performance.now() - t0) / 1000;
    last?.dispose();
    return steps / seconds;
  } finally {
    model.dispose();
    disposeOptimizer(optimizer);
    for (const { x, y } of batches) tf.dispose([x, y]);
  }
}

/**
 * Matmul throughput of the active backend in GFLOP/s: `reps` products of two
 * size×size matrices, 2·size³ FLOPs each, after one synced warm-up; timing ends
 * when the last result has been read back (await data()).
 * GFLOP/s = 2·size³·reps / seconds / 1e9.
 */
export async function matmulGflops(size: number, reps: number): Promise<number> {
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  try {
    const warm = tf.matMul(a, b);
    await warm.data();
    warm.dispose();
    const t0 = performance.now();
    let last: tf.Tensor | null = null;
    for (let r = 0; r < reps; r++) {
      last?.dispose();
      last = tf.matMul(a, b);
    }
    await last?.data();
    const seconds = (performance.now() - t0) / 1000;
    last?.dispose();
    return (2 * size ** 3 * reps) / seconds / 1e9;
  } finally {
    tf.dispose([a, b]);
  }
}
