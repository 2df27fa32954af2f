import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countZeros,
  keepCount,
  keptMin,
  lotteryRates,
  pruneRemaining,
  roundHalfEven,
  sparsityMasks,
  stdThresholds,
  thresholdMask,
} from '../../src/engine/prune/masks';
import { isPruningStep, nextPruningStep, polynomialSparsity, scheduleFromConfig } from '../../src/engine/prune/schedule';
import type { PolySchedule } from '../../src/engine/prune/types';
import { Rng } from '../../src/engine/rng';

const f32 = (...v: number[]) => Float32Array.from(v);
const u8 = (...v: number[]) => Uint8Array.from(v);
const ones = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);
const randomKernel = (n: number, seed: number) => {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
};
/** LeNet-300-100's kernels: 784×300, 300×100, 100×10 (266,200 weights). */
const lenetKernels = () => [randomKernel(784 * 300, 1), randomKernel(300 * 100, 2), randomKernel(100 * 10, 3)];

describe('thresholdMask', () => {
  it('keeps |w| ≥ θ; θ ≤ 0 keeps all; NaN is pruned', () => {
    expect(thresholdMask(f32(0.5, -0.25, 0.125, -0.75, 0, 0.25), 0.25)).toEqual(u8(1, 1, 0, 1, 0, 1));
    expect(thresholdMask(f32(0, 0, 1), 0)).toEqual(u8(1, 1, 1));
    expect(thresholdMask(f32(0, 0, 1), -1)).toEqual(u8(1, 1, 1));
    expect(thresholdMask(f32(NaN, 1), 0.5)).toEqual(u8(0, 1));
  });

  it('property: monotone in θ (a larger θ keeps a subset)', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true, min: -2, max: 2 }), { maxLength: 40 }), fc.float({ noNaN: true, min: 0, max: 2 }), fc.float({ noNaN: true, min: 0, max: 2 }), (vals, a, b) => {
        const w = Float32Array.from(vals);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const mLo = thresholdMask(w, lo);
        const mHi = thresholdMask(w, hi);
        for (let i = 0; i < w.length; i++) if (mHi[i]) expect(mLo[i]).toBe(1);
      }),
    );
  });
});

describe('keepCount (TF-MOT: max(round(n·(1 − s)), 1), tf.round = half to even)', () => {
  it('gives the exact counts', () => {
    expect(keepCount(100, 0.9999)).toBe(1);
    expect(keepCount(100, 0.9)).toBe(10);
    expect(keepCount(100, 0)).toBe(100);
    expect(keepCount(0, 0.5)).toBe(0);
    expect(keepCount(266200, 0.9)).toBe(26620);
    expect(keepCount(5, 0.5)).toBe(2); // 2.5 → 2
    expect(keepCount(7, 0.5)).toBe(4); // 3.5 → 4
    expect(keepCount(10, 0.35)).toBe(6); // 6.5 → 6
    expect(keepCount(10, 0.25)).toBe(8); // 7.5 → 8
    expect(keepCount(3, 1)).toBe(1);
    expect(roundHalfEven(0.5)).toBe(0);
    expect(roundHalfEven(1.5)).toBe(2);
    expect(roundHalfEven(2.4999)).toBe(2);
    expect(roundHalfEven(2.6)).toBe(3);
  });
});

