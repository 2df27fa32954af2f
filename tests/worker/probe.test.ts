import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { datasetInfo, makeDataset } from '../../src/engine/data';
import { experimentSpec, mlpSpec } from '../../src/engine/model/spec';
import { TrainingSession } from '../../src/engine/train/session';
import { defaultConfig } from '../../src/state/urlCodec';
import { PROBE_FIRST_STEP_BUDGET_MS, measureSteps, probeOrder } from '../../src/worker/builder';

beforeAll(async () => {
  await activateBackend('cpu');
});
afterEach(() => vi.restoreAllMocks());

const hooks = { isCurrent: () => true, onLoading: () => undefined, onProgress: () => undefined, onMeasuring: () => undefined };

describe('auto: bounded backend probing', () => {
  it('a CNN tries WebGL first, then WebGPU, then the CPU, never WASM; an MLP the engine’s order', () => {
    const cnn = experimentSpec(datasetInfo('mnist'), { ...defaultConfig(), arch: 'cnn' });
    expect(probeOrder(cnn)).toEqual(['webgl', 'webgpu', 'cpu']);
    expect(probeOrder(mlpSpec(datasetInfo('circle'), [8, 8], 'tanh'))).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it(`a first step over ${PROBE_FIRST_STEP_BUDGET_MS} ms: one timed step more, its rate is the score, no bursts (a fake clock)`, async () => {
    const data = makeDataset({ name: 'circle', noisePercent: 0, trainPercent: 50, seed: 1 });
    const spec = mlpSpec(data.info, [8], 'tanh');
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => t);
    // A 2 s first step (a CNN compiling its shaders on a software GPU), then 100 ms steps.
    const steps = vi.spyOn(TrainingSession.prototype, 'trainSteps').mockImplementation(async (n: number) => {
      t += steps.mock.calls.length === 1 ? 2000 : 100 * n;
      return { loss: new Float32Array(n), penalty: new Float32Array(n) };
    });
    expect(await measureSteps(data, spec, { optimizer: 'adam', learningRate: 0.01, batchSize: 10, seed: 1 }, hooks)).toBe(10);
    expect(steps).toHaveBeenCalledTimes(2);
    // A fast first step goes on to the timed step and the bursts.
    t = 0;
    steps.mockImplementation(async (n: number) => {
      t += 10 * n;
      return { loss: new Float32Array(n), penalty: new Float32Array(n) };
    });
    expect(await measureSteps(data, spec, { optimizer: 'adam', learningRate: 0.01, batchSize: 10, seed: 1 }, hooks)).toBeCloseTo(100, 6);
    expect(steps.mock.calls.length).toBeGreaterThan(3);
  });
});
