/**
 * Puts painted pixel buffers on canvases: one ImageData per canvas, reused
 * while its size holds (no per-draw allocation), then the highlight overlay
 * drawn with plain 2-D calls. Records the geometry and the draw time on the
 * canvas's data attributes, where tests and the bench read them.
 */
import { MASK_COLOUR } from './colourScale';
import { filterRemoved, maskedInFilter, paintFilterTile } from './filterTiles';
import { tileOrigin, type TileLayout } from './layout';
import { paintFilters, paintKernel, type KernelView } from './paint';

interface Surface {
  image: ImageData;
  pixels: Uint32Array;
}

const surfaces = new WeakMap<HTMLCanvasElement, Surface>();

/** The canvas's reusable pixel buffer at `width` × `height`, resizing the canvas when it changed. */
function surface(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, width: number, height: number): Surface {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  let s = surfaces.get(canvas);
  if (s === undefined || s.image.width !== w || s.image.height !== h) {
    const image = ctx.createImageData(w, h);
    s = { image, pixels: new Uint32Array(image.data.buffer) };
    surfaces.set(canvas, s);
  }
  return s;
}

/** Everything outside the highlighted band is washed towards white; the band gets an ink outline. */
const DIM = 'rgb(255 255 255 / 62%)';
const OUTLINE = '#1b2128';

/** Dims all of a `width` × `height` canvas but the rectangle (x, y, w, h), and outlines it. */
function spotlight(ctx: CanvasRenderingContext2D, width: number, height: number, x: number, y: number, w: number, h: number): void {
  ctx.fillStyle = DIM;
  ctx.fillRect(0, 0, width, y);
  ctx.fillRect(0, y + h, width, height - y - h);
  ctx.fillRect(0, y, x, h);
  ctx.fillRect(x + w, y, width - x - w, h);
  ctx.strokeStyle = OUTLINE;
  ctx.lineWidth = 1;
  ctx.strokeRect(x - 0.5, y - 0.5, w + 1, h + 1);
}

/** What a layer canvas highlights: its column `column` (a clicked neuron) or its row `row` (that neuron's outgoing weights). */
export interface Highlight {
  column: number | null;
  row: number | null;
}

/**
 * Draws kernel `view` on `canvas` at `scale` px per weight on [−range, range],
 * with `highlight`; returns the time since `t0` (performance.now() ms: pass
 * the time before the range was computed to count it), also in data-draw-ms.
 */
export function drawKernelCanvas(canvas: HTMLCanvasElement, view: KernelView, range: number, scale: number, highlight: Highlight, t0 = performance.now()): number {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return 0;
  const width = view.cols * scale;
  const height = view.rows * scale;
  const s = surface(canvas, ctx, width, height);
  paintKernel(s.pixels, view, range, scale);
  ctx.putImageData(s.image, 0, 0);
  if (highlight.column !== null && highlight.column < view.cols) spotlight(ctx, width, height, highlight.column * scale, 0, scale, height);
  else if (highlight.row !== null && highlight.row < view.rows) spotlight(ctx, width, height, 0, highlight.row * scale, width, scale);
  const ms = performance.now() - t0;
  const d = canvas.dataset;
  d.rows = String(view.rows);
  d.cols = String(view.cols);
  d.scale = String(scale);
  d.range = String(range);
  d.maskColor = MASK_COLOUR;
  d.drawMs = ms.toFixed(2);
  return ms;
}

/** Draws the learned-filters view of first-layer `view` on `canvas` in `layout`, tile `highlightTile` spotlit; returns ms since `t0`. */
export function drawFiltersCanvas(canvas: HTMLCanvasElement, view: KernelView, range: number, layout: TileLayout, highlightTile: number | null, t0 = performance.now()): number {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return 0;
  const s = surface(canvas, ctx, layout.width, layout.height);
  paintFilters(s.pixels, view, range, layout);
  ctx.putImageData(s.image, 0, 0);
  if (highlightTile !== null && highlightTile < layout.count) {
    const { x, y } = tileOrigin(layout, highlightTile);
    const edge = layout.side * layout.scale;
    spotlight(ctx, layout.width, layout.height, x, y, edge, edge);
  }
  const ms = performance.now() - t0;
  const d = canvas.dataset;
  d.tiles = String(layout.count);
  d.tileColumns = String(layout.columns);
  d.scale = String(layout.scale);
  d.range = String(range);
  d.maskColor = MASK_COLOUR;
  d.drawMs = ms.toFixed(2);
  return ms;
}

/**
 * Draws filter `filter` of a first conv layer `view` (kernel side `side`) on
 * `canvas` at `scale` px per weight on [−range, range]; records the filter,
 * its pruned weights and whether it was removed on the canvas's data attributes.
 */
export function drawFilterTileCanvas(canvas: HTMLCanvasElement, view: KernelView, filter: number, side: number, range: number, scale: number): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const s = surface(canvas, ctx, side * scale, side * scale);
  paintFilterTile(s.pixels, view, filter, side, range, scale);
  ctx.putImageData(s.image, 0, 0);
  const d = canvas.dataset;
  d.filter = String(filter);
  d.side = String(side);
  d.scale = String(scale);
  d.range = String(range);
  d.masked = String(maskedInFilter(view, filter));
  d.removed = filterRemoved(view, filter) ? '1' : '0';
  d.maskColor = MASK_COLOUR;
}
