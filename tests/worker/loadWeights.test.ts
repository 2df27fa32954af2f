import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { FromWorker } from '../../src/protocol/messages';
import { defaultConfig } from '../../src/state/urlCodec';
import { all, setup, until } from './harness';

const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', noise: 20 };
const lastOf = <T extends FromWorker['type']>(got: FromWorker[], type: T) => all(got, type).at(-1);
const phases = (got: FromWorker[]) => all(got, 'phase').map((m) => m.phase);

beforeAll(async () => {
  await activateBackend('cpu');
});

/** Trains run 1 for 150 steps and returns its last snapshot and evaluation. */
async function trained() {
  const { host, got } = setup();
  host.handle({ type: 'configure', runId: 1, config: CIRCLE });
  host.handle({ type: 'step', runId: 1, steps: 150 });
  await until(() => lastOf(got, 'metrics')?.step === 150 && phases(got).at(-1) === 'paused');
  await until(() => lastOf(got, 'snapshot')?.step === 150);
  const evaluation = all(got, 'metrics').flatMap((m) => (m.latestEval ? [m.latestEval] : [])).at(-1)!;
  return { host, got, layers: lastOf(got, 'snapshot')!.layers, evaluation };
}

describe('TrainingHost: loadWeights (an imported model)', () => {
  it('a new run takes the weights: step 0, the same test figures as where they came from, the snapshot holds them', async () => {
    const { host, got, layers, evaluation } = await trained();
    expect(evaluation.step).toBe(150);
    const from = got.length;
    host.handle({ type: 'configure', runId: 2, config: CIRCLE });
    host.handle({ type: 'loadWeights', runId: 2, layers });
    await until(() => all(got, 'metrics', from).some((m) => m.latestEval !== undefined) && all(got, 'snapshot', from).length >= 2);
    const metrics = all(got, 'metrics', from).find((m) => m.latestEval !== undefined)!;
    expect(metrics.step).toBe(0);
    // circle's 250 test points: the quick evaluation is the whole set.
    expect(metrics.latestEval).toEqual({ step: 0, testLoss: evaluation.testLoss, testAccuracy: evaluation.testAccuracy, rows: 250, total: 250 });
    // The header's train loss is the imported network's, evaluated on the training rows (no batch has been trained).
    await until(() => all(got, 'metrics', from).some((m) => m.trainEval !== undefined));
    const trainEval = all(got, 'metrics', from).find((m) => m.trainEval !== undefined)!.trainEval!;
    expect(trainEval).toMatchObject({ step: 0, rows: 250, total: 250, penalty: 0 });
    expect(trainEval.loss).toBeGreaterThan(0);
    expect(trainEval.loss).toBeLessThan(evaluation.testLoss * 3);
    const snapshot = all(got, 'snapshot', from).at(-1)!;
    expect(snapshot.runId).toBe(2);
    expect(snapshot.layers).toEqual(layers);
    expect(snapshot.masks.every((m) => m === null)).toBe(true);
    expect(phases(got).at(-1)).toBe('paused');
    expect(all(got, 'error', from)).toEqual([]);

    // It trains on from there.
    host.handle({ type: 'step', runId: 2, steps: 5 });
    await until(() => lastOf(got, 'metrics')?.step === 5);
  });

  it('the config’s pruning rule applies to the imported weights as to fresh ones', async () => {
    const { host, got, layers } = await trained();
    const from = got.length;
    host.handle({ type: 'configure', runId: 2, config: { ...CIRCLE, threshold: 0.5 } });
    host.handle({ type: 'loadWeights', runId: 2, layers });
    await until(() => all(got, 'snapshot', from).some((s) => s.masks.some((m) => m !== null)));
    const snapshot = all(got, 'snapshot', from).at(-1)!;
    // The dense weights are the imported ones; the mask hides |w| < 0.5.
    expect(snapshot.layers).toEqual(layers);
    snapshot.masks.forEach((m, l) => {
      if (m === null) return;
      for (let i = 0; i < m.length; i++) expect(m[i]).toBe(Math.abs(layers[l].kernel[i]) < 0.5 ? 0 : 1);
    });
  });

  it('weights of another shape are an error message, the run stays usable; a stale runId is ignored', async () => {
    const { host, got, layers } = await trained();
    const from = got.length;
    host.handle({ type: 'configure', runId: 2, config: { ...CIRCLE, layers: [4] } });
    host.handle({ type: 'loadWeights', runId: 1, layers });
    host.handle({ type: 'loadWeights', runId: 2, layers });
    await until(() => all(got, 'error', from).length === 1);
    expect(all(got, 'error', from)[0].message).toMatch(/do not fit/);
    host.handle({ type: 'step', runId: 2, steps: 3 });
    await until(() => lastOf(got, 'metrics')?.step === 3 && lastOf(got, 'metrics')?.runId === 2);
  });
});
