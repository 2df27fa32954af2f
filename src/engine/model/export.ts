/**
 * Export of a network in TensorFlow.js's Layers format (tfjs-free, so the main
 * thread builds it from the latest weight snapshot): a `model.json` holding a
 * Keras `Sequential` topology and a `weightsManifest`, plus one binary file of
 * little-endian float32 weights, layer after layer, kernel then bias — what
 * `tf.loadLayersModel` reads (`tf.io.browserFiles([json, bin])` in a page,
 * `file://…/model.json` in Node).
 *
 * Layer by layer the topology is the engine's network (`forwardNet`):
 * - MLP: Dense(h₁, act) … Dense(h_last, act) → Dense(out), input [n, inputDim];
 * - CNN: Reshape([H, W, C]) of the flat rows (the playground's NHWC order, so a
 *   loaded CNN takes the same 784-value rows as the MLP) → per conv layer
 *   Conv2D(filters, k×k, stride, 'valid', act) and, with pool > 1,
 *   MaxPooling2D(pool, stride pool, 'valid') → Flatten (NHWC order, as the engine)
 *   → Dense hidden layers → Dense(out).
 * The output layer is `softmax` for classification (the engine's logits turned
 * into class probabilities) and `linear` for regression. With dropout on, a
 * Dropout(rate) follows every dense hidden layer (identity at inference).
 * A conv kernel is the engine's [k·k·cin × filters] matrix, which is the HWIO
 * filter [k, k, cin, filters] in row-major order: the bytes are the same.
 */
import type { LayerWeights, ModelSpec } from '../types';
import { layerShapes } from './spec';

/** The names the two files are saved under (the manifest names the weights file). */
export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'model.weights.bin';

/** One layer of a Keras topology: its class and its (snake_case) config. */
export interface KerasLayer {
  class_name: string;
  config: Record<string, unknown>;
}

/** One weight of the manifest: `layerName/kernel` or `layerName/bias`, its shape and dtype. */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** The model.json of a tfjs Layers model (the fields tfjs reads). */
export interface ModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: {
    class_name: 'Sequential';
    config: { name: string; layers: KerasLayer[] };
    keras_version: string;
    backend: string;
  };
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
}

/** What {@link exportModel} writes: the model.json object and the weights file's bytes. */
export interface ExportedModel {
  modelJson: ModelJson;
  weightData: ArrayBuffer;
}

/** Options of {@link exportModel}. */
export interface ExportOptions {
  /** Dropout rate after every dense hidden layer (0 or absent: no Dropout layers). */
  dropout?: number;
  /** The file name the manifest points to; default {@link WEIGHTS_FILE}. */
  weightsFile?: string;
}

/**
 * The weights the network computes with: kernel ⊙ masks[l] and, for hidden
 * layer l, bias ⊙ neurons[l] (a snapshot's dense weights and masks; null = all
 * kept). A pruned entry is exactly 0. Fresh arrays; shapes unchanged (a
 * compacted network's layers already have their smaller shapes).
 * Throws when a mask's length differs from its kernel or bias.
 */
export function effectiveWeights(layers: LayerWeights[], masks: (Uint8Array | null)[], neurons: (Uint8Array | null)[]): LayerWeights[] {
  return layers.map((w, l) => {
    const km = masks[l] ?? null;
    const bm = l < layers.length - 1 ? (neurons[l] ?? null) : null;
    if (km && km.length !== w.kernel.length) throw new Error(`effectiveWeights: layer ${l} mask has ${km.length} entries, the kernel ${w.kernel.length}`);
    if (bm && bm.length !== w.bias.length) throw new Error(`effectiveWeights: hidden layer ${l} neuron mask has ${bm.length} entries, the layer ${w.bias.length}`);
    const kernel = w.kernel.slice();
    const bias = w.bias.slice();
    if (km) for (let i = 0; i < kernel.length; i++) if (!km[i]) kernel[i] = 0;
    if (bm) for (let j = 0; j < bias.length; j++) if (!bm[j]) bias[j] = 0;
    return { inDim: w.inDim, outDim: w.outDim, kernel, bias };
  });
}

