/**
 * Paints the decision-boundary picture on a canvas: the grid of model outputs
 * (one ImageData pixel per cell, scaled up), the zero axes, then the data
 * points on top. Plain canvas calls fed plain data (see `boundary.ts` for the maths).
 */
import { boundaryPixels, toCanvas, type BoundaryColouring, type Extent } from './boundary';
import { CLASS_RGB, divergingRgb, rgbHex } from './colour';

/** One set of points: inputs row-major [n × 2] and their labels (class index) or targets. */
export interface PointSet {
  x: Float32Array;
  y: Float32Array;
  /** Test points get a dark outline, training points a white one. */
  test: boolean;
}

/** What to draw. */
export interface BoundaryScene {
  extent: Extent | null;
  /** The grid (row 0 at the top) or null before the first one arrives. */
  grid: { size: number; values: Float32Array } | null;
  colouring: BoundaryColouring;
  points: PointSet[];
  /** Points coloured by class (classification) or on the diverging scale with this range (regression). */
  pointColour: { kind: 'class' } | { kind: 'value'; range: number };
}

/** Reusable buffers between draws: the small grid canvas and its pixels. */
export interface BoundaryScratch {
  canvas: HTMLCanvasElement | null;
  pixels: Uint8ClampedArray | undefined;
}

const EMPTY_BG = '#f1f3f5';
const AXIS = 'rgb(27 33 40 / 22%)';

/**
 * Draws `scene` on `ctx` over a `px` × `px` square (CSS pixels; the transform
 * already applies the device pixel ratio). Cells are smoothed unless the
 * colouring is discretised, so a discretised boundary keeps its hard edge.
 */
export function drawBoundary(ctx: CanvasRenderingContext2D, px: number, scene: BoundaryScene, scratch: BoundaryScratch): void {
  ctx.clearRect(0, 0, px, px);
  const { grid, extent } = scene;
  if (grid !== null) {
    const cells = (scratch.canvas ??= document.createElement('canvas'));
    if (cells.width !== grid.size || cells.height !== grid.size) {
      cells.width = grid.size;
      cells.height = grid.size;
    }
    const cctx = cells.getContext('2d');
    if (cctx !== null) {
      scratch.pixels = boundaryPixels(grid.values, grid.size, scene.colouring, scratch.pixels);
      cctx.putImageData(new ImageData(scratch.pixels as Uint8ClampedArray<ArrayBuffer>, grid.size, grid.size), 0, 0);
      ctx.imageSmoothingEnabled = !(scene.colouring.kind === 'probability' && scene.colouring.discrete);
      ctx.drawImage(cells, 0, 0, px, px);
    }
  } else {
    ctx.fillStyle = EMPTY_BG;
    ctx.fillRect(0, 0, px, px);
  }
  if (extent === null) return;

  // Axes through the origin: where x₁ = 0 and x₂ = 0.
  const [ox, oy] = toCanvas(0, 0, extent, px);
  ctx.strokeStyle = AXIS;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(Math.round(ox) + 0.5, 0);
  ctx.lineTo(Math.round(ox) + 0.5, px);
  ctx.moveTo(0, Math.round(oy) + 0.5);
  ctx.lineTo(px, Math.round(oy) + 0.5);
  ctx.stroke();

  const radius = px >= 360 ? 3.6 : 3;
  for (const set of scene.points) {
    ctx.lineWidth = set.test ? 1.6 : 1.2;
    ctx.strokeStyle = set.test ? '#1b2128' : '#ffffff';
    const n = Math.min(set.x.length / 2, set.y.length);
    for (let i = 0; i < n; i++) {
      const [cx, cy] = toCanvas(set.x[2 * i], set.x[2 * i + 1], extent, px);
      const v = set.y[i];
      ctx.fillStyle = scene.pointColour.kind === 'class' ? rgbHex(CLASS_RGB[v >= 0.5 ? 1 : 0]) : rgbHex(divergingRgb(v, scene.pointColour.range));
      ctx.beginPath();
      ctx.arc(cx, cy, radius, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
}
