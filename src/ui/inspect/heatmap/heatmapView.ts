/**
 * From a weight snapshot to what the heatmaps show: one {@link KernelView} per
 * kernel layer (input side first), titles, symmetric ranges and the words of
 * the hover tooltip. Pure.
 */
import type { ConvLayerSpec } from '../../../engine/model/convSpec';
import type { WeightSnapshot } from '../../../state/snapshot';
import { autoRange, weightState, type KernelView } from './paint';
import { translator, type Translate } from '../../i18n';

/** English, for callers (and tests) that give no translator. */
const EN = translator('en');

/** Pixels per edge of an MNIST image: a first layer with FILTER_SIDE² inputs gets the learned-filters view. */
export const FILTER_SIDE = 28;

/** A keep mask only when it matches the dimension it claims to mask (a stale one after a compaction is ignored). */
function sized(mask: Uint8Array | null | undefined, length: number): Uint8Array | null {
  return mask != null && mask.length === length ? mask : null;
}

/**
 * The keep mask of a layer's `rows` from the previous hidden layer's unit mask:
 * unit c feeds the rows r with r mod units = c (dense rows are the units; a
 * conv kernel's HWIO rows and a flattened NHWC map cycle through the channels).
 * Null when nothing is removed or the sizes do not fit (a stale mask).
 */
export function rowKeep(units: Uint8Array | null | undefined, rows: number): Uint8Array | null {
  if (units == null || units.length === 0 || rows % units.length !== 0) return null;
  if (units.length === rows) return units;
  const out = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) out[r] = units[r % units.length];
  return out;
}

/**
 * The kernel layers of `snapshot`: layer i's columns are its neurons (removed
 * when `neurons[i]` says so, hidden layers only) and its rows what the
 * previous layer's neurons feed (removed when `neurons[i − 1]` says so; see {@link rowKeep}).
 */
export function kernelViews(snapshot: WeightSnapshot): KernelView[] {
  const last = snapshot.layers.length - 1;
  return snapshot.layers.map((l, i) => ({
    kernel: l.kernel,
    rows: l.inDim,
    cols: l.outDim,
    mask: sized(snapshot.masks[i], l.inDim * l.outDim),
    keepRows: i > 0 ? rowKeep(sized(snapshot.neurons[i - 1], snapshot.layers[i - 1].outDim), l.inDim) : null,
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

/**
 * Conv layer `index` of a CNN whose conv stack is `conv` (input side first)
 * when its kernel matrix has the k·k·cin rows that layer reads; null for a
 * dense layer (or a snapshot that does not match the stack).
 */
export function convLayerAt(conv: readonly ConvLayerSpec[], index: number, rows: number): { kernel: number; inChannels: number } | null {
  const layer = conv[index];
  if (layer === undefined) return null;
  const inChannels = index === 0 ? 1 : conv[index - 1].filters;
  return layer.kernel * layer.kernel * inChannels === rows ? { kernel: layer.kernel, inChannels } : null;
}

/**
 * "Layer 2 · 300 → 100", or "Output layer · 100 → 10" for the last one; a CNN's
 * conv layer (its stack `conv`): "Conv layer 2 · 3×3×32 → 64 filters".
 */
export function layerTitle(index: number, count: number, rows: number, cols: number, conv: readonly ConvLayerSpec[] = [], t: Translate = EN): string {
  const c = convLayerAt(conv, index, rows);
  if (c !== null) return t('views.heatmap.convTitle', { n: index + 1, k: c.kernel, cin: c.inChannels, cols });
  return t('views.common.layerTitle', { name: index === count - 1 ? t('views.common.outputLayer') : t('views.common.layerN', { n: index + 1 }), rows, cols });
}

/** The caption under a layer's title: what its rows and columns are ("rows: 300 inputs · columns: 100 neurons"). */
export function layerAxes(index: number, rows: number, cols: number, conv: readonly ConvLayerSpec[] = [], t: Translate = EN): string {
  const c = convLayerAt(conv, index, rows);
  if (c !== null) return t('views.heatmap.axesConv', { rows, k: c.kernel, cin: c.inChannels, cols });
  if (index > 0 && index === conv.length) return t('views.heatmap.axesFlat', { rows, cols });
  return t('views.heatmap.axes', { rows, cols });
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

/**
 * What the rows of layer `index` are, in words. A conv layer's row is
 * (i·k + j)·cin + c (HWIO); the first dense layer after a CNN's Flatten reads
 * row r from filter r mod C of the last conv layer (NHWC).
 */
function inputName(index: number, input: number, rows: number, conv: readonly ConvLayerSpec[], t: Translate): string {
  const c = convLayerAt(conv, index, rows);
  if (c !== null) {
    const { kernel: k, inChannels: cin } = c;
    const at = t('views.heatmap.inKernel', { row: Math.floor(input / (k * cin)), col: Math.floor(input / cin) % k });
    return index === 0 ? at : t('views.heatmap.inKernelFilter', { at, filter: input % cin, layer: index });
  }
  if (index > 0 && index === conv.length) return t('views.heatmap.inFlattened', { input, filter: input % conv[index - 1].filters, layer: index });
  if (index === 0 && rows === FILTER_SIDE * FILTER_SIDE) return t('views.heatmap.inPixel', { input, row: Math.floor(input / FILTER_SIDE), col: input % FILTER_SIDE });
  return index === 0 ? t('views.heatmap.inInput', { input }) : t('views.heatmap.neuronOf', { n: input, layer: index });
}

/**
 * The tooltip of weight (input, neuron) of layer `index` of `count`: which
 * connection it is, its dense value and whether it is pruned or its neuron
 * removed. `conv` is a CNN's conv stack (its layers come first).
 */
export function describeWeight(view: KernelView, index: number, count: number, input: number, neuron: number, conv: readonly ConvLayerSpec[] = [], t: Translate = EN): string[] {
  const w = view.kernel[input * view.cols + neuron];
  const state = weightState(view, input, neuron);
  const convTarget = convLayerAt(conv, index, view.rows) !== null;
  const target =
    index === count - 1
      ? t('views.heatmap.toOutput', { n: neuron })
      : convTarget
        ? t('views.heatmap.toFilter', { n: neuron, layer: index + 1 })
        : t('views.heatmap.neuronOf', { n: neuron, layer: index + 1 });
  const status = t(state === 'pruned' ? 'views.heatmap.maskedPruned' : state === 'removed' ? 'views.heatmap.maskedRemoved' : 'views.heatmap.maskedNo');
  return [`${inputName(index, input, view.rows, conv, t)} → ${target}`, `w = ${formatWeight(w)}${state === 'kept' ? '' : t('views.heatmap.denseUnused')}`, status];
}
