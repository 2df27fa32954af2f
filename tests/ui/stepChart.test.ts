import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartLine, tooltipRows } from '../../src/ui/charts/StepChart';
import { jumpMarkers, linePath, linearTicks, logTicks, nearestIndex, xPixel, yPixel, yTicks, type PlotBox } from '../../src/ui/charts/stepChartGeometry';

const BOX: PlotBox = { left: 60, top: 8, width: 400, height: 200 };
const LINEAR = { domain: [0, 1] as const, scale: 'linear' as const };
const LOG = { domain: [0.01, 1] as const, scale: 'log' as const };

describe('step chart axes', () => {
  it('linear ticks are round and cover the range', () => {
    expect(linearTicks(0, 2000)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(linearTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(linearTicks(0, 0.8)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(linearTicks(0, 1.2e6)).toEqual([0, 250000, 500000, 750000, 1000000]);
    expect(linearTicks(0.3, 1.1)).toEqual([0.4, 0.6, 0.8, 1]);
    expect(linearTicks(1, 1)).toEqual([1]);
    expect(linearTicks(0, Number.NaN)).toEqual([0]);
  });

  it('log ticks: decades, thinned when many, 1-2-5 within one or two', () => {
    expect(logTicks(1e-4, 1)).toEqual([1e-4, 0.001, 0.01, 0.1, 1]);
    expect(logTicks(1e-12, 1)).toEqual([1e-12, 1e-9, 1e-6, 0.001, 1]);
    expect(logTicks(0.1, 1)).toEqual([0.1, 0.2, 0.5, 1]);
    expect(logTicks(0.01, 1)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(logTicks(0, 1)).toEqual([0]);
    expect(yTicks(LOG)).toEqual(logTicks(0.01, 1));
    expect(yTicks(LINEAR)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('maps steps and values to pixels; a value the axis cannot show is NaN', () => {
    expect(xPixel(0, 2000, BOX)).toBe(60);
    expect(xPixel(1000, 2000, BOX)).toBe(260);
    expect(xPixel(5, 0, BOX)).toBe(60);
    expect(yPixel(1, LINEAR, BOX)).toBe(8);
    expect(yPixel(0, LINEAR, BOX)).toBe(208);
    expect(yPixel(0.1, LOG, BOX)).toBe(108);
    expect(yPixel(0, LOG, BOX)).toBeNaN();
    expect(yPixel(Number.POSITIVE_INFINITY, LINEAR, BOX)).toBeNaN();
  });
});

describe('step chart paths', () => {
  const pts = [
    { step: 0, v: 1 },
    { step: 500, v: 0.5 },
    { step: 1000, v: undefined },
    { step: 1500, v: 0.25 },
    { step: 2000, v: 0 },
  ];
  it('linear: one segment per run of showable points, broken at a gap', () => {
    expect(linePath(pts, (p) => p.v, 'linear', 2000, LINEAR, BOX)).toBe('M60 8L160 108M360 158L460 208');
  });
  it('stepAfter holds each value until the next step', () => {
    expect(linePath(pts.slice(0, 2), (p) => p.v, 'stepAfter', 2000, LINEAR, BOX)).toBe('M60 8H160V108');
  });
  it('log: zero and negative values break the line', () => {
    expect(linePath(pts, (p) => p.v, 'linear', 2000, LOG, BOX)).toBe('M60 8L160 38.1M360 68.2');
  });
  it('nothing to draw is the empty path', () => {
    expect(linePath([], (p: { step: number }) => p.step, 'linear', 10, LINEAR, BOX)).toBe('');
  });
});

describe('a mask change is a jump at its step', () => {
  // The test loss: 1 at step 0; at step 500 the masks changed (0.8 before, 0.5 after); 0.6 at step 1000.
  const pts = [
    { step: 0, v: 1 },
    { step: 500, v: 0.5, b: 0.8, at: 480 },
    { step: 1000, v: 0.6 },
  ];
  const before = (p: { b?: number }) => p.b;

  it('linear: in to the value before, straight up or down to the value after, on from there', () => {
    // x(500) = 60 + 400 · 500/2000 = 160; y(0.8) = 8 + 200 · 0.2 = 48; y(0.5) = 108; x(1000) = 260, y(0.6) = 88.
    expect(linePath(pts, (p) => p.v, 'linear', 2000, LINEAR, BOX, before)).toBe('M60 8L160 48V108L260 88');
    // Without `before` the same points slope into the new value.
    expect(linePath(pts, (p) => p.v, 'linear', 2000, LINEAR, BOX)).toBe('M60 8L160 108L260 88');
  });

  it('a jump at the first point starts at the value before; stepAfter holds, then jumps twice', () => {
    expect(linePath(pts.slice(1), (p) => p.v, 'linear', 2000, LINEAR, BOX, before)).toBe('M160 48V108L260 88');
    expect(linePath(pts.slice(0, 2), (p) => p.v, 'stepAfter', 2000, LINEAR, BOX, before)).toBe('M60 8H160V48V108');
  });

  it('a value before the axis cannot show (≤ 0 on a log axis) draws no jump', () => {
    const zero = [{ step: 0, v: 1 }, { step: 500, v: 0.1, b: 0 }];
    expect(linePath(zero, (p) => p.v, 'linear', 2000, LOG, BOX, (p: { b?: number }) => p.b)).toBe('M60 8L160 108');
    expect(jumpMarkers(zero, (p) => p.v, (p: { b?: number }) => p.b, (p) => p.step, 2000, LOG, BOX)).toEqual([]);
  });

  it('markers: one per jump, at the point, with the step it happened at and both values', () => {
    expect(jumpMarkers(pts, (p) => p.v, before, (p) => p.at ?? p.step, 2000, LINEAR, BOX)).toEqual([{ step: 480, x: 160, yBefore: 48, yAfter: 108, before: 0.8, after: 0.5 }]);
  });

  it('the tooltip at the jump says where it happened and both values; elsewhere, no jump', () => {
    const line = chartLine(pts, (p) => p.v, { id: 'test', name: 'Test loss', colour: '#000', width: 2 }, { before, step: (p) => p.at ?? p.step });
    expect(tooltipRows([line], 520)).toEqual({ step: 500, jumpStep: 480, rows: [{ id: 'test', name: 'Test loss', colour: '#000', value: 0.5, before: 0.8 }] });
    expect(tooltipRows([line], 990)).toEqual({ step: 1000, jumpStep: null, rows: [{ id: 'test', name: 'Test loss', colour: '#000', value: 0.6 }] });
  });
});

describe('nearestIndex', () => {
  it('finds the nearest step, the earlier one on a tie', () => {
    const pts = [{ step: 0 }, { step: 10 }, { step: 20 }];
    expect(nearestIndex(pts, -5)).toBe(0);
    expect(nearestIndex(pts, 4)).toBe(0);
    expect(nearestIndex(pts, 5)).toBe(0);
    expect(nearestIndex(pts, 6)).toBe(1);
    expect(nearestIndex(pts, 99)).toBe(2);
    expect(nearestIndex([], 3)).toBe(-1);
  });

  it('agrees with a linear scan (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: -100, max: 10_100 }), (raw, step) => {
        const pts = [...raw].sort((a, b) => a - b).map((s) => ({ step: s }));
        const i = nearestIndex(pts, step);
        const best = Math.min(...pts.map((p) => Math.abs(p.step - step)));
        expect(Math.abs(pts[i].step - step)).toBe(best);
      }),
    );
  });

  it('every tick lies inside its range and they rise (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (lo, span) => {
        const ticks = linearTicks(lo, lo + span);
        expect(ticks.length).toBeGreaterThan(0);
        expect(ticks.length).toBeLessThanOrEqual(11);
        for (let i = 0; i < ticks.length; i++) {
          expect(ticks[i]).toBeGreaterThanOrEqual(lo);
          expect(ticks[i]).toBeLessThanOrEqual(lo + span);
          if (i > 0) expect(ticks[i]).toBeGreaterThan(ticks[i - 1]);
        }
      }),
    );
  });
});
