/**
 * Paints weight matrices into packed RGBA pixel buffers (a Uint32Array view
 * over ImageData), pure and allocation-free per pixel: one LUT lookup per
 * weight. The hot loops are written for V8: typed arrays, no closures, no
 * objects; a 784 × 300 kernel paints in about a millisecond.
 */
import { GAP_PIXEL, LUT_CENTRE, REMOVED_PIXELS, weightPixel } from './colourScale';
import { tileOrigin, type TileLayout } from './layout';

/** One kernel and what hides parts of it. Layout row-major [rows × cols]: weight (i, j) at i·cols + j. */
export interface KernelView {
  /** Dense weights. */
  kernel: Float32Array;
  rows: number;
  cols: number;
  /** Kernel mask, 0 = pruned; null = nothing pruned. */
  mask: Uint8Array | null;
  /** Keep mask of the neurons feeding each row (the previous hidden layer), 0 = removed; null = all kept. */
  keepRows: Uint8Array | null;
  /** Keep mask of this layer's neurons (the columns), 0 = removed; null = all kept. */
  keepCols: Uint8Array | null;
}

/** How a weight is shown. */
export type WeightState = 'kept' | 'pruned' | 'removed';

/** Removed (its neuron or its input neuron is gone) wins over pruned. */
export function weightState(view: KernelView, input: number, neuron: number): WeightState {
  if ((view.keepRows !== null && view.keepRows[input] === 0) || (view.keepCols !== null && view.keepCols[neuron] === 0)) return 'removed';
  if (view.mask !== null && view.mask[input * view.cols + neuron] === 0) return 'pruned';
  return 'kept';
}

/** Quantile used by the automatic range: the top 1 % of |w| saturate, so one outlier cannot wash the map out. */
export const AUTO_QUANTILE = 0.99;
const RANGE_BINS = 2048;
const rangeCounts = new Uint32Array(RANGE_BINS);

/**
 * The automatic symmetric range of a layer: the {@link AUTO_QUANTILE} quantile
 * of |w| over the kept weights (not pruned, not removed), to within
 * max|w| / 2048 (a histogram, O(n), no sort; rounded up to the bin's upper
 * edge). Falls back to 1 when every kept weight is 0 or nothing is kept.
 */
export function autoRange(view: KernelView, quantile = AUTO_QUANTILE): number {
  const { kernel, rows, cols, mask, keepRows, keepCols } = view;
  let hi = 0;
  let count = 0;
  for (let i = 0; i < rows; i++) {
    if (keepRows !== null && keepRows[i] === 0) continue;
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const idx = base + j;
      if ((mask !== null && mask[idx] === 0) || (keepCols !== null && keepCols[j] === 0)) continue;
      const a = Math.abs(kernel[idx]);
      if (a > hi) hi = a;
      count++;
    }
  }
  if (!(hi > 0) || !Number.isFinite(hi)) return 1;
  rangeCounts.fill(0);
  const perUnit = RANGE_BINS / hi;
  for (let i = 0; i < rows; i++) {
    if (keepRows !== null && keepRows[i] === 0) continue;
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const idx = base + j;
      if ((mask !== null && mask[idx] === 0) || (keepCols !== null && keepCols[j] === 0)) continue;
      const b = Math.min(RANGE_BINS - 1, Math.floor(Math.abs(kernel[idx]) * perUnit));
      rangeCounts[b]++;
    }
  }
  const target = Math.ceil(quantile * count);
  let seen = 0;
  for (let b = 0; b < RANGE_BINS; b++) {
    seen += rangeCounts[b];
    if (seen >= target) return ((b + 1) / RANGE_BINS) * hi;
  }
  return hi;
}

/**
 * Paints `view` into `out` (width cols·scale, height rows·scale): each weight
 * a scale × scale block in its LUT colour on [−range, range], pruned weights
 * in the mask colour, removed neurons' columns and rows as a diagonal grey
 * hatch (4-pixel stripes, continuous across cells).
 */
