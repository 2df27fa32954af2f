/**
 * Plain-data model specs and the counts derived from them (parameters, FLOPs).
 * Imports no tfjs, so the main thread may show these figures directly.
 *
 * A conv layer is counted as a dense layer with inDim = kh·kw·cin rows and
 * outDim = filters columns (its kernel is the HWIO filter flattened row-major),
 * applied at `positions` = outH·outW places of its input map.
 */
import type { Activation, BackendName, DatasetInfo, ModelSpec } from '../types';
import { BACKEND_NAMES } from '../types';
import { convSides, IMAGE_SIDE, parseConv, type ConvLayerSpec } from './convSpec';

/** A layer's kernel shape as a matrix: [inDim × outDim], bias [outDim]. */
export interface LayerDims {
  inDim: number;
  outDim: number;
}

/** One layer of a spec: its kernel matrix, and for a conv layer where it sits in the image. */
export interface LayerShape extends LayerDims {
  kind: 'conv' | 'dense';
  /** Places the kernel is applied per sample: outH·outW for a conv layer, 1 for a dense one. */
  positions: number;
  /**
   * Conv layers only. Sides are heights of the maps (cnnSpec builds square images,
   * so widths are equal): `inSide` in, `outSide` after the conv (valid padding), `pooledSide` after its pooling.
   */
  conv?: { kernel: number; stride: number; inChannels: number; inSide: number; outSide: number; pooledSide: number };
}

/** Why a CNN is never trained on tfjs's WASM backend (the UI and the worker's fallback notice show it). */
export const CNN_WASM_REASON = 'tfjs WASM has no Conv2DBackpropFilter kernel, so a CNN cannot train on WASM';

/** What `experimentSpec` reads from an experiment config. */
export interface SpecConfig {
  arch: 'mlp' | 'cnn';
  /** Canonical conv text (convSpec.ts), read only for a CNN. */
  conv: string;
  pool: number;
  layers: number[];
  act: Activation;
}

function checkWidths(fn: string, hidden: number[]): void {
  for (const w of hidden) {
    if (!Number.isInteger(w) || w < 1) throw new Error(`${fn}: hidden width ${w} is not a positive integer`);
  }
}

/**
 * The MLP for a dataset: input width and output width from `info`
 * (classes for classification, 1 for regression), `hidden` widths in between.
 * Throws when a width is not a positive integer.
 */
export function mlpSpec(info: DatasetInfo, hidden: number[], activation: Activation): ModelSpec {
  checkWidths('mlpSpec', hidden);
  return { inputDim: info.inputDim, hidden: [...hidden], activation, outputDim: info.outputDim, task: info.task };
}

/** Whether the dataset's rows are IMAGE_SIDE×IMAGE_SIDE grey images (inputDim 784: mnist), the only ones a CNN takes. */
export function isImageDataset(info: DatasetInfo): boolean {
  return info.inputDim === IMAGE_SIDE * IMAGE_SIDE;
}

/**
 * The CNN for an image dataset: 28×28×1 input → `conv` layers (each followed by
 * pool×pool max-pooling when pool > 1) → flatten → dense `hidden` → output.
 * Throws when the dataset is not a 28×28 image dataset, a number is not a positive
 * integer, or a feature map shrinks below 1×1.
 */
export function cnnSpec(info: DatasetInfo, conv: ConvLayerSpec[], pool: number, hidden: number[], activation: Activation): ModelSpec {
  if (!isImageDataset(info)) throw new Error(`cnnSpec: ${info.name} is not a ${IMAGE_SIDE}×${IMAGE_SIDE} image dataset (inputDim ${info.inputDim}); a CNN needs image data`);
  if (conv.length === 0) throw new Error('cnnSpec: a CNN needs at least one conv layer');
  if (!Number.isInteger(pool) || pool < 1) throw new Error(`cnnSpec: pool ${pool} is not a positive integer`);
  for (const l of conv) {
    for (const [name, v] of [['filters', l.filters], ['kernel', l.kernel], ['stride', l.stride]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`cnnSpec: conv ${name} ${v} is not a positive integer`);
    }
  }
  checkWidths('cnnSpec', hidden);
  const bad = convSides(conv, IMAGE_SIDE, pool).findIndex((s) => s.pooled < 1);
  if (bad >= 0) throw new Error(`cnnSpec: conv layer ${bad + 1} shrinks the ${IMAGE_SIDE}×${IMAGE_SIDE} image below 1×1`);
  return {
    inputDim: info.inputDim,
    hidden: [...hidden],
    activation,
    outputDim: info.outputDim,
    task: info.task,
    conv: { height: IMAGE_SIDE, width: IMAGE_SIDE, channels: 1, layers: conv.map((l) => ({ ...l })), pool },
  };
}

/**
 * The spec of an experiment config: a CNN (conv text parsed) when `arch` is `cnn`
 * and the dataset holds images, otherwise the MLP (`arch` is ignored on datasets
 * that are not images). Throws on unparsable conv text or an impossible shape.
 */