describe('sparsityMasks', () => {
  it('s = 0.9999 on 100 weights keeps exactly the largest one', () => {
    const w = randomKernel(100, 7);
    const [m] = sparsityMasks([w], 0.9999, 'layer');
    expect(ones(m)).toBe(1);
    const best = w.reduce((b, v, i) => (Math.abs(v) > Math.abs(w[b]) ? i : b), 0);
    expect(m[best]).toBe(1);
  });

  it('per layer and global differ when one layer holds all the large weights', () => {
    const a = f32(0.9, -0.8, 0.7, 0.6);
    const b = f32(0.1, 0.2, -0.3, 0.4);
    expect(sparsityMasks([a, b], 0.5, 'layer')).toEqual([u8(1, 1, 0, 0), u8(0, 0, 1, 1)]);
    expect(sparsityMasks([a, b], 0.5, 'global')).toEqual([u8(1, 1, 1, 1), u8(0, 0, 0, 0)]);
    // 0.75: per layer keeps 1 each; global keeps 2, both in a.
    expect(sparsityMasks([a, b], 0.75, 'layer')).toEqual([u8(1, 0, 0, 0), u8(0, 0, 0, 1)]);
    expect(sparsityMasks([a, b], 0.75, 'global')).toEqual([u8(1, 1, 0, 0), u8(0, 0, 0, 0)]);
  });

  it('breaks ties by position: earlier layer, then lower index', () => {
    expect(sparsityMasks([f32(0.5, -0.5, 0.5, 0.5)], 0.5, 'layer')).toEqual([u8(1, 1, 0, 0)]);
    expect(sparsityMasks([f32(0.1, 0.5), f32(0.5, -0.5)], 0.5, 'global')).toEqual([u8(0, 1), u8(1, 0)]);
    expect(sparsityMasks([f32(0, 0, 0, 0)], 0.75, 'layer')).toEqual([u8(1, 0, 0, 0)]);
  });

  it('s ≤ 0 keeps everything (or exactly the eligible entries)', () => {
    expect(sparsityMasks([f32(0, 1)], 0, 'layer')).toEqual([u8(1, 1)]);
    expect(sparsityMasks([f32(0, 1)], -0.5, 'global', [u8(0, 1)])).toEqual([u8(0, 1)]);
  });

  it('eligible: only eligible entries are kept; fewer than k eligible → all eligible', () => {
    const w = f32(0.9, 0.8, 0.7, 0.6);
    expect(sparsityMasks([w], 0.5, 'layer', [u8(0, 1, 1, 1)])).toEqual([u8(0, 1, 1, 0)]);
    expect(sparsityMasks([w], 0.9, 'layer', [u8(0, 1, 1, 1)])).toEqual([u8(0, 1, 0, 0)]);
    expect(sparsityMasks([w], 0.25, 'layer', [u8(0, 0, 0, 1)])).toEqual([u8(0, 0, 0, 1)]);
    expect(sparsityMasks([w, f32(0.95, 0.1)], 0.5, 'global', [u8(0, 1, 1, 1), null])).toEqual([u8(0, 1, 1, 0), u8(1, 0)]);
  });

  const tieKernel = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 30 }).map((a) => Float32Array.from(a, (v) => v / 4));
  const sparsity = fc.double({ min: 0.01, max: 1, noNaN: true });

  it('property: keeps exactly k, and every kept |w| ≥ every pruned |w| (per layer and global)', () => {
    fc.assert(
      fc.property(fc.array(tieKernel, { minLength: 1, maxLength: 4 }), sparsity, (kernels, s) => {
        const layer = sparsityMasks(kernels, s, 'layer');
        layer.forEach((m, l) => {
          expect(ones(m)).toBe(keepCount(kernels[l].length, s));
          const kept = kernels[l].filter((_, i) => m[i]).map(Math.abs);
          const pruned = kernels[l].filter((_, i) => !m[i]).map(Math.abs);
          if (pruned.length) expect(Math.min(...kept)).toBeGreaterThanOrEqual(Math.max(...pruned));
        });
        const global = sparsityMasks(kernels, s, 'global');
        const n = kernels.reduce((a, k) => a + k.length, 0);
        expect(global.reduce((a, m) => a + ones(m), 0)).toBe(keepCount(n, s));
        const all = kernels.flatMap((k, l) => Array.from(k, (v, i) => ({ v: Math.abs(v), kept: global[l][i] })));
        const minKept = Math.min(...all.filter((e) => e.kept).map((e) => e.v));
        const maxPruned = Math.max(-1, ...all.filter((e) => !e.kept).map((e) => e.v));
        expect(minKept).toBeGreaterThanOrEqual(maxPruned);
      }),
      { numRuns: 300 },
    );
  });

  it('property: with eligible, the result is a subset of the eligible set of size min(k, eligible)', () => {
    fc.assert(
      fc.property(tieKernel.chain((k) => fc.tuple(fc.constant(k), fc.array(fc.integer({ min: 0, max: 1 }), { minLength: k.length, maxLength: k.length }))), sparsity, ([k, e], s) => {
        const elig = Uint8Array.from(e);
        const [m] = sparsityMasks([k], s, 'layer', [elig]);
        for (let i = 0; i < k.length; i++) if (m[i]) expect(elig[i]).toBe(1);
        expect(ones(m)).toBe(Math.min(keepCount(k.length, s), ones(elig)));
      }),
      { numRuns: 300 },
    );
  });

  it('LeNet-300-100 (266,200 weights): exact counts (the times are logged, not asserted: a unit test has no timing threshold)', () => {
    const kernels = lenetKernels();
    sparsityMasks(kernels, 0.5, 'layer'); // warm-up (JIT)
    let t0 = performance.now();
    const layer = sparsityMasks(kernels, 0.9, 'layer');
    const layerMs = performance.now() - t0;
    t0 = performance.now();
    const global = sparsityMasks(kernels, 0.9, 'global');
    const globalMs = performance.now() - t0;
    t0 = performance.now();
    const thr = kernels.map((k) => thresholdMask(k, 0.5));
    const thresholdMs = performance.now() - t0;
    t0 = performance.now();
    pruneRemaining(kernels, layer, lotteryRates(3, 0.2, 0.1));
    const lotteryMs = performance.now() - t0;
    console.log(`LeNet masks: layer ${layerMs.toFixed(1)} ms, global ${globalMs.toFixed(1)} ms, threshold ${thresholdMs.toFixed(1)} ms, lottery round ${lotteryMs.toFixed(1)} ms`);
    expect(layer.map(ones)).toEqual([23520, 3000, 100]);
    expect(global.reduce((a, m) => a + ones(m), 0)).toBe(26620);
    expect(thr[0].length).toBe(235200);
  });
});

