/**
 * Structured (neuron) pruning in plain JS: importance by column norm or at
 * random, the keep-⌈p·n⌉ mask, its expansion to weight masks, and physical
 * compaction (dropping a neuron's column, bias and outgoing rows).
 * No tfjs: the main thread may import this module.
 *
 * A hidden layer's units are a dense layer's neurons or a conv layer's filters.
 * Unit c of hidden layer h feeds the rows r of layer h+1 with r mod outDim_h = c:
 * dense → dense (row r = unit r), conv → conv (HWIO row (i·k + j)·cin + c) and
 * conv → dense through the NHWC Flatten (row (y·W + x)·C + c) alike.
 */
import type { LayerWeights, ModelSpec } from '../types';
import type { Rng } from '../rng';
import { forwardFlopsPerSample, hiddenWidths, parameterCount, type LayerDims } from '../model/spec';
import { keepLargest } from './masks';
import type { LayerMask, ModelCost } from './types';

/** Throws unless unit c of layer h can feed rows r ≡ c (mod outDim_h) of layer h + 1. */
function checkFeeds(shapes: LayerDims[], h: number, fn: string): void {
  const { outDim } = shapes[h];
  const next = shapes[h + 1].inDim;
  if (next % outDim !== 0) throw new Error(`${fn}: layer ${h + 1} has ${next} input rows, not a multiple of layer ${h}'s ${outDim} units`);
}

/** Per output neuron j (length outDim): L1 (Σ|w|) or L2 (√Σw²) norm of kernel column j, its incoming weights. */
export function columnNorms(layer: LayerWeights, kind: 'l1' | 'l2'): Float32Array {
  const { inDim, outDim, kernel } = layer;
  const acc = new Float64Array(outDim);
  for (let i = 0; i < inDim; i++) {
    const row = i * outDim;
    for (let j = 0; j < outDim; j++) {
      const w = kernel[row + j];
      acc[j] += kind === 'l1' ? Math.abs(w) : w * w;
    }
  }
  return Float32Array.from(acc, (v) => (kind === 'l1' ? v : Math.sqrt(v)));
}

/** n importances uniform in [0, 1) drawn from `rng` in order: the random control. */
export function randomImportance(n: number, rng: Rng): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.next();
  return a;
}

/** Neurons kept at keep-ratio p: clamp(⌈p·n⌉, 1, n), with 1e-9 slack so ⌈0.1·30⌉ = 3 despite 0.1·30 = 3.0000000000000004. */
export function neuronKeepCount(n: number, p: number): number {
  if (n <= 0) return 0;
  return Math.min(n, Math.max(1, Math.ceil(p * n - 1e-9)));
}

/** Keeps the neuronKeepCount(n, p) most important neurons (ties → lower index; NaN least important); p ≥ 1 keeps all. */
export function neuronMask(importance: Float32Array, p: number): Uint8Array {
  const n = importance.length;
  if (p >= 1) return new Uint8Array(n).fill(1);
  const scores = Float32Array.from(importance, (v) => (v === v ? v : -Infinity));
  return keepLargest([scores], neuronKeepCount(n, p))[0];
}

/**
 * Weight masks of neuron masks: for hidden layer h with mask m, where m[c] = 0,
 * kernel h column c, bias h entry c and every row r ≡ c (mod outDim_h) of kernel
 * h+1 are 0 (incoming AND outgoing, so the unit contributes nothing whatever the
 * activation — sigmoid(0) = ½ included). For an MLP those rows are row c alone.
 * `shapes` are the layers; `neurons[h]` null = keep all. Untouched layers: {kernel: null, bias: null}.
 */
export function expandNeuronMasks(shapes: LayerDims[], neurons: (Uint8Array | null)[]): LayerMask[] {
  const out: LayerMask[] = shapes.map(() => ({ kernel: null, bias: null }));
  const kernelOf = (l: number) => (out[l].kernel ??= new Uint8Array(shapes[l].inDim * shapes[l].outDim).fill(1));
  for (let h = 0; h < Math.min(neurons.length, shapes.length - 1); h++) {
    const m = neurons[h];
    if (!m) continue;
    const { inDim, outDim } = shapes[h];
    if (m.length !== outDim) throw new Error(`expandNeuronMasks: hidden layer ${h} mask has ${m.length} entries, the layer ${outDim}`);
    checkFeeds(shapes, h, 'expandNeuronMasks');
    if (m.every((v) => v === 1)) continue;
    const kin = kernelOf(h);
    const bias = (out[h].bias = Uint8Array.from(m));
    const next = shapes[h + 1];
    const kout = kernelOf(h + 1);
    for (let c = 0; c < outDim; c++) {
      if (m[c]) continue;
      bias[c] = 0;
      for (let i = 0; i < inDim; i++) kin[i * outDim + c] = 0;
      for (let r = c; r < next.inDim; r += outDim) kout.fill(0, r * next.outDim, (r + 1) * next.outDim);
    }
  }
  return out;
}

function and(a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (!a) return b ? Uint8Array.from(b) : null;
  if (!b) return Uint8Array.from(a);
  if (a.length !== b.length) throw new Error(`combineMasks: lengths ${a.length} and ${b.length} differ`);
  const c = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) c[i] = a[i] & b[i];
  return c;
}

