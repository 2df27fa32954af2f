import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data';
import { initialWeights } from '../../src/engine/model/init';
import { buildNetwork } from '../../src/engine/model/network';
import { mlpSpec } from '../../src/engine/model/spec';
import { countZeros, sparsityMasks } from '../../src/engine/prune/masks';
import { compactLayers, expandNeuronMasks, maskedWeights, weightMasksToLayerMasks } from '../../src/engine/prune/structured';
import type { LayerMask } from '../../src/engine/prune/types';
import { Rng } from '../../src/engine/rng';
import { TrainingSession } from '../../src/engine/train/session';
import type { Activation, Dataset, LayerWeights, ModelSpec, OptimizerName, Task, TrainOptions } from '../../src/engine/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const opts = (over: Partial<TrainOptions> = {}): TrainOptions => ({ optimizer: 'adam', learningRate: 0.01, batchSize: 10, seed: 1, ...over });
const spiral = () => makeDataset({ name: 'spiral', noisePercent: 10, trainPercent: 50, seed: 1 });
/** A LeNet-like funnel on spiral: 2-32-16-2 relu. */
const funnel = (d: Dataset, activation: Activation = 'relu', hidden = [32, 16]) => mlpSpec(d.info, hidden, activation);
const kernelsOf = (w: LayerWeights[]) => w.map((l) => l.kernel);
const globalMasks = (w: LayerWeights[], s: number): LayerMask[] => weightMasksToLayerMasks(sparsityMasks(kernelsOf(w), s, 'global'));
/** −0 → +0 (a masked negative weight is −0 on the device), so toEqual compares values. */
const plus0 = (w: LayerWeights[]) => w.map((l) => ({ ...l, kernel: l.kernel.map((v) => v + 0), bias: l.bias.map((v) => v + 0) }));
const zeros = (w: LayerWeights[]) => w.reduce((a, l) => a + countZeros(l.kernel), 0);

describe('initialWeights', () => {
  it('equals buildNetwork’s and a fresh session’s weights', () => {
    const d = spiral();
    const spec = funnel(d);
    const m = buildNetwork(spec, 7);
    expect(initialWeights(spec, 7)).toEqual(m.getWeights());
    m.dispose();
    const s = new TrainingSession(d, spec, opts({ seed: 7 }));
    expect(s.getWeights()).toEqual(initialWeights(spec, 7));
    expect(s.spec).toEqual(spec);
    s.dispose();
  });
});

describe('masked training', () => {
  it.each<OptimizerName>(['adam', 'momentum'])('%s: masked entries stay exactly 0 after every burst over 200 steps; sparsity never drops', async (optimizer) => {
    const d = spiral();
    const s = new TrainingSession(d, funnel(d), opts({ optimizer, learningRate: optimizer === 'adam' ? 0.01 : 0.05 }));
    // Train dense a little so the optimizer holds non-zero moments for every weight, then prune 80 %.
    await s.trainSteps(30);
    const w0 = s.getWeights();
    const masks = globalMasks(w0, 0.8);
    const pruned = masks.reduce((a, m) => a + countZeros(Float32Array.from(m.kernel as Uint8Array)), 0);
    expect(pruned).toBe(608 - 122); // 2·32 + 32·16 + 16·2 = 608 weights; keep round(121.6) = 122
    s.setMasks(masks);
    const afterSet = s.getWeights();
    expect(plus0(afterSet)).toEqual(maskedWeights(w0, masks));
    let kernelsMoved = false;
    for (let burst = 0; burst < 10; burst++) {
      await s.trainSteps(20);
      const w = s.getWeights();
      w.forEach((l, i) => {
        const m = masks[i].kernel as Uint8Array;
        for (let k = 0; k < m.length; k++) if (!m[k]) expect(l.kernel[k] === 0).toBe(true);
      });
      expect(zeros(w)).toBeGreaterThanOrEqual(pruned);
      kernelsMoved ||= w[1].kernel.some((v, k) => v !== afterSet[1].kernel[k]);
    }
    expect(s.step).toBe(230);
    expect(kernelsMoved).toBe(true);
    // Removing the masks lets the pruned entries train again.
    s.setMasks(null);
    await s.trainSteps(20);
    expect(zeros(s.getWeights())).toBeLessThan(pruned / 2);
    s.dispose();
  });

  it('neuron masks keep biases and outgoing rows at 0; setWeights re-applies the masks; init.masks resumes masked', async () => {
    const d = spiral();
    const spec = funnel(d, 'sigmoid');
    const masks = expandNeuronMasks([{ inDim: 2, outDim: 32 }, { inDim: 32, outDim: 16 }, { inDim: 16, outDim: 2 }], [Uint8Array.from({ length: 32 }, (_, j) => j % 2), null]);
    const s = new TrainingSession(d, spec, opts(), { masks });
    const check = () => {
      const w = s.getWeights();
      for (let j = 0; j < 32; j += 2) {
        expect(w[0].bias[j] === 0).toBe(true);
        expect(w[0].kernel[j] === 0 && w[0].kernel[32 + j] === 0).toBe(true);
        expect(w[1].kernel.subarray(j * 16, j * 16 + 16).every((v) => v === 0)).toBe(true);
      }
    };
    check();
    await s.trainSteps(50);
    check();
    s.setWeights(initialWeights(spec, 5).map((l) => ({ ...l, bias: l.bias.map(() => 0.5) })));
    check();
    expect(s.getWeights()[0].bias[1]).toBe(0.5);
    s.dispose();
  });

  it('all-null masks are no masks; wrong shapes throw', () => {
    const d = spiral();
    const s = new TrainingSession(d, funnel(d), opts());
    const before = tf.memory().numTensors;
    s.setMasks([0, 1, 2].map(() => ({ kernel: null, bias: null })));
    expect(tf.memory().numTensors).toBe(before);
    expect(() => s.setMasks([{ kernel: new Uint8Array(3), bias: null }, { kernel: null, bias: null }, { kernel: null, bias: null }])).toThrow(/entries/);
    expect(() => s.setMasks([{ kernel: null, bias: null }])).toThrow(/layers/);
    s.dispose();
  });
});

