import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { makeDataset } from '../../src/engine/data';
import { mlpSpec } from '../../src/engine/model/spec';
import { TrainingSession } from '../../src/engine/train/session';

// tfjs-backend-wasm also runs in Node (it reads its .wasm from node_modules), so the
// dynamic import, the flags and a cross-backend comparison can be tested here.
describe('wasm backend', () => {
  it('activates by dynamic import, SIMD only, and trains like cpu from identical initial weights', async () => {
    const data = makeDataset({ name: 'circle', noisePercent: 10, trainPercent: 50, seed: 4 });
    const spec = mlpSpec(data.info, [8, 8], 'tanh');
    const options = { optimizer: 'adam' as const, learningRate: 0.03, batchSize: 10, seed: 4 };
    const run = async () => {
      const s = new TrainingSession(data, spec, options);
      const w0 = s.getWeights();
      const { loss: losses } = await s.trainSteps(20);
      s.dispose();
      return { w0, losses };
    };
    await activateBackend('cpu');
    const cpu = await run();
    await activateBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
    const wasm = await run();
    expect(wasm.w0).toEqual(cpu.w0);
    for (let i = 0; i < 20; i++) expect(Math.abs(wasm.losses[i] - cpu.losses[i])).toBeLessThan(1e-4);
    await activateBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
