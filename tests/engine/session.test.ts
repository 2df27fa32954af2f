import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data';
import { mlpSpec } from '../../src/engine/model/spec';
import { TrainingSession, type StepContext } from '../../src/engine/train/session';
import type { DatasetName, OptimizerName, TrainOptions } from '../../src/engine/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = (name: DatasetName = 'circle') => makeDataset({ name, noisePercent: 0, trainPercent: 50, seed: 1 });
const opts = (over: Partial<TrainOptions> = {}): TrainOptions => ({ optimizer: 'adam', learningRate: 0.03, batchSize: 10, seed: 1, ...over });
const session = (name: DatasetName = 'circle', over: Partial<TrainOptions> = {}) => {
  const d = data(name);
  return new TrainingSession(d, mlpSpec(d.info, [8, 8], 'tanh'), opts(over));
};
const mean = (a: Float32Array) => a.reduce((x, y) => x + y, 0) / a.length;

describe('TrainingSession', () => {
  it('learns circle: 2-8-8-2 tanh, adam 0.03, batch 10, seed 1', async () => {
    const s = session();
    const { loss: losses } = await s.trainSteps(300);
    expect(losses.length).toBe(300);
    expect(losses[0]).toBeCloseTo(0.6635173559188843, 5);
    const first = mean(losses.slice(0, 20)); // measured 0.6948
    const last = mean(losses.slice(280)); // measured 0.0204
    expect(first).toBeGreaterThan(0.6);
    expect(last).toBeLessThan(0.05);
    expect(last).toBeLessThan(0.5 * first);
    const ev = await s.evaluate();
    expect(ev.testAccuracy).toBe(1);
    expect(ev.testLoss).toBeLessThan(0.05);
    s.dispose();
  });

  it('is deterministic: the same seed gives the same losses, another seed other losses', async () => {
    const [a, b, c] = [session(), session(), session('circle', { seed: 2 })];
    const [la, lb, lc] = [(await a.trainSteps(30)).loss, (await b.trainSteps(30)).loss, (await c.trainSteps(30)).loss];
    expect(la).toEqual(lb);
    expect(la).not.toEqual(lc);
    [a, b, c].forEach((s) => s.dispose());
  });

  it('counts steps and epochs: 250 train rows, batch 10 → 25 steps an epoch; remainder rows are skipped', async () => {
    const s = session();
    await s.trainSteps(24);
    expect([s.step, s.epoch]).toEqual([24, 0]);
    await s.trainSteps(1);
    expect([s.step, s.epoch]).toEqual([25, 1]);
    s.setBatchSize(30); // 8 batches of 30 = 240 rows per epoch
    await s.trainSteps(8);
    expect([s.step, s.epoch]).toEqual([33, 2]);
    s.setBatchSize(1000);
    expect(s.options.batchSize).toBe(250);
    await s.trainSteps(2);
    expect([s.step, s.epoch]).toEqual([35, 4]);
    expect(() => s.setBatchSize(0)).toThrow(/positive integer/);
    s.dispose();
  });

  it('SGD with learning rate 0 leaves the weights unchanged; setLearningRate is hot', async () => {
    const s = session('circle', { optimizer: 'sgd', learningRate: 0 });
    const before = s.getWeights();
    await s.trainSteps(20);
    expect(s.getWeights()).toEqual(before);
    s.setLearningRate(0.1);
    await s.trainSteps(1);
    expect(s.getWeights()[0].kernel).not.toEqual(before[0].kernel);
    expect(s.options.learningRate).toBe(0.1);
    s.dispose();
  });

  it.each<OptimizerName>(['adam', 'momentum'])('%s: learning rate 0 after some steps freezes the weights (state kept)', async (opt) => {
    const s = session('circle', { optimizer: opt });
    await s.trainSteps(10);
    s.setLearningRate(0);
    const w = s.getWeights();
    await s.trainSteps(10);
    expect(s.getWeights()).toEqual(w);
    s.dispose();
  });

  it('a hook that zeroes one kernel gradient keeps that kernel exactly unchanged (adam)', async () => {
    const s = session();
    const before = s.getWeights();
    let name = '';
    s.addHook({
      transformGradients(grads, ctx) {
        name = ctx.model.kernels[1].name;
        return { ...grads, [name]: tf.zerosLike(grads[name]) };
      },
    });
    await s.trainSteps(50);
    const after = s.getWeights();
    expect(name).toMatch(/dense1\/kernel$/);
    expect(after[1].kernel).toEqual(before[1].kernel);
    expect(after[0].kernel).not.toEqual(before[0].kernel);
    expect(after[2].kernel).not.toEqual(before[2].kernel);
    s.dispose();
  });

  it('afterUpdate runs once per step with the step index; the remover detaches the hook', async () => {
    const s = session();
    const seen: number[] = [];
    const remove = s.addHook({ afterUpdate: (ctx: StepContext) => seen.push(ctx.step) });
    await s.trainSteps(5);
    await s.trainSteps(3);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    remove();
    await s.trainSteps(4);
    expect(seen.length).toBe(8);
    s.dispose();
  });

  it('leaks no tensor over 200 steps, evaluate, predict and optimizer changes; dispose frees everything', async () => {
    const before = tf.memory().numTensors;
    const s = session('circle', { optimizer: 'momentum' });
    s.addHook({
      transformGradients: (g) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, tf.mul(v, 1)])),
      afterUpdate: (ctx) => {
        tf.tidy(() => ctx.model.biases[0].assign(tf.mul(ctx.model.biases[0], 1)));
      },
    });
    await s.trainSteps(7); // warm-up: optimizer slots exist now
    const warm = tf.memory().numTensors;
    await s.trainSteps(200);
    await s.evaluate();
    s.predict(new Float32Array([0, 0, 0.5, 0.5]), 2);
    s.getWeights();
    expect(tf.memory().numTensors).toBe(warm);
    s.setOptimizer('adam');
    s.setOptimizer('sgd');
    s.setOptimizer('momentum');
    await s.trainSteps(3);
    expect(tf.memory().numTensors).toBe(warm);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(s.trainSteps(1)).rejects.toThrow(/after dispose/);
  });

  it('a throwing hook rejects trainSteps without leaking the losses already computed', async () => {
    const s = session();
    await s.trainSteps(3);
    const warm = tf.memory().numTensors;
    s.addHook({
      afterUpdate: (ctx) => {
        if (ctx.step === 5) throw new Error('hook failed');
      },
    });
    await expect(s.trainSteps(10)).rejects.toThrow('hook failed');
    expect(s.step).toBe(5);
    expect(tf.memory().numTensors).toBe(warm);
    s.dispose();
  });

  it('evaluate: accuracy in [0, 1] for classification, NaN for regression', async () => {
    const c = session('xor');
    const e0 = await c.evaluate();
    expect(e0.testAccuracy >= 0 && e0.testAccuracy <= 1).toBe(true);
    expect(e0.testLoss).toBeGreaterThan(0.5);
    c.dispose();
    const r = session('plane');
    await r.trainSteps(100);
    const e = await r.evaluate();
    expect(Number.isNaN(e.testAccuracy)).toBe(true);
    expect(e.testLoss).toBeLessThan(0.05);
    r.dispose();
  });

  it('evaluate in chunks of 1000 equals the cross-entropy of predict() over all 2,000 test rows', async () => {
    // A synthetic 784-input, 10-class set whose 2,000 test rows need two chunks.
    const n = 2000;
    const x = new Float32Array(n * 784).map((_, i) => ((i * 7919) % 1000) / 1000);
    const y = new Float32Array(n).map((_, i) => i % 10);
    const info = { name: 'mnist' as const, task: 'classification' as const, inputDim: 784, outputDim: 10, size: 2 * n };
    const ds = { info, xTrain: x, yTrain: y, xTest: x, yTest: y, nTrain: n, nTest: n };
    const s = new TrainingSession(ds, mlpSpec(info, [16], 'relu'), opts({ batchSize: 60 }));
    await s.trainSteps(3);
    const p = s.predict(x, n);
    let ce = 0;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const row = p.subarray(i * 10, i * 10 + 10);
      ce -= Math.log(row[y[i]]);
      if (row.indexOf(Math.max(...row)) === y[i]) correct++;
    }
    const ev = await s.evaluate();
    expect(ev.testLoss).toBeCloseTo(ce / n, 4);
    expect(ev.testAccuracy).toBeCloseTo(correct / n, 6);
    s.dispose();
  });

  it('predict: softmax rows for classification, raw outputs for regression; rejects bad lengths', () => {
    const c = session('gauss');
    const p = c.predict(new Float32Array([0.3, 0.3, -0.3, -0.3, 0, 0]), 3);
    expect(p.length).toBe(6);
    for (let i = 0; i < 3; i++) expect(p[2 * i] + p[2 * i + 1]).toBeCloseTo(1, 6);
    expect(() => c.predict(new Float32Array(5), 3)).toThrow(/got 5 values for 3 rows of 2/);
    c.dispose();
    const r = session('friedman');
    expect(r.predict(new Float32Array(20), 2).length).toBe(2);
    r.dispose();
  });

  it('returns NaN losses instead of throwing when the weights are NaN', async () => {
    const d = data();
    const spec = mlpSpec(d.info, [8, 8], 'tanh');
    const w = new TrainingSession(d, spec, opts());
    const weights = w.getWeights();
    w.dispose();
    weights[0].kernel.fill(NaN);
    const s = new TrainingSession(d, spec, opts(), { weights, step: 60 });
    expect([s.step, s.epoch]).toEqual([60, 2]);
    const { loss: losses } = await s.trainSteps(3);
    expect(Array.from(losses).every(Number.isNaN)).toBe(true);
    expect(s.step).toBe(63);
    s.dispose();
  });

  it('starts from given weights; rejects a spec that does not fit the data', () => {
    const d = data();
    const spec = mlpSpec(d.info, [8, 8], 'tanh');
    const a = new TrainingSession(d, spec, opts({ seed: 5 }));
    const b = new TrainingSession(d, spec, opts({ seed: 9 }), { weights: a.getWeights() });
    expect(b.getWeights()).toEqual(a.getWeights());
    a.dispose();
    b.dispose();
    expect(() => new TrainingSession(d, mlpSpec(data('plane').info, [4], 'relu'), opts())).toThrow(/does not fit dataset circle/);
  });

  it('setOptimizer switches and reports the new optimizer', async () => {
    const s = session();
    await s.trainSteps(5);
    s.setOptimizer('sgd');
    expect(s.options).toEqual({ optimizer: 'sgd', learningRate: 0.03, batchSize: 10, seed: 1 });
    const { loss: l } = await s.trainSteps(5);
    expect(Array.from(l).every(Number.isFinite)).toBe(true);
    s.dispose();
  });
});
