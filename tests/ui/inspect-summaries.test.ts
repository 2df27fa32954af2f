import { describe, expect, it } from 'vitest';
import { MISTAKE_FULL_SHARE, cellShade, confusionTotals, digitPixels, rowShares, topConfusions } from '../../src/ui/inspect/confusion';
import { niceTicks, rSquared, scatterExtent } from '../../src/ui/inspect/scatter';

describe('scatterExtent', () => {
  it('covers predicted and actual with 5 % padding, one range for both axes', () => {
    const r = scatterExtent(new Float32Array([1, 3]), new Float32Array([-1, 2]));
    expect(r.lo).toBeCloseTo(-1.2, 6);
    expect(r.hi).toBeCloseTo(3.2, 6);
  });

  it('ignores non-finite values and widens a single value to ±1', () => {
    expect(scatterExtent([Number.NaN, 2], [2])).toEqual({ lo: 1, hi: 3 });
    expect(scatterExtent([], [])).toEqual({ lo: -1, hi: 1 });
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 × 10ᵏ inside the range', () => {
    expect(niceTicks({ lo: -1.2, hi: 3.2 }, 5)).toEqual([-1, 0, 1, 2, 3]);
    expect(niceTicks({ lo: 0.03, hi: 0.27 }, 5)).toEqual([0.05, 0.1, 0.15, 0.2, 0.25]);
    expect(niceTicks({ lo: 1, hi: 1 })).toEqual([]);
  });
});

describe('rSquared', () => {
  it('is 1 for perfect predictions, 0 for the mean, negative for worse', () => {
    const y = [1, 2, 3, 4];
    expect(rSquared(y, y)).toBe(1);
    expect(rSquared([2.5, 2.5, 2.5, 2.5], y)).toBeCloseTo(0, 12);
    expect(rSquared([4, 3, 2, 1], y)).toBeCloseTo(1 - 20 / 5, 12);
  });

  it('is null without samples or without variation in the targets', () => {
    expect(rSquared([], [])).toBeNull();
    expect(rSquared([1, 2], [3, 3])).toBeNull();
  });
});

describe('confusion summaries', () => {
  // 3 classes; rows = true class: [5 right, 1 as 1, 0], [2 as 0, 8 right, 0], [0, 3 as 1, 0 right].
  const counts = new Int32Array([5, 1, 0, 2, 8, 0, 0, 3, 0]);

  it('row-normalises each true class, an empty row staying 0', () => {
    const shares = rowShares(counts, 3);
    expect(shares[0]).toBeCloseTo(5 / 6, 12);
    expect(shares[1]).toBeCloseTo(1 / 6, 12);
    expect(shares[3] + shares[4] + shares[5]).toBeCloseTo(1, 12);
    expect(shares[7]).toBe(1);
    expect(Array.from(rowShares(new Int32Array(4), 2))).toEqual([0, 0, 0, 0]);
  });

  it('totals: accuracy = trace / total', () => {
    expect(confusionTotals(counts, 3)).toEqual({ total: 19, correct: 13 });
  });

  it('lists the commonest mistakes first, off the diagonal only', () => {
    expect(topConfusions(counts, 3, 2)).toEqual([
      { actual: 2, predicted: 1, count: 3 },
      { actual: 1, predicted: 0, count: 2 },
    ]);
    expect(topConfusions(new Int32Array([4, 0, 0, 4]), 2)).toEqual([]);
  });

  it('draws a digit as dark ink on white, opaque', () => {
    const ink = new Uint8Array(784);
    ink[0] = 255;
    ink[1] = 100;
    const px = digitPixels(ink);
    expect(px.length).toBe(784 * 4);
    expect(Array.from(px.slice(0, 8))).toEqual([0, 0, 0, 255, 155, 155, 155, 255]);
    expect(Array.from(px.slice(8, 12))).toEqual([255, 255, 255, 255]);
  });
});

describe('cellShade', () => {
  it('is √share on the diagonal and stronger off it, capped at 1; empty cells stay blank', () => {
    expect(cellShade(0.81, true)).toBeCloseTo(0.9, 12);
    expect(cellShade(0.04, false)).toBeCloseTo(Math.sqrt(0.04 / MISTAKE_FULL_SHARE), 12);
    expect(cellShade(0.04, false)).toBeGreaterThan(cellShade(0.04, true));
    expect(cellShade(0.5, false)).toBe(1);
    expect(cellShade(0, false)).toBe(0);
  });
});
