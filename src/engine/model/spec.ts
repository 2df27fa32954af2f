/**
 * Plain-data model specs and the counts derived from them (parameters, FLOPs).
 * Imports no tfjs, so the main thread may show these figures directly.
 */
import type { Activation, DatasetInfo, MlpSpec } from '../types';

/**
 * The MLP for a dataset: input width and output width from `info`
 * (classes for classification, 1 for regression), `hidden` widths in between.
 * Throws when a width is not a positive integer.
 */
export function mlpSpec(info: DatasetInfo, hidden: number[], activation: Activation): MlpSpec {
  for (const w of hidden) {
    if (!Number.isInteger(w) || w < 1) throw new Error(`mlpSpec: hidden width ${w} is not a positive integer`);
  }
  return { inputDim: info.inputDim, hidden: [...hidden], activation, outputDim: info.outputDim, task: info.task };
}

/** The dense layers in order: [input → h₁, h₁ → h₂, …, h_last → output]; a spec with no hidden layer has one. */
export function layerShapes(spec: MlpSpec): { inDim: number; outDim: number }[] {
  const widths = [spec.inputDim, ...spec.hidden, spec.outputDim];
  return widths.slice(0, -1).map((inDim, i) => ({ inDim, outDim: widths[i + 1] }));
}

/**
 * Trainable parameters: Σ over layers of in·out (kernel) + out (bias).
 * LeNet-300-100 (784-300-100-10) has 266,200 weights + 410 biases = 266,610.
 */
export function parameterCount(spec: MlpSpec): number {
  return layerShapes(spec).reduce((sum, { inDim, outDim }) => sum + inDim * outDim + outDim, 0);
}

/**
 * Floating-point operations of one forward pass for one sample:
 * Σ over layers of 2·in·out (each multiply-add counted as 2 FLOPs).
 * Bias additions and activations are ignored (they are O(out), not O(in·out)).
 */
export function forwardFlopsPerSample(spec: MlpSpec): number {
  return layerShapes(spec).reduce((sum, { inDim, outDim }) => sum + 2 * inDim * outDim, 0);
}

/**
 * FLOPs of one training step on a batch: 3 × forward × batchSize, the usual
 * convention that backward costs two matmuls per layer (gradient w.r.t. the
 * input, dX = dY·Wᵀ, and w.r.t. the weights, dW = Xᵀ·dY) each as large as the
 * forward one. Optimizer updates are ignored (O(parameters), not O(batch·parameters)).
 */
export function trainingFlopsPerStep(spec: MlpSpec, batchSize: number): number {
  return 3 * forwardFlopsPerSample(spec) * batchSize;
}