export function paintKernel(out: Uint32Array, view: KernelView, range: number, scale: number): void {
  const { kernel, rows, cols, mask, keepRows, keepCols } = view;
  const width = cols * scale;
  const toIndex = LUT_CENTRE / range;
  const [hatchA, hatchB] = REMOVED_PIXELS;
  for (let i = 0; i < rows; i++) {
    const rowGone = keepRows !== null && keepRows[i] === 0;
    const base = i * cols;
    // The first pixel row of this kernel row's blocks; the other scale − 1 rows are copies (below).
    const y = i * scale;
    const start = y * width;
    let p = start;
    for (let j = 0; j < cols; j++) {
      if (rowGone || (keepCols !== null && keepCols[j] === 0)) {
        for (let x = j * scale, end = x + scale; x < end; x++) out[p++] = ((x + y) & 4) === 0 ? hatchA : hatchB;
        continue;
      }
      const idx = base + j;
      const colour = weightPixel(kernel, mask, idx, toIndex);
      for (let e = 0; e < scale; e++) out[p++] = colour;
    }
    for (let r = 1; r < scale; r++) {
      const rowStart = start + r * width;
      out.copyWithin(rowStart, start, start + width);
      if (!rowGone && keepCols === null) continue;
      // Re-paint hatched blocks so the stripes stay diagonal.
      const yr = y + r;
      for (let j = 0; j < cols; j++) {
        if (!rowGone && keepCols !== null && keepCols[j] !== 0) continue;
        for (let x = j * scale, end = x + scale; x < end; x++) out[rowStart + x] = ((x + yr) & 4) === 0 ? hatchA : hatchB;
      }
    }
  }
}

/**
 * Paints the learned-filters view of a first layer whose rows are `side`²
 * pixels: tile k shows neuron k's incoming weights, weight (p, k) at tile
 * pixel (p mod side, ⌊p / side⌋), each `layout.scale` px; pruned weights in
 * the mask colour (blank against the ramp), removed neurons as a hatched
 * tile, gaps in the gap colour. `out` is layout.width × layout.height.
 */
export function paintFilters(out: Uint32Array, view: KernelView, range: number, layout: TileLayout): void {
  const { kernel, cols, mask, keepCols } = view;
  const { side, scale, width } = layout;
  const toIndex = LUT_CENTRE / range;
  const [hatchA, hatchB] = REMOVED_PIXELS;
  const tileEdge = side * scale;
  const count = Math.min(layout.count, cols);
  out.fill(GAP_PIXEL);
  // Where each tile starts in `out`; the kernel is then read in memory order (row p = pixel p of every tile).
  const tileStart = tileStarts(layout, count);
  for (let p = 0, pixels = side * side; p < pixels; p++) {
    const inTile = Math.floor(p / side) * scale * width + (p % side) * scale;
    const base = p * cols;
    for (let n = 0; n < count; n++) {
      const idx = base + n;
      const colour = weightPixel(kernel, mask, idx, toIndex);
      const at = tileStart[n] + inTile;
      if (scale === 1) out[at] = colour;
      else for (let r = 0; r < scale; r++) out.fill(colour, at + r * width, at + r * width + scale);
    }
  }
  if (keepCols === null) return;
  for (let n = 0; n < count; n++) {
    if (keepCols[n] !== 0) continue;
    const { x: x0, y: y0 } = tileOrigin(layout, n);
    for (let y = y0; y < y0 + tileEdge; y++) for (let x = x0, q = y * width + x0; x < x0 + tileEdge; x++) out[q++] = ((x + y) & 4) === 0 ? hatchA : hatchB;
  }
}

let startsCache: { layout: TileLayout; starts: Int32Array } | null = null;

/** Offsets of the tiles' top-left pixels in the packed buffer (cached per layout). */
function tileStarts(layout: TileLayout, count: number): Int32Array {
  if (startsCache !== null && startsCache.layout === layout && startsCache.starts.length === count) return startsCache.starts;
  const starts = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const { x, y } = tileOrigin(layout, n);
    starts[n] = y * layout.width + x;
  }
  startsCache = { layout, starts };
  return starts;
}
