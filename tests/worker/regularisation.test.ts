import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { logGrid } from '../../src/engine/regularise/cv';
import { TrainingSession } from '../../src/engine/train/session';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { FromWorker, MetricPoint } from '../../src/protocol/messages';
import { defaultConfig } from '../../src/state/urlCodec';
import { trainOptions } from '../../src/worker/builder';
import { TrainingHost } from '../../src/worker/host';
import { JOB_PROGRESS_INTERVAL_MS, ProgressThrottle, REG_PRUNE_LEVELS, argminFinite, formatLambda, sweepGrid } from '../../src/worker/jobs';
import { penaltyWeights, sweptPenalty } from '../../src/protocol/config';
import { downsample } from '../../src/worker/outbox';
import { type Msg, all, setup, until as waitUntil } from './harness';


const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu' };
/** A small, quick λ sweep: 3 λ × 3 folds × 20 steps. */
const SMALL_SWEEP: ExperimentConfig = { ...CIRCLE, cv_k: 3, cv_steps: 20, cv_min: 1e-4, cv_max: 1e-1, cv_points: 3 };
/** The jobs here train many networks: a longer limit than the harness's. */
const until = (ok: () => boolean, ms = 30_000): Promise<void> => waitUntil(ok, ms);
const lastOf = <T extends FromWorker['type']>(got: FromWorker[], type: T) => all(got, type).at(-1);
const phases = (got: FromWorker[]) => got.filter((m) => m.type === 'phase').map((m) => (m as Msg<'phase'>).phase);
const jobEnded = (got: FromWorker[], from = 0) => all(got, 'job', from).some((m) => m.finished === true || m.cancelled === true);
/** Configures and waits for the build to settle paused. */
async function start(host: TrainingHost, got: FromWorker[], config: ExperimentConfig, runId = 1): Promise<void> {
  host.handle({ type: 'configure', runId, config });
  await until(() => got.some((m) => m.runId === runId && m.type === 'phase' && m.phase === 'paused'));
}
/** Steps n from paused and waits until paused again at `step`. */
async function stepTo(host: TrainingHost, got: FromWorker[], runId: number, n: number, step: number): Promise<void> {
  const from = got.length;
  host.handle({ type: 'step', runId, steps: n });
  await until(() => got.slice(from).some((m) => m.type === 'phase' && m.phase === 'paused') && lastOf(got, 'metrics')?.step === step && lastOf(got, 'snapshot')?.step === step);
}
const points = (got: FromWorker[], from = 0): MetricPoint[] => all(got, 'metrics', from).flatMap((m) => m.points);

beforeAll(async () => {
  await activateBackend('cpu');
});
afterEach(() => vi.restoreAllMocks());