describe('no tensor leak with masks', () => {
  it('numTensors is flat over bursts, mask replacement, evaluateWith, neuronImportance, timeInference, resetOptimizer', async () => {
    const d = spiral();
    const s = new TrainingSession(d, funnel(d), opts());
    await s.trainSteps(5);
    const w = s.getWeights();
    s.setMasks(globalMasks(w, 0.5));
    await s.trainSteps(5);
    await s.evaluateWith(w, globalMasks(w, 0.7));
    await s.neuronImportance('taylor');
    await s.neuronImportance('activation');
    await s.timeInference(64, 2);
    const base = tf.memory().numTensors;
    for (let round = 0; round < 5; round++) {
      s.setMasks(globalMasks(w, 0.5 + 0.08 * round));
      await s.trainSteps(10);
      await s.evaluate();
      await s.evaluateWith(w, globalMasks(w, 0.9));
      await s.evaluateWith(w);
      await s.neuronImportance('taylor', 32);
      await s.neuronImportance('activation');
      await s.timeInference(100, 3);
      s.resetOptimizer();
      await s.trainSteps(3); // Adam slots re-created: same count as before the reset
      expect(tf.memory().numTensors).toBe(base);
    }
    s.setMasks(null);
    await s.trainSteps(10);
    expect(tf.memory().numTensors).toBe(base - 3); // the three kernel mask tensors are gone
    s.dispose();
  });
});

describe('evaluateWith', () => {
  it('leaves the variables untouched and equals evaluateTest() (part by part, as the worker) after setWeights of the same masked weights', async () => {
    const d = spiral();
    const s = new TrainingSession(d, funnel(d), opts());
    await s.trainSteps(100);
    const w = s.getWeights();
    const masks = globalMasks(w, 0.6);
    // evaluateWith evaluates part by part as the worker's evaluateTest does: the same figures bit for bit.
    const whole = async () => {
      const { testLoss, testAccuracy } = (await s.evaluateTest())!;
      return { testLoss, testAccuracy };
    };
    const dense = await whole();
    const viaWith = await s.evaluateWith(w, masks);
    expect(s.getWeights()).toEqual(w);
    expect(await whole()).toEqual(dense);
    expect(await s.evaluateWith(w)).toEqual(dense);
    s.setWeights(maskedWeights(w, masks));
    expect(await whole()).toEqual(viaWith);
    expect(viaWith.testLoss).not.toBe(dense.testLoss);
    // A compacted net (other hidden widths) is evaluated too.
    const neurons = [Uint8Array.from({ length: 32 }, (_, j) => (j < 20 ? 1 : 0)), null];
    const viaMask = await s.evaluateWith(w, expandNeuronMasks(w, neurons));
    const viaCompact = await s.evaluateWith(compactLayers(w, neurons));
    expect(viaCompact.testLoss).toBeCloseTo(viaMask.testLoss, 5);
    expect(viaCompact.testAccuracy).toBe(viaMask.testAccuracy);
    await expect(s.evaluateWith(w.slice(1))).rejects.toThrow(/chain/);
    s.dispose();
  });
});

