/**
 * Geometry of the heatmaps, pure: how many canvas pixels a weight gets, which
 * weight a canvas pixel shows, and the grid of 28×28 tiles of the learned-filters view.
 */

/** Largest canvas width (CSS px at scale 1) a layer heatmap may take before its cells shrink. */
export const MAX_HEATMAP_WIDTH = 320;
/** Largest canvas height before its cells shrink. */
export const MAX_HEATMAP_HEIGHT = 480;
/** Largest cell edge, pixels: tiny toy layers stay readable without turning into posters. */
export const MAX_CELL = 24;

/**
 * The integer cell edge (canvas pixels per weight) of a `rows` × `cols`
 * kernel: the largest s ≤ {@link MAX_CELL} with cols·s ≤ maxWidth and
 * rows·s ≤ maxHeight, and never below 1 (784 × 300 → 1, 8 × 8 → 24).
 */
export function cellScale(rows: number, cols: number, maxWidth = MAX_HEATMAP_WIDTH, maxHeight = MAX_HEATMAP_HEIGHT): number {
  const fit = Math.min(Math.floor(maxWidth / Math.max(1, cols)), Math.floor(maxHeight / Math.max(1, rows)), MAX_CELL);
  return Math.max(1, fit);
}

/** One weight of a kernel: row `input`, column `neuron`. */
export interface Cell {
  input: number;
  neuron: number;
}

/**
 * The weight under canvas pixel (x, y) of a heatmap with `scale`-pixel cells
 * (input = ⌊y/scale⌋, neuron = ⌊x/scale⌋), or null outside the kernel.
 */
export function cellAt(x: number, y: number, rows: number, cols: number, scale: number): Cell | null {
  if (!(x >= 0 && y >= 0)) return null;
  const neuron = Math.floor(x / scale);
  const input = Math.floor(y / scale);
  return neuron < cols && input < rows ? { input, neuron } : null;
}

/** Converts a pointer position to canvas pixels (the canvas may be drawn larger or smaller by CSS). */
export function toCanvasPixels(clientX: number, clientY: number, rect: { left: number; top: number; width: number; height: number }, width: number, height: number): { x: number; y: number } {
  return { x: ((clientX - rect.left) * width) / Math.max(1, rect.width), y: ((clientY - rect.top) * height) / Math.max(1, rect.height) };
}

/** The grid of tiles: `count` tiles of `side`² weights, each drawn `scale` px per weight, `gap` px apart. */
export interface TileLayout {
  count: number;
  /** Weights per tile edge (28 for MNIST). */
  side: number;
  scale: number;
  gap: number;
  /** Tiles per grid row. */
  columns: number;
  rows: number;
  /** Canvas size, pixels. */
  width: number;
  height: number;
}

/**
 * Lays out `count` tiles of `side` × `side` in rows, as large as possible
 * (scale ≤ `maxScale`) while the grid fits `maxWidth` × `maxHeight`; at scale 1
 * the height may overflow. Columns = ⌊(maxWidth + gap) / (side·scale + gap)⌋,
 * capped at `count`; rows = ⌈count / columns⌉; tiles fill row by row.
 */
export function tileLayout(count: number, side = 28, maxWidth = 640, maxHeight = 640, maxScale = 4, gap = 2): TileLayout {
  const n = Math.max(0, count);
  for (let scale = maxScale; scale >= 1; scale--) {
    const pitch = side * scale + gap;
    const columns = Math.max(1, Math.min(Math.max(1, n), Math.floor((maxWidth + gap) / pitch)));
    const rows = Math.ceil(n / columns);
    const width = columns * pitch - gap;
    const height = Math.max(0, rows * pitch - gap);
    if ((width <= maxWidth && height <= maxHeight) || scale === 1) return { count: n, side, scale, gap, columns, rows, width, height };
  }
  throw new Error('unreachable');
}

/** Top-left canvas pixel of tile `k`. */
export function tileOrigin(layout: TileLayout, k: number): { x: number; y: number } {
  const pitch = layout.side * layout.scale + layout.gap;
  return { x: (k % layout.columns) * pitch, y: Math.floor(k / layout.columns) * pitch };
}

/** A weight of the filters view: tile `neuron`, pixel `input` = row·side + column within the tile. */
export function tileAt(layout: TileLayout, x: number, y: number): Cell | null {
  if (!(x >= 0 && y >= 0)) return null;
  const pitch = layout.side * layout.scale + layout.gap;
  const tx = Math.floor(x / pitch);
  const ty = Math.floor(y / pitch);
  if (tx >= layout.columns) return null;
  const neuron = ty * layout.columns + tx;
  if (neuron >= layout.count) return null;
  const px = Math.floor((x - tx * pitch) / layout.scale);
  const py = Math.floor((y - ty * pitch) / layout.scale);
  if (px >= layout.side || py >= layout.side) return null; // in the gap
  return { neuron, input: py * layout.side + px };
}

/**
 * The column (neuron) a key picks on a heatmap of `cols` columns while column
 * `at` is picked (null: none): → the next (the first when none), ← the previous
 * (the last when none), Home the first, End the last, clamped to the ends; Esc
 * clears the pick (null). undefined: nothing to do (another key, no columns, or
 * Esc with nothing picked), so the key keeps its usual meaning.
 */
export function columnAfterKey(key: string, at: number | null, cols: number): number | null | undefined {
  if (cols <= 0) return undefined;
  switch (key) {
    case 'ArrowRight':
      return at === null ? 0 : Math.min(cols - 1, at + 1);
    case 'ArrowLeft':
      return at === null ? cols - 1 : Math.max(0, at - 1);
    case 'Home':
      return 0;
    case 'End':
      return cols - 1;
    case 'Escape':
      return at === null ? undefined : null;
    default:
      return undefined;
  }
}
