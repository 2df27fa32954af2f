import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data';
import { forwardNet } from '../../src/engine/model/network';
import { mlpSpec } from '../../src/engine/model/spec';
import { countZeros, sparsityMasks } from '../../src/engine/prune/masks';
import { weightMasksToLayerMasks } from '../../src/engine/prune/structured';
import { penaltyValue, softThresholdValues } from '../../src/engine/regularise/penalty';
import { TrainingSession } from '../../src/engine/train/session';
import type { Dataset, LayerWeights, ModelSpec, TrainOptions } from '../../src/engine/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const circle = () => makeDataset({ name: 'circle', noisePercent: 10, trainPercent: 50, seed: 1 });
const opts = (over: Partial<TrainOptions> = {}): TrainOptions => ({ optimizer: 'sgd', learningRate: 0.1, batchSize: 10, seed: 1, ...over });
/** 2-8-8-2 tanh on circle (8·2 + 8·8 + 2·8 = 96 kernel weights). */
const session = (over: Partial<TrainOptions> = {}, d: Dataset = circle()) => new TrainingSession(d, mlpSpec(d.info, [8, 8], 'tanh'), opts(over));
/** One step of a fresh session; returns the weights before and after and what trainSteps reported. */
const oneStep = async (over: Partial<TrainOptions>) => {
  const s = session(over);
  const w0 = s.getWeights();
  const r = await s.trainSteps(1);
  const w1 = s.getWeights();
  s.dispose();
  return { w0, w1, loss: r.loss[0], penalty: r.penalty[0] };
};
const plus0 = (a: Float32Array) => Array.from(a, (v) => v + 0);
const kernelZeros = (w: LayerWeights[]) => w.reduce((a, l) => a + countZeros(l.kernel), 0);

