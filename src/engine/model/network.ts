/**
 * A network (MLP or small CNN) held as raw tf.Variables and run with
 * tf.matMul / tf.conv2d, not tf.layers: fewer ops per step, and weights go in
 * and out as plain Float32Arrays for snapshots, masks and a future typed-array engine.
 *
 * Every kernel is a 2-D variable [inDim × outDim]; a conv layer's is its HWIO
 * filter [k, k, cin, cout] flattened row-major and is reshaped to 4-D in the
 * forward pass (a view: gradients flow through the reshape to the 2-D variable),
 * so masks, penalties and read-backs treat conv and dense layers alike.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation, LayerWeights, ModelSpec } from '../types';
import { layerShapes, type LayerShape } from './spec';
import { initialWeights } from './init';

/** Moved to ./init (tfjs-free); re-exported for existing callers. */
export { glorotUniform } from './init';

/** A built model. It owns its variables: call `dispose()` when done. */
export interface Network {
  spec: ModelSpec;
  /** One [inDim × outDim] kernel per layer, input side first. Names are unique per model: `net<k>/conv<i>/kernel`, `net<k>/dense<i>/kernel` (i counts all layers). */
  kernels: tf.Variable[];
  /** One [outDim] bias per layer: `net<k>/conv<i>/bias`, `net<k>/dense<i>/bias`. */
  biases: tf.Variable[];
  /**
   * logits (classification) or predictions (regression), shape [batch × outputDim]
   * (see `forwardNet`). The caller owns the result (and its intermediates: call inside tf.tidy).
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
export function activate<T extends tf.Tensor>(h: T, activation: Activation): T {
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

/** Options of `forwardNet`. */
export interface ForwardOptions {
  /**
   * Training-time inverted dropout: after the activation of dense hidden layer i
   * (counting dense hidden layers only, from 0; conv layers are never dropped),
   * h ← tf.dropout(h, rate, seed = seeds[i]) — each unit kept with probability
   * 1 − rate and scaled by 1/(1 − rate). `rate` in (0, 1).
   */
  dropout?: { rate: number; seeds: number[] };
  /** Added to hidden layer l's pre-activation z (same shape as z), so ∂L/∂shifts[l] = ∂L/∂z (Taylor importance). */
  shifts?: tf.Tensor[];
  /** Called with each hidden layer's pre-activation z and post-activation h (a conv layer's as [b, H, W, C] maps, before pooling). */
  visit?: (layer: number, z: tf.Tensor, h: tf.Tensor) => void;
}

/** The layer shapes of `spec` for kernels that may differ from it (evaluateWith): checked to chain. */
function shapesFor(spec: ModelSpec, kernels: tf.Tensor[]): LayerShape[] {
  const shapes = layerShapes(spec);
  if (shapes.length !== kernels.length) throw new Error(`forward: got ${kernels.length} kernels, the spec has ${shapes.length} layers`);
  return shapes;
}

/**
 * The forward pass of `spec` over any kernels and biases (the model's variables or
 * temporary tensors). MLP: h₀ = x, h_{i+1} = act(h_i·W_i + b_i) on hidden layers.
 * CNN: x [b, inputDim] → [b, H, W, C] (NHWC) → per conv layer act(conv2d(h, W_i as
 * [k, k, cin, cout], stride, valid) + b_i), then pool×pool max-pooling (stride pool,
 * valid) when pool > 1 → flatten to [b, H'·W'·C'] (NHWC order) → dense hidden layers.
 * The output layer is linear. Call inside tf.tidy; the caller owns the result.
 */
export function forwardNet(spec: ModelSpec, x: tf.Tensor2D, kernels: tf.Tensor[], biases: tf.Tensor[], opts: ForwardOptions = {}): tf.Tensor2D {
  const shapes = shapesFor(spec, kernels);
  const last = kernels.length - 1;
  const { dropout, shifts, visit } = opts;
  const b = x.shape[0];
  let dense = 0;
  let h: tf.Tensor = x;
  if (spec.conv) {
    const { height, width, channels } = spec.conv;
    h = tf.reshape(x, [b, height, width, channels]);
  }
  for (let l = 0; l <= last; l++) {
    const s = shapes[l];
    let z: tf.Tensor;
    if (s.conv) {
      const { kernel: k, stride, inChannels } = s.conv;
      const filter = tf.reshape(kernels[l], [k, k, inChannels, s.outDim]) as tf.Tensor4D;
      z = tf.add(tf.conv2d(h as tf.Tensor4D, filter, stride, 'valid'), biases[l]);
    } else {
      if (h.rank !== 2) h = tf.reshape(h, [b, s.inDim]); // NHWC flatten: row (y·W + x)·C + c
      z = tf.add(tf.matMul(h as tf.Tensor2D, kernels[l] as tf.Tensor2D), biases[l]);
    }
    if (l === last) return z as tf.Tensor2D;
    if (shifts) z = tf.add(z, shifts[l]);
    h = activate(z, spec.activation);
    visit?.(l, z, h);
    const pool = spec.conv?.pool ?? 1;
    if (s.conv && pool > 1) h = tf.maxPool(h as tf.Tensor4D, [pool, pool], pool, 'valid');
    if (!s.conv && dropout) h = tf.dropout(h, dropout.rate, undefined, dropout.seeds[dense]);
    if (!s.conv) dense++;
  }
  throw new Error('forward: a network has at least one layer');
}

/**
 * The forward pass of `forwardNet`, keeping every layer's output: one
 * [batch × units] tensor per hidden layer (post-activation; for a conv layer the
 * spatial MEAN of each filter's map, before pooling), then the output (logits or
 * predictions). Call inside tf.tidy; the caller owns the results.
 */
export function forwardLayers(spec: ModelSpec, x: tf.Tensor2D, kernels: tf.Tensor[], biases: tf.Tensor[]): tf.Tensor2D[] {
  const outs: tf.Tensor2D[] = [];
  const y = forwardNet(spec, x, kernels, biases, { visit: (_, __, h) => outs.push((h.rank === 4 ? tf.mean(h, [1, 2]) : h) as tf.Tensor2D) });
  outs.push(y);
  return outs;
}

/**
 * Builds the model of `spec` from `initialWeights(spec, seed)` (Glorot-uniform
 * kernels from one Rng(seed), not tf.random, so every backend gets the same
 * weights; zero biases), `spec.activation` on hidden layers, linear output.
 */
export function buildNetwork(spec: ModelSpec, seed: number): Network {
  const shapes = layerShapes(spec);
  const id = modelCount++;
  const kernels: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  initialWeights(spec, seed).forEach(({ inDim, outDim, kernel, bias }, i) => {
    const name = `net${id}/${shapes[i].kind}${i}`;
    kernels.push(tf.tidy(() => tf.variable(tf.tensor2d(kernel, [inDim, outDim]), true, `${name}/kernel`)));
    biases.push(tf.tidy(() => tf.variable(tf.tensor1d(bias), true, `${name}/bias`)));
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
      return forwardNet(spec, x, kernels, biases);
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
