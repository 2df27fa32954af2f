import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConv } from '../../src/engine/model/convSpec';
import { initialWeights } from '../../src/engine/model/init';
import { forwardNet } from '../../src/engine/model/network';
import { cnnSpec, hiddenWidths, layerShapes, withHiddenWidths } from '../../src/engine/model/spec';
import { countZeros, sparsityMasks } from '../../src/engine/prune/masks';
import { combineMasks, compactLayers, expandNeuronMasks, weightMasksToLayerMasks } from '../../src/engine/prune/structured';
import { dataLoss, targetTensor } from '../../src/engine/train/losses';
import { sampleRows } from '../../src/engine/train/probe';
import { TrainingSession } from '../../src/engine/train/session';
import { Rng } from '../../src/engine/rng';
import type { Activation, Dataset, ModelSpec, TrainOptions } from '../../src/engine/types';
import { mnistSubset } from './cnn-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data: Dataset = mnistSubset(256, 64);
const cnn = (text: string, pool: number, hidden: number[], act: Activation = 'relu'): ModelSpec => {
  const p = parseConv(text);
  if (!p.ok) throw new Error(p.reason);
  return cnnSpec(data.info, p.value, pool, hidden, act);
};
/** The tiny CNN of these tests: conv 4:3 → pool 2 → dense 8 → 10 (5,514 parameters). */
const tiny = () => cnn('4:3', 2, [8]);
/** A cheaper one for tests that do not need learning (tfjs-cpu's conv gradients are slow): 28 →(4:3:2) 13 → 6 →(3:3) 4 → 2, dense 8. */
const cheap = () => cnn('4:3:2,3:3', 2, [8]);
const opts = (over: Partial<TrainOptions> = {}): TrainOptions => ({ optimizer: 'adam', learningRate: 0.02, batchSize: 16, seed: 3, ...over });
const mean = (a: Float32Array, from: number, to: number) => a.slice(from, to).reduce((s, v) => s + v, 0) / (to - from);

