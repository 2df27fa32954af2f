import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDatasets, kFolds, logGrid, meanStd } from '../../src/engine/regularise/cv';
import { penaltyValue, softThresholdValues } from '../../src/engine/regularise/penalty';
import type { Dataset, LayerWeights } from '../../src/engine/types';

const layer = (inDim: number, outDim: number, kernel: number[], bias: number[]): LayerWeights => ({ inDim, outDim, kernel: Float32Array.from(kernel), bias: Float32Array.from(bias) });

describe('penaltyValue', () => {
  // Kernels 1, −2, 0.5 | 3; biases 100 and −7 must not count.
  const layers = [layer(1, 3, [1, -2, 0.5], [100, 100, 100]), layer(3, 1, [3, 0, 0], [-7])];
  it('equals the hand-computed l1·Σ|w| + l2·Σw² over the kernels only (no ½)', () => {
    // Σ|w| = 6.5, Σw² = 1 + 4 + 0.25 + 9 = 14.25
    expect(penaltyValue(layers, 0.1, 0)).toBeCloseTo(0.65, 14);
    expect(penaltyValue(layers, 0, 0.01)).toBeCloseTo(0.1425, 14);
    expect(penaltyValue(layers, 0.1, 0.01)).toBeCloseTo(0.7925, 14);
    expect(penaltyValue(layers, 0, 0)).toBe(0);
    expect(penaltyValue([], 1, 1)).toBe(0);
  });
});

describe('softThresholdValues', () => {
  it('zeroes |w| ≤ t exactly and shrinks the rest by t towards 0', () => {
    const w = Float32Array.from([0.5, -0.5, 0.25, -0.25, 0.2, -0.1, 0, 1e-9]);
    const out = softThresholdValues(w, 0.25);
    expect(Array.from(out)).toEqual([0.25, -0.25, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(softThresholdValues(Float32Array.from([0.75, -3]), 0.5))).toEqual([0.25, -2.5]);
    // float32 arithmetic, as on the device: fround(|w| − fround(t))
    const v = softThresholdValues(Float32Array.from([0.3]), 0.1)[0];
    expect(v).toBe(Math.fround(Math.fround(0.3) - Math.fround(0.1)));
    expect(softThresholdValues(w, 0)).toEqual(w);
  });
});

describe('kFolds', () => {
  it('is a partition of 0 … n−1 into k sorted folds whose sizes differ by at most 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 400 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 2, max: Math.min(n, 12) }), fc.integer())),
        ([n, k, seed]) => {
          const folds = kFolds(n, k, seed);
          expect(folds.length).toBe(k);
          const sizes = folds.map((f) => f.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          const all = folds.flatMap((f) => Array.from(f)).sort((a, b) => a - b);
          expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
          for (const f of folds) for (let i = 1; i < f.length; i++) expect(f[i]).toBeGreaterThan(f[i - 1]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is seeded: the same seed gives the same folds, another seed other folds; first n mod k folds are the larger', () => {
    expect(kFolds(100, 5, 3)).toEqual(kFolds(100, 5, 3));
    expect(kFolds(100, 5, 3)).not.toEqual(kFolds(100, 5, 4));
    expect(kFolds(23, 5, 1).map((f) => f.length)).toEqual([5, 5, 5, 4, 4]);
    expect(() => kFolds(10, 1, 0)).toThrow(/2 ≤ k ≤ n/);
    expect(() => kFolds(3, 4, 0)).toThrow(/2 ≤ k ≤ n/);
  });
});

describe('foldDatasets', () => {
  // 23 train rows, row i = (i, −i), label i; the 7 test rows must never appear.
  const n = 23;
  const info = { name: 'friedman' as const, task: 'regression' as const, inputDim: 2, outputDim: 1, size: 30 };
  const d: Dataset = {
    info,
    xTrain: Float32Array.from({ length: 2 * n }, (_, j) => (j % 2 ? -1 : 1) * Math.floor(j / 2) + 0),
    yTrain: Float32Array.from({ length: n }, (_, i) => i),
    xTest: new Float32Array(14).fill(99),
    yTest: new Float32Array(7).fill(99),
    nTrain: n,
    nTest: 7,
  };

  it('fold i: its rows as the test part, the other train rows as the train part; sizes 5,5,5,4,4', () => {
    const splits = foldDatasets(d, 5, 7);
    expect(splits.length).toBe(5);
    expect(splits.map((s) => s.val.nTest)).toEqual([5, 5, 5, 4, 4]);
    expect(splits.map((s) => s.train.nTrain)).toEqual([18, 18, 18, 19, 19]);
    const folds = kFolds(n, 5, 7);
    const seen: number[] = [];
    splits.forEach(({ train, val }, i) => {
      expect(train.info).toBe(info);
      expect(val.info).toBe(info);
      expect(Array.from(val.yTest)).toEqual(Array.from(folds[i]));
      expect(val.xTest.length).toBe(2 * val.nTest);
      expect(train.xTrain.length).toBe(2 * train.nTrain);
      // rows travel whole: x = (y, −y)
      for (let r = 0; r < val.nTest; r++) expect([val.xTest[2 * r], val.xTest[2 * r + 1]]).toEqual([val.yTest[r], 0 - val.yTest[r]]);
      for (let r = 0; r < train.nTrain; r++) expect([train.xTrain[2 * r], train.xTrain[2 * r + 1]]).toEqual([train.yTrain[r], 0 - train.yTrain[r]]);
      const both = [...Array.from(train.yTrain), ...Array.from(val.yTest)].sort((a, b) => a - b);
      expect(both).toEqual(Array.from({ length: n }, (_, j) => j));
      expect(Array.from(train.yTrain).includes(99)).toBe(false);
      seen.push(...Array.from(val.yTest));
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, j) => j));
  });
});

describe('logGrid', () => {
  it('1e-5 … 1 with 9 points: exact ends, ratio 10^0.625, ascending', () => {
    const g = logGrid(1e-5, 1, 9);
    expect(g.length).toBe(9);
    expect(g[0]).toBe(1e-5);
    expect(g[8]).toBe(1);
    const expected = [1e-5, 4.216965034285822e-5, 1.778279410038923e-4, 7.498942093324557e-4, 3.1622776601683794e-3, 1.333521432163324e-2, 5.6234132519034905e-2, 0.23713737056616552, 1];
    g.forEach((v, i) => expect(Math.abs(v / expected[i] - 1)).toBeLessThan(1e-12));
    for (let i = 1; i < 9; i++) expect(g[i] / g[i - 1]).toBeCloseTo(10 ** 0.625, 10);
  });

  it('decades land on powers of ten; one point; bad input throws', () => {
    const g = logGrid(1e-3, 10, 5);
    [1e-3, 1e-2, 1e-1, 1, 10].forEach((v, i) => expect(g[i]).toBeCloseTo(v, 14));
    expect(logGrid(0.1, 0.1, 1)).toEqual([0.1]);
    expect(() => logGrid(0, 1, 9)).toThrow(/logGrid/);
    expect(() => logGrid(1, 0.1, 3)).toThrow(/logGrid/);
    expect(() => logGrid(1e-3, 1, 0)).toThrow(/logGrid/);
  });
});

describe('meanStd', () => {
  it('mean and population standard deviation', () => {
    expect(meanStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(1.25) });
    expect(meanStd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2 });
    expect(meanStd([3])).toEqual({ mean: 3, std: 0 });
    const e = meanStd([]);
    expect(Number.isNaN(e.mean) && Number.isNaN(e.std)).toBe(true);
  });
});