export function experimentSpec(info: DatasetInfo, c: SpecConfig): ModelSpec {
  if (c.arch !== 'cnn' || !isImageDataset(info)) return mlpSpec(info, c.layers, c.act);
  const parsed = parseConv(c.conv);
  if (!parsed.ok) throw new Error(`experimentSpec: conv "${c.conv}": ${parsed.reason}`);
  return cnnSpec(info, parsed.value, c.pool, c.layers, c.act);
}

/** The units of every hidden layer, input side first: conv filters, then the dense hidden widths. */
export function hiddenWidths(spec: ModelSpec): number[] {
  return [...(spec.conv?.layers.map((l) => l.filters) ?? []), ...spec.hidden];
}

/** The same spec with new hidden unit counts (`hiddenWidths` order: conv filters first), e.g. after a compaction. Throws on a count mismatch. */
export function withHiddenWidths(spec: ModelSpec, widths: number[]): ModelSpec {
  const nConv = spec.conv?.layers.length ?? 0;
  if (widths.length !== nConv + spec.hidden.length) throw new Error(`withHiddenWidths: got ${widths.length} widths, the spec has ${nConv + spec.hidden.length} hidden layers`);
  checkWidths('withHiddenWidths', widths);
  const out: ModelSpec = { ...spec, hidden: widths.slice(nConv) };
  if (spec.conv) out.conv = { ...spec.conv, layers: spec.conv.layers.map((l, i) => ({ ...l, filters: widths[i] })) };
  return out;
}

/**
 * The layers in order, each with its kernel matrix [inDim × outDim]: for an MLP
 * [input → h₁, …, h_last → output] (a spec with no hidden layer has one); a CNN's
 * conv layers come first (inDim = k·k·cin, outDim = filters), the first dense layer
 * takes the flattened map (pooledH·pooledW·filters rows, NHWC order).
 * Throws when a conv map shrinks below 1×1.
 */
export function layerShapes(spec: ModelSpec): LayerShape[] {
  const shapes: LayerShape[] = [];
  let flat = spec.inputDim;
  if (spec.conv) {
    const { height, width, channels, layers, pool } = spec.conv;
    const rows = convSides(layers, height, pool);
    const cols = convSides(layers, width, pool);
    let inChannels = channels;
    let inSide = height;
    layers.forEach((l, i) => {
      if (rows[i].pooled < 1 || cols[i].pooled < 1) throw new Error(`layerShapes: conv layer ${i + 1} shrinks the ${height}×${width} image below 1×1`);
      shapes.push({
        inDim: l.kernel * l.kernel * inChannels,
        outDim: l.filters,
        kind: 'conv',
        positions: rows[i].conv * cols[i].conv,
        conv: { kernel: l.kernel, stride: l.stride, inChannels, inSide, outSide: rows[i].conv, pooledSide: rows[i].pooled },
      });
      inChannels = l.filters;
      inSide = rows[i].pooled;
    });
    const last = layers.length - 1;
    flat = rows[last].pooled * cols[last].pooled * inChannels;
  }
  const widths = [flat, ...spec.hidden, spec.outputDim];
  for (let i = 0; i + 1 < widths.length; i++) shapes.push({ inDim: widths[i], outDim: widths[i + 1], kind: 'dense', positions: 1 });
  return shapes;
}

/**
 * Trainable parameters: Σ over layers of in·out (kernel) + out (bias).
 * LeNet-300-100 (784-300-100-10) has 266,200 weights + 410 biases = 266,610; the
 * classic small CNN on MNIST (32:3, 64:3, pool 2, dense 128) 320 + 18,496 + 204,928 + 1,290 = 225,034.
 */
export function parameterCount(spec: ModelSpec): number {
  return layerShapes(spec).reduce((sum, { inDim, outDim }) => sum + inDim * outDim + outDim, 0);
}

/**
 * Floating-point operations of one forward pass for one sample:
 * Σ over layers of 2·in·out·positions (each multiply-add counted as 2 FLOPs; a
 * conv layer's kernel is applied at each of its outH·outW output positions).
 * Bias additions, activations and pooling are ignored (they are O(out), not O(in·out)).
 */
export function forwardFlopsPerSample(spec: ModelSpec): number {
  return layerShapes(spec).reduce((sum, { inDim, outDim, positions }) => sum + 2 * inDim * outDim * positions, 0);
}

/**
 * FLOPs of one training step on a batch: 3 × forward × batchSize, the usual
 * convention that backward costs two matmuls per layer (gradient w.r.t. the
 * input, dX = dY·Wᵀ, and w.r.t. the weights, dW = Xᵀ·dY) each as large as the
 * forward one. Optimizer updates are ignored (O(parameters), not O(batch·parameters)).
 */
export function trainingFlopsPerStep(spec: ModelSpec, batchSize: number): number {
  return 3 * forwardFlopsPerSample(spec) * batchSize;
}

/** The backends that can train `spec`: all four for an MLP; not wasm for a CNN (see CNN_WASM_REASON). */
export function trainableBackends(spec: ModelSpec): BackendName[] {
  return spec.conv ? BACKEND_NAMES.filter((b) => b !== 'wasm') : [...BACKEND_NAMES];
}
