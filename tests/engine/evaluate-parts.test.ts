import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data';
import { mlpSpec } from '../../src/engine/model/spec';
import { Rng } from '../../src/engine/rng';
import { EVAL_PART_ROWS, RowSubsets, evaluateChunks, evaluateParts } from '../../src/engine/train/evaluate';
import { targetTensor } from '../../src/engine/train/losses';
import { TrainingSession } from '../../src/engine/train/session';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** friedman with a 10 % train share: 900 test rows, 4 parts of EVAL_PART_ROWS. */
const friedman = () => makeDataset({ name: 'friedman', noisePercent: 10, trainPercent: 10, seed: 3 });
const spiral = () => makeDataset({ name: 'spiral', noisePercent: 10, trainPercent: 30, seed: 2 });

describe('evaluateParts: the test set part by part', () => {
  it('gives evaluate()’s figures (to float32 rounding) and the same predictions, regression and classification', async () => {
    for (const d of [friedman(), spiral()]) {
      const s = new TrainingSession(d, mlpSpec(d.info, [16, 8], 'tanh'), { optimizer: 'adam', learningRate: 0.01, batchSize: 10, seed: 1 });
      await s.trainSteps(50);
      const one = await s.evaluate({ predictions: true });
      const parts = (await s.evaluateTest({ predictions: true }))!;
      expect(parts.rows).toBe(d.nTest);
      expect(d.nTest).toBeGreaterThan(EVAL_PART_ROWS);
      expect(parts.testLoss).toBeCloseTo(one.testLoss, 5);
      if (d.info.task === 'classification') expect(parts.testAccuracy).toBeCloseTo(one.testAccuracy, 6);
      else expect(parts.testAccuracy).toBeNaN();
      expect(Array.from(parts.predictions!)).toEqual(Array.from(one.predictions!));
      s.dispose();
    }
  });

  it('stops between parts when asked: null, no tensor left', async () => {
    const d = friedman();
    const s = new TrainingSession(d, mlpSpec(d.info, [8], 'tanh'), { optimizer: 'sgd', learningRate: 0.01, batchSize: 10, seed: 1 });
    const base = tf.memory().numTensors;
    let asked = 0;
    expect(await s.evaluateTest({ stop: () => ++asked > 2 })).toBeNull();
    expect(asked).toBe(3); // parts 1 and 2 ran, the third was not started
    expect(tf.memory().numTensors).toBe(base);
    expect(await s.evaluateTest({ stop: () => true })).toBeNull();
    expect((await s.evaluateTest({ stop: () => false }))!.rows).toBe(d.nTest);
    s.dispose();
  });
});

describe('quick evaluations leak nothing', () => {
  it('the gathered subsets live with the session and go with it', async () => {
    const base = tf.memory().numTensors;
    const d = friedman();
    const s = new TrainingSession(d, mlpSpec(d.info, [8], 'tanh'), { optimizer: 'adam', learningRate: 0.01, batchSize: 10, seed: 1 });
    await s.trainSteps(5); // Adam's moments are made at the first step
    const built = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) {
      await s.trainSteps(5);
      await s.evaluateTest({ rows: 100 });
      await s.evaluateTest({ rows: 300 });
      await s.evaluateTest();
      await s.evaluateTrainRows(50);
    }
    // Three subsets gathered once each (test 100 and 300, train 50): x and y apiece; nothing per evaluation.
    expect(tf.memory().numTensors).toBe(built + 6);
    s.dispose();
    expect(tf.memory().numTensors).toBe(base);
  });
});

describe('RowSubsets: fixed, seeded, nested row subsets', () => {
  it('the same seed gives the same rows, smaller subsets lie inside larger ones, ascending, distinct', () => {
    const x = tf.zeros([1000, 2]) as tf.Tensor2D;
    const y = tf.zeros([1000, 1]) as tf.Tensor2D;
    const a = new RowSubsets(x, y, 1000, new Rng(7));
    const b = new RowSubsets(x, y, 1000, new Rng(7));
    const c = new RowSubsets(x, y, 1000, new Rng(8));
    expect(Array.from(a.indices(200))).toEqual(Array.from(b.indices(200)));
    expect(Array.from(a.indices(200))).not.toEqual(Array.from(c.indices(200)));
    const small = a.indices(100);
    const large = new Set(a.indices(500));
    expect(small.every((i) => large.has(i))).toBe(true);
    expect(new Set(small).size).toBe(100);
    expect(Array.from(small)).toEqual(Array.from(small).sort((p, q) => p - q));
    expect(a.indices(5000).length).toBe(1000);
    expect(a.subset(1000).x).toBe(x); // the whole set: no copy
    const base = tf.memory().numTensors;
    a.subset(200);
    a.subset(200); // cached
    expect(tf.memory().numTensors).toBe(base + 2);
    a.dispose();
    expect(tf.memory().numTensors).toBe(base);
    tf.dispose([x, y]);
  });

  it('a session’s quick evaluation is the evaluation of exactly those rows', async () => {
    const d = spiral();
    const s = new TrainingSession(d, mlpSpec(d.info, [8, 8], 'tanh'), { optimizer: 'adam', learningRate: 0.03, batchSize: 10, seed: 5 });
    await s.trainSteps(100);
    const quick = (await s.evaluateTest({ rows: 100 }))!;
    expect(quick.rows).toBe(100);
    expect((await s.evaluateTest({ rows: 100 }))!).toEqual(quick);
    // The same rows by hand: the subset the session draws (Rng(seed ^ 0x7e57)) through the same forward pass.
    const xTest = tf.tensor2d(d.xTest, [d.nTest, 2]);
    const yTest = targetTensor(d.yTest, 'classification', 2);
    const rows = new RowSubsets(xTest, yTest, d.nTest, new Rng(5 ^ 0x7e57));
    const { x, y, n } = rows.subset(100);
    const w = s.getWeights();
    const forward = (xb: tf.Tensor2D) =>
      tf.tidy(() => {
        let h: tf.Tensor2D = xb;
        w.forEach((l, i) => {
          const z = tf.add(tf.matMul(h, tf.tensor2d(l.kernel, [l.inDim, l.outDim])), tf.tensor1d(l.bias)) as tf.Tensor2D;
          h = i < w.length - 1 ? tf.tanh(z) : z;
        });
        return h;
      });
    const byHand = await evaluateChunks(forward, 'classification', x, y, n);
    expect(quick.testLoss).toBeCloseTo(byHand.testLoss, 5);
    expect(quick.testAccuracy).toBeCloseTo(byHand.testAccuracy, 6);
    const viaParts = (await evaluateParts(forward, 'classification', x, y, n))!;
    expect(viaParts.testAccuracy).toBe(quick.testAccuracy);
    rows.dispose();
    tf.dispose([xTest, yTest]);
    // Train rows: all of them equal evaluateTrain(); fewer are a subset's.
    const all = await s.evaluateTrainRows(10_000);
    const ref = await s.evaluateTrain();
    expect(all.rows).toBe(d.nTrain);
    expect(all.testLoss).toBeCloseTo(ref.testLoss, 5);
    expect((await s.evaluateTrainRows(50)).rows).toBe(50);
    s.dispose();
  });
});
