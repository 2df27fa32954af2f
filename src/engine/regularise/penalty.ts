/**
 * Regularisation penalties in plain JS (tfjs-free, so the main thread may import
 * it): Keras semantics, over the KERNELS only (biases are never regularised).
 * The device-side versions used by the training step are in ./ops.ts.
 */
import type { LayerWeights } from '../types';

/** l1·Σ|w| + l2·Σw² over every layer's kernel (no ½, as in Keras/tfjs), summed in float64. */
export function penaltyValue(layers: LayerWeights[], l1: number, l2: number): number {
  let abs = 0;
  let sq = 0;
  for (const { kernel } of layers) {
    for (let i = 0; i < kernel.length; i++) {
      const w = kernel[i];
      abs += Math.abs(w);
      sq += w * w;
    }
  }
  return (l1 > 0 ? l1 * abs : 0) + (l2 > 0 ? l2 * sq : 0);
}

/**
 * The proximal step of t·‖w‖₁ (soft-thresholding): w ← sign(w)·max(|w| − t, 0),
 * computed as the device does in float32 (t rounded to float32 first), so it is a
 * bit-exact reference for the session's prox update. Entries with |w| ≤ t become
 * exactly 0. Returns a new array.
 */
export function softThresholdValues(w: Float32Array, t: number): Float32Array {
  const t32 = Math.fround(t);
  const out = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const a = Math.fround(Math.abs(w[i]) - t32);
    out[i] = a > 0 ? Math.sign(w[i]) * a : 0;
  }
  return out;
}
