import { describe, expect, it } from 'vitest';
import { DivergenceWatch, MIN_INTERVAL_STEPS, STEP_LOSS_FACTOR, TEST_LOSS_FACTOR, TRAIN_LOSS_FACTOR, WARMUP_STEPS, constantLoss } from '../../src/engine/train/divergence';
import { makeDataset } from '../../src/engine/data';
import type { Dataset } from '../../src/engine/types';

const regression = (yTrain: number[], yTest: number[]): Dataset => ({
  info: { name: 'plane', task: 'regression', inputDim: 2, outputDim: 1, size: yTrain.length + yTest.length },
  xTrain: new Float32Array(yTrain.length * 2),
  yTrain: Float32Array.from(yTrain),
  xTest: new Float32Array(yTest.length * 2),
  yTest: Float32Array.from(yTest),
  nTrain: yTrain.length,
  nTest: yTest.length,
});

describe('constantLoss: the loss of the best constant prediction', () => {
  it('is ln C for C classes', () => {
    expect(constantLoss(makeDataset({ name: 'circle', noisePercent: 0, trainPercent: 50, seed: 1 }))).toBe(Math.log(2));
  });

  it('is the test targets’ mean squared deviation from the train mean for regression', () => {
    // Train mean 2; test (0 − 2)² and (4 − 2)² average to 4.
    expect(constantLoss(regression([1, 3], [0, 4]))).toBe(4);
  });
});

describe('DivergenceWatch', () => {
  it('a NaN or infinite step loss diverges at once', () => {
    const w = new DivergenceWatch(0.5);
    expect(w.trainLosses([1, 2])).toBeNull();
    expect(w.trainLosses([3, Number.NaN, 4])).toEqual({ kind: 'train', value: Number.NaN, reference: 0.5 });
    expect(new DivergenceWatch(0.5).trainLosses([Number.POSITIVE_INFINITY])).toEqual({ kind: 'train', value: Number.POSITIVE_INFINITY, reference: 0.5 });
  });

  it(`one step above ${STEP_LOSS_FACTOR} × L₀ diverges at once, even in the warm-up; ${STEP_LOSS_FACTOR} × does not`, () => {
    const w = new DivergenceWatch(2);
    expect(w.trainLosses([2.3, 20_000, 2.3])).toBeNull();
    expect(w.trainLosses([2.3, 9.09e12, 2.3])).toEqual({ kind: 'train', value: 9.09e12, reference: 2 });
  });

  it(`a test loss above ${TEST_LOSS_FACTOR} × L₀ (or non-finite) diverges; exactly ${TEST_LOSS_FACTOR} × does not`, () => {
    expect(TEST_LOSS_FACTOR).toBe(20);
    const w = new DivergenceWatch(0.5);
    expect(w.evaluation(10)).toBeNull();
    expect(w.evaluation(10.01)).toEqual({ kind: 'test', value: 10.01, reference: 0.5 });
    expect(w.evaluation(Number.NaN)).toEqual({ kind: 'test', value: Number.NaN, reference: 0.5 });
  });

  /** A watch past its warm-up (the first 25 steps at 0.5). */
  const warm = (reference: number): DivergenceWatch => {
    const w = new DivergenceWatch(reference);
    w.trainLosses(Array(WARMUP_STEPS).fill(reference));
    return w;
  };

  it(`the mean train loss of an interval above ${TRAIN_LOSS_FACTOR} × L₀ diverges; one noisy batch does not`, () => {
    expect([TRAIN_LOSS_FACTOR, WARMUP_STEPS, MIN_INTERVAL_STEPS]).toEqual([15, 25, 25]);
    const w = warm(0.5);
    // One batch at 150 × L₀ among 24 small ones: mean (75 + 24 · 0.3) / 25 = 3.288 < 7.5.
    w.trainLosses([75, ...Array(24).fill(0.3)]);
    expect(w.evaluation(0.4)).toBeNull();
    // Mean exactly 7.5 = 15 × 0.5: not above.
    w.trainLosses(Array(25).fill(7.5));
    expect(w.evaluation(0.4)).toBeNull();
    w.trainLosses([...Array(24).fill(7.5), 7.6]);
    expect(w.evaluation(0.4)).toEqual({ kind: 'train', value: (24 * 7.5 + 7.6) / 25, reference: 0.5 });
    expect(w.evaluation(0.4)).toBeNull();
  });

  it(`the first ${WARMUP_STEPS} steps are a warm-up for the train rule; an interval of fewer than ${MIN_INTERVAL_STEPS} steps carries over`, () => {
    const w = new DivergenceWatch(0.5);
    // Adam's overshoot at the start (30 × L₀ for 25 steps) is not judged.
    w.trainLosses(Array(25).fill(15));
    expect(w.evaluation(0.4)).toBeNull();
    // 10 steps at 20 × L₀: too few to judge; 15 more at 12 make (100 + 180) / 25 = 11.2 > 7.5.
    w.trainLosses(Array(10).fill(10));
    expect(w.evaluation(0.4)).toBeNull();
    w.trainLosses(Array(15).fill(12));
    expect(w.evaluation(0.4)).toEqual({ kind: 'train', value: 11.2, reference: 0.5 });
  });

  it('each evaluation starts a new interval, and the best interval mean is kept for the message', () => {
    const w = warm(1);
    w.trainLosses(Array(25).fill(0.6));
    expect(w.evaluation(0.6)).toBeNull();
    w.trainLosses(Array(25).fill(0.2));
    expect(w.evaluation(0.6)).toBeNull();
    w.trainLosses(Array(25).fill(0.4));
    expect(w.evaluation(0.6)).toBeNull();
    expect(w.bestTrainLoss).toBeCloseTo(0.2, 6);
  });

  it('with L₀ = 0 (a constant target) only non-finite losses count', () => {
    const w = new DivergenceWatch(0);
    w.trainLosses(Array(50).fill(1e30));
    expect(w.evaluation(1e30)).toBeNull();
    expect(w.evaluation(Number.POSITIVE_INFINITY)?.kind).toBe('test');
  });
});
