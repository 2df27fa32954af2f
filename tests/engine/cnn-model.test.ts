import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetInfo } from '../../src/engine/data';
import { DEFAULT_CONV, parseConv, type ConvLayerSpec } from '../../src/engine/model/convSpec';
import { initialWeights } from '../../src/engine/model/init';
import { buildNetwork, forwardLayers, forwardNet, glorotUniform } from '../../src/engine/model/network';
import {
  CNN_WASM_REASON,
  cnnSpec,
  experimentSpec,
  forwardFlopsPerSample,
  hiddenWidths,
  isImageDataset,
  layerShapes,
  mlpSpec,
  parameterCount,
  trainableBackends,
  trainingFlopsPerStep,
  withHiddenWidths,
} from '../../src/engine/model/spec';
import { modelCost } from '../../src/engine/prune/structured';
import { Rng } from '../../src/engine/rng';
import type { Activation } from '../../src/engine/types';
import { jsForward, randomImages, withRandomBiases } from './cnn-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mnist = datasetInfo('mnist');
const conv = (text: string): ConvLayerSpec[] => {
  const p = parseConv(text);
  if (!p.ok) throw new Error(p.reason);
  return p.value;
};
/** The classic small CNN: Conv 32 → pool → Conv 64 → pool → Dense 128 → 10. */
const seedCnn = cnnSpec(mnist, conv(DEFAULT_CONV), 2, [128], 'relu');

