/**
 * Pure maths of the decision-boundary picture: grid values → RGBA pixels,
 * data coordinates → canvas pixels. No DOM, so it is unit-tested in Node.
 */
import type { Activation } from '../../engine/types';
import { rampColour } from './heatmap/colourScale';
import { MIDPOINT_RGB, divergingRgb, type Rgb } from './colour';

/**
 * How grid values become colours:
 * - `probability`: values are P(class 1) ∈ [0, 1]; the colour is the likelier
 *   class's, paler the less sure the model is (white at p = 0.5); `discrete`
 *   paints every cell in its class's colour at one strength (threshold 0.5).
 * - `diverging`: any real value on the symmetric range [−range, range]
 *   (the regression output of `plane`, a hidden neuron's activation).
 */
export type BoundaryColouring = { kind: 'probability'; discrete: boolean } | { kind: 'diverging'; range: number };

/** How far along the ramp a certain prediction goes (1 would make regions as dark as the points on top). */
export const MAX_TINT = 0.6;
/** How far along the ramp every cell goes when discretised. */
export const DISCRETE_TINT = 0.45;

/** Class 1 when p ≥ 0.5, else class 0 (the argmax of the two-class softmax). */
export function discretise(p: number): 0 | 1 {
  return p >= 0.5 ? 1 : 0;
}

/**
 * The colour of one grid value under `colouring` (see {@link BoundaryColouring}).
 * Probability: the ramp at t = MAX_TINT · (2p − 1) — towards blue for class 1,
 * orange for class 0, the centre at p = 0.5 — or at ±DISCRETE_TINT when discretised.
 */
export function boundaryRgb(value: number, colouring: BoundaryColouring): Rgb {
  if (colouring.kind === 'diverging') return divergingRgb(value, colouring.range);
  if (!Number.isFinite(value)) return MIDPOINT_RGB;
  if (colouring.discrete) return rampColour(discretise(value) === 1 ? DISCRETE_TINT : -DISCRETE_TINT);
  return rampColour(MAX_TINT * (2 * Math.min(1, Math.max(0, value)) - 1));
}

/**
 * RGBA pixels (size × size, row-major, opaque) of a grid of values, one pixel
 * per cell, in the grid's own order (row 0 at the top). Writes into `out` when
 * given (reuse it between draws), else allocates.
 */
export function boundaryPixels(values: Float32Array, size: number, colouring: BoundaryColouring, out?: Uint8ClampedArray): Uint8ClampedArray {
  const n = size * size;
  const px = out !== undefined && out.length === n * 4 ? out : new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = boundaryRgb(values[i], colouring);
    px[4 * i] = r;
    px[4 * i + 1] = g;
    px[4 * i + 2] = b;
    px[4 * i + 3] = 255;
  }
  return px;
}

/** max |v| over the arrays (0 when empty or all zero; non-finite values ignored): a symmetric colour range. */
export function symmetricRange(...arrays: ArrayLike<number>[]): number {
  let hi = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = Math.abs(a[i]);
      if (v > hi && Number.isFinite(v)) hi = v;
    }
  }
  return hi;
}

/** The square a grid covers, in input units. */
export interface Extent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * Canvas pixel of the data point (x, y) on a `px`-wide square canvas showing
 * `extent`: x grows to the right, y grows upwards (row 0 is yMax, as in the grid).
 */
export function toCanvas(x: number, y: number, extent: Extent, px: number): [number, number] {
  return [((x - extent.xMin) / (extent.xMax - extent.xMin)) * px, ((extent.yMax - y) / (extent.yMax - extent.yMin)) * px];
}

/**
 * The extent to show when no grid has arrived yet: the square the worker's
 * grid will cover (max(|x|, |y|) over all points × 1.1), so points do not jump
 * when the first boundary lands. Null without points.
 */
export function pointsExtent(...xs: Float32Array[]): Extent | null {
  const r = symmetricRange(...xs) * 1.1;
  if (!(r > 0)) return null;
  return { xMin: -r, xMax: r, yMin: -r, yMax: r };
}

/**
 * The colour range of a hidden neuron's map: the activation's own bound for
 * tanh and sigmoid (1: as in TensorFlow Playground, a constant, saturated or
 * nearly silent neuron looks like one — a dead neuron stays pale instead of
 * being stretched to full colour), else max |v| over the map (relu, linear;
 * at least 1e-6 so an all-zero map stays white).
 */
export function neuronRange(values: ArrayLike<number>, activation: Activation): number {
  if (activation === 'tanh' || activation === 'sigmoid') return 1;
  return Math.max(1e-6, symmetricRange(values));
}
