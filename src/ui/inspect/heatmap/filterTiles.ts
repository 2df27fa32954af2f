/**
 * The first conv layer's filters as small tiles, pure. Its kernel is the HWIO
 * filter [k, k, 1, filters] flattened row-major to [k·k × filters]: column f
 * is filter f, row p = i·k + j its weight at kernel row i, column j, drawn at
 * tile pixel (x = j, y = i) — the same layout as the MNIST learned-filters view.
 */
import { CONV_KERNEL_MAX } from '../../../engine/model/convSpec';
import { LUT_CENTRE, REMOVED_PIXELS, weightPixel } from './colourScale';
import type { KernelView } from './paint';

/** About how wide a filter tile is drawn, canvas pixels (3×3 → 12 px per weight, 7×7 → 5). */
export const FILTER_TILE_PX = 36;

/** The kernel side k of a first conv layer with `rows` = k·k rows (one input channel), or 0 when `rows` is no such square. */
export function filterSide(rows: number): number {
  const k = Math.round(Math.sqrt(rows));
  return k >= 1 && k <= CONV_KERNEL_MAX && k * k === rows ? k : 0;
}

/** Canvas pixels per weight of a `side` × `side` tile: ⌊{@link FILTER_TILE_PX} / side⌋, at least 1. */
export function filterTileScale(side: number): number {
  return Math.max(1, Math.floor(FILTER_TILE_PX / Math.max(1, side)));
}

/** Whether filter `filter` was removed by structured pruning (its keep mask is 0). */
export function filterRemoved(view: KernelView, filter: number): boolean {
  return view.keepCols !== null && view.keepCols[filter] === 0;
}

/** How many of filter `filter`'s weights the kernel mask prunes. */
export function maskedInFilter(view: KernelView, filter: number): number {
  if (view.mask === null) return 0;
  let n = 0;
  for (let p = 0; p < view.rows; p++) if (view.mask[p * view.cols + filter] === 0) n++;
  return n;
}

/**
 * Paints filter `filter` of `view` into `out` (a side·scale square, row-major):
 * weight p at the scale × scale block (p mod side, ⌊p / side⌋) in its LUT
 * colour on [−range, range], pruned weights in the mask colour; a removed
 * filter is a diagonal grey hatch.
 */
export function paintFilterTile(out: Uint32Array, view: KernelView, filter: number, side: number, range: number, scale: number): void {
  const edge = side * scale;
  if (filterRemoved(view, filter)) {
    const [a, b] = REMOVED_PIXELS;
    for (let y = 0, q = 0; y < edge; y++) for (let x = 0; x < edge; x++) out[q++] = ((x + y) & 4) === 0 ? a : b;
    return;
  }
  const { kernel, cols, mask } = view;
  const toIndex = LUT_CENTRE / range;
  for (let p = 0, pixels = side * side; p < pixels; p++) {
    const idx = p * cols + filter;
    const colour = weightPixel(kernel, mask, idx, toIndex);
    const at = Math.floor(p / side) * scale * edge + (p % side) * scale;
    for (let r = 0; r < scale; r++) out.fill(colour, at + r * edge, at + r * edge + scale);
  }
}
