import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvPoints } from '../../src/engine/data/csvPoints';
import { OWN_EXAMPLE, formatPoints, parsePointsLenient, type OwnPoint } from '../../src/engine/data/ownPoints';
import { OWN_VIEW_EXTENT, fromPixel, nearestPoint, pointsCsv, toPixel } from '../../src/ui/owndata/ownCanvas';
import { pinDifferences } from '../../src/ui/pins/pinLabel';
import { defaultConfig } from '../../src/state/urlCodec';
import { customDataset } from '../../src/engine/data/custom';
import { boundaryExtent } from '../../src/worker/views';

const ownPoint: fc.Arbitrary<OwnPoint> = fc.record({
  x: fc.integer({ min: -100, max: 100 }).map((n) => n / 100),
  y: fc.integer({ min: -100, max: 100 }).map((n) => n / 100),
  label: fc.constantFrom(0 as const, 1 as const),
});

describe('own-data canvas maths', () => {
  it('maps the view square [−1.1, 1.1]² onto the canvas, y upwards', () => {
    expect(OWN_VIEW_EXTENT).toBe(1.1);
    expect(toPixel(0, 0, 360)).toEqual([180, 180]);
    expect(toPixel(-1.1, 1.1, 360)).toEqual([0, 0]);
    expect(toPixel(1.1, -1.1, 360)).toEqual([360, 360]);
    expect(fromPixel(180, 180, 360)).toEqual({ x: 0, y: 0 });
    // Clicks outside [−1, 1] are clamped onto it; coordinates keep 2 decimals.
    expect(fromPixel(0, 360, 360)).toEqual({ x: -1, y: -1 });
    expect(fromPixel(270, 90, 360)).toEqual({ x: 0.55, y: 0.55 });
  });

  it('a click on a drawn point gives that point back', () => {
    fc.assert(
      fc.property(ownPoint, fc.integer({ min: 100, max: 800 }), (p, side) => {
        const [px, py] = toPixel(p.x, p.y, side);
        const back = fromPixel(px, py, side);
        expect(Math.abs(back.x - p.x)).toBeLessThanOrEqual(0.01 + 1e-9);
        expect(Math.abs(back.y - p.y)).toBeLessThanOrEqual(0.01 + 1e-9);
      }),
    );
  });

  it('removal takes the nearest point within 14 px, or none', () => {
    const pts: OwnPoint[] = [
      { x: 0, y: 0, label: 0 },
      { x: 0.05, y: 0, label: 1 },
      { x: -0.5, y: 0.5, label: 1 },
    ];
    const [x1, y1] = toPixel(0.05, 0, 360);
    expect(nearestPoint(pts, x1 + 2, y1, 360)).toBe(1);
    const [x2, y2] = toPixel(-0.5, 0.5, 360);
    expect(nearestPoint(pts, x2, y2 + 13, 360)).toBe(2);
    expect(nearestPoint(pts, x2, y2 + 15, 360)).toBe(-1);
    expect(nearestPoint([], 0, 0, 360)).toBe(-1);
  });

  it('Download CSV gives a file that uploads back to the same points', () => {
    const example = parsePointsLenient(OWN_EXAMPLE);
    expect(pointsCsv(example.slice(0, 2))).toBe('x,y,label\n-0.1,0.12,B\n0.15,0.05,B\n');
    expect(pointsCsv([])).toBe('x,y,label\n');
    fc.assert(
      fc.property(fc.array(ownPoint, { minLength: 1, maxLength: 200 }), (points) => {
        const back = parseCsvPoints(pointsCsv(points));
        expect(back.errorCount).toBe(0);
        expect(back.rescaled).toBe(false);
        expect(formatPoints(back.points)).toBe(formatPoints(points));
      }),
      { numRuns: 300 },
    );
  });
});

describe('own data elsewhere', () => {
  it('the decision boundary of custom data covers the drawing square, whatever the points', () => {
    const few = customDataset([{ x: 0.1, y: 0, label: 0 }, { x: 0, y: 0.2, label: 1 }], 0, 50, 1);
    expect(boundaryExtent(few)).toBe(OWN_VIEW_EXTENT);
  });

  it('a pinned run names a change of points by their counts, only for custom data', () => {
    const pinned = { ...defaultConfig(), dataset: 'custom' as const, pts: '0.1,0.1,0;0.2,0.2,1' };
    expect(pinDifferences(pinned, { ...pinned, pts: `${pinned.pts};0.3,0.3,1` })).toEqual(['points 2 → 3']);
    expect(pinDifferences({ ...pinned, dataset: 'xor' }, { ...pinned, dataset: 'xor', pts: '' })).toEqual([]);
  });
});
