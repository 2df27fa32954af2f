import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { parseConv } from '../../src/engine/model/convSpec';
import { CNN_WASM_REASON, cnnSpec, trainableBackends } from '../../src/engine/model/spec';
import { TrainingSession } from '../../src/engine/train/session';
import { mnistSubset } from './cnn-fixtures';

afterAll(async () => {
  await activateBackend('cpu');
});

// The claim behind trainableBackends / CNN_WASM_REASON, checked on tfjs-backend-wasm itself (it runs in Node).
describe('a CNN on wasm', () => {
  it('runs forward (Conv2D, MaxPool exist) but cannot train: no Conv2DBackpropFilter kernel', async () => {
    const data = mnistSubset(32, 16);
    const p = parseConv('2:3');
    if (!p.ok) throw new Error(p.reason);
    const spec = cnnSpec(data.info, p.value, 2, [4], 'relu');
    expect(trainableBackends(spec)).not.toContain('wasm');
    const options = { optimizer: 'adam' as const, learningRate: 0.01, batchSize: 8, seed: 1 };
    await activateBackend('cpu');
    const onCpu = new TrainingSession(data, spec, options);
    const cpuEval = await onCpu.evaluate();
    onCpu.dispose();
    await activateBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2D', 'wasm')).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    const s = new TrainingSession(data, spec, options);
    const wasmEval = await s.evaluate();
    expect(Math.abs(wasmEval.testLoss - cpuEval.testLoss)).toBeLessThan(1e-4);
    // The tape's tensors of the failed step are not freed (tfjs leaves them when backprop throws):
    // one more reason the worker never picks wasm for a CNN rather than failing over from it.
    await expect(s.trainSteps(1)).rejects.toThrow(/Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'/);
    expect(s.step).toBe(0);
    s.dispose();
    expect(CNN_WASM_REASON).toContain('Conv2DBackpropFilter');
  });
});
