/**
 * The seeded weight initialisation, in plain JS (no tfjs): the model builder
 * uploads these values, and lottery-ticket rewinding reads them again without
 * touching a tensor. The main thread may import this module.
 */
import type { LayerWeights, ModelSpec } from '../types';
import { Rng } from '../rng';
import { layerShapes } from './spec';

/**
 * Glorot-uniform values for an [inDim × outDim] kernel, row-major:
 * w ~ U[−limit, limit), limit = √(6 / (fanIn + fanOut)), drawn from `rng` in
 * order, so the init is identical on every backend. A dense layer's fans are
 * inDim and outDim (the defaults); a conv layer's are k·k·cin and k·k·cout (Keras).
 */
export function glorotUniform(inDim: number, outDim: number, rng: Rng, fanIn = inDim, fanOut = outDim): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(inDim * outDim);
  for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-limit, limit);
  return w;
}

/**
 * The weights `buildNetwork(spec, seed)` starts with: one Rng(seed), Glorot-uniform
 * kernels drawn layer after layer (input side first; a conv kernel in row-major HWIO
 * order with fan_in = k·k·cin, fan_out = k·k·cout), zero biases.
 */
export function initialWeights(spec: ModelSpec, seed: number): LayerWeights[] {
  const rng = new Rng(seed);
  return layerShapes(spec).map(({ inDim, outDim, conv }) => {
    const area = conv ? conv.kernel * conv.kernel : 1;
    return { inDim, outDim, kernel: glorotUniform(inDim, outDim, rng, inDim, area * outDim), bias: new Float32Array(outDim) };
  });
}