describe('CNN spec', () => {
  it('the classic small CNN on MNIST: 28→26→13→11→5, flatten 1,600, 225,034 parameters', () => {
    expect(seedCnn).toEqual({
      inputDim: 784,
      hidden: [128],
      activation: 'relu',
      outputDim: 10,
      task: 'classification',
      conv: { height: 28, width: 28, channels: 1, layers: [{ filters: 32, kernel: 3, stride: 1 }, { filters: 64, kernel: 3, stride: 1 }], pool: 2 },
    });
    expect(layerShapes(seedCnn)).toEqual([
      { inDim: 9, outDim: 32, kind: 'conv', positions: 676, conv: { kernel: 3, stride: 1, inChannels: 1, inSide: 28, outSide: 26, pooledSide: 13 } },
      { inDim: 288, outDim: 64, kind: 'conv', positions: 121, conv: { kernel: 3, stride: 1, inChannels: 32, inSide: 13, outSide: 11, pooledSide: 5 } },
      { inDim: 1600, outDim: 128, kind: 'dense', positions: 1 },
      { inDim: 128, outDim: 10, kind: 'dense', positions: 1 },
    ]);
    expect(parameterCount(seedCnn)).toBe(320 + 18496 + 204928 + 1290);
    expect(parameterCount(seedCnn)).toBe(225034);
  });

  it('FLOPs: 2·in·out·positions per layer (a conv kernel at each output position)', () => {
    const flops = 2 * 9 * 32 * 26 * 26 + 2 * 288 * 64 * 11 * 11 + 2 * 1600 * 128 + 2 * 128 * 10;
    expect(flops).toBe(5262080);
    expect(forwardFlopsPerSample(seedCnn)).toBe(flops);
    expect(trainingFlopsPerStep(seedCnn, 32)).toBe(3 * flops * 32);
    expect(modelCost(seedCnn)).toEqual({ hidden: [32, 64, 128], params: 225034, flops, bytes: 900136 });
  });

  it('pool 1 and stride 2: 28 →(5:5:2) 12 →(3) 10, flatten 10·10·8 = 800', () => {
    const s = cnnSpec(mnist, conv('4:5:2,8:3'), 1, [], 'tanh');
    expect(layerShapes(s).map(({ inDim, outDim, positions }) => [inDim, outDim, positions])).toEqual([
      [25, 4, 144],
      [36, 8, 100],
      [800, 10, 1],
    ]);
    expect(parameterCount(s)).toBe(25 * 4 + 4 + 36 * 8 + 8 + 800 * 10 + 10);
  });

  it('cnnSpec rejects a dataset without images, impossible shapes and bad numbers', () => {
    expect(() => cnnSpec(datasetInfo('circle'), conv('4:3'), 2, [8], 'relu')).toThrow(/circle is not a 28×28 image dataset.*needs image data/);
    expect(() => cnnSpec(datasetInfo('friedman'), conv('4:3'), 2, [8], 'relu')).toThrow(/not a 28×28 image dataset/);
    // 28 →(7:3) 8 → pool 4 →(7) nothing
    expect(() => cnnSpec(mnist, [{ filters: 4, kernel: 7, stride: 3 }, { filters: 4, kernel: 7, stride: 1 }], 2, [], 'relu')).toThrow(/conv layer 2 shrinks the 28×28 image below 1×1/);
    expect(() => cnnSpec(mnist, [], 2, [8], 'relu')).toThrow(/at least one conv layer/);
    expect(() => cnnSpec(mnist, conv('4:3'), 0, [8], 'relu')).toThrow(/pool 0/);
    expect(() => cnnSpec(mnist, [{ filters: 0, kernel: 3, stride: 1 }], 2, [8], 'relu')).toThrow(/filters 0/);
    expect(() => cnnSpec(mnist, conv('4:3'), 2, [8, 0], 'relu')).toThrow(/hidden width 0/);
    // the same stack fits without pooling
    expect(layerShapes(cnnSpec(mnist, [{ filters: 4, kernel: 7, stride: 3 }, { filters: 4, kernel: 7, stride: 1 }], 1, [], 'relu'))[1].positions).toBe(4);
  });

  it('parseConv rejections reach experimentSpec as errors', () => {
    const c = { arch: 'cnn' as const, pool: 2, layers: [8], act: 'relu' as const };
    expect(() => experimentSpec(mnist, { ...c, conv: '' })).toThrow(/conv "": a CNN needs at least one conv layer/);
    expect(() => experimentSpec(mnist, { ...c, conv: '4x3' })).toThrow(/filters:kernel/);
    expect(() => experimentSpec(mnist, { ...c, conv: '300:3' })).toThrow(/filters must be 1–256/);
    expect(() => experimentSpec(mnist, { ...c, conv: '4:9' })).toThrow(/kernel must be 1–7/);
    expect(() => experimentSpec(mnist, { ...c, conv: '4:3,4:3,4:3,4:3,4:3' })).toThrow(/more than 4 conv layers/);
    expect(() => experimentSpec(mnist, { ...c, conv: '4:7:3,4:7' })).toThrow(/conv layer 2 shrinks/);
  });

  it('experimentSpec: a CNN only on image datasets; the arch is ignored elsewhere', () => {
    const c = { conv: DEFAULT_CONV, pool: 2, layers: [128], act: 'relu' as const };
    expect(experimentSpec(mnist, { ...c, arch: 'cnn' })).toEqual(seedCnn);
    expect(experimentSpec(mnist, { ...c, arch: 'mlp' })).toEqual(mlpSpec(mnist, [128], 'relu'));
    expect(experimentSpec(datasetInfo('spiral'), { ...c, arch: 'cnn', conv: 'not conv text' })).toEqual(mlpSpec(datasetInfo('spiral'), [128], 'relu'));
    expect(isImageDataset(mnist)).toBe(true);
    expect(isImageDataset(datasetInfo('xor'))).toBe(false);
  });

  it('hiddenWidths lists conv filters first; withHiddenWidths replaces them without touching the input', () => {
    expect(hiddenWidths(seedCnn)).toEqual([32, 64, 128]);
    expect(hiddenWidths(mlpSpec(mnist, [300, 100], 'relu'))).toEqual([300, 100]);
    const small = withHiddenWidths(seedCnn, [5, 7, 9]);
    expect(hiddenWidths(small)).toEqual([5, 7, 9]);
    expect(layerShapes(small).map(({ inDim, outDim }) => [inDim, outDim])).toEqual([
      [9, 5],
      [45, 7],
      [175, 9],
      [9, 10],
    ]);
    expect(hiddenWidths(seedCnn)).toEqual([32, 64, 128]); // not mutated
    expect(withHiddenWidths(mlpSpec(mnist, [300, 100], 'relu'), [30, 10])).toEqual(mlpSpec(mnist, [30, 10], 'relu'));
    expect(() => withHiddenWidths(seedCnn, [5, 7])).toThrow(/got 2 widths, the spec has 3 hidden layers/);
    expect(() => withHiddenWidths(seedCnn, [5, 0, 9])).toThrow(/hidden width 0/);
  });

  it('trainableBackends: every backend for an MLP, no wasm for a CNN (Conv2DBackpropFilter)', () => {
    expect(trainableBackends(mlpSpec(mnist, [8], 'relu'))).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(trainableBackends(seedCnn)).toEqual(['webgpu', 'webgl', 'cpu']);
    expect(CNN_WASM_REASON).toMatch(/Conv2DBackpropFilter/);
  });
});