describe('compaction equivalence through the session', () => {
  it.each<Activation>(['relu', 'tanh', 'sigmoid'])('%s: neuron-masked session and compacted session predict the same (1e-5)', async (activation) => {
    const d = spiral();
    const spec = funnel(d, activation, [12, 8]);
    const a = new TrainingSession(d, spec, opts());
    await a.trainSteps(60); // non-zero biases
    const w = a.getWeights();
    const neurons = [Uint8Array.from({ length: 12 }, (_, j) => (j % 3 === 1 ? 0 : 1)), Uint8Array.from([1, 1, 0, 1, 0, 1, 1, 0])];
    a.setMasks(expandNeuronMasks(w, neurons));
    const compact = compactLayers(w, neurons);
    const b = new TrainingSession(d, { ...spec, hidden: [8, 5] }, opts(), { weights: compact });
    const rng = new Rng(4);
    const x = Float32Array.from({ length: 2 * 50 }, () => rng.uniform(-6, 6));
    const pa = a.predict(x, 50);
    const pb = b.predict(x, 50);
    pa.forEach((v, i) => expect(Math.abs(v - pb[i])).toBeLessThan(1e-5));
    a.dispose();
    b.dispose();
  });
});

// ---- Neuron importance against an independent plain-JS forward / backward ----

/** A hand-made dataset: rows of x (inputDim each) and targets. */
function handData(task: Task, inputDim: number, outputDim: number, x: number[][], y: number[]): Dataset {
  const xs = Float32Array.from(x.flat());
  const ys = Float32Array.from(y);
  return { info: { name: 'circle', task, inputDim, outputDim, size: x.length * 2 }, xTrain: xs, yTrain: ys, xTest: xs, yTest: ys, nTrain: x.length, nTest: x.length };
}

const actJs: Record<Activation, { f: (z: number) => number; df: (z: number) => number }> = {
  relu: { f: (z) => Math.max(z, 0), df: (z) => (z > 0 ? 1 : 0) },
  tanh: { f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2 },
  sigmoid: { f: (z) => 1 / (1 + Math.exp(-z)), df: (z) => Math.exp(-z) / (1 + Math.exp(-z)) ** 2 },
  linear: { f: (z) => z, df: () => 1 },
};

/** Per hidden layer: mean |h| and |mean(∂L/∂z · z)| over all rows, in float64. */
function importanceJs(layers: LayerWeights[], act: Activation, task: Task, x: number[][], y: number[]) {
  const B = x.length;
  const H = layers.length - 1;
  const actSum = layers.slice(0, H).map((l) => new Array(l.outDim).fill(0));
  const taylorSum = layers.slice(0, H).map((l) => new Array(l.outDim).fill(0));
  for (let b = 0; b < B; b++) {
    const zs: number[][] = [];
    const hs: number[][] = [x[b]];
    layers.forEach((w, l) => {
      const h = hs[l];
      const z = Array.from(w.bias, (bias, j) => h.reduce((s, v, i) => s + v * w.kernel[i * w.outDim + j], bias));
      zs.push(z);
      hs.push(l < H ? z.map(actJs[act].f) : z);
    });
    const out = zs[H];
    let g: number[];
    if (task === 'classification') {
      const mx = Math.max(...out);
      const e = out.map((v) => Math.exp(v - mx));
      const sum = e.reduce((a, v) => a + v, 0);
      g = e.map((v, c) => (v / sum - (c === y[b] ? 1 : 0)) / B);
    } else g = out.map((v) => (2 * (v - y[b])) / (B * out.length));
    for (let l = H; l > 0; l--) {
      const w = layers[l];
      const dh = Array.from({ length: w.inDim }, (_, i) => g.reduce((s, gj, j) => s + gj * w.kernel[i * w.outDim + j], 0));
      g = dh.map((v, i) => v * actJs[act].df(zs[l - 1][i]));
      g.forEach((gz, i) => {
        taylorSum[l - 1][i] += (gz * zs[l - 1][i]) / B;
        actSum[l - 1][i] += Math.abs(hs[l][i]) / B;
      });
    }
  }
  return { activation: actSum, taylor: taylorSum.map((t) => t.map(Math.abs)) };
}

