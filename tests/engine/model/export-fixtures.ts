/**
 * Shared by the export/import tests: seeded networks with non-zero biases,
 * the engine's own forward pass, and the export as tfjs ModelArtifacts.
 */
import * as tf from '@tensorflow/tfjs';
import { exportModel, type ExportedModel } from '../../../src/engine/model/export';
import { initialWeights } from '../../../src/engine/model/init';
import { forwardNet } from '../../../src/engine/model/network';
import { Rng } from '../../../src/engine/rng';
import type { LayerWeights, ModelSpec } from '../../../src/engine/types';

/** The seeded init with every bias drawn from U[−0.3, 0.3) (zero biases would hide bias bugs). */
export function seededWeights(spec: ModelSpec, seed: number): LayerWeights[] {
  const rng = new Rng(seed + 7);
  return initialWeights(spec, seed).map((l) => ({ ...l, bias: Float32Array.from(l.bias, () => rng.uniform(-0.3, 0.3)) }));
}

/** n rows of `dim` values uniform in [lo, hi) from Rng(seed). */
export function fixedInputs(n: number, dim: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * dim }, () => rng.uniform(lo, hi));
}

/** The engine's forward pass (forwardNet, on tensors made from `layers`), then softmax for classification: what the exported model predicts. */
export function enginePredict(spec: ModelSpec, layers: LayerWeights[], x: Float32Array): Float32Array {
  const n = x.length / spec.inputDim;
  return tf.tidy(() => {
    const kernels = layers.map((l) => tf.tensor2d(l.kernel, [l.inDim, l.outDim]));
    const biases = layers.map((l) => tf.tensor1d(l.bias));
    const y = forwardNet(spec, tf.tensor2d(x, [n, spec.inputDim]), kernels, biases);
    return (spec.task === 'classification' ? tf.softmax(y) : y).dataSync() as Float32Array;
  });
}

/** The export as the artifacts `tf.io.fromMemory` takes (the manifest's weights in order, the one binary). */
export function artifactsOf(exported: ExportedModel): tf.io.ModelArtifacts {
  const json = JSON.parse(JSON.stringify(exported.modelJson)) as typeof exported.modelJson;
  return { modelTopology: json.modelTopology as unknown as tf.io.ModelArtifacts['modelTopology'], weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: exported.weightData };
}

/** Loads the export with tf.loadLayersModel and predicts `x` (rows of inputDim). */
export async function tfjsPredict(exported: ExportedModel, x: Float32Array, inputDim: number): Promise<Float32Array> {
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifactsOf(exported)));
  try {
    return tf.tidy(() => (model.predict(tf.tensor2d(x, [x.length / inputDim, inputDim])) as tf.Tensor).dataSync() as Float32Array);
  } finally {
    model.dispose();
  }
}

/** Export then load and predict, in one call. */
export async function roundTripPredict(spec: ModelSpec, layers: LayerWeights[], x: Float32Array, dropout = 0): Promise<Float32Array> {
  return tfjsPredict(exportModel(spec, layers, { dropout }), x, spec.inputDim);
}

/** Largest |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths ${a.length} and ${b.length} differ`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
