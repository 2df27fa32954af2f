/**
 * A multilayer perceptron held as raw tf.Variables and run with tf.matMul,
 * not tf.layers: fewer ops per step, and weights go in and out as plain
 * Float32Arrays for snapshots, masks and a future typed-array engine.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation, LayerWeights, MlpSpec } from '../types';
import { layerShapes } from './spec';
import { initialWeights } from './init';

/** Moved to ./init (tfjs-free); re-exported for existing callers. */
export { glorotUniform } from './init';

/** A built model. It owns its variables: call `dispose()` when done. */
export interface Mlp {
  spec: MlpSpec;
  /** One [inDim × outDim] kernel per layer, input side first. Names are unique per model: `mlp<k>/dense<i>/kernel`. */
  kernels: tf.Variable[];
  /** One [outDim] bias per layer: `mlp<k>/dense<i>/bias`. */
  biases: tf.Variable[];
  /**
   * logits (classification) or predictions (regression), shape [batch × outputDim]:
   * h₀ = x, h_{i+1} = act(h_i·W_i + b_i) for hidden layers, output = h·W + b (linear).
   * The caller owns the result (and its intermediates: call inside tf.tidy).
   */
  forward(x: tf.Tensor2D): tf.Tensor2D;
  /** Copies of every layer's kernel (row-major [in × out]) and bias, read synchronously (dataSync). */
  getWeights(): LayerWeights[];
  /**
   * The same copies, read asynchronously (`data()`): the way to read weights on
   * WebGPU in a worker, where a synchronous read-back can break the device.
   */
  readWeights(): Promise<LayerWeights[]>;
  /** Overwrites the variables; throws if the layer count or any shape differs from the spec. */
  setWeights(w: LayerWeights[]): void;
  /** Kernels and biases interleaved by layer: [W₀, b₀, W₁, b₁, …]. */
  trainableVariables(): tf.Variable[];
  dispose(): void;
}

/** Models built so far: makes variable names unique, as tfjs requires. */
let modelCount = 0;

/** Applies a hidden-layer activation (inside the caller's tidy). */
export function activate(h: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.relu(h);
    case 'tanh':
      return tf.tanh(h);
    case 'sigmoid':
      return tf.sigmoid(h);
    case 'linear':
      return h;
  }
}

/**
 * The MLP forward pass over any kernels and biases (the model's variables or
 * temporary tensors): h_{i+1} = act(h_i·W_i + b_i) on hidden layers, linear output.
 * Call inside tf.tidy; the caller owns the result.
 */
export function forwardDense(x: tf.Tensor2D, kernels: tf.Tensor[], biases: tf.Tensor[], activation: Activation): tf.Tensor2D {
  const last = kernels.length - 1;
  let h = x;
  for (let i = 0; i <= last; i++) {
    const z = tf.add(tf.matMul(h, kernels[i] as tf.Tensor2D), biases[i]) as tf.Tensor2D;
    h = i < last ? activate(z, activation) : z;
  }
  return h;
}

/**
 * The forward pass of `forwardDense`, keeping every layer's output: one
 * [batch × width] tensor per hidden layer (post-activation), then the output
 * (logits or predictions). Call inside tf.tidy; the caller owns the results.
 */
export function forwardLayers(x: tf.Tensor2D, kernels: tf.Tensor[], biases: tf.Tensor[], activation: Activation): tf.Tensor2D[] {
  const last = kernels.length - 1;
  const outs: tf.Tensor2D[] = [];
  let h = x;
  for (let i = 0; i <= last; i++) {
    const z = tf.add(tf.matMul(h, kernels[i] as tf.Tensor2D), biases[i]) as tf.Tensor2D;
    h = i < last ? activate(z, activation) : z;
    outs.push(h);
  }
  return outs;
}

/**
 * The training-time forward pass with inverted dropout: as `forwardDense`, and after the
 * activation of every hidden layer i, h ← tf.dropout(h, rate, seed = seeds[i]) (each unit
 * kept with probability 1 − rate and scaled by 1/(1 − rate), so the expectation is the
 * no-dropout output). The output layer is never dropped. `rate` in (0, 1); call inside
 * tf.tidy. Evaluation uses `forwardDense` (identity, no dropout).
 */
export function forwardDropout(x: tf.Tensor2D, kernels: tf.Tensor[], biases: tf.Tensor[], activation: Activation, rate: number, seeds: number[]): tf.Tensor2D {
  const last = kernels.length - 1;
  let h = x;
  for (let i = 0; i <= last; i++) {
    const z = tf.add(tf.matMul(h, kernels[i] as tf.Tensor2D), biases[i]) as tf.Tensor2D;
    h = i < last ? (tf.dropout(activate(z, activation), rate, undefined, seeds[i]) as tf.Tensor2D) : z;
  }
  return h;
}

/**
 * Builds the model of `spec` from `initialWeights(spec, seed)` (Glorot-uniform
 * kernels from one Rng(seed), not tf.random, so every backend gets the same
 * weights; zero biases), `spec.activation` on hidden layers, linear output.
 */
export function buildMlp(spec: MlpSpec, seed: number): Mlp {
  const shapes = layerShapes(spec);
  const id = modelCount++;
  const kernels: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  initialWeights(spec, seed).forEach(({ inDim, outDim, kernel, bias }, i) => {
    kernels.push(tf.tidy(() => tf.variable(tf.tensor2d(kernel, [inDim, outDim]), true, `mlp${id}/dense${i}/kernel`)));
    biases.push(tf.tidy(() => tf.variable(tf.tensor1d(bias), true, `mlp${id}/dense${i}/bias`)));
  });

  /** [W₀, b₀, W₁, b₁, …]: the order of trainableVariables() and of the read-backs below. */
  const interleaved = () => kernels.flatMap((k, i) => [k, biases[i]]);
  /** Fresh copies of read-back values (interleaved as above) as LayerWeights. */
  const toLayers = (data: ArrayLike<number>[]): LayerWeights[] =>
    shapes.map(({ inDim, outDim }, i) => ({ inDim, outDim, kernel: new Float32Array(data[2 * i]), bias: new Float32Array(data[2 * i + 1]) }));
  return {
    spec,
    kernels,
    biases,
    forward(x) {
      return forwardDense(x, kernels, biases, spec.activation);
    },
    getWeights() {
      return toLayers(interleaved().map((v) => v.dataSync()));
    },
    async readWeights() {
      return toLayers(await Promise.all(interleaved().map((v) => v.data())));
    },
    setWeights(w) {
      if (w.length !== shapes.length) throw new Error(`setWeights: got ${w.length} layers, the model has ${shapes.length}`);
      w.forEach((layer, i) => {
        const { inDim, outDim } = shapes[i];
        if (layer.inDim !== inDim || layer.outDim !== outDim || layer.kernel.length !== inDim * outDim || layer.bias.length !== outDim) {
          throw new Error(
            `setWeights: layer ${i} is ${layer.inDim}×${layer.outDim} (kernel ${layer.kernel.length}, bias ${layer.bias.length}), expected ${inDim}×${outDim}`,
          );
        }
      });
      tf.tidy(() => {
        w.forEach((layer, i) => {
          kernels[i].assign(tf.tensor2d(layer.kernel, [layer.inDim, layer.outDim]));
          biases[i].assign(tf.tensor1d(layer.bias));
        });
      });
    },
    trainableVariables: interleaved,
    dispose() {
      for (const v of [...kernels, ...biases]) v.dispose();
    },
  };
}
