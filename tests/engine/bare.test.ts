import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data';
import { mlpSpec } from '../../src/engine/model/spec';
import { bareStepsPerSecond, matmulGflops } from '../../src/engine/train/bare';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('reference measurements', () => {
  it('bareStepsPerSecond trains the same model with minimize and frees everything', async () => {
    const data = makeDataset({ name: 'xor', noisePercent: 0, trainPercent: 50, seed: 1 });
    const spec = mlpSpec(data.info, [8, 8], 'relu');
    const before = tf.memory().numTensors;
    for (const optimizer of ['adam', 'sgd', 'momentum'] as const) {
      const sps = await bareStepsPerSecond(data, spec, { optimizer, learningRate: 0.01, batchSize: 1000, seed: 1 }, 30);
      expect(Number.isFinite(sps) && sps > 0).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('matmulGflops reports a positive rate and frees its matrices', async () => {
    const before = tf.memory().numTensors;
    const gflops = await matmulGflops(64, 5);
    expect(Number.isFinite(gflops) && gflops > 0).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
