import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data';
import { mlpSpec } from '../../src/engine/model/spec';
import { EVAL_CHUNK, TrainingSession } from '../../src/engine/train/session';
import type { Activation, DatasetName, LayerWeights } from '../../src/engine/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const session = (name: DatasetName = 'circle', hidden = [8, 8], act: Activation = 'tanh') => {
  const d = makeDataset({ name, noisePercent: 10, trainPercent: 50, seed: 3 });
  return { s: new TrainingSession(d, mlpSpec(d.info, hidden, act), { optimizer: 'adam', learningRate: 0.03, batchSize: 10, seed: 1 }), d };
};

const act = (a: Activation, z: number): number => (a === 'relu' ? Math.max(0, z) : a === 'tanh' ? Math.tanh(z) : a === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : z);

/** Plain-JS forward of one row; returns every layer's output (hidden post-activation, then the raw output). */
function jsForward(w: LayerWeights[], x: ArrayLike<number>, a: Activation): number[][] {
  const outs: number[][] = [];
  let h = Array.from(x);
  w.forEach((l, i) => {
    const z: number[] = [];
    for (let j = 0; j < l.outDim; j++) {
      let s = l.bias[j];
      for (let k = 0; k < l.inDim; k++) s += h[k] * l.kernel[k * l.outDim + j];
      z.push(i < w.length - 1 ? act(a, s) : s);
    }
    outs.push(z);
    h = z;
  });
  return outs;
}

describe('TrainingSession views', () => {
  it('evaluate({ predictions }) returns the argmax class per test row, consistent with accuracy, in one read-back', async () => {
    const { s, d } = session();
    await s.trainSteps(60);
    const plain = await s.evaluate();
    const reads = tf.memory().numTensors;
    const ev = await s.evaluate({ predictions: true });
    expect(tf.memory().numTensors).toBe(reads);
    expect(plain.predictions).toBeUndefined();
    expect(ev.testLoss).toBeCloseTo(plain.testLoss, 6);
    expect(ev.testAccuracy).toBe(plain.testAccuracy);
    const p = ev.predictions!;
    expect(p.length).toBe(d.nTest);
    const probs = s.predict(d.xTest, d.nTest);
    let correct = 0;
    for (let i = 0; i < d.nTest; i++) {
      expect(p[i]).toBe(probs[2 * i + 1] > probs[2 * i] ? 1 : 0);
      if (p[i] === d.yTest[i]) correct++;
    }
    expect(correct / d.nTest).toBeCloseTo(ev.testAccuracy, 6);
    s.dispose();
  });

  it('evaluate({ predictions }) returns the regression output per test row (MSE = test loss), across chunks', async () => {
    // A test set of 2,300 rows: three chunks of EVAL_CHUNK.
    const base = makeDataset({ name: 'friedman', noisePercent: 10, trainPercent: 50, seed: 3 });
    const nTest = 2300;
    const xTest = Float32Array.from({ length: nTest * 10 }, (_, i) => base.xTest[i % base.xTest.length]);
    const yTest = Float32Array.from({ length: nTest }, (_, i) => base.yTest[i % base.nTest] + (i % 7) * 0.01);
    const d = { ...base, xTest, yTest, nTest };
    const s = new TrainingSession(d, mlpSpec(d.info, [16], 'relu'), { optimizer: 'adam', learningRate: 0.01, batchSize: 20, seed: 1 });
    expect(nTest).toBeGreaterThan(2 * EVAL_CHUNK);
    await s.trainSteps(20);
    const ev = await s.evaluate({ predictions: true });
    const p = ev.predictions!;
    expect(p.length).toBe(d.nTest);
    expect(Number.isNaN(ev.testAccuracy)).toBe(true);
    const direct = s.predict(d.xTest, d.nTest);
    let se = 0;
    for (let i = 0; i < d.nTest; i++) {
      expect(p[i]).toBeCloseTo(direct[i], 5);
      se += (p[i] - d.yTest[i]) ** 2;
    }
    expect(se / d.nTest).toBeCloseTo(ev.testLoss, 4);
    s.dispose();
  });

  it('infer equals predict, and its hidden neuron equals a plain-JS forward; nothing leaks', async () => {
    for (const a of ['tanh', 'relu', 'sigmoid'] as Activation[]) {
      const { s } = session('xor', [5, 3], a);
      await s.trainSteps(30);
      const n = 7;
      const x = Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 1.7) * 1.2);
      const before = tf.memory().numTensors;
      const plain = await s.infer(x, n);
      const withUnit = await s.infer(x, n, { layer: 1, unit: 2 });
      expect(tf.memory().numTensors).toBe(before);
      expect(plain.hidden).toBeUndefined();
      const probs = s.predict(x, n);
      expect(Array.from(plain.output)).toEqual(Array.from(probs).map((v) => expect.closeTo(v, 6)));
      expect(withUnit.output).toEqual(plain.output);
      const w = s.getWeights();
      for (let r = 0; r < n; r++) {
        const outs = jsForward(w, x.subarray(2 * r, 2 * r + 2), a);
        expect(withUnit.hidden![r]).toBeCloseTo(outs[1][2], 5);
      }
      const first = await s.infer(x, n, { layer: 0, unit: 4 });
      for (let r = 0; r < n; r++) expect(first.hidden![r]).toBeCloseTo(jsForward(w, x.subarray(2 * r, 2 * r + 2), a)[0][4], 5);
      s.dispose();
    }
  });

  it('infer rejects an out-of-range neuron or a wrong shape', async () => {
    const { s } = session('circle', [4]);
    const x = new Float32Array(4);
    await expect(s.infer(x, 2, { layer: 1, unit: 0 })).rejects.toThrow(/no hidden neuron/);
    await expect(s.infer(x, 2, { layer: 0, unit: 4 })).rejects.toThrow(/no hidden neuron/);
    await expect(s.infer(x, 3)).rejects.toThrow(/rows of 2/);
    expect((await s.infer(new Float32Array(0), 0)).output.length).toBe(0);
    s.dispose();
  });
});
