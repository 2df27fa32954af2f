/**
 * From a weight snapshot to what the heatmaps show: one {@link KernelView} per
 * kernel layer (input side first), titles, symmetric ranges and the words of
 * the hover tooltip. Pure.
 */
import type { WeightSnapshot } from '../../../state/snapshot';
import { autoRange, weightState, type KernelView } from './paint';

/** Pixels per edge of an MNIST image: a first layer with FILTER_SIDE² inputs gets the learned-filters view. */
export const FILTER_SIDE = 28;

/** A keep mask only when it matches the dimension it claims to mask (a stale one after a compaction is ignored). */
function sized(mask: Uint8Array | null | undefined, length: number): Uint8Array | null {
  return mask != null && mask.length === length ? mask : null;
}

/**
 * The kernel layers of `snapshot`: layer i's columns are its neurons (removed
 * when `neurons[i]` says so, hidden layers only) and its rows the previous
 * layer's neurons (removed when `neurons[i − 1]` says so).
 */
export function kernelViews(snapshot: WeightSnapshot): KernelView[] {
  const last = snapshot.layers.length - 1;
  return snapshot.layers.map((l, i) => ({
    kernel: l.kernel,
    rows: l.inDim,
    cols: l.outDim,
    mask: sized(snapshot.masks[i], l.inDim * l.outDim),
    keepRows: i > 0 ? sized(snapshot.neurons[i - 1], l.inDim) : null,
    keepCols: i < last ? sized(snapshot.neurons[i], l.outDim) : null,
  }));
}

/** "784x300,300x100,100x10": the canvases change only when this does. */
export function shapeKey(snapshot: WeightSnapshot | null): string {
  return snapshot === null ? '' : snapshot.layers.map((l) => `${l.inDim}x${l.outDim}`).join(',');
}

/** [rows, cols] per layer from a {@link shapeKey}. */
export function parseShapeKey(key: string): [number, number][] {
  return key === '' ? [] : key.split(',').map((s) => s.split('x').map(Number) as [number, number]);
}

/** "Layer 2 · 300 → 100", or "Output layer · 100 → 10" for the last one. */
export function layerTitle(index: number, count: number, rows: number, cols: number): string {
  return `${index === count - 1 ? 'Output layer' : `Layer ${index + 1}`} · ${rows} → ${cols}`;
}

/** True when layer 0 takes 28 × 28 images (MNIST): the learned-filters view is offered. */
export function hasFilters(shapes: readonly [number, number][]): boolean {
  return shapes.length > 0 && shapes[0][0] === FILTER_SIDE * FILTER_SIDE;
}

/** How the symmetric colour range is chosen. */
export type RangeMode = 'auto' | 'fixed';

/** The range per layer: automatic ({@link autoRange}, per layer) or `fixed` for all (must be > 0). */
export function layerRanges(views: readonly KernelView[], mode: RangeMode, fixed: number): number[] {
  return views.map((v) => (mode === 'fixed' && fixed > 0 ? fixed : autoRange(v)));
}

/** A weight for the legend and tooltip: 3 significant digits, a real minus sign. */
export function formatWeight(w: number): string {
  if (w === 0) return '0';
  const a = Math.abs(w);
  const text = a >= 1e-3 && a < 1e4 ? String(+a.toPrecision(3)) : a.toExponential(2);
  return w < 0 ? `−${text}` : text;
}

/** What the rows of layer `index` are, in words. */
function inputName(index: number, input: number, rows: number): string {
  if (index === 0 && rows === FILTER_SIDE * FILTER_SIDE) return `pixel ${input} (row ${Math.floor(input / FILTER_SIDE)}, col ${input % FILTER_SIDE})`;
  return index === 0 ? `input ${input}` : `neuron ${input} of layer ${index}`;
}

/**
 * The tooltip of weight (input, neuron) of layer `index` of `count`: which
 * connection it is, its dense value and whether it is pruned or its neuron removed.
 */
export function describeWeight(view: KernelView, index: number, count: number, input: number, neuron: number): string[] {
  const w = view.kernel[input * view.cols + neuron];
  const state = weightState(view, input, neuron);
  const target = index === count - 1 ? `output ${neuron}` : `neuron ${neuron} of layer ${index + 1}`;
  const status = state === 'pruned' ? 'masked (pruned): yes' : state === 'removed' ? 'masked: neuron removed' : 'masked: no';
  return [`${inputName(index, input, view.rows)} → ${target}`, `w = ${formatWeight(w)}${state === 'kept' ? '' : ' (dense value, not used)'}`, status];
}