describe('stdThresholds (Han et al. 2015: θ = q · std)', () => {
  it('uses the population std of each kernel', () => {
    const [a, b] = stdThresholds([f32(1, 2, 3, 4), f32(-1, 1)], 2);
    expect(a).toBeCloseTo(2 * Math.sqrt(1.25), 12); // mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4
    expect(b).toBeCloseTo(2, 12);
    expect(stdThresholds([f32(3, 3, 3)], 1)).toEqual([0]);
  });

  it('masks each layer at its own θ', () => {
    const kernels = [f32(1, 2, 3, 4), f32(-0.5, 0.5, 0.1, -0.1)];
    const thetas = stdThresholds(kernels, 1); // √1.25 ≈ 1.118, √0.13 ≈ 0.3606
    expect(thetas[1]).toBeCloseTo(Math.sqrt(0.13), 6);
    expect(kernels.map((k, l) => thresholdMask(k, thetas[l]))).toEqual([u8(0, 1, 1, 1), u8(1, 1, 0, 0)]);
  });
});

describe('countZeros, keptMin', () => {
  it('counts exact zeros, −0 included', () => {
    expect(countZeros(f32(0, -0, 1e-30, NaN, 2))).toBe(2);
  });

  it('keptMin is the smallest kept |w|; 0 without a mask or with nothing kept', () => {
    expect(keptMin(f32(0.5, -0.125, -0.25), u8(1, 0, 1))).toBe(0.25);
    expect(keptMin(f32(0.5), null)).toBe(0);
    expect(keptMin(f32(0.5), u8(0))).toBe(0);
  });
});

