import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetInfo } from '../../src/engine/data';
import { buildNetwork, glorotUniform } from '../../src/engine/model/network';
import { forwardFlopsPerSample, layerShapes, mlpSpec, parameterCount, trainingFlopsPerStep } from '../../src/engine/model/spec';
import { Rng } from '../../src/engine/rng';
import type { ModelSpec } from '../../src/engine/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const lenet = mlpSpec(datasetInfo('mnist'), [300, 100], 'relu');
const circle88 = mlpSpec(datasetInfo('circle'), [8, 8], 'tanh');

describe('spec', () => {
  it('counts LeNet-300-100 parameters: 266,200 weights + 410 biases', () => {
    expect(lenet).toEqual({ inputDim: 784, hidden: [300, 100], activation: 'relu', outputDim: 10, task: 'classification' });
    expect(parameterCount(lenet)).toBe(266610);
  });

  it('counts small networks', () => {
    expect(parameterCount(circle88)).toBe(2 * 8 + 8 + 8 * 8 + 8 + 8 * 2 + 2); // 114
    expect(parameterCount(mlpSpec(datasetInfo('plane'), [8, 8], 'relu'))).toBe(105); // 2-8-8-1
    expect(parameterCount(mlpSpec(datasetInfo('plane'), [], 'relu'))).toBe(3);
  });

  it('lists layer shapes', () => {
    expect(layerShapes(lenet)).toEqual([
      { inDim: 784, outDim: 300, kind: 'dense', positions: 1 },
      { inDim: 300, outDim: 100, kind: 'dense', positions: 1 },
      { inDim: 100, outDim: 10, kind: 'dense', positions: 1 },
    ]);
    expect(layerShapes(mlpSpec(datasetInfo('friedman'), [], 'tanh'))).toEqual([{ inDim: 10, outDim: 1, kind: 'dense', positions: 1 }]);
  });

  it('FLOPs: 2·in·out per layer forward, 3× forward × batch per training step', () => {
    expect(forwardFlopsPerSample(lenet)).toBe(532400);
    expect(trainingFlopsPerStep(lenet, 60)).toBe(95832000);
    expect(forwardFlopsPerSample(circle88)).toBe(2 * (16 + 64 + 16));
  });

  it('rejects widths that are not positive integers', () => {
    expect(() => mlpSpec(datasetInfo('xor'), [8, 0], 'relu')).toThrow(/hidden width 0/);
    expect(() => mlpSpec(datasetInfo('xor'), [2.5], 'relu')).toThrow(/hidden width 2.5/);
  });
});

describe('buildNetwork', () => {
  it('draws Glorot-uniform kernels from Rng(seed) and zero biases', () => {
    const m = buildNetwork(lenet, 3);
    const w = m.getWeights();
    m.dispose();
    w.forEach(({ inDim, outDim, kernel, bias }) => {
      const limit = Math.sqrt(6 / (inDim + outDim));
      let max = 0;
      for (const v of kernel) max = Math.max(max, Math.abs(v));
      expect(max).toBeLessThanOrEqual(limit);
      expect(max).toBeGreaterThan(0.98 * limit);
      expect(bias.every((b) => b === 0)).toBe(true);
    });
    // The stream runs layer after layer: the second kernel continues where the first ended.
    const rng = new Rng(3);
    const first = glorotUniform(784, 300, rng);
    expect(w[0].kernel).toEqual(first);
    expect(w[1].kernel).toEqual(glorotUniform(300, 100, rng));
    expect(w[0].kernel[0]).toBe(Math.fround(-Math.sqrt(6 / 1084) + 2 * Math.sqrt(6 / 1084) * new Rng(3).next()));
  });

  it('is deterministic in the seed', () => {
    const a = buildNetwork(circle88, 1);
    const b = buildNetwork(circle88, 1);
    const c = buildNetwork(circle88, 2);
    expect(a.getWeights()).toEqual(b.getWeights());
    expect(a.getWeights()[0].kernel).not.toEqual(c.getWeights()[0].kernel);
    expect(a.getWeights()[0].kernel[0]).toBe(0.1968621015548706);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('readWeights (async) returns exactly what getWeights (sync) does', async () => {
    const m = buildNetwork(circle88, 5);
    expect(await m.readWeights()).toEqual(m.getWeights());
    m.dispose();
  });

  it('forward: [batch × outputDim], equal to a hand-written tanh MLP', () => {
    const m = buildNetwork(circle88, 1);
    const weights = m.getWeights();
    weights[1].bias.fill(0.1);
    m.setWeights(weights);
    const xs = [0.3, -0.2, 0.9, 0.5, -0.7, 0.1];
    const out = tf.tidy(() => m.forward(tf.tensor2d(xs, [3, 2])).arraySync());
    expect(out.length).toBe(3);
    expect(out[0].length).toBe(2);
    for (let r = 0; r < 3; r++) {
      let h = xs.slice(2 * r, 2 * r + 2);
      weights.forEach(({ inDim, outDim, kernel, bias }, l) => {
        const z = Array.from({ length: outDim }, (_, j) => bias[j] + h.reduce((s, v, i) => s + v * kernel[i * outDim + j], 0));
        h = l < weights.length - 1 ? z.map(Math.tanh) : z;
        expect(inDim).toBe(l === 0 ? 2 : 8);
      });
      expect(out[r][0]).toBeCloseTo(h[0], 5);
      expect(out[r][1]).toBeCloseTo(h[1], 5);
    }
    m.dispose();
  });

  it('names variables uniquely and lists them as [W0, b0, W1, b1, …]', () => {
    const a = buildNetwork(circle88, 1);
    const b = buildNetwork(circle88, 1);
    const names = a.trainableVariables().map((v) => v.name);
    expect(names.length).toBe(6);
    expect(names[0]).toMatch(/^net\d+\/dense0\/kernel$/);
    expect(names[1]).toMatch(/^net\d+\/dense0\/bias$/);
    expect(new Set([...names, ...b.trainableVariables().map((v) => v.name)]).size).toBe(12);
    a.dispose();
    b.dispose();
  });

  it('getWeights returns fresh copies; setWeights validates shapes', () => {
    const m = buildNetwork(circle88, 1);
    const w = m.getWeights();
    w[0].kernel[0] = 42;
    expect(m.getWeights()[0].kernel[0]).not.toBe(42);
    m.setWeights(w);
    expect(m.getWeights()[0].kernel[0]).toBe(42);
    expect(() => m.setWeights(w.slice(1))).toThrow(/got 2 layers, the model has 3/);
    const bad = m.getWeights();
    bad[1] = { ...bad[1], kernel: new Float32Array(63) };
    expect(() => m.setWeights(bad)).toThrow(/layer 1 .*expected 8×8/);
    m.dispose();
  });

  it('property: parameterCount equals the total length of getWeights', () => {
    const before = tf.memory().numTensors;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('relu', 'tanh', 'sigmoid', 'linear' as const),
        (inputDim, hidden, outputDim, activation) => {
          const spec: ModelSpec = { inputDim, hidden, activation, outputDim, task: 'regression' };
          const m = buildNetwork(spec, inputDim * 7 + outputDim);
          const total = m.getWeights().reduce((s, l) => s + l.kernel.length + l.bias.length, 0);
          m.dispose();
          return total === parameterCount(spec);
        },
      ),
      { numRuns: 40, seed: 11 },
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