describe('neuronImportance', () => {
  it('activation by hand: 1 → 2 relu, W = [1, −1], x ∈ {1, −2} → mean |h| = [0.5, 1]', async () => {
    const d = handData('regression', 1, 1, [[1], [-2]], [0, 0]);
    const spec: ModelSpec = { inputDim: 1, hidden: [2], activation: 'relu', outputDim: 1, task: 'regression' };
    const s = new TrainingSession(d, spec, opts({ batchSize: 2 }), {
      weights: [
        { inDim: 1, outDim: 2, kernel: Float32Array.from([1, -1]), bias: new Float32Array(2) },
        { inDim: 2, outDim: 1, kernel: Float32Array.from([1, 1]), bias: new Float32Array(1) },
      ],
    });
    expect(await s.neuronImportance('activation')).toEqual([Float32Array.from([0.5, 1])]);
    // ŷ = relu(x) + relu(−x) = |x| → [1, 2]; ∂L/∂ŷ = 2ŷ/2 = ŷ; taylor_j = |mean(ŷ · 1[z_j > 0] · z_j)| = [|1·1|/2, |2·2|/2] = [0.5, 2].
    expect(await s.neuronImportance('taylor')).toEqual([Float32Array.from([0.5, 2])]);
    s.dispose();
  });

  const cases: { task: Task; act: Activation; hidden: number[]; out: number }[] = [
    { task: 'classification', act: 'tanh', hidden: [3], out: 2 },
    { task: 'classification', act: 'relu', hidden: [4, 3], out: 3 },
    { task: 'regression', act: 'sigmoid', hidden: [3, 2], out: 1 },
  ];
  it.each(cases)('$task $act $hidden: matches a plain-JS forward/backward (1e-5)', async ({ task, act, hidden, out }) => {
    const rng = new Rng(21);
    const x = Array.from({ length: 6 }, () => [rng.uniform(-1, 1), rng.uniform(-1, 1)]);
    const y = x.map(() => (task === 'classification' ? rng.int(out) : rng.uniform(-1, 1)));
    const spec: ModelSpec = { inputDim: 2, hidden, activation: act, outputDim: out, task };
    const layers = initialWeights(spec, 3).map((l) => ({ ...l, bias: l.bias.map(() => rng.uniform(-0.3, 0.3)) }));
    const s = new TrainingSession(handData(task, 2, out, x, y), spec, opts({ batchSize: 6 }), { weights: layers });
    const ref = importanceJs(layers, act, task, x, y);
    for (const kind of ['activation', 'taylor'] as const) {
      const got = await s.neuronImportance(kind, 6);
      expect(got.map((a) => a.length)).toEqual(hidden);
      got.forEach((a, h) => a.forEach((v, j) => expect(Math.abs(v - ref[kind][h][j])).toBeLessThan(1e-5)));
      expect(ref[kind].flat().some((v) => v > 1e-3)).toBe(true);
    }
    // rows beyond nTrain are clamped; the batch is the same on every call.
    expect(await s.neuronImportance('taylor', 100)).toEqual(await s.neuronImportance('taylor', 6));
    s.dispose();
  });

  it('samples the same fixed batch per session (Rng(seed + 2)); no hidden layer → []', async () => {
    const d = spiral();
    const s = new TrainingSession(d, funnel(d), opts());
    const a = await s.neuronImportance('activation', 16);
    await s.trainSteps(1);
    s.setWeights(initialWeights(funnel(d), 1));
    expect(await s.neuronImportance('activation', 16)).toEqual(a);
    expect(await s.neuronImportance('activation', 17)).not.toEqual(a);
    s.dispose();
    const lin = new TrainingSession(d, funnel(d, 'relu', []), opts());
    expect(await lin.neuronImportance('taylor')).toEqual([]);
    lin.dispose();
  });
});

describe('timeInference', () => {
  it('times the forward pass on the asked rows (cycled), median of reps', async () => {
    const d = spiral();
    const s = new TrainingSession(d, funnel(d), opts());
    const t = await s.timeInference(2000, 3); // spiral has 250 test rows: cycled
    expect(t.rows).toBe(2000);
    expect(t.medianMs).toBeGreaterThan(0);
    expect(Number.isFinite(t.medianMs)).toBe(true);
    s.dispose();
  });
});
