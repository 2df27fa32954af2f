/**
 * Pure geometry of the network graph: where each neuron sits and which links
 * to draw, with what width, colour and style. Fed plain snapshot data, no DOM.
 */
import type { LayerWeights } from '../../engine/types';
import { translator, type Translate } from '../i18n';

/** English, for callers that give no translator. */
const EN = translator('en');

/** Widest layer the graph draws; wider networks get a note (the heatmaps show them). */
export const MAX_GRAPH_WIDTH = 32;
/** Thinnest and thickest link, in view-box units. */
export const MIN_LINK_WIDTH = 0.6;
export const MAX_LINK_WIDTH = 6;

/** A neuron: column `column` (0 = inputs, last = outputs), index `index` in it. */
export interface GraphNode {
  column: number;
  index: number;
  x: number;
  y: number;
  /** Structurally removed (neuron mask 0): not drawn, nor its links. */
  removed: boolean;
}

/** The laid-out network: node columns and the view box. */
export interface GraphLayout {
  width: number;
  height: number;
  /** Node radius, view-box units. */
  radius: number;
  /** columns[c][i]: neuron i of column c. */
  columns: GraphNode[][];
}

/** Layer widths of a snapshot: inputs, each hidden layer, outputs. */
export function layerWidths(layers: readonly Pick<LayerWeights, 'inDim' | 'outDim'>[]): number[] {
  return layers.length === 0 ? [] : [layers[0].inDim, ...layers.map((l) => l.outDim)];
}

/**
 * Whether each layer reads exactly the previous layer's units (an MLP). A
 * CNN's conv kernels are k·k·c rows applied at every position and its first
 * dense layer reads the flattened maps: no one-link-per-weight graph.
 */
export function isDenseChain(layers: readonly Pick<LayerWeights, 'inDim' | 'outDim'>[]): boolean {
  return layers.every((l, i) => i === 0 || l.inDim === layers[i - 1].outDim);
}

/** Whether the graph can be drawn legibly (every layer ≤ {@link MAX_GRAPH_WIDTH}). */
export function graphFits(widths: readonly number[]): boolean {
  return widths.length > 0 && widths.every((w) => w <= MAX_GRAPH_WIDTH);
}

/** The view-box height for a network whose widest layer has `maxWidth` neurons. */
export function graphHeight(maxWidth: number): number {
  return Math.max(180, Math.min(460, GRAPH_PAD.top + GRAPH_PAD.bottom + (maxWidth - 1) * 24));
}

/** Margins of the view box: room for the input labels (left), output labels (right) and column titles (top). */
export const GRAPH_PAD = { left: 44, right: 70, top: 34, bottom: 14 };

/**
 * Places the neurons: columns evenly spread over `width` inside
 * {@link GRAPH_PAD}, each column centred vertically with equal spacing (at most 44 units). Removed neurons keep their
 * place (so hovering stays put and the gap shows what went), marked `removed`.
 * `removed[c]` is column c's neuron mask (1 = kept, 0 = removed; null = all kept);
 * only hidden columns (1 … L−2) have one.
 */
export function layoutGraph(widths: readonly number[], removed: readonly (Uint8Array | null)[], width: number, height: number): GraphLayout {
  const { left, right, top: padTop, bottom } = GRAPH_PAD;
  const maxWidth = Math.max(1, ...widths);
  const spacing = maxWidth > 1 ? Math.min(44, (height - padTop - bottom) / (maxWidth - 1)) : 0;
  const radius = Math.max(3, Math.min(11, spacing * 0.38 || 11));
  const middle = padTop + (height - padTop - bottom) / 2;
  const columns = widths.map((n, c) => {
    const x = widths.length > 1 ? left + (c * (width - left - right)) / (widths.length - 1) : width / 2;
    const top = middle - ((n - 1) * spacing) / 2;
    const mask = removed[c] ?? null;
    return Array.from({ length: n }, (_, i): GraphNode => ({ column: c, index: i, x, y: top + i * spacing, removed: mask !== null && mask[i] === 0 }));
  });
  return { width, height, radius, columns };
}

/** One link to draw: from neuron `from` of column `column` to neuron `to` of column `column + 1`. */
export interface GraphLink {
  column: number;
  from: number;
  to: number;
  /** The effective weight (0 when pruned). */
  weight: number;
  /** Masked by weight pruning: drawn dashed and faded. */
  pruned: boolean;
  /** Stroke width, view-box units: MIN + (MAX − MIN) · |w| / max|w| of its layer (pruned: MIN). */
  strokeWidth: number;
  /** Opacity: 0.25 + 0.75 · |w| / max|w| of its layer (pruned: 0.45). */
  opacity: number;
}

/**
 * The links of a snapshot: every kernel entry (i, j) of layer l is a link from
 * neuron i of column l to neuron j of column l + 1, except where either end is
 * a removed neuron. Width and opacity scale with |w| / max|w| over the kept
 * links of the same layer — per layer, like the heatmaps' automatic range, so
 * a first layer with large weights does not fade every other layer to nothing.
 * Pruned entries (mask 0) are flagged. `neurons[h]` is hidden layer h's neuron
 * mask (column h + 1).
 */
export function graphLinks(layers: readonly LayerWeights[], masks: readonly (Uint8Array | null)[], neurons: readonly (Uint8Array | null)[]): GraphLink[] {
  const kept = (column: number, i: number): boolean => {
    const mask = column >= 1 && column <= layers.length - 1 ? (neurons[column - 1] ?? null) : null;
    return mask === null || mask[i] !== 0;
  };
  const links: GraphLink[] = [];
  for (let l = 0; l < layers.length; l++) {
    const { inDim, outDim, kernel } = layers[l];
    const mask = masks[l] ?? null;
    let maxAbs = 0;
    for (let i = 0; i < inDim; i++) {
      if (!kept(l, i)) continue;
      for (let j = 0; j < outDim; j++) {
        const k = i * outDim + j;
        if (kept(l + 1, j) && (mask === null || mask[k] !== 0)) maxAbs = Math.max(maxAbs, Math.abs(kernel[k]));
      }
    }
    for (let i = 0; i < inDim; i++) {
      if (!kept(l, i)) continue;
      for (let j = 0; j < outDim; j++) {
        if (!kept(l + 1, j)) continue;
        const k = i * outDim + j;
        const pruned = mask !== null && mask[k] === 0;
        const weight = pruned ? 0 : kernel[k];
        const t = maxAbs > 0 ? Math.abs(weight) / maxAbs : 0;
        links.push({
          column: l,
          from: i,
          to: j,
          weight,
          pruned,
          strokeWidth: pruned ? MIN_LINK_WIDTH : MIN_LINK_WIDTH + (MAX_LINK_WIDTH - MIN_LINK_WIDTH) * t,
          opacity: pruned ? 0.45 : 0.25 + 0.75 * t,
        });
      }
    }
  }
  return links;
}

/** A structure key: changes when the widths or the removed neurons change (the nodes re-render then only). */
export function structureKey(widths: readonly number[], neurons: readonly (Uint8Array | null)[]): string {
  return `${widths.join(',')}|${neurons.map((m) => (m === null ? '*' : Array.from(m).join(''))).join('/')}`;
}

/** "Hidden layer 2, neuron 5" for hidden layer `layer` (from 0) and neuron `unit` (from 0), in the language of `t`: people count from 1. */
export function neuronName(layer: number, unit: number, t: Translate = EN): string {
  return t('views.graph.neuronName', { layer: layer + 1, unit: unit + 1 });
}