describe('a CNN session', () => {
  it('trains: conv 4:3 → pool → dense 8 on 256 MNIST digits, mean loss of steps 26–30 under 0.6 × steps 1–5', async () => {
    const s = new TrainingSession(data, tiny(), opts());
    const before = await s.evaluate();
    const { loss } = await s.trainSteps(30);
    expect(s.step).toBe(30);
    expect(s.epoch).toBe(1); // 16 batches of 16 per epoch
    expect(mean(loss, 0, 5)).toBeGreaterThan(2);
    expect(mean(loss, 25, 30)).toBeLessThan(0.6 * mean(loss, 0, 5));
    const after = await s.evaluate();
    expect(after.testLoss).toBeLessThan(0.6 * before.testLoss);
    expect(after.testAccuracy).toBeGreaterThan(0.5);
    expect(before.testAccuracy).toBeLessThan(0.3);
    s.dispose();
  });

  it('is reproducible from the seed', async () => {
    const run = async (seed: number) => {
      const s = new TrainingSession(data, cheap(), opts({ seed }));
      const { loss } = await s.trainSteps(3);
      s.dispose();
      return loss;
    };
    const a = await run(4);
    expect(await run(4)).toEqual(a);
    expect(await run(5)).not.toEqual(a);
  });

  it('spec is a deep copy; initial weights are initialWeights(spec, seed)', () => {
    const spec = tiny();
    const s = new TrainingSession(data, spec, opts());
    const copy = s.spec;
    expect(copy).toEqual(spec);
    copy.conv!.layers[0].filters = 99;
    copy.hidden[0] = 99;
    expect(s.spec).toEqual(spec);
    expect(s.getWeights()).toEqual(initialWeights(spec, 3));
    s.dispose();
  });

  it('masked conv and dense weights stay exactly 0 over 30 steps of Adam with L2 and dropout; filters masked by unit', async () => {
    const spec = cheap();
    const s = new TrainingSession(data, spec, opts({ l2: 1e-4, dropout: 0.3 }));
    await s.trainSteps(5); // non-zero Adam moments everywhere
    const w = s.getWeights();
    const unstructured = weightMasksToLayerMasks(sparsityMasks(w.map((l) => l.kernel), 0.6, 'layer'));
    const byUnit = expandNeuronMasks(layerShapes(spec), [Uint8Array.from([1, 0, 1, 1]), Uint8Array.from([1, 1, 0]), null]);
    const masks = combineMasks(unstructured, byUnit);
    s.setMasks(masks);
    const masked = masks.reduce((a, m) => a + countZeros(Float32Array.from(m.kernel!)), 0);
    let moved = false;
    for (let burst = 0; burst < 3; burst++) {
      await s.trainSteps(10);
      const now = s.getWeights();
      now.forEach((l, i) => {
        masks[i].kernel!.forEach((keep, k) => keep || expect(l.kernel[k] === 0).toBe(true));
        masks[i].bias?.forEach((keep, j) => keep || expect(l.bias[j] === 0).toBe(true));
      });
      expect(now.reduce((a, l) => a + countZeros(l.kernel), 0)).toBeGreaterThanOrEqual(masked);
      moved ||= now[1].kernel.some((v, k) => v !== w[1].kernel[k] && masks[1].kernel![k] === 1);
    }
    expect(moved).toBe(true);
    s.dispose();
  });

  it('dropout acts on dense hidden layers only: a CNN without dense hidden layers trains the same with rate 0.5 and 0', async () => {
    const run = async (dropout: number, hidden: number[]) => {
      const s = new TrainingSession(data, cnn('3:3:2', 2, hidden), opts({ dropout }));
      const { loss } = await s.trainSteps(3);
      s.dispose();
      return loss;
    };
    expect(await run(0.5, [])).toEqual(await run(0, []));
    expect(await run(0.5, [8])).not.toEqual(await run(0, [8]));
  });

  it('evaluateWith compacted layers (filters removed) equals evaluateWith the masked ones', async () => {
    const spec = cnn('4:3,3:3', 2, [6], 'tanh');
    const s = new TrainingSession(data, spec, opts());
    await s.trainSteps(3);
    const w = s.getWeights();
    const neurons = [Uint8Array.from([0, 1, 1, 0]), Uint8Array.from([1, 0, 1]), Uint8Array.from([1, 1, 0, 1, 1, 1])];
    const viaMask = await s.evaluateWith(w, expandNeuronMasks(layerShapes(spec), neurons));
    const viaCompact = await s.evaluateWith(compactLayers(w, neurons));
    expect(Math.abs(viaCompact.testLoss - viaMask.testLoss)).toBeLessThan(1e-5);
    expect(viaCompact.testAccuracy).toBe(viaMask.testAccuracy);
    expect(await s.evaluateWith(w)).toEqual(await s.evaluate());
    await expect(s.evaluateWith(w.slice(1))).rejects.toThrow(/do not chain/);
    const bad = compactLayers(w, neurons);
    bad[2] = w[2]; // first dense layer still expects 3 filters
    await expect(s.evaluateWith(bad)).rejects.toThrow(/layer 2 does not chain \(75×6, expected 50×6\)/);
    s.dispose();
  });

  it('a session built on withHiddenWidths from compacted weights resumes them exactly', async () => {
    const spec = tiny();
    const s = new TrainingSession(data, spec, opts());
    await s.trainSteps(2);
    const neurons = [Uint8Array.from([1, 0, 1, 1]), Uint8Array.from([1, 1, 0, 1, 1, 1, 1, 0])];
    const viaMask = await s.evaluateWith(s.getWeights(), expandNeuronMasks(layerShapes(spec), neurons));
    const compact = compactLayers(s.getWeights(), neurons);
    const small = withHiddenWidths(spec, [3, 6]);
    const t = new TrainingSession(data, small, opts(), { weights: compact, step: 2 });
    expect(hiddenWidths(t.spec)).toEqual([3, 6]);
    const e = await t.evaluate();
    expect(Math.abs(e.testLoss - viaMask.testLoss)).toBeLessThan(1e-5);
    await t.trainSteps(1);
    expect(t.step).toBe(3);
    s.dispose();
    t.dispose();
  });

  it('infer: a conv unit is its map’s spatial mean, a dense unit as for an MLP; out-of-range units throw', async () => {
    const spec = cnn('4:3', 2, [8]);
    const s = new TrainingSession(data, spec, opts());
    const n = 5;
    const x = data.xTest.slice(0, n * 784);
    const filter = await s.infer(x, n, { layer: 0, unit: 2 });
    const dense = await s.infer(x, n, { layer: 1, unit: 7 });
    expect(filter.output).toEqual(dense.output);
    const p = s.predict(x, n);
    p.forEach((v, i) => expect(Math.abs(filter.output[i] - v)).toBeLessThan(1e-6));
    const w = s.getWeights();
    for (let r = 0; r < n; r++) {
      let sum = 0;
      for (let y = 0; y < 26; y++)
        for (let c = 0; c < 26; c++) {
          let z = w[0].bias[2];
          for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) z += x[r * 784 + (y + i) * 28 + c + j] * w[0].kernel[(i * 3 + j) * 4 + 2];
          sum += Math.max(0, z);
        }
      expect(Math.abs(filter.hidden![r] - sum / 676)).toBeLessThan(1e-5);
    }
    await expect(s.infer(x, n, { layer: 0, unit: 4 })).rejects.toThrow(/no hidden neuron 4 in layer 0 \(widths 4, 8\)/);
    await expect(s.infer(x, n, { layer: 2, unit: 0 })).rejects.toThrow(/no hidden neuron 0 in layer 2/);
    s.dispose();
  });

  it('neuronImportance: conv filters first; taylor = |mean over batch and positions of ∂L/∂z·z| = |∂L/∂ε| / (B·positions)', async () => {
    const spec = cnn('3:3,2:3', 2, [4], 'tanh');
    const s = new TrainingSession(data, spec, opts());
    await s.trainSteps(2);
    const rows = 16;
    const act = await s.neuronImportance('activation', rows);
    const taylor = await s.neuronImportance('taylor', rows);
    expect(act.map((a) => a.length)).toEqual([3, 2, 4]);
    expect(taylor.map((a) => a.length)).toEqual([3, 2, 4]);
    // The same batch: rows sampleRows(nTrain, 16, Rng(seed + 2)).
    const idx = sampleRows(data.nTrain, rows, new Rng(3 + 2));
    const xb = new Float32Array(rows * 784);
    const yb = new Float32Array(rows);
    idx.forEach((r, i) => {
      xb.set(data.xTrain.subarray(r * 784, (r + 1) * 784), i * 784);
      yb[i] = data.yTrain[r];
    });
    const w = s.getWeights();
    const positions = layerShapes(spec).map((l) => l.positions);
    // Scaling unit c's column and bias by (1 + ε) scales its pre-activation z: dL/dε = Σ ∂L/∂z · z.
    const ref = tf.tidy(() => {
      const x = tf.tensor2d(xb, [rows, 784]);
      const y = targetTensor(yb, 'classification', 10);
      const biases = w.map((l) => tf.tensor1d(l.bias));
      const kernels = w.map((l) => tf.tensor2d(l.kernel, [l.inDim, l.outDim]));
      return hiddenWidths(spec).map((units, h) =>
        Array.from({ length: units }, (_, c) => {
          const onehot = tf.oneHot([c], units).reshape([units]);
          const g = tf.grad((eps: tf.Tensor) => {
            const scale = tf.add(1, tf.mul(eps, onehot));
            const ks = kernels.map((k, l) => (l === h ? tf.mul(k, scale) : k));
            const bs = biases.map((b, l) => (l === h ? tf.mul(b, scale) : b));
            return dataLoss('classification', y, forwardNet(spec, x, ks, bs));
          })(tf.scalar(0));
          return Math.abs(g.dataSync()[0]) / (rows * positions[h]);
        }),
      );
    });
    taylor.forEach((a, h) => a.forEach((v, c) => expect(Math.abs(v - ref[h][c])).toBeLessThan(1e-6 + 1e-3 * ref[h][c])));
    expect(ref.flat().every((v) => v > 0)).toBe(true);
    s.dispose();
  });

  it('neuronImportance activation with relu equals the mean over the batch of infer’s spatial means (h ≥ 0)', async () => {
    const s = new TrainingSession(data, cnn('3:3', 2, [4]), opts());
    await s.trainSteps(3);
    const rows = 12;
    const act = await s.neuronImportance('activation', rows);
    const idx = sampleRows(data.nTrain, rows, new Rng(3 + 2));
    const xb = new Float32Array(rows * 784);
    idx.forEach((r, i) => xb.set(data.xTrain.subarray(r * 784, (r + 1) * 784), i * 784));
    for (let c = 0; c < 3; c++) {
      const { hidden } = await s.infer(xb, rows, { layer: 0, unit: c });
      expect(Math.abs(act[0][c] - hidden!.reduce((a, v) => a + v, 0) / rows)).toBeLessThan(1e-6);
    }
    s.dispose();
  });

  it('holds no tensor more after many CNN steps, evaluations, importance, inference and timing', async () => {
    const spec = cheap();
    const s = new TrainingSession(data, spec, opts({ l1: 1e-4, prox: true, dropout: 0.2 }));
    await s.trainSteps(2);
    const base = tf.memory().numTensors;
    s.setMasks(expandNeuronMasks(layerShapes(spec), [Uint8Array.from([1, 0, 1, 1]), null, null]));
    const afterMasks = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) {
      await s.trainSteps(3);
      await s.evaluate({ predictions: true });
      await s.evaluateTrain();
      await s.neuronImportance('taylor', 8);
      await s.neuronImportance('activation', 8);
      await s.infer(data.xTest.slice(0, 3 * 784), 3, { layer: 1, unit: 2 });
      await s.evaluateWith(s.getWeights());
      expect(tf.memory().numTensors).toBe(afterMasks);
    }
    await s.timeInference(20, 1);
    expect(tf.memory().numTensors).toBe(afterMasks);
    s.setMasks(null);
    expect(tf.memory().numTensors).toBe(base);
    s.dispose();
  });
});
