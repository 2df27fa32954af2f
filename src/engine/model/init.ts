/**
 * The seeded weight initialisation, in plain JS (no tfjs): the model builder
 * uploads these values, and lottery-ticket rewinding reads them again without
 * touching a tensor. The main thread may import this module.
 */
import type { LayerWeights, MlpSpec } from '../types';
import { Rng } from '../rng';
import { layerShapes } from './spec';

/**
 * Glorot-uniform values for an [inDim × outDim] kernel, row-major:
 * w ~ U[−limit, limit), limit = √(6 / (inDim + outDim)), drawn from `rng` in
 * order, so the init is identical on every backend.
 */
export function glorotUniform(inDim: number, outDim: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (inDim + outDim));
  const w = new Float32Array(inDim * outDim);
  for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-limit, limit);
  return w;
}

/**
 * The weights `buildMlp(spec, seed)` starts with: one Rng(seed), Glorot-uniform
 * kernels drawn layer after layer (input side first), zero biases.
 */
export function initialWeights(spec: MlpSpec, seed: number): LayerWeights[] {
  const rng = new Rng(seed);
  return layerShapes(spec).map(({ inDim, outDim }) => ({ inDim, outDim, kernel: glorotUniform(inDim, outDim, rng), bias: new Float32Array(outDim) }));
}
