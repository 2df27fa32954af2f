import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { TrainingSession } from '../../src/engine/train/session';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { FromWorker } from '../../src/protocol/messages';
import { defaultConfig } from '../../src/state/urlCodec';
import { setup, until } from './harness';

const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu' };
const lastOf = <T extends FromWorker['type']>(got: FromWorker[], type: T) => got.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type).at(-1);
const phases = (got: FromWorker[]) => got.filter((m) => m.type === 'phase').map((m) => (m as { phase: string }).phase);

beforeAll(async () => {
  await activateBackend('cpu');
});
afterEach(() => vi.restoreAllMocks());

describe('TrainingHost', () => {
  it('builds paused, trains on play, stops on pause, then evaluates and reports', async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: CIRCLE });
    await until(() => phases(got).includes('paused'));
    expect(got.find((m) => m.type === 'backend')).toMatchObject({ backend: 'cpu', runId: 1 });
    expect(lastOf(got, 'snapshot')?.layers.map((l) => [l.inDim, l.outDim])).toEqual([[2, 8], [8, 8], [8, 2]]);

    host.handle({ type: 'play', runId: 1 });
    await until(() => (lastOf(got, 'metrics')?.step ?? 0) >= 100);
    host.handle({ type: 'pause', runId: 1 });
    await until(() => phases(got).at(-1) === 'paused');
    const final = lastOf(got, 'metrics')!;
    const pointsSeen = got.flatMap((m) => (m.type === 'metrics' ? m.points : []));
    // Steps in order (a point may repeat once to carry an evaluation); the last carries the pause-time evaluation.
    const steps = pointsSeen.map((p) => p.step);
    expect(steps.every((s, i) => i === 0 || s >= steps[i - 1])).toBe(true);
    expect(steps[0]).toBe(1);
    expect(Math.max(...got.map((m) => (m.type === 'metrics' ? m.points.length : 0)))).toBeLessThanOrEqual(500);
    expect(pointsSeen.at(-1)).toMatchObject({ step: final.step, testLoss: expect.any(Number), testAccuracy: expect.any(Number) });
    expect(lastOf(got, 'snapshot')?.step).toBe(final.step);

    const n = got.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(got.length).toBe(n); // nothing more while paused
    expect(got.every((m) => m.runId === 1)).toBe(true);
  });

  it('step trains exactly n steps and pauses', async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: CIRCLE });
    host.handle({ type: 'step', runId: 1, steps: 1 });
    await until(() => lastOf(got, 'metrics')?.step === 1 && phases(got).at(-1) === 'paused');
    host.handle({ type: 'step', runId: 1, steps: 7 });
    await until(() => lastOf(got, 'metrics')?.step === 8 && phases(got).at(-1) === 'paused');
    await new Promise((r) => setTimeout(r, 100));
    expect(lastOf(got, 'metrics')?.step).toBe(8);
  });

  it('a cold change mid-run rebuilds under the new runId; nothing of the old run follows', async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: CIRCLE });
    host.handle({ type: 'play', runId: 1 });
    await until(() => (lastOf(got, 'metrics')?.step ?? 0) >= 30);
    const cut = got.length;
    host.handle({ type: 'configure', runId: 2, config: { ...CIRCLE, dataset: 'xor', layers: [4] } });
    await until(() => got.some((m) => m.runId === 2 && m.type === 'metrics' && m.step >= 20));
    expect(got.slice(cut).every((m) => m.runId === 2)).toBe(true);
    expect(got.slice(cut).find((m) => m.type === 'snapshot')).toMatchObject({ step: 0 });
    host.handle({ type: 'play', runId: 1 }); // stale command: ignored
    host.handle({ type: 'pause', runId: 2 });
    await until(() => phases(got).at(-1) === 'paused');
  });

  it('a hot change keeps the run and its step count', async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: CIRCLE });
    host.handle({ type: 'play', runId: 1 });
    await until(() => (lastOf(got, 'metrics')?.step ?? 0) >= 20);
    const spy = vi.spyOn(TrainingSession.prototype, 'setLearningRate');
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, lr: 0.1 } });
    const before = lastOf(got, 'metrics')!.step;
    await until(() => (lastOf(got, 'metrics')?.step ?? 0) > before + 20);
    expect(spy).toHaveBeenCalledWith(0.1);
    host.handle({ type: 'pause', runId: 1 });
    await until(() => phases(got).at(-1) === 'paused');
  });

  it('a backend dying mid-run falls back with the last weights and step', async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: CIRCLE });
    host.handle({ type: 'step', runId: 1, steps: 5 });
    await until(() => lastOf(got, 'metrics')?.step === 5 && phases(got).at(-1) === 'paused');
    const saved = lastOf(got, 'snapshot')!;
    vi.spyOn(TrainingSession.prototype, 'trainSteps').mockRejectedValueOnce(new Error('context lost'));
    host.handle({ type: 'step', runId: 1, steps: 3 });
    await until(() => got.some((m) => m.type === 'backend' && m.fallbackFrom === 'cpu'));
    const fb = lastOf(got, 'backend')!;
    expect(fb).toMatchObject({ fallbackFrom: 'cpu', reason: 'context lost' });
    expect(fb.backend).not.toBe('cpu');
    await until(() => lastOf(got, 'metrics')?.step === 8 && phases(got).at(-1) === 'paused');
    expect(saved.step).toBe(5);
    await activateBackend('cpu');
  });

  it('pauses with a divergence message when the loss blows up', async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, dataset: 'friedman', act: 'relu', opt: 'sgd', lr: 10, layers: [16, 16] } });
    host.handle({ type: 'play', runId: 1 });
    await until(() => phases(got).includes('diverged'));
    expect(lastOf(got, 'phase')?.message).toMatch(/^Training diverged at step \d+: the (train|test) loss went from \S+ to \S+ with sgd at learning rate 10\. Lower the learning rate to 0\.1 or less/);
    expect(got.some((m) => m.type === 'error')).toBe(false);
  });

  it('reports a failing build as an error, not an exception', async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, dataset: 'mnist' } }); // no server in Node
    await until(() => got.some((m) => m.type === 'error'));
    expect(lastOf(got, 'error')?.runId).toBe(1);
  });

  it('frees every tensor when a run is replaced', async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: CIRCLE });
    host.handle({ type: 'step', runId: 1, steps: 10 });
    await until(() => phases(got).at(-1) === 'paused' && lastOf(got, 'metrics')?.step === 10);
    const base = tf.memory().numTensors; // model, data, Adam's slots
    for (let r = 2; r <= 6; r++) {
      host.handle({ type: 'configure', runId: r, config: { ...CIRCLE, seed: r } });
      host.handle({ type: 'step', runId: r, steps: 10 });
      await until(() => got.some((m) => m.runId === r && m.type === 'phase' && m.phase === 'paused' && lastOf(got, 'metrics')?.step === 10));
    }
    expect(tf.memory().numTensors).toBe(base);
  });
});
