import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { TrainingSession } from '../../src/engine/train/session';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { FromWorker } from '../../src/protocol/messages';
import { defaultConfig } from '../../src/state/urlCodec';
import { EvalCadence } from '../../src/worker/evalCadence';
import type { TrainingHost } from '../../src/worker/host';
import { type Msg, all, mnistAsset, setup, until } from './harness';

const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu' };
const MNIST: ExperimentConfig = { ...CIRCLE, dataset: 'mnist', layers: [16], act: 'relu', batch: 32 };
const lastOf = <T extends FromWorker['type']>(got: FromWorker[], type: T) => all(got, type).at(-1);
const indexOf = (got: FromWorker[], from: number, ok: (m: FromWorker) => boolean): number => got.findIndex((m, i) => i >= from && ok(m));
const isPaused = (m: FromWorker): boolean => m.type === 'phase' && m.phase === 'paused';
const evalOf = (m: FromWorker) => (m.type === 'metrics' ? m.latestEval : undefined);

async function start(host: TrainingHost, got: FromWorker[], config: ExperimentConfig): Promise<void> {
  host.handle({ type: 'configure', runId: 1, config });
  await until(() => got.some(isPaused));
}

beforeAll(async () => {
  await activateBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('TrainingHost: fresh and honest test figures', () => {
  it('paused: the quick figures (200 of 2,000 digits) and phase paused at once; the whole test set after, then nothing more', async () => {
    vi.stubGlobal('fetch', async () => new Response(mnistAsset()));
    // The cadence's choice, fixed: as for a model whose whole test set is slow to evaluate.
    vi.spyOn(EvalCadence.prototype, 'quickRows').mockReturnValue(200);
    const { host, got } = setup();
    await start(host, got, MNIST);
    const from = got.length;
    host.handle({ type: 'step', runId: 1, steps: 5 });
    await until(() => all(got, 'metrics', from).some((m) => m.latestEval?.step === 5 && m.latestEval.rows === 2000));
    const quick = indexOf(got, from, (m) => evalOf(m)?.step === 5 && evalOf(m)?.rows === 200);
    const paused = indexOf(got, from, isPaused);
    const full = indexOf(got, from, (m) => evalOf(m)?.step === 5 && evalOf(m)?.rows === 2000);
    expect(quick).toBeGreaterThanOrEqual(0);
    expect(quick).toBeLessThan(paused);
    expect(paused).toBeLessThan(full);
    expect(evalOf(got[quick])).toMatchObject({ step: 5, rows: 200, total: 2000 });
    expect(evalOf(got[full])).toMatchObject({ step: 5, rows: 2000, total: 2000 });
    // The whole set brings the confusion matrix; the subset does not.
    const confusions = all(got, 'view', from).filter((v) => v.view.confusion !== undefined);
    expect(confusions.map((v) => v.step)).toEqual([5]);
    expect(confusions[0].view.confusion!.counts.reduce((a, b) => a + b, 0)).toBe(2000);
    const n = got.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(got.length).toBe(n);
  });

  it('play while the whole test set is evaluated stops it between parts: nothing of it is posted, training goes on', async () => {
    vi.stubGlobal('fetch', async () => new Response(mnistAsset()));
    vi.spyOn(EvalCadence.prototype, 'quickRows').mockReturnValue(200);
    const { host, got } = setup();
    await start(host, got, MNIST);
    const evaluateTest = TrainingSession.prototype.evaluateTest;
    const results: unknown[] = [];
    vi.spyOn(TrainingSession.prototype, 'evaluateTest').mockImplementation(async function (this: TrainingSession, options = {}) {
      // The whole set's evaluation has begun: the student presses play now (once).
      if (options.stop !== undefined && results.length === 0) host.handle({ type: 'play', runId: 1 });
      const r = await evaluateTest.call(this, options);
      if (options.stop !== undefined) results.push(r);
      return r;
    });
    const from = got.length;
    host.handle({ type: 'step', runId: 1, steps: 3 });
    await until(() => results.length > 0 && all(got, 'metrics', from).some((m) => m.step >= 20));
    expect(results[0]).toBeNull();
    expect(all(got, 'metrics', from).some((m) => m.latestEval?.step === 3 && m.latestEval.rows === 2000)).toBe(false);
    // Paused again: this time the whole set's figures land.
    host.handle({ type: 'pause', runId: 1 });
    await until(() => all(got, 'metrics', from).some((m) => (m.latestEval?.rows ?? 0) === 2000));
    expect(results.slice(1).every((r) => r !== null)).toBe(true);
  });

  it('while training, every evaluation says its rows and step', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    const from = got.length;
    host.handle({ type: 'play', runId: 1 });
    await until(() => all(got, 'metrics', from).some((m) => m.step >= 300));
    host.handle({ type: 'pause', runId: 1 });
    await until(() => got.slice(from).some(isPaused));
    const evals = all(got, 'metrics', from).flatMap((m) => (m.latestEval ? [{ ...m.latestEval, at: m.step }] : []));
    expect(evals.length).toBeGreaterThanOrEqual(2);
    for (const e of evals) {
      expect(e).toMatchObject({ rows: 250, total: 250 }); // circle's test set is small: always whole
      expect(e.step).toBeLessThanOrEqual(e.at); // its own step, posted with the next metrics message
    }
  });
});

describe('TrainingHost: a mask change is a jump at its step', () => {
  /** A hot change while paused; resolves with the metrics carrying its evaluation, and the one with its train loss. */
  async function hot(host: TrainingHost, got: FromWorker[], config: ExperimentConfig): Promise<{ figures: Msg<'metrics'>; train: Msg<'metrics'> }> {
    const from = got.length;
    host.handle({ type: 'configure', runId: 1, config });
    await until(() => all(got, 'metrics', from).some((m) => m.trainEval !== undefined));
    return { figures: all(got, 'metrics', from).find((m) => m.latestEval !== undefined)!, train: all(got, 'metrics', from).find((m) => m.trainEval !== undefined)! };
  }

  it('paused at step 50: the point keeps the figures before (the dense net) and after; a second change keeps the first "before"', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    host.handle({ type: 'step', runId: 1, steps: 50 });
    await until(() => got.some(isPaused) && lastOf(got, 'metrics')?.step === 50 && all(got, 'phase').filter((p) => p.phase === 'paused').length >= 2);
    const dense = all(got, 'metrics').flatMap((m) => (m.latestEval ? [m.latestEval] : [])).at(-1)!;
    expect(dense.step).toBe(50);
    const batchLoss = all(got, 'metrics').flatMap((m) => m.points).filter((p) => p.step === 50).at(-1)!.trainLoss;

    const first = await hot(host, got, { ...CIRCLE, threshold: 0.3 });
    const point = first.figures.points.at(-1)!;
    expect(point).toMatchObject({ step: 50, testLoss: first.figures.latestEval!.testLoss, beforePrune: { step: 50, testLoss: dense.testLoss, testAccuracy: dense.testAccuracy } });
    expect(point.testLoss).not.toBe(dense.testLoss);
    expect(point.trainLoss).toBe(batchLoss); // the chart's train curve keeps the batch loss it had
    // The header's train loss: the pruned network's, evaluated on the 250 training points at step 50.
    expect(first.train.trainEval).toMatchObject({ step: 50, rows: 250, total: 250, penalty: 0 });
    expect(first.train.trainEval!.loss).not.toBe(batchLoss);

    const second = await hot(host, got, { ...CIRCLE, threshold: 0.5 });
    expect(second.figures.points.at(-1)).toMatchObject({ step: 50, beforePrune: { step: 50, testLoss: dense.testLoss } });
    expect(second.figures.latestEval!.testLoss).not.toBe(first.figures.latestEval!.testLoss);
    // Heavier pruning, higher evaluated train loss; θ = 0 gives the dense network's back exactly.
    expect(second.train.trainEval!.loss).toBeGreaterThan(first.train.trainEval!.loss);
    const back = await hot(host, got, CIRCLE);
    expect(back.figures.latestEval!.testLoss).toBe(dense.testLoss);
  });

  it('while training: the network before the change is evaluated at its step first (no evaluation there yet), then the pruned one', async () => {
    const evaluateTest = TrainingSession.prototype.evaluateTest;
    const calls: { step: number; testLoss: number }[] = [];
    vi.spyOn(TrainingSession.prototype, 'evaluateTest').mockImplementation(async function (this: TrainingSession, options = {}) {
      const r = await evaluateTest.call(this, options);
      if (r) calls.push({ step: this.step, testLoss: r.testLoss });
      return r;
    });
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    const from = got.length;
    host.handle({ type: 'play', runId: 1 });
    await until(() => all(got, 'metrics', from).some((m) => m.step >= 100));
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, threshold: 0.3 } });
    await until(() => all(got, 'metrics', from).some((m) => m.points.some((p) => p.beforePrune !== undefined)) && all(got, 'metrics', from).some((m) => m.step >= 200));
    host.handle({ type: 'pause', runId: 1 });
    await until(() => got.slice(from).some(isPaused));
    const jump = all(got, 'metrics', from).flatMap((m) => m.points).find((p) => p.beforePrune !== undefined)!;
    const at = jump.beforePrune!.step;
    expect(jump.step).toBe(at);
    // The evaluations at that step: the network before the change first (the jump's "before"), the pruned one last (the point's figures).
    const evalsAt = calls.filter((c) => c.step === at);
    expect(evalsAt.length).toBeGreaterThanOrEqual(2);
    expect(jump.beforePrune!.testLoss).toBe(evalsAt[0].testLoss);
    expect(jump.testLoss).toBe(evalsAt.at(-1)!.testLoss);
    expect(jump.testLoss).not.toBe(jump.beforePrune!.testLoss);
    // Training: no evaluated train loss (the next batches are the pruned network's own).
    expect(all(got, 'metrics', from).some((m) => m.trainEval !== undefined)).toBe(false);
  });
});
