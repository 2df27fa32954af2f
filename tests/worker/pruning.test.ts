import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { datasetInfo } from '../../src/engine/data/catalog';
import { initialWeights } from '../../src/engine/model/init';
import { mlpSpec } from '../../src/engine/model/spec';
import { keepCount } from '../../src/engine/prune/masks';
import { polynomialSparsity, scheduleFromConfig } from '../../src/engine/prune/schedule';
import { TrainingSession } from '../../src/engine/train/session';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { FromWorker } from '../../src/protocol/messages';
import { defaultConfig } from '../../src/state/urlCodec';
import { TrainingHost } from '../../src/worker/host';
import { SWEEP_LEVELS } from '../../src/worker/pruning';
import { type Msg, all, setup, until } from './harness';


const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu' };
/** Kernel sizes of circle with layers 8,8: 2·8, 8·8, 8·2. */
const TOTALS = [16, 64, 16];
const lastOf = <T extends FromWorker['type']>(got: FromWorker[], type: T) => all(got, type).at(-1);
const phases = (got: FromWorker[]) => got.filter((m) => m.type === 'phase').map((m) => (m as Msg<'phase'>).phase);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Steps n from paused and waits until paused again at `step`. */
async function stepTo(host: TrainingHost, got: FromWorker[], runId: number, n: number, step: number): Promise<void> {
  const from = got.length;
  host.handle({ type: 'step', runId, steps: n });
  await until(() => got.slice(from).some((m) => m.type === 'phase' && m.phase === 'paused') && lastOf(got, 'metrics')?.step === step && lastOf(got, 'snapshot')?.step === step);
}
/** Configures and waits for the build to settle paused. */
async function start(host: TrainingHost, got: FromWorker[], config: ExperimentConfig, runId = 1): Promise<void> {
  host.handle({ type: 'configure', runId, config });
  await until(() => got.some((m) => m.runId === runId && m.type === 'phase' && m.phase === 'paused'));
}
/** A hot change while paused; resolves with the metrics message carrying its evaluation. */
async function hot(host: TrainingHost, got: FromWorker[], config: ExperimentConfig, runId = 1): Promise<Msg<'metrics'>> {
  const from = got.length;
  host.handle({ type: 'configure', runId, config });
  await until(() => all(got, 'metrics', from).some((m) => m.latestEval !== undefined) && all(got, 'snapshot', from).length > 0);
  return all(got, 'metrics', from).find((m) => m.latestEval !== undefined)!;
}

beforeAll(async () => {
  await activateBackend('cpu');
});
afterEach(() => vi.restoreAllMocks());

