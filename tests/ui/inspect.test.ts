import { describe, expect, it } from 'vitest';
import { boundaryPixels, boundaryRgb, discretise, DISCRETE_TINT, neuronRange, pointsExtent, symmetricRange, toCanvas } from '../../src/ui/inspect/boundary';
import { CLASS_RGB, MIDPOINT_RGB, NEGATIVE_RGB, POSITIVE_RGB, divergingRgb, rgbHex } from '../../src/ui/inspect/colour';
import { rampColour } from '../../src/ui/inspect/heatmap/colourScale';

/** Blue-ness minus orange-ness: > 0 on the positive (blue) side of the ramp. */
const blueMinusRed = ([r, , b]: readonly number[]): number => b - r;

describe('divergingRgb', () => {
  it('maps zero to the midpoint, the sign to the hue and |v| ≥ range to the ends', () => {
    expect(divergingRgb(0, 1)).toEqual(MIDPOINT_RGB);
    expect(blueMinusRed(divergingRgb(0.3, 1))).toBeGreaterThan(0);
    expect(blueMinusRed(divergingRgb(-0.3, 1))).toBeLessThan(0);
    expect(divergingRgb(5, 2)).toEqual(POSITIVE_RGB);
    expect(divergingRgb(-5, 2)).toEqual(NEGATIVE_RGB);
  });

  it('is the heatmaps’ ramp (same colour for the same w / range)', () => {
    expect(divergingRgb(0.25, 0.5)).toEqual(rampColour(0.5));
    expect(divergingRgb(-0.1, 0.4)).toEqual(rampColour(-0.25));
  });

  it('gives the midpoint for an empty range or a non-finite value', () => {
    expect(divergingRgb(1, 0)).toEqual(MIDPOINT_RGB);
    expect(divergingRgb(Number.NaN, 1)).toEqual(MIDPOINT_RGB);
  });

  it('writes #rrggbb', () => {
    expect(rgbHex([255, 0, 16])).toBe('#ff0010');
  });
});

describe('decision-boundary colours', () => {
  const soft = { kind: 'probability', discrete: false } as const;
  const hard = { kind: 'probability', discrete: true } as const;

  it('discretises at the threshold 0.5 (p = 0.5 counts as class 1)', () => {
    expect([0, 0.49, 0.5, 0.51, 1].map(discretise)).toEqual([0, 0, 1, 1, 1]);
  });

  it('is the midpoint on the boundary p = 0.5 and moves to the class hue with confidence', () => {
    expect(boundaryRgb(0.5, soft)).toEqual(MIDPOINT_RGB);
    expect(blueMinusRed(boundaryRgb(0.9, soft))).toBeGreaterThan(blueMinusRed(boundaryRgb(0.6, soft)));
    expect(blueMinusRed(boundaryRgb(0.6, soft))).toBeGreaterThan(0);
    expect(blueMinusRed(boundaryRgb(0.1, soft))).toBeLessThan(blueMinusRed(boundaryRgb(0.4, soft)));
    expect(blueMinusRed(boundaryRgb(0.4, soft))).toBeLessThan(0);
  });

  it('never paints a region as dark as the points’ class colours (points stay visible)', () => {
    expect(boundaryRgb(1, soft)).not.toEqual(CLASS_RGB[1]);
    expect(boundaryRgb(0, soft)).not.toEqual(CLASS_RGB[0]);
  });

  it('discretised: one colour per side whatever the confidence', () => {
    expect(boundaryRgb(0.51, hard)).toEqual(boundaryRgb(0.99, hard));
    expect(boundaryRgb(0.01, hard)).toEqual(boundaryRgb(0.49, hard));
    expect(boundaryRgb(0.51, hard)).toEqual(rampColour(DISCRETE_TINT));
    expect(boundaryRgb(0.49, hard)).toEqual(rampColour(-DISCRETE_TINT));
  });

  it('diverging colouring (plane, neuron maps) follows the symmetric range', () => {
    expect(boundaryRgb(0, { kind: 'diverging', range: 2 })).toEqual(MIDPOINT_RGB);
    expect(boundaryRgb(-2, { kind: 'diverging', range: 2 })).toEqual(NEGATIVE_RGB);
  });

  it('fills one opaque RGBA pixel per cell in grid order, reusing the buffer', () => {
    const values = new Float32Array([0, 0.5, 1, 0.5]);
    const out = new Uint8ClampedArray(16);
    const px = boundaryPixels(values, 2, hard, out);
    expect(px).toBe(out);
    expect(Array.from(px.slice(0, 3))).toEqual([...rampColour(-DISCRETE_TINT)]);
    expect(Array.from(px.slice(4, 7))).toEqual([...rampColour(DISCRETE_TINT)]);
    expect([px[3], px[7], px[11], px[15]]).toEqual([255, 255, 255, 255]);
    expect(boundaryPixels(values, 2, hard).length).toBe(16);
  });

  it('symmetricRange is max |v| over every array, ignoring non-finite values', () => {
    expect(symmetricRange(new Float32Array([0.2, -0.7]), [0.5, Number.POSITIVE_INFINITY])).toBeCloseTo(0.7, 6);
    expect(symmetricRange([])).toBe(0);
  });

  it('maps data to canvas pixels with y upwards (row 0 at yMax)', () => {
    const extent = { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };
    expect(toCanvas(0, 0, extent, 400)).toEqual([200, 200]);
    expect(toCanvas(-2, 2, extent, 400)).toEqual([0, 0]);
    expect(toCanvas(2, -2, extent, 400)).toEqual([400, 400]);
    expect(toCanvas(1, 1, extent, 400)).toEqual([300, 100]);
  });

  it('points extent: the worker’s square, max(|x|, |y|) × 1.1', () => {
    const e = pointsExtent(new Float32Array([1, -3, 2, 0.5]), new Float32Array([0.1, 4]));
    expect(e).not.toBeNull();
    expect(e!.xMax).toBeCloseTo(4.4, 6);
    expect(e!.yMin).toBeCloseTo(-4.4, 6);
    expect(pointsExtent(new Float32Array(0))).toBeNull();
  });
});

describe('neuronRange', () => {
  it('uses the bound of tanh and sigmoid, so a constant neuron is not stretched to full colour', () => {
    expect(neuronRange(new Float32Array([0.02, 0.03]), 'tanh')).toBe(1);
    expect(neuronRange(new Float32Array([0.5]), 'sigmoid')).toBe(1);
  });

  it('uses max |v| for relu and linear, never 0', () => {
    expect(neuronRange(new Float32Array([0, 3.5, 1]), 'relu')).toBeCloseTo(3.5, 6);
    expect(neuronRange(new Float32Array([-2, 1]), 'linear')).toBeCloseTo(2, 6);
    expect(neuronRange(new Float32Array(4), 'relu')).toBeGreaterThan(0);
  });
});
