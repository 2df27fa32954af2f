import { describe, expect, it } from 'vitest';
import { datasetInfo, makeDataset } from '../../src/engine/data';
import { trainCount } from '../../src/engine/data/split';
import type { Dataset, DatasetName } from '../../src/engine/types';

const TOYS = ['circle', 'xor', 'gauss', 'spiral'] as const;
const GENERATED = [...TOYS, 'plane', 'friedman'] as const;
const make = (name: DatasetName, seed = 1, noisePercent = 0, trainPercent = 50) =>
  makeDataset({ name, noisePercent, trainPercent, seed });
const labels = (d: Dataset) => [...d.yTrain, ...d.yTest];
const points = (d: Dataset) => {
  const dim = d.info.inputDim;
  const all = [...d.xTrain, ...d.xTest];
  return labels(d).map((label, i) => ({ x: all[i * dim] * 6, y: all[i * dim + 1] * 6, label }));
};

describe('datasetInfo', () => {
  it('describes every dataset', () => {
    expect(datasetInfo('circle')).toEqual({ name: 'circle', task: 'classification', inputDim: 2, outputDim: 2, size: 500 });
    expect(datasetInfo('spiral')).toEqual({ name: 'spiral', task: 'classification', inputDim: 2, outputDim: 2, size: 500 });
    expect(datasetInfo('plane')).toEqual({ name: 'plane', task: 'regression', inputDim: 2, outputDim: 1, size: 500 });
    expect(datasetInfo('friedman')).toEqual({ name: 'friedman', task: 'regression', inputDim: 10, outputDim: 1, size: 1000 });
    expect(datasetInfo('mnist')).toEqual({ name: 'mnist', task: 'classification', inputDim: 784, outputDim: 10, size: 10000 });
  });
});

describe('generated datasets', () => {
  it.each(GENERATED)('%s is deterministic in the seed and has consistent shapes', (name) => {
    const a = make(name, 5);
    expect(make(name, 5)).toEqual(a);
    expect(make(name, 6).xTrain).not.toEqual(a.xTrain);
    const { inputDim, size } = a.info;
    expect(a.nTrain + a.nTest).toBe(size);
    expect(a.xTrain.length).toBe(a.nTrain * inputDim);
    expect(a.xTest.length).toBe(a.nTest * inputDim);
    expect(a.yTrain.length).toBe(a.nTrain);
    expect(a.yTest.length).toBe(a.nTest);
    for (const v of [...a.xTrain, ...a.xTest, ...labels(a)]) expect(Number.isFinite(v)).toBe(true);
  });

  it('pins the first train rows of seed 1 (50 % split, no noise)', () => {
    const c = make('circle');
    expect(Array.from(c.xTrain.slice(0, 4))).toEqual([-0.5153037309646606, -0.39601826667785645, -0.01010762620717287, -0.07429865002632141]);
    expect(Array.from(c.yTrain.slice(0, 4))).toEqual([0, 1, 1, 0]);
    const s = make('spiral');
    expect(Array.from(s.xTrain.slice(0, 2))).toEqual([0.587200939655304, -0.1989850401878357]);
    const p = make('plane');
    expect(p.yTrain[0]).toBe(-0.10562850534915924);
  });

  it.each(TOYS)('%s labels are class indices 0/1 and inputs are scaled to about [-1, 1]', (name) => {
    const d = make(name, 2, 50);
    for (const y of labels(d)) expect(y === 0 || y === 1).toBe(true);
    const maxAbs = Math.max(...[...d.xTrain, ...d.xTest].map(Math.abs));
    expect(maxAbs).toBeLessThan(name === 'gauss' ? 2 : 1.1);
  });

  it('circle, gauss and spiral have 250 points per class; xor labels follow the quadrant without noise', () => {
    for (const name of ['circle', 'gauss', 'spiral'] as const) expect(labels(make(name)).reduce((a, b) => a + b, 0)).toBe(250);
    for (const p of points(make('xor'))) expect(p.label).toBe(p.x * p.y >= 0 ? 1 : 0);
  });

  it('circle without noise: class 1 inside radius 2.5, class 0 in the ring [3.5, 5]', () => {
    for (const p of points(make('circle'))) {
      const r = Math.hypot(p.x, p.y);
      if (p.label === 1) expect(r).toBeLessThan(2.5 + 1e-5);
      else expect(r >= 3.5 - 1e-5 && r <= 5 + 1e-5).toBe(true);
    }
  });

  it('noise 50 % flips labels (circle, xor) or moves points (gauss, spiral), and changes regression targets', () => {
    for (const name of ['circle', 'xor'] as const) {
      const clean = make(name, 3, 0);
      const noisy = make(name, 3, 50);
      expect(noisy.xTrain).toEqual(clean.xTrain); // the playground keeps the drawn point
      const flipped = labels(noisy).filter((y, i) => y !== labels(clean)[i]).length;
      expect(flipped).toBeGreaterThan(25);
    }
    for (const name of ['gauss', 'spiral'] as const) expect(make(name, 3, 50).xTrain).not.toEqual(make(name, 3, 0).xTrain);
    for (const name of ['plane', 'friedman'] as const) {
      expect(make(name, 3, 50).xTrain).toEqual(make(name, 3, 0).xTrain);
      expect(make(name, 3, 50).yTrain).not.toEqual(make(name, 3, 0).yTrain);
    }
  });

  it('plane without noise: target = (x + y)/10 in playground units', () => {
    for (const p of points(make('plane'))) expect(p.label).toBeCloseTo((p.x + p.y) / 10, 5);
  });

  it('friedman: x in [0, 1], targets standardised on the train part', () => {
    const d = make('friedman', 4, 20, 70);
    for (const v of [...d.xTrain, ...d.xTest]) expect(v >= 0 && v < 1).toBe(true);
    const mean = d.yTrain.reduce((a, b) => a + b, 0) / d.nTrain;
    const variance = d.yTrain.reduce((a, b) => a + (b - mean) ** 2, 0) / d.nTrain;
    expect(Math.abs(mean)).toBeLessThan(1e-5);
    expect(variance).toBeCloseTo(1, 4);
    const testMean = d.yTest.reduce((a, b) => a + b, 0) / d.nTest;
    expect(Math.abs(testMean)).toBeLessThan(0.3);
  });

  it.each([
    [10, 50, 100],
    [50, 250, 500],
    [90, 450, 900],
  ])('trainPercent %i gives %i toy / %i friedman training samples', (pct, toy, fried) => {
    expect(make('spiral', 1, 0, pct).nTrain).toBe(toy);
    expect(make('friedman', 1, 0, pct).nTrain).toBe(fried);
  });

  it('split clamps so both sides keep at least one sample', () => {
    expect(trainCount(500, 0)).toBe(1);
    expect(trainCount(500, 100)).toBe(499);
    expect(trainCount(500, 33.3)).toBe(167);
    const d = make('xor', 1, 0, 100);
    expect([d.nTrain, d.nTest]).toEqual([499, 1]);
  });

  it('a split is a permutation: the same points, the same labels, in another order', () => {
    const a = make('gauss', 8, 10, 10);
    const b = make('gauss', 8, 10, 90);
    const key = (d: Dataset) => points(d).map((p) => `${p.x},${p.y},${p.label}`).sort();
    expect(key(a)).toEqual(key(b));
  });

  it('mnist without the decoded asset throws a clear error', () => {
    expect(() => make('mnist')).toThrow(/mnist needs the decoded asset/);
  });
});
