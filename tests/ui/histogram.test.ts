import { describe, expect, it } from 'vitest';
import { axisPosition, binMagnitudes, binOf, binSigned, decadeTicks, logBins, maxAbs, signedAxisPosition, signedBins, signedSlotOf, signedTicks } from '../../src/ui/prune/histogram';

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

  it('bins LeNet-300-100 (266,200 weights): every pruned weight counted', () => {
    const kernel = new Float32Array(266_200).map((_, i) => Math.sin(i) * 0.08);
    const mask = new Uint8Array(266_200).map((_, i) => (i % 3 === 0 ? 0 : 1));
    const h = binMagnitudes(kernel, mask, logBins(maxAbs([kernel])));
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

describe('signed view', () => {
  const bins = signedBins(1, 2); // slots: [-1,-0.5) [-0.5,0) {0} (0,0.5) [0.5,1]

  it('bins signed weights linearly, exact zeros in the middle slot of their own', () => {
    const kernel = new Float32Array([0, -0, -1, -0.75, -0.5, -0.25, -1e-9, 1e-9, 0.25, 0.5, 1, 3, -3]);
    const h = binSigned(kernel, null, bins);
    expect(Array.from(h.kept)).toEqual([4, 2, 2, 2, 3]);
    expect(h.total).toBe(13);
    for (const w of kernel) expect(signedSlotOf(bins, w)).toBeGreaterThanOrEqual(0);
    expect(signedSlotOf(bins, 0)).toBe(2);
    expect(signedSlotOf(bins, -1e-9)).toBe(1);
    expect(signedSlotOf(bins, Number.NaN)).toBe(-1);
  });

  it('splits kept and pruned by the mask and skips NaN', () => {
    const kernel = new Float32Array([0, 0.1, -0.1, 0.9, Number.NaN]);
    const mask = new Uint8Array([0, 0, 1, 1, 1]);
    const h = binSigned(kernel, mask, bins);
    expect(Array.from(h.kept)).toEqual([0, 1, 0, 0, 1]);
    expect(Array.from(h.pruned)).toEqual([0, 0, 1, 1, 0]);
    expect(h.prunedTotal).toBe(2);
    expect(h.total).toBe(5);
  });

  it('agrees with signedSlotOf for every weight', () => {
    const kernel = new Float32Array(3000).map((_, i) => (i % 7 === 0 ? 0 : Math.sin(i * 1.3) * 0.4));
    const b = signedBins(maxAbs([kernel]), 24);
    const h = binSigned(kernel, null, b);
    const expected = new Uint32Array(49);
    for (const w of kernel) expected[signedSlotOf(b, w)]++;
    expect(Array.from(h.kept)).toEqual(Array.from(expected));
    expect(h.kept[24]).toBe(Math.ceil(3000 / 7));
  });

  it('places w on a symmetric linear axis with the zero slot at the centre', () => {
    expect(signedAxisPosition(bins, 0)).toBe(0.5);
    expect(signedAxisPosition(bins, -1)).toBe(0);
    expect(signedAxisPosition(bins, 1)).toBe(1);
    expect(signedAxisPosition(bins, 5)).toBe(1);
    expect(signedAxisPosition(bins, 0.5)).toBeCloseTo(0.8, 12);
    expect(signedAxisPosition(bins, -0.5)).toBeCloseTo(0.2, 12);
  });

  it('falls back to [−1, 1] for an all-zero network and ticks symmetrically', () => {
    expect(signedBins(0).hi).toBe(1);
    expect(signedTicks(signedBins(0.83))).toEqual([-0.6, -0.3, 0, 0.3, 0.6]);
    expect(signedTicks(signedBins(1))).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(signedTicks(signedBins(0.05))).toEqual([-0.04, -0.02, 0, 0.02, 0.04]);
  });
});