describe('penalties in the training step', () => {
  it('L2, one SGD step: w ← w(1 − 2ηλ) − η∇data on kernels, biases as without λ; same data loss; penalty = λΣw²', async () => {
    const [eta, lam] = [0.1, 0.05];
    const base = await oneStep({});
    const l2 = await oneStep({ l2: lam });
    expect(l2.w0).toEqual(base.w0);
    expect(l2.loss).toBe(base.loss); // the DATA loss of the same weights and batch
    expect(base.penalty).toBe(0);
    expect(l2.penalty).toBeCloseTo(penaltyValue(base.w0, 0, lam), 6);
    expect(l2.penalty).toBeGreaterThan(0.01);
    l2.w1.forEach((layer, i) => {
      // base.w1 = w0 − η∇data, so the L2 step is base.w1 − 2ηλ·w0
      layer.kernel.forEach((v, k) => expect(v).toBeCloseTo(base.w1[i].kernel[k] - 2 * eta * lam * base.w0[i].kernel[k], 6));
      expect(layer.bias).toEqual(base.w1[i].bias);
    });
    // and the change is really there: |Δ| = 2ηλ|w0| = 0.01·|w0|
    const diff = Math.abs(l2.w1[1].kernel[0] - base.w1[1].kernel[0]);
    expect(diff).toBeCloseTo(0.01 * Math.abs(base.w0[1].kernel[0]), 6);
    expect(diff).toBeGreaterThan(1e-4);
  });

  it('L1 subgradient vs proximal, one SGD step: prox equals softThresholdValues(λ=0 step, ηλ) bit for bit; the subgradient makes no zeros', async () => {
    const [eta, lam] = [0.1, 0.5];
    const t = eta * lam; // 0.05
    const base = await oneStep({});
    const prox = await oneStep({ l1: lam, prox: true });
    const sub = await oneStep({ l1: lam });
    let expectedZeros = 0;
    prox.w1.forEach((layer, i) => {
      const ref = softThresholdValues(base.w1[i].kernel, t);
      expect(plus0(layer.kernel)).toEqual(plus0(ref));
      base.w1[i].kernel.forEach((v, k) => {
        if (Math.abs(v) <= Math.fround(t)) {
          expectedZeros++;
          expect(layer.kernel[k] === 0).toBe(true);
        } else expect(layer.kernel[k]).toBe(Math.fround(Math.sign(v) * Math.fround(Math.abs(v) - Math.fround(t))));
      });
      expect(layer.bias).toEqual(base.w1[i].bias); // biases never regularised
      // subgradient: w0 − η∇data − ηλ·sign(w0)
      sub.w1[i].kernel.forEach((v, k) => expect(v).toBeCloseTo(base.w1[i].kernel[k] - t * Math.sign(base.w0[i].kernel[k]), 6));
      expect(sub.w1[i].bias).toEqual(base.w1[i].bias);
    });
    expect(expectedZeros).toBeGreaterThan(0);
    expect(kernelZeros(prox.w1)).toBe(expectedZeros);
    expect(kernelZeros(base.w1)).toBe(0);
    expect(kernelZeros(sub.w1)).toBe(0);
    // the reported penalty is that of the pre-step weights, prox or not
    expect(prox.penalty).toBeCloseTo(penaltyValue(base.w0, lam, 0), 5);
    expect(sub.penalty).toBeCloseTo(penaltyValue(base.w0, lam, 0), 5);
    expect(prox.loss).toBe(base.loss);
  });

  it('reported penalty = penaltyValue of the weights each step started from (adam, elastic net, one read-back per burst)', async () => {
    const [l1, l2] = [0.003, 0.02];
    const s = session({ optimizer: 'adam', learningRate: 0.03, l1, l2 });
    for (let i = 0; i < 5; i++) {
      const w = s.getWeights();
      const { penalty } = await s.trainSteps(1);
      expect(penalty[0]).toBeCloseTo(penaltyValue(w, l1, l2), 5);
    }
    const w = s.getWeights();
    const r = await s.trainSteps(4);
    expect(r.loss.length).toBe(4);
    expect(r.penalty.length).toBe(4);
    expect(r.penalty[0]).toBeCloseTo(penaltyValue(w, l1, l2), 5);
    expect(r.penalty[3]).not.toBe(r.penalty[0]);
    s.dispose();
  });

  it('prox L1 with adam drives most kernel weights to exactly 0 without pruning; subgradient L1 and L2 make none', async () => {
    const d = makeDataset({ name: 'spiral', noisePercent: 10, trainPercent: 50, seed: 1 });
    const prox = session({ optimizer: 'adam', learningRate: 0.03, l1: 0.1, prox: true }, d);
    const sub = session({ optimizer: 'adam', learningRate: 0.03, l1: 0.1 }, d);
    const l2 = session({ optimizer: 'adam', learningRate: 0.03, l2: 0.1 }, d);
    for (const s of [prox, sub, l2]) await s.trainSteps(500);
    expect(kernelZeros(prox.getWeights()) / 96).toBeGreaterThan(0.5); // measured 77 / 96
    expect(kernelZeros(sub.getWeights())).toBe(0);
    expect(kernelZeros(l2.getWeights())).toBe(0);
    sub.dispose();
    prox.dispose();
    l2.dispose();
  });

  it('setRegularisation is hot (from the next step), shows in options; invalid values throw', async () => {
    const base = await oneStep({ l2: 0.05 });
    const s = session();
    expect(s.regularisation).toEqual({ l1: 0, l2: 0, prox: false, dropout: 0 });
    s.setRegularisation({ l1: 0, l2: 0.05, prox: false, dropout: 0 });
    const r = await s.trainSteps(1);
    expect(r.penalty[0]).toBe(base.penalty);
    expect(s.getWeights()).toEqual(base.w1);
    expect(s.options).toMatchObject({ l1: 0, l2: 0.05, prox: false, dropout: 0 });
    s.setRegularisation({ l1: 0, l2: 0, prox: false, dropout: 0 });
    expect(Array.from((await s.trainSteps(3)).penalty)).toEqual([0, 0, 0]);
    expect(() => s.setRegularisation({ l1: -1, l2: 0, prox: false, dropout: 0 })).toThrow(/λ/);
    expect(() => s.setRegularisation({ l1: 0, l2: NaN, prox: false, dropout: 0 })).toThrow(/λ/);
    expect(() => s.setRegularisation({ l1: 0, l2: 0, prox: false, dropout: 1 })).toThrow(/dropout/);
    expect(() => session({ dropout: -0.1 })).toThrow(/dropout/);
    s.dispose();
  });

  it('off costs nothing: l1 = l2 = dropout = 0 runs the same kernels as a session without the options', async () => {
    const count = async (over: Partial<TrainOptions>) => {
      const s = session({ optimizer: 'adam', ...over });
      await s.trainSteps(2); // optimizer slots exist
      const info = await tf.profile(async () => {
        await s.trainSteps(3);
      });
      s.dispose();
      return info.kernels.length;
    };
    const plain = await count({});
    expect(await count({ l1: 0, l2: 0, prox: true, dropout: 0 })).toBe(plain);
    expect(await count({ l2: 0.01 })).toBeGreaterThan(plain);
  });
});

describe('masks and prox', () => {
  it('masked entries stay exactly 0 under prox L1 + L2 + dropout (adam); prox adds zeros outside the mask', async () => {
    const d = makeDataset({ name: 'spiral', noisePercent: 10, trainPercent: 50, seed: 1 });
    const s = session({ optimizer: 'adam', learningRate: 0.03, l1: 0.03, l2: 0.001, prox: true, dropout: 0.2 }, d);
    await s.trainSteps(20);
    const masks = sparsityMasks(s.getWeights().map((l) => l.kernel), 0.5, 'global');
    s.setMasks(weightMasksToLayerMasks(masks));
    const masked = masks.reduce((a, m) => a + m.length - m.reduce((x, y) => x + y, 0), 0);
    expect(masked).toBe(48);
    for (let burst = 0; burst < 5; burst++) {
      await s.trainSteps(40);
      const w = s.getWeights();
      w.forEach((l, i) => masks[i].forEach((keep, k) => keep || expect(l.kernel[k] === 0).toBe(true)));
    }
    expect(kernelZeros(s.getWeights())).toBeGreaterThan(masked);
    s.dispose();
  });
});