describe('TrainingHost pruning', () => {
  it('θ while paused re-masks and evaluates without a training step; θ = 0 restores the exact dense test loss', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 50, 50);
    const dense = lastOf(got, 'metrics')!.latestEval!;
    expect(dense.step).toBe(50);
    const train = vi.spyOn(TrainingSession.prototype, 'trainSteps');

    const pruned = await hot(host, got, { ...CIRCLE, threshold: 0.3 });
    expect(pruned.step).toBe(50);
    expect(pruned.latestEval!.step).toBe(50);
    expect(pruned.latestEval!.testLoss).not.toBe(dense.testLoss);
    expect(sum(pruned.model.layerZeros)).toBeGreaterThan(0);
    expect(pruned.model.layerTotals).toEqual(TOTALS);
    expect(pruned.model.thresholds).toEqual([0.3, 0.3, 0.3]);
    expect(pruned.model.params).toBe(114);
    expect(pruned.points.at(-1)).toMatchObject({ step: 50, testLoss: pruned.latestEval!.testLoss, sparsity: sum(pruned.model.layerZeros) / 96 });
    const snap = lastOf(got, 'snapshot')!;
    expect(snap.step).toBe(50);
    snap.layers.forEach((l, i) => {
      const m = snap.masks[i];
      expect(m).not.toBeNull();
      // The dense weights keep the pruned values (PyTorch weight_orig); the mask is exactly |w| ≥ θ.
      l.kernel.forEach((w, j) => expect(m![j]).toBe(Math.abs(w) >= 0.3 ? 1 : 0));
    });
    expect(snap.neurons).toEqual([null, null]);

    const restored = await hot(host, got, { ...CIRCLE, threshold: 0 });
    expect(restored.latestEval!.testLoss).toBe(dense.testLoss);
    expect(restored.latestEval!.testAccuracy).toBe(dense.testAccuracy);
    expect(restored.model.layerZeros).toEqual([0, 0, 0]);
    expect(lastOf(got, 'snapshot')!.masks).toEqual([null, null, null]);
    expect(train).not.toHaveBeenCalled();
    expect(phases(got).at(-1)).toBe('paused');
  });

  it('coalesces rapid slider moves: only the latest value is applied', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    const from = got.length;
    for (const theta of [0.05, 0.1, 0.15, 0.2, 0.25, 0.4]) host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, threshold: theta } });
    await until(() => all(got, 'snapshot', from).length > 0);
    await new Promise((r) => setTimeout(r, 100));
    const metrics = all(got, 'metrics', from);
    // One change applied: its test figures, then (paused) the pruned network's train loss; no intermediate θ.
    expect(metrics).toHaveLength(2);
    expect(metrics.map((m) => m.model.thresholds)).toEqual([[0.4, 0.4, 0.4], [0.4, 0.4, 0.4]]);
    expect(metrics.map((m) => [m.latestEval !== undefined, m.trainEval !== undefined])).toEqual([[true, false], [false, true]]);
    const snap = lastOf(got, 'snapshot')!;
    const expected = snap.layers.map((l) => l.kernel.filter((w) => Math.abs(w) < 0.4).length);
    expect(metrics[0].model.layerZeros).toEqual(expected);
  });

  it('measures the time from a θ configure to its metrics post (circle, paused)', async () => {
    const { host, got, at } = setup();
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 50, 50);
    const times: number[] = [];
    for (const theta of [0.1, 0.2, 0.3, 0.4, 0.5, 0.25, 0.15, 0.05, 0.35, 0.45, 0]) {
      const from = got.length;
      const t0 = performance.now();
      host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, threshold: theta } });
      await until(() => all(got, 'metrics', from).some((m) => m.latestEval !== undefined) && all(got, 'snapshot', from).length > 0);
      const i = got.findIndex((m, k) => k >= from && m.type === 'metrics');
      times.push(at[i] - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`θ configure → metrics post (circle 8,8, cpu, Node): median ${sorted[sorted.length >> 1].toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms over ${times.length}`);
    expect(sorted[sorted.length >> 1]).toBeLessThan(100);
  });

  it('sparsity never drops over 200 fine-tuning steps with a mask', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 20, 20);
    const masked = await hot(host, got, { ...CIRCLE, pmode: 'sparsity', sparsity: 0.5 });
    const expected = TOTALS.map((n) => n - keepCount(n, 0.5));
    expect(masked.model.layerZeros).toEqual(expected);
    expect(masked.model.fineTuneSteps).toBe(0);
    const from = got.length;
    host.handle({ type: 'play', runId: 1 });
    await until(() => (lastOf(got, 'metrics')?.step ?? 0) >= 220);
    host.handle({ type: 'pause', runId: 1 });
    await until(() => phases(got).at(-1) === 'paused');
    const metrics = all(got, 'metrics', from);
    let prev = sum(expected);
    for (const m of metrics) {
      expect(sum(m.model.layerZeros)).toBeGreaterThanOrEqual(prev);
      prev = sum(m.model.layerZeros);
      for (const p of m.points) if (p.sparsity !== undefined) expect(p.sparsity).toBeGreaterThanOrEqual(sum(expected) / 96);
    }
    const last = metrics.at(-1)!;
    expect(last.model.fineTuneSteps).toBe(last.step - 20);
    expect(last.step).toBeGreaterThanOrEqual(220);
    // Every masked entry is still exactly 0 in the network, and the mask did not move.
    const snap = lastOf(got, 'snapshot')!;
    expect(snap.masks.map((m) => m!.filter((v) => v === 0).length)).toEqual(expected);
  });

  it('the schedule prunes exactly at its pruning steps to the polynomial values, cumulatively', async () => {
    const { host, got } = setup();
    const config: ExperimentConfig = { ...CIRCLE, sched: 'poly', s_init: 0.1, s_final: 0.8, s_begin: 10, s_end: 50, s_freq: 10 };
    const sched = scheduleFromConfig(config);
    const zerosAt = (t: number) => TOTALS.map((n) => n - keepCount(n, polynomialSparsity(sched, t)));
    await start(host, got, config);
    expect(lastOf(got, 'metrics')!.model.layerZeros).toEqual([0, 0, 0]);
    const train = vi.spyOn(TrainingSession.prototype, 'trainSteps');

    // One long step command: bursts end at every pruning step.
    await stepTo(host, got, 1, 35, 35);
    const ends = train.mock.calls.map((c) => c[0]).reduce<number[]>((acc, n) => [...acc, (acc.at(-1) ?? 0) + n], []);
    for (const t of [10, 20, 30]) expect(ends).toContain(t);
    const points = got.flatMap((m) => (m.type === 'metrics' ? m.points : []));
    for (const t of [10, 20, 30]) {
      const p = points.filter((q) => q.step === t && q.sparsity !== undefined).at(-1);
      expect(p?.sparsity).toBeCloseTo(sum(zerosAt(t)) / 96, 12);
      expect(p?.layerSparsity?.map((s, i) => Math.round(s * TOTALS[i]))).toEqual(zerosAt(t));
    }
    expect(points.filter((q) => q.step < 10 && (q.sparsity ?? 0) > 0)).toEqual([]);
    expect(lastOf(got, 'metrics')!.model.layerZeros).toEqual(zerosAt(30));
    expect(lastOf(got, 'metrics')!.model.fineTuneSteps).toBe(5);

    // Cumulative: a weight pruned at one step is never kept at a later one.
    let before = lastOf(got, 'snapshot')!.masks;
    for (const t of [40, 50, 60]) {
      await stepTo(host, got, 1, t - lastOf(got, 'metrics')!.step, t);
      const m = lastOf(got, 'metrics')!;
      expect(m.model.layerZeros).toEqual(zerosAt(Math.min(t, 50)));
      const masks = lastOf(got, 'snapshot')!.masks;
      masks.forEach((mask, l) => mask!.forEach((v, j) => expect(v <= before[l]![j]).toBe(true)));
      before = masks;
    }
    expect(lastOf(got, 'metrics')!.model.layerZeros).toEqual(zerosAt(50));
  });

  it('the lottery trains rounds 0…lt_rounds, rewinds survivors, reports rows and pauses when done', async () => {
    const { host, got } = setup();
    const config: ExperimentConfig = { ...CIRCLE, lottery: 'rewind', lt_steps: 20, lt_rounds: 3, lt_rate: 0.2, lt_out: 0.2 };
    await start(host, got, config);
    // The end of round 0: its row, then the survivors rewound to their initial values.
    await stepTo(host, got, 1, 20, 20);
    expect(lastOf(got, 'lottery')).toMatchObject({ done: false, rows: [{ round: 0, mode: 'rewind', remaining: 1, step: 20 }] });
    const init = initialWeights(mlpSpec(datasetInfo('circle'), [8, 8], 'tanh'), CIRCLE.seed);
    const snap = lastOf(got, 'snapshot')!;
    snap.layers.forEach((l, i) => expect(Array.from(l.kernel)).toEqual(Array.from(init[i].kernel)));
    expect(snap.masks.map((m) => m!.filter((v) => v === 0).length)).toEqual(TOTALS.map((n) => Math.round(0.2 * n)));

    host.handle({ type: 'play', runId: 1 });
    await until(() => lastOf(got, 'lottery')?.done === true && phases(got).at(-1) === 'paused');
    const { rows } = lastOf(got, 'lottery')!;
    expect(rows.map((r) => r.round)).toEqual([0, 1, 2, 3]);
    expect(rows.map((r) => r.step)).toEqual([20, 40, 60, 80]);
    rows.forEach((r) => {
      expect(r.remaining).toBeCloseTo(0.8 ** r.round, 1);
      expect(r.testAccuracy).toBeGreaterThan(0);
      expect(r.bestAccuracy).toBeGreaterThanOrEqual(r.testAccuracy);
    });
    const final = lastOf(got, 'metrics')!;
    expect(final.step).toBe(80);
    // Hidden layers keep ≈ (1 − rate)^rounds of their weights.
    for (const l of [0, 1]) expect(1 - final.model.layerZeros[l] / final.model.layerTotals[l]).toBeCloseTo(0.8 ** 3, 1);
    expect(lastOf(got, 'phase')!.message).toMatch(/^Lottery finished/);
    expect(all(got, 'lottery').filter((m) => m.done)).toHaveLength(1);
  });

  it('the random-reinit control re-initialises survivors from seed + 1000·round', async () => {
    const { host, got } = setup();
    await start(host, got, { ...CIRCLE, lottery: 'random', lt_steps: 10, lt_rounds: 1 });
    await stepTo(host, got, 1, 10, 10);
    const init = initialWeights(mlpSpec(datasetInfo('circle'), [8, 8], 'tanh'), CIRCLE.seed + 1000);
    lastOf(got, 'snapshot')!.layers.forEach((l, i) => expect(Array.from(l.kernel)).toEqual(Array.from(init[i].kernel)));
    host.handle({ type: 'play', runId: 1 });
    await until(() => lastOf(got, 'lottery')?.done === true && phases(got).at(-1) === 'paused');
    expect(lastOf(got, 'lottery')!.rows.map((r) => r.mode)).toEqual(['random', 'random']);
  });

  it('sweep returns 16 points at the sparsity levels and leaves the weights alone', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 100, 100);
    const dense = lastOf(got, 'metrics')!.latestEval!;
    const before = lastOf(got, 'snapshot')!;
    const setWeights = vi.spyOn(TrainingSession.prototype, 'setWeights');
    const setMasks = vi.spyOn(TrainingSession.prototype, 'setMasks');
    host.handle({ type: 'sweep', runId: 1 });
    await until(() => got.some((m) => m.type === 'sweep'));
    const sweep = lastOf(got, 'sweep')!;
    expect(sweep.step).toBe(100);
    expect(sweep.scope).toBe('layer');
    expect(sweep.points).toHaveLength(16);
    // Per layer (the default scope) each of the three layers keeps its own max(round(n(1 − s)), 1) weights.
    sweep.points.forEach((p, i) => expect(p.sparsity).toBe(sum(TOTALS.map((n) => n - keepCount(n, SWEEP_LEVELS[i]))) / 96));
    expect(sweep.points[0].testLoss).toBeCloseTo(dense.testLoss, 5);
    expect(sweep.points[0].testAccuracy).toBeCloseTo(dense.testAccuracy, 9);
    expect(sweep.points.at(-1)!.testLoss).not.toBeCloseTo(dense.testLoss, 3);
    expect(setWeights).not.toHaveBeenCalled();
    expect(setMasks).not.toHaveBeenCalled();
    // A pause while paused re-reads and re-posts the weights: unchanged.
    const from = got.length;
    host.handle({ type: 'pause', runId: 1 });
    await until(() => all(got, 'snapshot', from).length > 0);
    const after = lastOf(got, 'snapshot')!;
    after.layers.forEach((l, i) => {
      expect(Array.from(l.kernel)).toEqual(Array.from(before.layers[i].kernel));
      expect(Array.from(l.bias)).toEqual(Array.from(before.layers[i].bias));
    });
    expect(after.masks).toEqual([null, null, null]);
  });

  it('the sweep prunes as the slider does: the same scope, and at the same sparsity the same test figures', async () => {
    for (const scope of ['layer', 'global'] as const) {
      const config: ExperimentConfig = { ...CIRCLE, scope };
      const { host, got } = setup();
      await start(host, got, config);
      await stepTo(host, got, 1, 100, 100);
      host.handle({ type: 'sweep', runId: 1 });
      await until(() => got.some((m) => m.type === 'sweep'));
      const sweep = lastOf(got, 'sweep')!;
      expect(sweep.scope).toBe(scope);
      if (scope === 'global') sweep.points.forEach((p, i) => expect(Math.abs(p.sparsity - SWEEP_LEVELS[i])).toBeLessThanOrEqual(0.5 / 96 + 1e-9));
      for (const level of [0.5, 0.9]) {
        const i = SWEEP_LEVELS.indexOf(level);
        const slider = await hot(host, got, { ...config, pmode: 'sparsity', sparsity: level });
        expect(sum(slider.model.layerZeros) / 96).toBe(sweep.points[i].sparsity);
        expect(slider.latestEval!.testLoss).toBe(sweep.points[i].testLoss);
        expect(slider.latestEval!.testAccuracy).toBe(sweep.points[i].testAccuracy);
      }
    }
  });

  it('compact removes the masked neurons: same test loss, the arithmetic parameter count; a fallback keeps the widths', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    // Nothing masked: before = after, no rebuild.
    host.handle({ type: 'compact', runId: 1 });
    await until(() => got.some((m) => m.type === 'compacted'));
    const noop = lastOf(got, 'compacted')!;
    expect(noop.after).toEqual(noop.before);
    expect(noop.before).toMatchObject({ hidden: [8, 8], params: 114 });

    await stepTo(host, got, 1, 30, 30);
    const masked = await hot(host, got, { ...CIRCLE, keep: 0.5 });
    expect(masked.model.params).toBe(114);
    expect(lastOf(got, 'snapshot')!.neurons.map((m) => m!.filter((v) => v === 1).length)).toEqual([4, 4]);
    // A masked neuron's incoming column and outgoing row are zero in the network.
    expect(masked.model.layerZeros).toEqual([2 * 4, 8 * 8 - 4 * 4, 4 * 2]);

    const from = got.length;
    host.handle({ type: 'compact', runId: 1 });
    await until(() => all(got, 'compacted', from).length > 0 && all(got, 'metrics', from).some((m) => m.latestEval !== undefined) && all(got, 'snapshot', from).length > 0);
    const { before, after, step } = lastOf(got, 'compacted')!;
    expect(step).toBe(30);
    expect(before).toMatchObject({ hidden: [8, 8], params: 114, flops: 2 * (16 + 64 + 16), bytes: 456 });
    expect(after).toMatchObject({ hidden: [4, 4], params: 2 * 4 + 4 + 4 * 4 + 4 + 4 * 2 + 2, flops: 2 * (8 + 16 + 8), bytes: 42 * 4 });
    expect(after.inferenceRows).toBe(1000);
    expect(after.inferenceMs).toBeGreaterThan(0);
    const m = all(got, 'metrics', from).find((x) => x.latestEval !== undefined)!;
    expect(Math.abs(m.latestEval!.testLoss - masked.latestEval!.testLoss)).toBeLessThan(1e-5);
    expect(m.model).toMatchObject({ compacted: true, params: 42, hidden: [4, 4], layerTotals: [8, 16, 8], layerZeros: [0, 0, 0] });
    const snap = lastOf(got, 'snapshot')!;
    expect(snap.layers.map((l) => [l.inDim, l.outDim])).toEqual([[2, 4], [4, 4], [4, 2]]);
    expect(snap.neurons).toEqual([null, null]);

    // keep has no effect after compaction.
    const n = got.length;
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, keep: 0.25 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(all(got, 'snapshot', n)).toHaveLength(0);

    // Training goes on; a backend dying resumes the compacted widths.
    await stepTo(host, got, 1, 5, 35);
    vi.spyOn(TrainingSession.prototype, 'trainSteps').mockRejectedValueOnce(new Error('context lost'));
    host.handle({ type: 'step', runId: 1, steps: 3 });
    await until(() => got.some((x) => x.type === 'backend' && x.fallbackFrom === 'cpu'));
    await until(() => lastOf(got, 'metrics')?.step === 38 && phases(got).at(-1) === 'paused');
    expect(lastOf(got, 'snapshot')!.layers.map((l) => [l.inDim, l.outDim])).toEqual([[2, 4], [4, 4], [4, 2]]);
    expect(lastOf(got, 'metrics')!.model).toMatchObject({ compacted: true, params: 42 });
    await activateBackend('cpu');
  });

  it('a rebuild stops the old run’s pruning work: nothing of it follows', async () => {
    const { host, got } = setup();
    await start(host, got, { ...CIRCLE, sched: 'poly', s_begin: 0, s_end: 100000, s_freq: 1 });
    host.handle({ type: 'play', runId: 1 });
    await until(() => (lastOf(got, 'metrics')?.step ?? 0) >= 20);
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, sched: 'poly', s_begin: 0, s_end: 100000, s_freq: 1, s_final: 0.5 } });
    host.handle({ type: 'sweep', runId: 1 });
    const cut = got.length;
    host.handle({ type: 'configure', runId: 2, config: { ...CIRCLE, seed: 7 } });
    await until(() => got.some((m) => m.runId === 2 && m.type === 'metrics' && m.step >= 20));
    expect(got.slice(cut).every((m) => m.runId === 2)).toBe(true);
    const first = got.slice(cut).find((m) => m.type === 'metrics')!;
    expect(first.type === 'metrics' && first.model.layerZeros).toEqual([0, 0, 0]);
    host.handle({ type: 'pause', runId: 2 });
    await until(() => phases(got).at(-1) === 'paused');
  });
});