describe('job helpers', () => {
  it('chooses the swept penalty from l1 and l2, and maps λ onto them', () => {
    expect(sweptPenalty({ ...CIRCLE, l1: 0, l2: 0 })).toBe('l2');
    expect(sweptPenalty({ ...CIRCLE, l1: 1e-3, l2: 0 })).toBe('l1');
    expect(sweptPenalty({ ...CIRCLE, l1: 0, l2: 1e-3 })).toBe('l2');
    expect(sweptPenalty({ ...CIRCLE, l1: 1e-3, l2: 1e-2 })).toBe('elastic');
    expect(penaltyWeights('l1', 0.5)).toEqual({ l1: 0.5, l2: 0 });
    expect(penaltyWeights('l2', 0.5)).toEqual({ l1: 0, l2: 0.5 });
    expect(penaltyWeights('elastic', 0.5)).toEqual({ l1: 0.5, l2: 0.5 });
  });

  it('builds the grid from cv_min, cv_max, cv_points, swapping reversed ends', () => {
    expect(sweepGrid(CIRCLE)).toEqual(logGrid(1e-5, 1, 9));
    expect(sweepGrid({ ...CIRCLE, cv_min: 1, cv_max: 1e-3, cv_points: 4 })).toEqual(logGrid(1e-3, 1, 4));
    expect(sweepGrid({ ...CIRCLE, cv_min: 0.01, cv_max: 0.01 })).toEqual([0.01]);
  });

  it('argminFinite skips NaN and keeps the first of ties', () => {
    expect(argminFinite([3, NaN, 1, 1, Infinity])).toBe(2);
    expect(argminFinite([NaN, NaN])).toBe(-1);
    expect(formatLambda(1e-5)).toBe('1e-5');
    expect(formatLambda(5.62341e-5)).toBe('5.6e-5');
    expect(formatLambda(0.0316)).toBe('0.032');
    expect(formatLambda(1)).toBe('1');
  });

  it('throttles progress to one per interval within a unit, never at unit ends', () => {
    let t = 0;
    const sent: number[] = [];
    const throttle = new ProgressThrottle((p) => sent.push(p.done), () => t);
    throttle.report({ done: 0, total: 2, label: '' }, true);
    for (let i = 0; i < 10; i++) {
      t += JOB_PROGRESS_INTERVAL_MS / 4;
      throttle.report({ done: 0, total: 2, label: '' }, false);
    }
    throttle.report({ done: 1, total: 2, label: '' }, true);
    throttle.report({ done: 2, total: 2, label: '' }, true);
    expect(sent).toEqual([0, 0, 0, 1, 2]);
  });

  it('trainOptions carries the regularisation keys', () => {
    expect(trainOptions({ ...CIRCLE, l1: 1e-3, l2: 2e-3, prox: 1, dropout: 0.25 })).toMatchObject({ l1: 1e-3, l2: 2e-3, prox: true, dropout: 0.25 });
    expect(trainOptions(CIRCLE)).toMatchObject({ l1: 0, l2: 0, prox: false, dropout: 0 });
  });

  it('downsampling averages the penalty like the train loss', () => {
    const pts: MetricPoint[] = Array.from({ length: 8 }, (_, i) => ({ step: i + 1, trainLoss: i, ...(i >= 2 ? { penalty: 10 * i } : {}) }));
    const out = downsample(pts, 2);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual({ step: 4, trainLoss: 1.5, penalty: 25 });
    expect(out[1]).toEqual({ step: 8, trainLoss: 5.5, penalty: 55 });
    expect(downsample(pts.slice(0, 2).concat(pts.slice(0, 2)), 2).every((p) => p.penalty === undefined)).toBe(true);
  });
});

