/**
 * A network's shape in words for the model controls and the compaction note:
 * a CNN's feature maps as H×W×C (Keras's model.summary convention), an MLP's
 * widths joined by arrows. Pure.
 */
import { convSides, IMAGE_SIDE, type ConvLayerSpec } from '../../engine/model/convSpec';

/** Width of the flattened last feature map, side² · filters (classic small CNN: 5·5·64 = 1,600); 0 for no conv layer. */
export function flattenWidth(layers: readonly ConvLayerSpec[], pool: number, side = IMAGE_SIDE): number {
  if (layers.length === 0) return 0;
  const last = convSides([...layers], side, pool).at(-1)!;
  return last.pooled * last.pooled * layers[layers.length - 1].filters;
}

/** The words of a shape text (Keras's layer names by default; the UI passes them in its language). */
export interface ShapeWords {
  pool: string;
  flatten: string;
}

const KERAS_WORDS: ShapeWords = { pool: 'pool', flatten: 'flatten' };

/**
 * The conv stack as the shapes of its feature maps, input first:
 * `28×28×1 → 26×26×32 → pool 13×13×32 → 11×11×64 → pool 5×5×64 → flatten 1600`
 * for `32:3,64:3` with 2×2 pooling (no pool steps when `pool` = 1).
 */
export function convStackText(layers: readonly ConvLayerSpec[], pool: number, side = IMAGE_SIDE, words: ShapeWords = KERAS_WORDS): string {
  const parts = [`${side}×${side}×1`];
  convSides([...layers], side, pool).forEach(({ conv, pooled }, i) => {
    const c = layers[i].filters;
    parts.push(`${conv}×${conv}×${c}`);
    if (pool > 1) parts.push(`${words.pool} ${pooled}×${pooled}×${c}`);
  });
  parts.push(`${words.flatten} ${flattenWidth(layers, pool, side)}`);
  return parts.join(' → ');
}

/**
 * The hidden widths `hidden` (a CNN's filters first, then its dense widths) as
 * a short shape: `784-300-100-10` for an MLP, `conv 16-32 → 800-64-10` for a
 * CNN whose first `conv.length` hidden layers are conv layers (the kernels and
 * strides of `conv`, the filter counts of `hidden`).
 */
export function hiddenShapeText(hidden: readonly number[], conv: readonly ConvLayerSpec[], pool: number, inputDim: number, outputDim: number): string {
  if (conv.length === 0) return [inputDim, ...hidden, outputDim].join('-');
  const filters = hidden.slice(0, conv.length);
  const resized = conv.map((l, i) => ({ ...l, filters: filters[i] ?? l.filters }));
  return `conv ${filters.join('-')} → ${[flattenWidth(resized, pool), ...hidden.slice(conv.length), outputDim].join('-')}`;
}