describe('TrainingHost pruning rules', () => {
  it('a dense run never installs masks (no per-step cost)', async () => {
    const { host, got } = setup();
    const setMasks = vi.spyOn(TrainingSession.prototype, 'setMasks');
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 40, 40);
    expect(setMasks).not.toHaveBeenCalled();
    expect(lastOf(got, 'metrics')!.model).toMatchObject({ layerZeros: [0, 0, 0], thresholds: [0, 0, 0], fineTuneSteps: 0, compacted: false });
  });

  it('std mode masks |w| < q·std(W_ℓ) per layer and reports those thresholds', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 30, 30);
    const dense = lastOf(got, 'snapshot')!.layers;
    const m = await hot(host, got, { ...CIRCLE, pmode: 'std', q: 0.5 });
    const std = (w: Float32Array) => {
      const mean = w.reduce((a, b) => a + b, 0) / w.length;
      return Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
    };
    dense.forEach((l, i) => expect(m.model.thresholds[i]).toBeCloseTo(0.5 * std(l.kernel), 6));
    expect(m.model.layerZeros).toEqual(dense.map((l, i) => l.kernel.filter((w) => Math.abs(w) < m.model.thresholds[i]).length));
  });

  it.each(['activation', 'taylor', 'l2', 'random'] as const)('keep 0.5 by %s importance masks half the neurons; keep 1 restores the dense loss', async (importance) => {
    const { host, got } = setup();
    await start(host, got, { ...CIRCLE, importance });
    await stepTo(host, got, 1, 30, 30);
    const dense = lastOf(got, 'metrics')!.latestEval!;
    const m = await hot(host, got, { ...CIRCLE, importance, keep: 0.5 });
    expect(m.model.layerZeros).toEqual([2 * 4, 8 * 8 - 4 * 4, 4 * 2]);
    expect(lastOf(got, 'snapshot')!.neurons.map((n) => n!.filter((v) => v === 1).length)).toEqual([4, 4]);
    const back = await hot(host, got, { ...CIRCLE, importance, keep: 1 });
    expect(back.latestEval!.testLoss).toBe(dense.testLoss);
    expect(back.model.layerZeros).toEqual([0, 0, 0]);
  });

  it('a θ change while training applies between bursts (latency logged)', async () => {
    const { host, got, at } = setup();
    await start(host, got, CIRCLE);
    host.handle({ type: 'play', runId: 1 });
    await until(() => (lastOf(got, 'metrics')?.step ?? 0) >= 50);
    const from = got.length;
    const t0 = performance.now();
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, threshold: 0.3 } });
    await until(() => all(got, 'metrics', from).some((m) => m.latestEval !== undefined && sum(m.model.layerZeros) > 0));
    const i = got.findIndex((m, k) => k >= from && m.type === 'metrics' && sum(m.model.layerZeros) > 0);
    console.log(`θ configure → metrics post while training (circle 8,8, cpu, Node): ${(at[i] - t0).toFixed(2)} ms`);
    const zeros = sum((got[i] as Msg<'metrics'>).model.layerZeros);
    await until(() => (lastOf(got, 'metrics')?.step ?? 0) >= (got[i] as Msg<'metrics'>).step + 100);
    host.handle({ type: 'pause', runId: 1 });
    await until(() => phases(got).at(-1) === 'paused');
    expect(sum(lastOf(got, 'metrics')!.model.layerZeros)).toBeGreaterThanOrEqual(zeros);
    expect(lastOf(got, 'metrics')!.model.fineTuneSteps).toBeGreaterThanOrEqual(100);
  });
});

describe('TrainingHost pruning resources', () => {
  it('masks, importance, sweep, compaction and lottery rounds leak no tensor once the run is replaced', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 10, 10);
    const base = tf.memory().numTensors;
    await start(host, got, { ...CIRCLE, lottery: 'rewind', lt_steps: 10, lt_rounds: 2 }, 2);
    host.handle({ type: 'play', runId: 2 });
    await until(() => lastOf(got, 'lottery')?.done === true && phases(got).at(-1) === 'paused');
    await start(host, got, CIRCLE, 3);
    await stepTo(host, got, 3, 10, 10);
    await hot(host, got, { ...CIRCLE, threshold: 0.2, keep: 0.5, importance: 'taylor' }, 3);
    host.handle({ type: 'sweep', runId: 3 });
    host.handle({ type: 'compact', runId: 3 });
    await until(() => got.some((m) => m.runId === 3 && m.type === 'compacted') && got.some((m) => m.runId === 3 && m.type === 'sweep'));
    await stepTo(host, got, 3, 10, 20);
    await start(host, got, CIRCLE, 4);
    await stepTo(host, got, 4, 10, 10);
    expect(tf.memory().numTensors).toBe(base);
  });
});