/** Elementwise AND of two mask lists, layer by layer (null = all ones; null when both are null). Fresh arrays. */
export function combineMasks(a: LayerMask[], b: LayerMask[]): LayerMask[] {
  if (a.length !== b.length) throw new Error(`combineMasks: ${a.length} and ${b.length} layers`);
  return a.map((m, l) => ({ kernel: and(m.kernel, b[l].kernel), bias: and(m.bias, b[l].bias) }));
}

/** layers ⊙ masks, layer by layer (fresh arrays; masks null, or a null field, keeps everything). */
export function maskedWeights(layers: LayerWeights[], masks: LayerMask[] | null | undefined): LayerWeights[] {
  return layers.map((w, l) => {
    const m = masks?.[l];
    const kernel = w.kernel.slice();
    const bias = w.bias.slice();
    if (m?.kernel) for (let i = 0; i < kernel.length; i++) if (!m.kernel[i]) kernel[i] = 0;
    if (m?.bias) for (let j = 0; j < bias.length; j++) if (!m.bias[j]) bias[j] = 0;
    return { inDim: w.inDim, outDim: w.outDim, kernel, bias };
  });
}

/** Unstructured kernel masks as LayerMasks (biases are not pruned: bias null). */
export function weightMasksToLayerMasks(kernelMasks: (Uint8Array | null)[]): LayerMask[] {
  return kernelMasks.map((kernel) => ({ kernel, bias: null }));
}

/** Indices i with m[i] = 1, or null for "all". */
function keptIndices(m: Uint8Array | null | undefined): number[] | null {
  if (!m || m.every((v) => v === 1)) return null;
  const idx: number[] = [];
  for (let i = 0; i < m.length; i++) if (m[i]) idx.push(i);
  return idx;
}

/** Rows `rows` and columns `cols` (null = all) of a row-major [inDim × outDim] array. */
function cut<T extends Float32Array | Uint8Array>(a: T, inDim: number, outDim: number, rows: number[] | null, cols: number[] | null, make: (n: number) => T): T {
  if (!rows && !cols) return a.slice() as T;
  const r = rows ?? Array.from({ length: inDim }, (_, i) => i);
  const c = cols ?? Array.from({ length: outDim }, (_, j) => j);
  const out = make(r.length * c.length);
  let p = 0;
  for (const i of r) for (const j of c) out[p++] = a[i * outDim + j];
  return out;
}

/**
 * Per layer: the kept input rows and output columns implied by the neuron masks
 * (rows of layer h+1: those r with unit r mod outDim_h kept). Throws when a hidden
 * layer would lose every unit.
 */
function cuts(shapes: LayerDims[], neurons: (Uint8Array | null)[]): { rows: number[] | null; cols: number[] | null }[] {
  const kept = shapes.slice(0, -1).map((s, h) => {
    const m = neurons[h] ?? null;
    if (m && m.length !== s.outDim) throw new Error(`compact: hidden layer ${h} mask has ${m.length} entries, the layer ${s.outDim}`);
    const idx = keptIndices(m);
    if (idx && idx.length === 0) throw new Error(`compact: hidden layer ${h} would lose every neuron`);
    if (idx) checkFeeds(shapes, h, 'compact');
    return idx;
  });
  const rowsOf = (l: number): number[] | null => {
    const m = l > 0 ? neurons[l - 1] : null;
    if (!m || !kept[l - 1]) return null;
    const units = shapes[l - 1].outDim;
    const rows: number[] = [];
    for (let r = 0; r < shapes[l].inDim; r++) if (m[r % units]) rows.push(r);
    return rows;
  };
  return shapes.map((_, l) => ({ rows: rowsOf(l), cols: l < shapes.length - 1 ? kept[l] : null }));
}

/**
 * Physically drops masked units: for hidden layer h, column c and bias c of
 * layer h and the rows r ≡ c (mod outDim_h) of layer h+1 where neurons[h][c] = 0
 * (a conv filter's channel in the next conv kernel, or its positions in the
 * flattened map of the first dense layer). Inputs and outputs
 * never change. The compacted net computes exactly what the neuron-masked net
 * (expandNeuronMasks) computes. Fresh arrays.
 */
export function compactLayers(layers: LayerWeights[], neurons: (Uint8Array | null)[]): LayerWeights[] {
  return cuts(layers, neurons).map(({ rows, cols }, l) => {
    const { inDim, outDim, kernel, bias } = layers[l];
    const bIdx = cols;
    return {
      inDim: rows ? rows.length : inDim,
      outDim: cols ? cols.length : outDim,
      kernel: cut(kernel, inDim, outDim, rows, cols, (n) => new Float32Array(n)),
      bias: bIdx ? Float32Array.from(bIdx, (j) => bias[j]) : bias.slice(),
    };
  });
}

/** The compactLayers cut applied to kernel masks (null stays null). */
export function compactKernelMasks(shapes: LayerDims[], masks: (Uint8Array | null)[], neurons: (Uint8Array | null)[]): (Uint8Array | null)[] {
  return cuts(shapes, neurons).map(({ rows, cols }, l) => {
    const m = masks[l] ?? null;
    return m ? cut(m, shapes[l].inDim, shapes[l].outDim, rows, cols, (n) => new Uint8Array(n)) : null;
  });
}

/** Size and dense cost of a model: hidden = hiddenWidths (conv filters first), params = Σ in·out + out, flops = Σ 2·in·out·positions per sample, bytes = params·4. */
export function modelCost(spec: ModelSpec): ModelCost {
  const params = parameterCount(spec);
  return { hidden: hiddenWidths(spec), params, flops: forwardFlopsPerSample(spec), bytes: params * 4 };
}