describe('CNN init and forward', () => {
  const tiny = cnnSpec(mnist, conv('4:3,3:3'), 2, [6], 'relu');

  it('Glorot-uniform conv kernels: fan_in = k·k·cin, fan_out = k·k·cout, one Rng stream in HWIO order; zero biases', () => {
    const w = initialWeights(seedCnn, 3);
    const rng = new Rng(3);
    expect(w[0].kernel).toEqual(glorotUniform(9, 32, rng, 9, 9 * 32));
    expect(w[1].kernel).toEqual(glorotUniform(288, 64, rng, 288, 9 * 64));
    expect(w[2].kernel).toEqual(glorotUniform(1600, 128, rng));
    expect(w[0].kernel[0]).toBe(Math.fround(-Math.sqrt(6 / 297) + 2 * Math.sqrt(6 / 297) * new Rng(3).next()));
    [Math.sqrt(6 / (9 + 288)), Math.sqrt(6 / (288 + 576)), Math.sqrt(6 / 1728), Math.sqrt(6 / 138)].forEach((limit, l) => {
      let max = 0;
      for (const v of w[l].kernel) max = Math.max(max, Math.abs(v));
      expect(max).toBeLessThanOrEqual(limit);
      expect(max).toBeGreaterThan(0.9 * limit);
      expect(w[l].bias.every((b) => b === 0)).toBe(true);
    });
  });

  it('is deterministic in the seed; buildNetwork starts from initialWeights; 2-D variables named by kind', () => {
    const a = buildNetwork(tiny, 1);
    const b = buildNetwork(tiny, 1);
    const c = buildNetwork(tiny, 2);
    expect(a.getWeights()).toEqual(initialWeights(tiny, 1));
    expect(a.getWeights()).toEqual(b.getWeights());
    expect(a.getWeights()[0].kernel).not.toEqual(c.getWeights()[0].kernel);
    expect(a.kernels.map((k) => k.shape)).toEqual([
      [9, 4],
      [36, 3],
      [75, 6],
      [6, 10],
    ]);
    expect(a.trainableVariables().map((v) => v.name.replace(/^net\d+\//, ''))).toEqual([
      'conv0/kernel',
      'conv0/bias',
      'conv1/kernel',
      'conv1/bias',
      'dense2/kernel',
      'dense2/bias',
      'dense3/kernel',
      'dense3/bias',
    ]);
    [a, b, c].forEach((m) => m.dispose());
  });

  const cases: { text: string; pool: number; hidden: number[]; act: Activation }[] = [
    { text: '4:3,3:3', pool: 2, hidden: [6], act: 'relu' },
    { text: '3:5:2,2:3', pool: 1, hidden: [], act: 'tanh' },
    { text: '2:4', pool: 2, hidden: [5, 4], act: 'sigmoid' },
  ];
  it.each(cases)('$text pool $pool $hidden $act: forwardNet equals a plain-JS CNN (NHWC, HWIO) to 1e-5', ({ text, pool, hidden, act }) => {
    const spec = cnnSpec(mnist, conv(text), pool, hidden, act);
    const layers = withRandomBiases(initialWeights(spec, 5), 6);
    const n = 3;
    const x = randomImages(n, 7);
    const before = tf.memory().numTensors;
    const { out, units } = tf.tidy(() => {
      const kernels = layers.map((w) => tf.tensor2d(w.kernel, [w.inDim, w.outDim]));
      const biases = layers.map((w) => tf.tensor1d(w.bias));
      const xt = tf.tensor2d(x, [n, 784]);
      const outs = forwardLayers(spec, xt, kernels, biases);
      const y = forwardNet(spec, xt, kernels, biases);
      expect(outs[outs.length - 1].arraySync()).toEqual(y.arraySync());
      return { out: y.arraySync(), units: outs.slice(0, -1).map((o) => o.shape[1]) };
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(units).toEqual(hiddenWidths(spec));
    for (let r = 0; r < n; r++) {
      const ref = jsForward(spec, layers, x.subarray(r * 784, (r + 1) * 784));
      ref.forEach((v, j) => expect(Math.abs(out[r][j] - v)).toBeLessThan(1e-5));
    }
  });

  it('forwardLayers gives a conv layer as the spatial mean of its post-activation map', () => {
    const spec = cnnSpec(mnist, conv('2:3'), 2, [], 'relu');
    const layers = withRandomBiases(initialWeights(spec, 8), 9);
    const x = randomImages(1, 10);
    const means = tf.tidy(() => {
      const kernels = layers.map((w) => tf.tensor2d(w.kernel, [w.inDim, w.outDim]));
      const biases = layers.map((w) => tf.tensor1d(w.bias));
      return forwardLayers(spec, tf.tensor2d(x, [1, 784]), kernels, biases)[0].arraySync()[0];
    });
    for (let f = 0; f < 2; f++) {
      let sum = 0;
      for (let y = 0; y < 26; y++)
        for (let xx = 0; xx < 26; xx++) {
          let z = layers[0].bias[f];
          for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) z += x[(y + i) * 28 + xx + j] * layers[0].kernel[(i * 3 + j) * 2 + f];
          sum += Math.max(0, z);
        }
      expect(Math.abs(means[f] - sum / 676)).toBeLessThan(1e-5);
    }
  });
});