/**
 * The tfjs Layers artifacts of `spec` with `layers` (effective weights, see
 * {@link effectiveWeights}). Throws when the layers do not match the spec's
 * shapes (a programming error: the caller derives the spec from the weights).
 */
export function exportModel(spec: ModelSpec, layers: LayerWeights[], options: ExportOptions = {}): ExportedModel {
  const shapes = layerShapes(spec);
  if (shapes.length !== layers.length) throw new Error(`exportModel: ${layers.length} weight layers, the spec has ${shapes.length}`);
  shapes.forEach((s, i) => {
    const w = layers[i];
    if (w.inDim !== s.inDim || w.outDim !== s.outDim || w.kernel.length !== s.inDim * s.outDim || w.bias.length !== s.outDim) {
      throw new Error(`exportModel: layer ${i} is ${w.inDim}×${w.outDim}, the spec's ${s.inDim}×${s.outDim}`);
    }
  });
  const dropout = options.dropout ?? 0;
  const keras: KerasLayer[] = [];
  const weights: WeightEntry[] = [];
  const counts: Record<string, number> = {};
  /** Keras-style unique names: dense_1, dense_2, conv2d_1, … */
  const name = (base: string): string => `${base}_${(counts[base] = (counts[base] ?? 0) + 1)}`;
  const last = shapes.length - 1;
  const outputActivation = spec.task === 'classification' ? 'softmax' : 'linear';
  if (spec.conv) {
    const { height, width, channels } = spec.conv;
    keras.push({ class_name: 'Reshape', config: { name: name('reshape'), trainable: true, dtype: 'float32', batch_input_shape: [null, spec.inputDim], target_shape: [height, width, channels] } });
  }
  shapes.forEach((s, i) => {
    const activation = i === last ? outputActivation : spec.activation;
    const first = keras.length === 0 ? { batch_input_shape: [null, spec.inputDim], dtype: 'float32' } : {};
    let layerName: string;
    if (s.conv) {
      const { kernel: k, stride, inChannels } = s.conv;
      layerName = name('conv2d');
      keras.push({
        class_name: 'Conv2D',
        config: { name: layerName, trainable: true, filters: s.outDim, kernel_size: [k, k], strides: [stride, stride], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], activation, use_bias: true },
      });
      weights.push({ name: `${layerName}/kernel`, shape: [k, k, inChannels, s.outDim], dtype: 'float32' });
      const pool = spec.conv?.pool ?? 1;
      if (pool > 1) keras.push({ class_name: 'MaxPooling2D', config: { name: name('max_pooling2d'), trainable: true, pool_size: [pool, pool], strides: [pool, pool], padding: 'valid', data_format: 'channels_last' } });
      // The last conv layer's map is flattened (NHWC) for the dense layers.
      if (shapes[i + 1] && !shapes[i + 1].conv) keras.push({ class_name: 'Flatten', config: { name: name('flatten'), trainable: true } });
    } else {
      layerName = name('dense');
      keras.push({ class_name: 'Dense', config: { ...first, name: layerName, trainable: true, units: s.outDim, activation, use_bias: true } });
      weights.push({ name: `${layerName}/kernel`, shape: [s.inDim, s.outDim], dtype: 'float32' });
      if (i < last && dropout > 0) keras.push({ class_name: 'Dropout', config: { name: name('dropout'), trainable: true, rate: dropout } });
    }
    weights.push({ name: `${layerName}/bias`, shape: [s.outDim], dtype: 'float32' });
  });
  const floats = layers.reduce((n, w) => n + w.kernel.length + w.bias.length, 0);
  const data = new Float32Array(floats);
  let offset = 0;
  for (const w of layers) {
    data.set(w.kernel, offset);
    offset += w.kernel.length;
    data.set(w.bias, offset);
    offset += w.bias.length;
  }
  // Float32Array is in the platform's byte order; the format is little-endian (every platform we run on).
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'Prune Playground',
      convertedBy: null,
      modelTopology: { class_name: 'Sequential', config: { name: 'prune_playground', layers: keras }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
      weightsManifest: [{ paths: [`./${options.weightsFile ?? WEIGHTS_FILE}`], weights }],
    },
    weightData: data.buffer,
  };
}
