/**
 * Pruning masks held on the device, one float32 tensor per masked variable,
 * uploaded once. The session masks the gradient (g ⊙ m) before the optimizer
 * and re-applies w ← w ⊙ m after it, so masked entries stay exactly 0 whatever
 * Adam's moments or the momentum buffer hold (PyTorch's weight_orig·mask keeps
 * their gradient at 0; TF-MOT's forward-only masking lets them drift, #684).
 */
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../model/network';
import type { LayerMask } from '../prune/types';

export class VariableMasks {
  private constructor(private readonly byVar: Map<tf.Variable, tf.Tensor>) {}

  /**
   * Uploads the masks of `model`'s layers; null when there is nothing to mask
   * (masks null, or every field null), so a dense model pays nothing per step.
   * Throws when the layer count or a mask's length does not fit the model.
   */
  static create(model: Network, masks: LayerMask[] | null | undefined): VariableMasks | null {
    if (!masks) return null;
    if (masks.length !== model.kernels.length) throw new Error(`setMasks: got ${masks.length} layers, the model has ${model.kernels.length}`);
    if (masks.every((m) => !m.kernel && !m.bias)) return null;
    masks.forEach((m, l) => {
      const [k, b] = [model.kernels[l].size, model.biases[l].size];
      if (m.kernel && m.kernel.length !== k) throw new Error(`setMasks: layer ${l} kernel mask has ${m.kernel.length} entries, the kernel ${k}`);
      if (m.bias && m.bias.length !== b) throw new Error(`setMasks: layer ${l} bias mask has ${m.bias.length} entries, the bias ${b}`);
    });
    const byVar = new Map<tf.Variable, tf.Tensor>();
    masks.forEach((m, l) => {
      if (m.kernel) byVar.set(model.kernels[l], tf.tensor(Float32Array.from(m.kernel), model.kernels[l].shape, 'float32'));
      if (m.bias) byVar.set(model.biases[l], tf.tensor(Float32Array.from(m.bias), model.biases[l].shape, 'float32'));
    });
    return new VariableMasks(byVar);
  }

  /** g ⊙ m for every masked variable (same keys, same order). Inside the caller's tidy. */
  maskGradients(grads: tf.NamedTensorMap): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = { ...grads };
    for (const [v, m] of this.byVar) if (out[v.name]) out[v.name] = tf.mul(out[v.name], m);
    return out;
  }

  /** w ← w ⊙ m for every masked variable (a negative w masked becomes −0, which equals 0). Inside the caller's tidy. */
  apply(): void {
    for (const [v, m] of this.byVar) v.assign(tf.mul(v, m));
  }

  dispose(): void {
    for (const m of this.byVar.values()) m.dispose();
    this.byVar.clear();
  }
}
