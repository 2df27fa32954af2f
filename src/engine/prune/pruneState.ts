/**
 * Dense weights and masks kept apart, like PyTorch's `weight_orig` + `mask`:
 * a masked weight keeps the value it had when it was masked, so unmasking
 * brings it back unchanged. Plain JS, no tfjs.
 */
import type { LayerWeights } from '../types';
import type { LayerMask } from './types';
import type { LayerDims } from '../model/spec';
import { combineMasks, compactKernelMasks, compactLayers, expandNeuronMasks, maskedWeights, weightMasksToLayerMasks } from './structured';

const copyLayer = (w: LayerWeights): LayerWeights => ({ inDim: w.inDim, outDim: w.outDim, kernel: w.kernel.slice(), bias: w.bias.slice() });
const copyMask = (m: Uint8Array | null | undefined): Uint8Array | null => (m ? m.slice() : null);


/**
 * The pruning state of one model: dense (orig) weights, unstructured kernel
 * masks (one per kernel layer) and neuron keep masks (one per hidden layer).
 * Every getter returns copies; every setter copies its input.
 */
export class PruneState {
  private layers: LayerWeights[];
  private kMasks: (Uint8Array | null)[];
  private nMasks: (Uint8Array | null)[];

  /** Copies `dense`; all masks null. */
  constructor(dense: LayerWeights[]) {
    this.layers = dense.map(copyLayer);
    this.kMasks = dense.map(() => null);
    this.nMasks = dense.slice(1).map(() => null);
  }

  /** The current layer shapes (they shrink on `compact()`). */
  get shapes(): LayerDims[] {
    return this.layers.map(({ inDim, outDim }) => ({ inDim, outDim }));
  }

  /** Copies of the dense (orig) weights. */
  dense(): LayerWeights[] {
    return this.layers.map(copyLayer);
  }

  /** Unstructured masks, per kernel layer (null = all kept). */
  kernelMasks(): (Uint8Array | null)[] {
    return this.kMasks.map(copyMask);
  }

  /** Neuron keep masks, per hidden layer (null = all kept). */
  neuronMasks(): (Uint8Array | null)[] {
    return this.nMasks.map(copyMask);
  }

  /** Replaces the kernel masks (one per kernel layer, missing entries = null). Throws on a wrong length. */
  setKernelMasks(m: (Uint8Array | null)[]): void {
    this.kMasks = this.layers.map((w, l) => {
      const k = m[l] ?? null;
      if (k && k.length !== w.kernel.length) throw new Error(`PruneState: kernel mask ${l} has ${k.length} entries, the kernel ${w.kernel.length}`);
      return copyMask(k);
    });
  }

  /** Replaces the neuron masks (one per hidden layer, missing entries = null). Throws on a wrong length. */
  setNeuronMasks(m: (Uint8Array | null)[]): void {
    this.nMasks = this.layers.slice(0, -1).map((w, h) => {
      const k = m[h] ?? null;
      if (k && k.length !== w.outDim) throw new Error(`PruneState: neuron mask ${h} has ${k.length} entries, the layer ${w.outDim}`);
      return copyMask(k);
    });
  }

  /** The masks the session applies: kernel masks AND the expanded neuron masks. */
  layerMasks(): LayerMask[] {
    return combineMasks(weightMasksToLayerMasks(this.kMasks), expandNeuronMasks(this.shapes, this.nMasks));
  }

  /**
   * Takes the session's current (effective) weights: entries kept by layerMasks()
   * get the new value; masked entries keep their dense value (frozen when they were masked).
   */
  absorb(effective: LayerWeights[]): void {
    if (effective.length !== this.layers.length) throw new Error(`PruneState.absorb: ${effective.length} layers, expected ${this.layers.length}`);
    const masks = this.layerMasks();
    this.layers.forEach((w, l) => {
      const e = effective[l];
      if (e.kernel.length !== w.kernel.length || e.bias.length !== w.bias.length) throw new Error(`PruneState.absorb: layer ${l} shape differs`);
      const { kernel: km, bias: bm } = masks[l];
      for (let i = 0; i < w.kernel.length; i++) if (!km || km[i]) w.kernel[i] = e.kernel[i];
      for (let j = 0; j < w.bias.length; j++) if (!bm || bm[j]) w.bias[j] = e.bias[j];
    });
  }

  /** dense ⊙ layerMasks(): what the network computes with. */
  effective(): LayerWeights[] {
    const masks = this.layerMasks();
    return this.layers.map((w, l) => maskedWeights([w], [masks[l]])[0]);
  }

  /** Dense weights with only the neuron masks applied (kernel masks ignored): the input of neuron importance. */
  denseWithNeurons(): LayerWeights[] {
    const masks = expandNeuronMasks(this.shapes, this.nMasks);
    return this.layers.map((w, l) => maskedWeights([w], [masks[l]])[0]);
  }

  /**
   * Physically removes the masked units from the dense weights and the kernel
   * masks (compactLayers); neuron masks become null. Returns the new hidden widths
   * in `hiddenWidths` order (a CNN's conv filters first): `withHiddenWidths(spec, widths)`
   * is the spec of the compacted weights.
   */
  compact(): number[] {
    const shapes = this.shapes;
    this.kMasks = compactKernelMasks(shapes, this.kMasks, this.nMasks);
    this.layers = compactLayers(this.layers, this.nMasks);
    this.nMasks = this.nMasks.map(() => null);
    return this.layers.slice(0, -1).map((w) => w.outDim);
  }

  /** New dense weights (any shapes), all masks null. */
  reset(dense: LayerWeights[]): void {
    this.layers = dense.map(copyLayer);
    this.kMasks = dense.map(() => null);
    this.nMasks = dense.slice(1).map(() => null);
  }

  /** Replaces the dense weights and keeps the masks (lottery rewind / random re-init). Shapes must match. */
  setDense(dense: LayerWeights[]): void {
    if (dense.length !== this.layers.length || dense.some((w, l) => w.inDim !== this.layers[l].inDim || w.outDim !== this.layers[l].outDim)) {
      throw new Error('PruneState.setDense: shapes differ from the current layers');
    }
    this.layers = dense.map(copyLayer);
  }
}