describe('pruneRemaining (lottery rounds)', () => {
  it('20 % per round on a 10,000-weight kernel leaves 0.8^n, nested masks, largest survive', () => {
    const w = randomKernel(10000, 11);
    let mask: Uint8Array | null = null;
    let expected = 10000;
    for (let n = 1; n <= 10; n++) {
      const next: Uint8Array = pruneRemaining([w], [mask], [0.2])[0];
      expected -= roundHalfEven(0.2 * expected);
      expect(ones(next)).toBe(expected);
      expect(Math.abs(ones(next) / 10000 - 0.8 ** n)).toBeLessThan(5e-4);
      if (mask) for (let i = 0; i < w.length; i++) if (next[i]) expect(mask[i]).toBe(1);
      mask = next;
    }
    expect(expected).toBe(1074); // 0.8^10 = 0.10737
    const m = mask as Uint8Array;
    const kept = Array.from(w).filter((_, i) => m[i]).map(Math.abs);
    const pruned = Array.from(w).filter((_, i) => !m[i]).map(Math.abs);
    expect(Math.min(...kept)).toBeGreaterThan(Math.max(...pruned));
  });

  it('keeps at least one survivor; ties: the higher index goes first', () => {
    expect(pruneRemaining([f32(1, 2)], [u8(0, 1)], [0.9])).toEqual([u8(0, 1)]);
    expect(pruneRemaining([f32(0.5, 0.5, 0.5, 0.5)], [null], [0.5])).toEqual([u8(1, 1, 0, 0)]);
  });

  it('LeNet-300-100, 20 % hidden / 10 % output: Frankle & Carbin remaining 51.3 / 21.1 / 7.0 / 3.6 % after rounds 3 / 7 / 12 / 15', () => {
    const kernels = lenetKernels();
    const rates = lotteryRates(3, 0.2, 0.1);
    let masks: (Uint8Array | null)[] = [null, null, null];
    const remaining: number[] = [];
    for (let r = 1; r <= 15; r++) {
      masks = pruneRemaining(kernels, masks, rates);
      remaining.push((100 * masks.reduce((a, m) => a + ones(m as Uint8Array), 0)) / 266200);
    }
    expect(remaining[2]).toBeCloseTo(51.3, 1);
    expect(remaining[6]).toBeCloseTo(21.1, 1);
    expect(Math.abs(remaining[11] - 7.0)).toBeLessThan(0.06); // 6.95
    expect(remaining[14]).toBeCloseTo(3.6, 1);
  });

  it('lotteryRates: hidden rate for every kernel but the last', () => {
    expect(lotteryRates(3, 0.2, 0.1)).toEqual([0.2, 0.2, 0.1]);
    expect(lotteryRates(1, 0.2, 0.1)).toEqual([0.1]);
  });
});

describe('polynomial schedule (TF-MOT PolynomialDecay)', () => {
  const golden: PolySchedule = { initialSparsity: 0.2, finalSparsity: 0.8, beginStep: 100, endStep: 110, frequency: 2, power: 3 };

  it('golden values 0.2 / 0.4928 / 0.725 / 0.8 at 100 / 102 / 105 / 110, clipped outside', () => {
    expect(Math.abs(polynomialSparsity(golden, 100) - 0.2)).toBeLessThan(1e-9);
    expect(Math.abs(polynomialSparsity(golden, 102) - 0.4928)).toBeLessThan(1e-9);
    expect(Math.abs(polynomialSparsity(golden, 105) - 0.725)).toBeLessThan(1e-9);
    expect(Math.abs(polynomialSparsity(golden, 110) - 0.8)).toBeLessThan(1e-9);
    expect(Math.abs(polynomialSparsity(golden, 50) - 0.2)).toBeLessThan(1e-9);
    expect(Math.abs(polynomialSparsity(golden, 500) - 0.8)).toBeLessThan(1e-9);
  });

  it('end ≤ begin: final sparsity from begin on', () => {
    const s = { ...golden, endStep: 100 };
    expect(polynomialSparsity(s, 99)).toBeCloseTo(0.2, 12);
    expect(polynomialSparsity(s, 100)).toBeCloseTo(0.8, 12);
  });

  it('isPruningStep / nextPruningStep', () => {
    expect([99, 100, 101, 102, 109, 110, 111, 112].map((t) => isPruningStep(golden, t))).toEqual([false, true, false, true, false, true, false, false]);
    expect([0, 100, 101, 109, 110, 111].map((t) => nextPruningStep(golden, t))).toEqual([100, 100, 102, 110, 110, null]);
  });

  it('frequency 100 with fewer than 100 steps after begin never prunes past the first step', () => {
    const s = scheduleFromConfig({ s_init: 0.5, s_final: 0.9, s_begin: 0, s_end: 60, s_freq: 100 });
    expect(s).toEqual({ initialSparsity: 0.5, finalSparsity: 0.9, beginStep: 0, endStep: 60, frequency: 100, power: 3 });
    const steps = Array.from({ length: 200 }, (_, t) => t).filter((t) => isPruningStep(s, t));
    expect(steps).toEqual([0]);
    expect(polynomialSparsity(s, 0)).toBe(0.5); // the only update uses the initial sparsity
    expect(nextPruningStep(s, 1)).toBeNull();
  });
});
