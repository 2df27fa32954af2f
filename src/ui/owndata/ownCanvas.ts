/**
 * The own-data canvas: where a click lands in data coordinates, which point a
 * removal hits, and the painter (the network's decision boundary behind the
 * student's points, in the boundary view's colours). Plain canvas calls fed
 * plain data; the maths is unit-tested in Node.
 */
import { OWN_VIEW_EXTENT, roundCoord, type OwnPoint } from '../../engine/data/ownPoints';
import type { ModelView } from '../../protocol/messages';
import { boundaryPixels } from '../inspect/boundary';
import { CLASS_RGB, rgbHex } from '../inspect/colour';

export { OWN_VIEW_EXTENT };
/** A removal (alt-click, right-click) takes the nearest point within this many CSS pixels. */
export const REMOVE_RADIUS_PX = 14;

/** Canvas pixel (from the top left) of data point (x, y) on a `side`-wide canvas; y grows upwards. */
export function toPixel(x: number, y: number, side: number): [number, number] {
  const e = OWN_VIEW_EXTENT;
  return [((x + e) / (2 * e)) * side, ((e - y) / (2 * e)) * side];
}

/** The data coordinates of canvas pixel (px, py), as stored: clamped to [−1, 1], 2 decimals. */
export function fromPixel(px: number, py: number, side: number): { x: number; y: number } {
  const e = OWN_VIEW_EXTENT;
  return { x: roundCoord(-e + (px / side) * 2 * e), y: roundCoord(e - (py / side) * 2 * e) };
}

/** Index of the point nearest to canvas pixel (px, py) within `radiusPx`, or −1 when none is that close. */
export function nearestPoint(points: readonly OwnPoint[], px: number, py: number, side: number, radiusPx = REMOVE_RADIUS_PX): number {
  let best = -1;
  let bestD = radiusPx * radiusPx;
  points.forEach((p, i) => {
    const [cx, cy] = toPixel(p.x, p.y, side);
    const d = (cx - px) ** 2 + (cy - py) ** 2;
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  });
  return best;
}

/** CSV text of the points: header `x,y,label`, labels A and B (what {@link parseCsvPoints} reads back to the same points). */
export function pointsCsv(points: readonly OwnPoint[]): string {
  return `x,y,label\n${points.map((p) => `${p.x},${p.y},${p.label === 1 ? 'B' : 'A'}`).join('\n')}${points.length > 0 ? '\n' : ''}`;
}

/** Reusable buffers between draws: the small grid canvas and its pixels. */
export interface OwnScratch {
  canvas: HTMLCanvasElement | null;
  pixels: Uint8ClampedArray | undefined;
}

const EMPTY_BG = '#f1f3f5';
const AXIS = 'rgb(27 33 40 / 22%)';
const FRAME = 'rgb(27 33 40 / 35%)';

/**
 * Paints the canvas (`side` CSS pixels; the transform already applies the
 * device pixel ratio) showing [−OWN_VIEW_EXTENT, OWN_VIEW_EXTENT]²: the
 * latest decision boundary where its grid lies (the worker makes it cover
 * this square for custom data; pale grey before the first one), the axes, the
 * dashed square [−1, 1]² that points live in, then the points on top.
 */
export function drawOwnData(ctx: CanvasRenderingContext2D, side: number, points: readonly OwnPoint[], boundary: ModelView['boundary'] | null, scratch: OwnScratch): void {
  ctx.clearRect(0, 0, side, side);
  ctx.fillStyle = EMPTY_BG;
  ctx.fillRect(0, 0, side, side);
  if (boundary) {
    const cells = (scratch.canvas ??= document.createElement('canvas'));
    if (cells.width !== boundary.size || cells.height !== boundary.size) {
      cells.width = boundary.size;
      cells.height = boundary.size;
    }
    const cctx = cells.getContext('2d');
    if (cctx !== null) {
      scratch.pixels = boundaryPixels(boundary.values, boundary.size, { kind: 'probability', discrete: false }, scratch.pixels);
      cctx.putImageData(new ImageData(scratch.pixels as Uint8ClampedArray<ArrayBuffer>, boundary.size, boundary.size), 0, 0);
      const [x0, y0] = toPixel(boundary.xMin, boundary.yMax, side);
      const [x1, y1] = toPixel(boundary.xMax, boundary.yMin, side);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(cells, x0, y0, x1 - x0, y1 - y0);
    }
  }
  const [ox, oy] = toPixel(0, 0, side);
  ctx.strokeStyle = AXIS;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(Math.round(ox) + 0.5, 0);
  ctx.lineTo(Math.round(ox) + 0.5, side);
  ctx.moveTo(0, Math.round(oy) + 0.5);
  ctx.lineTo(side, Math.round(oy) + 0.5);
  ctx.stroke();
  const [fx0, fy0] = toPixel(-1, 1, side);
  const [fx1, fy1] = toPixel(1, -1, side);
  ctx.strokeStyle = FRAME;
  ctx.setLineDash([4, 4]);
  ctx.strokeRect(Math.round(fx0) + 0.5, Math.round(fy0) + 0.5, Math.round(fx1 - fx0), Math.round(fy1 - fy0));
  ctx.setLineDash([]);

  const radius = points.length > 400 ? 3 : 4.5;
  ctx.lineWidth = 1.3;
  ctx.strokeStyle = '#ffffff';
  for (const p of points) {
    const [cx, cy] = toPixel(p.x, p.y, side);
    ctx.fillStyle = rgbHex(CLASS_RGB[p.label]);
    ctx.beginPath();
    ctx.arc(cx, cy, radius, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}
