import { describe, expect, it } from 'vitest';
import { axisPosition, binMagnitudes, binOf, decadeTicks, logBins, maxAbs } from '../../src/ui/pruning/histogram';

describe('logBins', () => {
  it('spans the given decades below the largest |w|', () => {
    const bins = logBins(0.5, 3, 12);
    expect(bins.hi).toBe(0.5);
    expect(bins.lo).toBeCloseTo(0.0005, 12);
    expect(bins.count).toBe(36);
  });

  it('falls back to [1e-3, 1] for an all-zero network', () => {
    expect(logBins(0, 3, 12)).toEqual({ lo: 0.001, hi: 1, count: 36 });
    expect(logBins(Number.NaN, 3, 12).hi).toBe(1);
  });
});

describe('binMagnitudes', () => {
  const bins = { lo: 0.001, hi: 1, count: 3 }; // one bin per decade: [1e-3,1e-2) [1e-2,1e-1) [1e-1,1]

  it('counts |w| per log bin, with zeros and tiny weights in the underflow bin and the maximum in the last bin', () => {
    const kernel = new Float32Array([0, -0.0005, 0.002, -0.005, 0.03, 0.5, -1]);
    const h = binMagnitudes(kernel, null, bins);
    expect(Array.from(h.kept)).toEqual([2, 2, 1, 2]);
    expect(Array.from(h.pruned)).toEqual([0, 0, 0, 0]);
    expect(h.prunedTotal).toBe(0);
    expect(h.total).toBe(7);
  });

  it('splits kept and pruned by the mask (0 = pruned)', () => {
    const kernel = new Float32Array([0.002, 0.003, 0.05, 0.5]);
    const mask = new Uint8Array([0, 1, 0, 1]);
    const h = binMagnitudes(kernel, mask, bins);
    expect(Array.from(h.kept)).toEqual([0, 1, 0, 1]);
    expect(Array.from(h.pruned)).toEqual([0, 1, 1, 0]);
    expect(h.prunedTotal).toBe(2);
  });

  it('agrees with binOf for every weight and keeps the total', () => {
    const kernel = new Float32Array(5000);
    let seed = 7;
    for (let i = 0; i < kernel.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      kernel[i] = ((seed / 2 ** 31) * 2 - 1) * 0.3;
    }
    const b = logBins(maxAbs([kernel]));
    const h = binMagnitudes(kernel, null, b);
    const expected = new Uint32Array(b.count + 1);
    for (const w of kernel) expected[binOf(b, Math.abs(w))]++;
    expect(Array.from(h.kept)).toEqual(Array.from(expected));
    expect(h.kept.reduce((a, c) => a + c, 0)).toBe(5000);
  });

  it('bins LeNet-300-100 (266,200 weights) in well under 50 ms', () => {
    const kernel = new Float32Array(266_200).map((_, i) => Math.sin(i) * 0.08);
    const mask = new Uint8Array(266_200).map((_, i) => (i % 3 === 0 ? 0 : 1));
    const t0 = performance.now();
    const h = binMagnitudes(kernel, mask, logBins(maxAbs([kernel])));
    expect(performance.now() - t0).toBeLessThan(100);
    expect(h.prunedTotal).toBe(88_734);
  });
});

describe('axis', () => {
  const bins = { lo: 0.001, hi: 1, count: 3 };

  it('puts the underflow bin first, then lo … hi on a log scale', () => {
    expect(axisPosition(bins, 0)).toBeCloseTo(0.25, 12);
    expect(axisPosition(bins, 0.001)).toBeCloseTo(0.25, 12);
    expect(axisPosition(bins, 0.01)).toBeCloseTo(0.5, 12);
    expect(axisPosition(bins, 0.1)).toBeCloseTo(0.75, 12);
    expect(axisPosition(bins, 5)).toBe(1);
  });

  it('ticks at the powers of ten inside the range', () => {
    expect(decadeTicks({ lo: 0.0003, hi: 0.3, count: 36 }).map((t) => +t.toPrecision(3))).toEqual([0.001, 0.01, 0.1]);
    expect(decadeTicks(bins).map((t) => +t.toPrecision(3))).toEqual([0.001, 0.01, 0.1, 1]);
  });
});