describe('dropout', () => {
  it('forwardNet with dropout: every hidden unit is 0 or scaled by 1/(1 − rate); about rate of them dropped; seeded', () => {
    tf.tidy(() => {
      const n = 4000;
      const x = tf.ones([1, 1]) as tf.Tensor2D;
      const kernels = [tf.ones([1, n]), tf.ones([n, 1])];
      const biases = [tf.zeros([n]), tf.zeros([1])];
      const spec: ModelSpec = { inputDim: 1, hidden: [n], activation: 'linear', outputDim: 1, task: 'regression' };
      const out = (seed: number) => forwardNet(spec, x, kernels, biases, { dropout: { rate: 0.5, seeds: [seed] } }).dataSync()[0];
      const v = out(1);
      expect(v % 2).toBe(0); // each kept unit contributes 1 / (1 − 0.5) = 2
      expect(Math.abs(v / 2 / n - 0.5)).toBeLessThan(0.03);
      expect(out(1)).toBe(v);
      expect(out(2)).not.toBe(v);
    });
  });

  it('is identity in evaluation: evaluate, evaluateTrain, predict are the same with dropout 0.5 and 0', async () => {
    const a = session({ dropout: 0.5 });
    const b = session();
    expect(await a.evaluate()).toEqual(await b.evaluate());
    expect(await a.evaluateTrain()).toEqual(await b.evaluateTrain());
    const p = Float32Array.from([0.1, 0.2, -0.3, 0.4]);
    expect(a.predict(p, 2)).toEqual(b.predict(p, 2));
    // after training with dropout, evaluate still runs the plain forward pass (deterministic)
    await a.trainSteps(20);
    const e1 = await a.evaluate();
    expect(await a.evaluate()).toEqual(e1);
    const { testLoss, testAccuracy } = (await a.evaluateTest())!;
    expect(await a.evaluateWith(a.getWeights())).toEqual({ testLoss, testAccuracy });
    expect(testLoss).toBeCloseTo(e1.testLoss, 6);
    expect(testAccuracy).toBeCloseTo(e1.testAccuracy, 6);
    a.dispose();
    b.dispose();
  });

  it('changes the training steps, deterministically from the seed', async () => {
    const run = async (over: Partial<TrainOptions>) => {
      const s = session({ optimizer: 'adam', learningRate: 0.03, ...over });
      const { loss } = await s.trainSteps(20);
      const w = s.getWeights();
      s.dispose();
      return { loss, w };
    };
    const plain = await run({});
    const d1 = await run({ dropout: 0.5 });
    const d2 = await run({ dropout: 0.5 });
    const other = await run({ dropout: 0.5, seed: 2 });
    expect(d1.loss).toEqual(d2.loss);
    expect(d1.w).toEqual(d2.w);
    expect(d1.loss[0]).not.toBe(plain.loss[0]);
    expect(d1.w[0].kernel).not.toEqual(plain.w[0].kernel);
    expect(other.loss).not.toEqual(d1.loss);
    // the masks differ from step to step: a session that repeats one batch gets different losses
    const s = session({ optimizer: 'sgd', learningRate: 0, dropout: 0.5, batchSize: 250 });
    const { loss } = await s.trainSteps(3);
    expect(loss[1]).not.toBe(loss[0]);
    expect(loss[2]).not.toBe(loss[1]);
    s.dispose();
  });
});

describe('evaluateTrain', () => {
  it('equals evaluate() on a dataset whose test part is the train part', async () => {
    const d = circle();
    const swapped: Dataset = { ...d, xTest: d.xTrain, yTest: d.yTrain, nTest: d.nTrain };
    const a = session({ l2: 0.1 }, d);
    const b = session({}, swapped);
    const ta = await a.evaluateTrain();
    expect(ta).toEqual(await b.evaluate());
    expect(ta).not.toEqual(await a.evaluate());
    expect(ta.testAccuracy >= 0 && ta.testAccuracy <= 1).toBe(true);
    a.dispose();
    b.dispose();
  });
});

describe('no tensor leak with regularisation', () => {
  it('numTensors flat over bursts with l1, l2, prox, dropout, masks, evaluate, evaluateTrain and hot changes; dispose frees all', async () => {
    const before = tf.memory().numTensors;
    const s = session({ optimizer: 'momentum', l1: 0.01, l2: 0.01, prox: true, dropout: 0.3 });
    await s.trainSteps(5);
    const warm = tf.memory().numTensors;
    for (let round = 0; round < 4; round++) {
      await s.trainSteps(25);
      await s.evaluate();
      await s.evaluateTrain();
      s.setRegularisation({ l1: round % 2 ? 0.01 : 0, l2: round % 2 ? 0 : 0.02, prox: round % 2 === 1, dropout: round === 2 ? 0 : 0.3 });
      expect(tf.memory().numTensors).toBe(warm);
    }
    const w = s.getWeights();
    s.setMasks(weightMasksToLayerMasks(sparsityMasks(w.map((l) => l.kernel), 0.5, 'global')));
    const masked = tf.memory().numTensors;
    s.setRegularisation({ l1: 0.01, l2: 0.01, prox: true, dropout: 0.3 });
    await s.trainSteps(25);
    expect(tf.memory().numTensors).toBe(masked);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