describe('TrainingHost regularisation', () => {
  it('puts the penalty on every chart point while l2 > 0, of the order of l2·Σw²', async () => {
    const { host, got } = setup();
    const config = { ...CIRCLE, l2: 0.01 };
    await start(host, got, config);
    await stepTo(host, got, 1, 40, 40);
    const pts = points(got).filter((p) => p.step <= 40);
    expect(pts.length).toBeGreaterThanOrEqual(40);
    expect(pts.every((p) => typeof p.penalty === 'number' && p.penalty > 0)).toBe(true);
    const snap = lastOf(got, 'snapshot')!;
    const sumSq = snap.layers.reduce((s, l) => s + l.kernel.reduce((a, w) => a + w * w, 0), 0);
    const last = pts.filter((p) => p.step === 40).at(-1)!;
    // The point's penalty is at the weights before step 40; the snapshot holds them after it.
    expect(last.penalty! / (0.01 * sumSq)).toBeGreaterThan(0.8);
    expect(last.penalty! / (0.01 * sumSq)).toBeLessThan(1.25);
  });

  it('carries no penalty when unregularised', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 20, 20);
    expect(points(got).every((p) => p.penalty === undefined)).toBe(true);
  });

  it('applies a hot l1/l2/prox/dropout change without a rebuild', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 20, 20);
    const setReg = vi.spyOn(TrainingSession.prototype, 'setRegularisation');
    const from = got.length;
    const next = { ...CIRCLE, l1: 0.005, prox: 1, dropout: 0.2 };
    host.handle({ type: 'configure', runId: 1, config: next });
    await stepTo(host, got, 1, 20, 40);
    expect(setReg).toHaveBeenCalledTimes(1);
    expect(setReg).toHaveBeenCalledWith({ l1: 0.005, l2: 0, prox: true, dropout: 0.2 });
    expect(all(got, 'backend', from)).toHaveLength(0); // no rebuild
    const after = points(got, from);
    expect(after[0].step).toBe(21);
    expect(after.every((p) => p.step > 20 && (p.penalty ?? 0) > 0)).toBe(true);

    // Off again: no more penalty on the points; the cv_* and rp_* keys change nothing in the run.
    const from2 = got.length;
    host.handle({ type: 'configure', runId: 1, config: { ...next, l1: 0, cv_k: 3, rp_steps: 50 } });
    await stepTo(host, got, 1, 10, 50);
    expect(setReg).toHaveBeenCalledTimes(2);
    expect(setReg).toHaveBeenLastCalledWith({ l1: 0, l2: 0, prox: true, dropout: 0.2 });
    expect(points(got, from2).every((p) => p.penalty === undefined)).toBe(true);
    expect(all(got, 'backend', from2)).toHaveLength(0);
  });

  it('λ sweep: cv_points ascending λ, std ≥ 0, best = argmin, progress then result then finished; no tensor leaked', async () => {
    const { host, got, at } = setup();
    await start(host, got, SMALL_SWEEP);
    await stepTo(host, got, 1, 10, 10);
    const tensors = tf.memory().numTensors;
    const dispose = vi.spyOn(TrainingSession.prototype, 'dispose');
    const from = got.length;
    const t0 = performance.now();
    host.handle({ type: 'lambdaSweep', runId: 1 });
    await until(() => jobEnded(got, from));
    const ms = performance.now() - t0;
    const jobs = all(got, 'job', from);
    const end = jobs.at(-1)!;
    expect(end).toMatchObject({ job: 'lambdaSweep', finished: true, done: 9, total: 9, runId: 1 });
    expect(end.cancelled).toBeUndefined();
    expect(jobs[0]).toMatchObject({ done: 0, total: 9 });
    // done never decreases and reaches every unit
    expect(jobs.every((m, i) => i === 0 || m.done >= jobs[i - 1].done)).toBe(true);
    for (let u = 1; u <= 9; u++) expect(jobs.some((m) => m.done === u)).toBe(true);
    // At most ~5/s plus one per unit (+ start and end).
    expect(jobs.length).toBeLessThanOrEqual(9 + 2 + Math.ceil(ms / JOB_PROGRESS_INTERVAL_MS) + 1);

    const results = all(got, 'lambdaSweep', from);
    expect(results).toHaveLength(1);
    const iResult = got.indexOf(results[0]);
    expect(iResult).toBeLessThan(got.indexOf(end));
    expect(at[iResult]).toBeLessThanOrEqual(at[got.indexOf(end)]);
    const { result } = results[0];
    expect(result).toMatchObject({ kind: 'l2', prox: false, k: 3, stepsPerFold: 20 });
    expect(result.points.map((p) => p.lambda)).toEqual(logGrid(1e-4, 1e-1, 3));
    for (const p of result.points) {
      expect(p.valStd).toBeGreaterThanOrEqual(0);
      expect(p.trainStd).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(p.valMean) && Number.isFinite(p.trainMean)).toBe(true);
      expect(p.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(p.valAccuracy).toBeLessThanOrEqual(1);
    }
    const vals = result.points.map((p) => p.valMean);
    expect(result.bestLambda).toBe(result.points[vals.indexOf(Math.min(...vals))].lambda);

    expect(dispose).toHaveBeenCalledTimes(9); // one session per fold and λ, each disposed
    expect(tf.memory().numTensors).toBe(tensors);
    expect(phases(got).at(-1)).toBe('paused');
    console.log(`λ sweep 3 λ × 3 folds × 20 steps (circle 8,8, cpu, Node): ${ms.toFixed(0)} ms, ${jobs.length} job messages`);
  });

  it('cancel stops a λ sweep within a burst, with cancelled and no result; training resumes afterwards', async () => {
    const { host, got, at } = setup();
    await start(host, got, { ...SMALL_SWEEP, cv_steps: 5000, cv_points: 9, cv_k: 5 });
    const tensors = tf.memory().numTensors;
    const from = got.length;
    host.handle({ type: 'lambdaSweep', runId: 1 });
    await until(() => all(got, 'job', from).some((m) => m.label.includes('step')));
    const t0 = performance.now();
    host.handle({ type: 'cancelJob', runId: 1 });
    await until(() => jobEnded(got, from));
    const end = lastOf(got, 'job')!;
    expect(end).toMatchObject({ cancelled: true, label: 'Cancelled', runId: 1 });
    expect(end.finished).toBeUndefined();
    expect(at[got.indexOf(end)] - t0).toBeLessThan(250);
    expect(all(got, 'lambdaSweep', from)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(tf.memory().numTensors).toBe(tensors);

    const step0 = lastOf(got, 'metrics')!.step;
    host.handle({ type: 'play', runId: 1 });
    await until(() => (lastOf(got, 'metrics')?.step ?? 0) >= step0 + 50);
    host.handle({ type: 'pause', runId: 1 });
    await until(() => phases(got).at(-1) === 'paused');
  });

  it('a new run (cold change) cancels a running job; its messages keep the old runId', async () => {
    const { host, got } = setup();
    await start(host, got, { ...SMALL_SWEEP, cv_steps: 5000 });
    const from = got.length;
    host.handle({ type: 'regPrune', runId: 1 });
    await until(() => all(got, 'job', from).length > 0);
    host.handle({ type: 'configure', runId: 2, config: { ...SMALL_SWEEP, seed: 7 } });
    await until(() => jobEnded(got, from) && got.some((m) => m.runId === 2 && m.type === 'phase' && m.phase === 'paused'));
    const end = all(got, 'job', from).at(-1)!;
    expect(end).toMatchObject({ cancelled: true, runId: 1, label: 'a new run started' });
    expect(all(got, 'regPrune', from)).toHaveLength(0);
  });

  it('play during a job ends it and trains; a second job request while one runs is ignored', async () => {
    const { host, got } = setup();
    await start(host, got, { ...SMALL_SWEEP, cv_steps: 5000 });
    const from = got.length;
    host.handle({ type: 'lambdaSweep', runId: 1 });
    host.handle({ type: 'regPrune', runId: 1 });
    await until(() => all(got, 'job', from).length > 0);
    host.handle({ type: 'play', runId: 1 });
    await until(() => jobEnded(got, from) && (lastOf(got, 'metrics')?.step ?? 0) >= 30);
    host.handle({ type: 'pause', runId: 1 });
    await until(() => phases(got).at(-1) === 'paused');
    const jobs = all(got, 'job', from);
    expect(jobs.every((m) => m.job === 'lambdaSweep')).toBe(true);
    expect(jobs.at(-1)).toMatchObject({ cancelled: true, label: 'training resumed' });
  });

  it('regularise-then-prune: 3 arms (none, l1, l2) × the 5 levels, sparsity ≈ level; no tensor leaked', async () => {
    const { host, got } = setup();
    const config = { ...CIRCLE, l1: 0.003, rp_steps: 60, rp_tune: 20 };
    await start(host, got, config);
    const tensors = tf.memory().numTensors;
    const from = got.length;
    host.handle({ type: 'regPrune', runId: 1 });
    await until(() => jobEnded(got, from));
    const end = lastOf(got, 'job')!;
    expect(end).toMatchObject({ job: 'regPrune', finished: true, done: 18, total: 18 });
    const { result } = lastOf(got, 'regPrune')!;
    expect(result).toMatchObject({ lambda: 0.003, steps: 60, tuneSteps: 20 });
    expect(result.arms.map((a) => a.arm)).toEqual(['none', 'l1', 'l2']);
    for (const arm of result.arms) {
      expect(arm.points.map((p) => p.sparsity)).toHaveLength(REG_PRUNE_LEVELS.length);
      arm.points.forEach((p, i) => {
        expect(Math.abs(p.sparsity - REG_PRUNE_LEVELS[i])).toBeLessThanOrEqual(1 / 96);
        for (const r of [p.before, p.after]) {
          expect(Number.isFinite(r.testLoss)).toBe(true);
          expect(r.testAccuracy).toBeGreaterThanOrEqual(0);
          expect(r.testAccuracy).toBeLessThanOrEqual(1);
        }
      });
      expect(Number.isFinite(arm.dense.testLoss)).toBe(true);
    }
    // Fine-tuning a heavily pruned network changes it.
    expect(result.arms.some((a) => a.points.some((p) => p.after.testLoss !== p.before.testLoss))).toBe(true);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('regularise-then-prune with no λ set uses 1e-4 and says so', async () => {
    const { host, got } = setup();
    await start(host, got, { ...CIRCLE, rp_steps: 10, rp_tune: 0 });
    const from = got.length;
    host.handle({ type: 'regPrune', runId: 1 });
    await until(() => jobEnded(got, from));
    const { result } = lastOf(got, 'regPrune')!;
    expect(result.lambda).toBe(1e-4);
    expect(all(got, 'job', from)[0].label).toContain('no λ set');
    // rp_tune = 0: after equals before.
    for (const a of result.arms) for (const p of a.points) expect(p.after).toEqual(p.before);
  });

  it('a failed job ends cancelled with the reason; the run goes on', async () => {
    const { host, got } = setup();
    await start(host, got, SMALL_SWEEP);
    vi.spyOn(TrainingSession.prototype, 'evaluateTrain').mockRejectedValue(new Error('boom'));
    const from = got.length;
    host.handle({ type: 'lambdaSweep', runId: 1 });
    await until(() => jobEnded(got, from));
    expect(lastOf(got, 'job')).toMatchObject({ cancelled: true, label: 'Failed: boom' });
    expect(all(got, 'error', from)).toHaveLength(0);
    vi.restoreAllMocks();
    await stepTo(host, got, 1, 10, 10);
  });
});
