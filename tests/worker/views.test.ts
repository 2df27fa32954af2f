import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { datasetInfo, makeDataset } from '../../src/engine/data';
import { mlpSpec } from '../../src/engine/model/spec';
import { TrainingSession } from '../../src/engine/train/session';
import type { Activation, Dataset, LayerWeights } from '../../src/engine/types';
import type { ExperimentConfig } from '../../src/protocol/config';
import { BOUNDARY_GRID, type FromWorker } from '../../src/protocol/messages';
import { defaultConfig } from '../../src/state/urlCodec';
import { TrainingHost } from '../../src/worker/host';
import { MAX_MISCLASSIFIED, ViewMaker, boundaryExtent, confusionOf, gridInputs } from '../../src/worker/views';
import { type Msg, all, mnistAsset, setup, until } from './harness';


const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu' };
const lastOf = <T extends FromWorker['type']>(got: FromWorker[], type: T) => all(got, type).at(-1);
const views = (got: FromWorker[], from = 0) => all(got, 'view', from);
const datasetOf = (c: ExperimentConfig): Dataset => makeDataset({ name: c.dataset, noisePercent: c.noise, trainPercent: c.split, seed: c.seed });

async function start(host: TrainingHost, got: FromWorker[], config: ExperimentConfig, runId = 1): Promise<void> {
  host.handle({ type: 'configure', runId, config });
  await until(() => got.some((m) => m.runId === runId && m.type === 'phase' && m.phase === 'paused'));
}
async function stepTo(host: TrainingHost, got: FromWorker[], runId: number, n: number, step: number): Promise<void> {
  const from = got.length;
  host.handle({ type: 'step', runId, steps: n });
  await until(() => all(got, 'phase', from).some((m) => m.phase === 'paused') && lastOf(got, 'metrics')?.step === step);
}

const act = (a: Activation, z: number): number => (a === 'relu' ? Math.max(0, z) : a === 'tanh' ? Math.tanh(z) : a === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : z);
/** Plain-JS forward of one row: every layer's output (hidden post-activation, then the raw output). */
function jsForward(w: LayerWeights[], x: ArrayLike<number>, a: Activation): number[][] {
  const outs: number[][] = [];
  let h = Array.from(x);
  w.forEach((l, i) => {
    const z: number[] = [];
    for (let j = 0; j < l.outDim; j++) {
      let s = l.bias[j];
      for (let k = 0; k < l.inDim; k++) s += h[k] * l.kernel[k * l.outDim + j];
      z.push(i < w.length - 1 ? act(a, s) : s);
    }
    outs.push(z);
    h = z;
  });
  return outs;
}
const p1 = (logits: number[]): number => 1 / (1 + Math.exp(logits[0] - logits[1]));
/** The effective weights of a snapshot (kernel ⊙ mask). */
const effective = (s: Msg<'snapshot'>): LayerWeights[] =>
  s.layers.map((l, i) => ({ ...l, kernel: s.masks[i] ? l.kernel.map((v, k) => (s.masks[i]![k] ? v : 0)) : l.kernel }));

beforeAll(async () => {
  await activateBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('view helpers', () => {
  it('grid: cell centres over [−e, e]², row 0 at the top, column 0 at the left', () => {
    const g = gridInputs(4, 2);
    expect(g.length).toBe(32);
    expect([g[0], g[1]]).toEqual([-1.5, 1.5]); // row 0, col 0
    expect([g[2 * 3], g[2 * 3 + 1]]).toEqual([1.5, 1.5]); // row 0, col 3
    expect([g[2 * 12], g[2 * 12 + 1]]).toEqual([-1.5, -1.5]); // row 3, col 0
  });

  it('extent: max |coordinate| over train and test × 1.1', () => {
    const d = makeDataset({ name: 'spiral', noisePercent: 20, trainPercent: 50, seed: 5 });
    const m = Math.max(...Array.from(d.xTrain, Math.abs), ...Array.from(d.xTest, Math.abs));
    expect(boundaryExtent(d)).toBeCloseTo(m * 1.1, 6);
  });

  it('confusion: counts[true·C + predicted], the first 24 wrong in test order, pixels only for mnist', () => {
    const n = 60;
    const info = datasetInfo('mnist');
    const xTest = Float32Array.from({ length: n * 784 }, (_, i) => ((i * 37) % 256) / 255);
    const yTest = Float32Array.from({ length: n }, (_, i) => i % 10);
    const d: Dataset = { info, xTrain: new Float32Array(0), yTrain: new Float32Array(0), xTest, yTest, nTrain: 0, nTest: n };
    const predicted = Float32Array.from(yTest, (y, i) => (i % 3 === 0 ? (y + 1) % 10 : y));
    const c = confusionOf(d, predicted);
    expect(c.classes).toBe(10);
    expect(c.counts.reduce((a, b) => a + b, 0)).toBe(n);
    let trace = 0;
    for (let k = 0; k < 10; k++) trace += c.counts[k * 11];
    expect(trace).toBe(40);
    expect(c.counts[0 * 10 + 1]).toBe(2); // i = 0, 30: true 0 → 1
    expect(c.misclassified.length).toBe(Math.min(MAX_MISCLASSIFIED, 20));
    expect(c.misclassified.map((m) => m.index)).toEqual(Array.from({ length: 20 }, (_, k) => 3 * k));
    const m3 = c.misclassified[1];
    expect(m3).toMatchObject({ index: 3, label: 3, predicted: 4 });
    expect(Array.from(m3.pixels!)).toEqual(Array.from(xTest.subarray(3 * 784, 4 * 784), (v) => Math.round(v * 255)));
    expect(new ViewMaker(d).points(1)).toBeNull();

    const toy = makeDataset({ name: 'circle', noisePercent: 0, trainPercent: 50, seed: 1 });
    const wrong = Float32Array.from(toy.yTest, (y) => 1 - y);
    const t = confusionOf(toy, wrong);
    expect(t.misclassified.length).toBe(MAX_MISCLASSIFIED);
    expect(t.misclassified.every((m) => m.pixels === undefined)).toBe(true);
  });

  it('boundary: 50² cells over the data square, P(class 1) equal to session.predict at the cell centres, watched neuron as a JS forward', async () => {
    const d = makeDataset({ name: 'circle', noisePercent: 10, trainPercent: 50, seed: 2 });
    const spec = mlpSpec(d.info, [6, 4], 'tanh');
    const s = new TrainingSession(d, spec, { optimizer: 'adam', learningRate: 0.03, batchSize: 10, seed: 1 });
    await s.trainSteps(40);
    const vm = new ViewMaker(d);
    const before = tf.memory().numTensors;
    const b = (await vm.boundary(s, { layer: 1, unit: 2 }))!;
    expect(tf.memory().numTensors).toBe(before);
    const e = boundaryExtent(d);
    expect(b).toMatchObject({ size: BOUNDARY_GRID, xMin: -e, xMax: e, yMin: -e, yMax: e });
    expect(b.values.length).toBe(BOUNDARY_GRID ** 2);
    expect(b.values.every((v) => v >= 0 && v <= 1)).toBe(true);
    const cell = (2 * e) / BOUNDARY_GRID;
    const w = s.getWeights();
    for (const [r, c] of [[0, 0], [0, 49], [49, 0], [25, 17], [12, 40]]) {
      const x = new Float32Array([-e + (c + 0.5) * cell, e - (r + 0.5) * cell]);
      expect(b.values[r * BOUNDARY_GRID + c]).toBeCloseTo(s.predict(x, 1)[1], 5);
    }
    const grid = gridInputs(BOUNDARY_GRID, e);
    expect(b.neuron).toMatchObject({ layer: 1, unit: 2 });
    for (let k = 0; k < BOUNDARY_GRID ** 2; k += 7) expect(b.neuron!.values[k]).toBeCloseTo(jsForward(w, grid.subarray(2 * k, 2 * k + 2), 'tanh')[1][2], 5);
    // Out of range: ignored (no map), the boundary still comes.
    for (const bad of [{ layer: 2, unit: 0 }, { layer: 0, unit: 6 }, { layer: -1, unit: 0 }]) {
      const o = (await vm.boundary(s, bad))!;
      expect(o.neuron).toBeUndefined();
      expect(o.values).toEqual(b.values);
    }
    s.dispose();
  });

  it('boundary for plane is the prediction; none for friedman', async () => {
    const d = makeDataset({ name: 'plane', noisePercent: 0, trainPercent: 50, seed: 2 });
    const s = new TrainingSession(d, mlpSpec(d.info, [4], 'relu'), { optimizer: 'adam', learningRate: 0.03, batchSize: 10, seed: 1 });
    await s.trainSteps(10);
    const b = (await new ViewMaker(d).boundary(s, null))!;
    const e = boundaryExtent(d);
    const x = new Float32Array([-e + 3.5 * ((2 * e) / BOUNDARY_GRID), e - 10.5 * ((2 * e) / BOUNDARY_GRID)]);
    expect(b.values[10 * BOUNDARY_GRID + 3]).toBeCloseTo(s.predict(x, 1)[0], 5);
    s.dispose();
    const f = makeDataset({ name: 'friedman', noisePercent: 0, trainPercent: 50, seed: 2 });
    const sf = new TrainingSession(f, mlpSpec(f.info, [4], 'relu'), { optimizer: 'adam', learningRate: 0.03, batchSize: 10, seed: 1 });
    expect(await new ViewMaker(f).boundary(sf, null)).toBeNull();
    expect(new ViewMaker(f).points(1)).toBeNull();
    sf.dispose();
  });
});

describe('TrainingHost views', () => {
  it('circle: points once per build (copies, transferred), a boundary with every snapshot, confusion at every evaluation', async () => {
    const { host, got, transfers } = setup();
    await start(host, got, CIRCLE);
    const d = datasetOf(CIRCLE);
    const pts = all(got, 'points');
    expect(pts.length).toBe(1);
    expect(pts[0]).toMatchObject({ runId: 1, xTrain: d.xTrain, yTrain: d.yTrain, xTest: d.xTest, yTest: d.yTest });
    expect(transfers[got.indexOf(pts[0])].length).toBe(4);
    // The boundary of the built network, at step 0.
    const first = views(got).find((v) => v.view.boundary)!;
    expect(first.step).toBe(0);
    const e = boundaryExtent(d);
    expect(first.view.boundary).toMatchObject({ size: BOUNDARY_GRID, xMin: -e, xMax: e, yMin: -e, yMax: e });

    await stepTo(host, got, 1, 30, 30);
    await stepTo(host, got, 1, 20, 50);
    expect(all(got, 'points').length).toBe(1);
    // Every snapshot is followed by a boundary at its step.
    for (const snap of all(got, 'snapshot')) {
      const i = got.indexOf(snap);
      const next = got.slice(i + 1).find((m) => m.type === 'view' && m.view.boundary) as Msg<'view'> | undefined;
      expect(next?.step).toBe(snap.step);
    }
    // The latest boundary is the snapshot's network.
    const snap = lastOf(got, 'snapshot')!;
    const b = views(got).filter((v) => v.view.boundary).at(-1)!.view.boundary!;
    const grid = gridInputs(BOUNDARY_GRID, e);
    const w = effective(snap);
    for (let k = 0; k < BOUNDARY_GRID ** 2; k += 13) expect(b.values[k]).toBeCloseTo(p1(jsForward(w, grid.subarray(2 * k, 2 * k + 2), CIRCLE.act)[2]), 5);
    // Confusion at the evaluation of step 50, matching its accuracy.
    const evalAt50 = all(got, 'metrics').find((m) => m.latestEval?.step === 50)!.latestEval!;
    const conf = views(got).filter((v) => v.view.confusion && v.step === 50).at(-1)!.view.confusion!;
    expect(conf.classes).toBe(2);
    expect(conf.counts.reduce((a, c) => a + c, 0)).toBe(d.nTest);
    expect((conf.counts[0] + conf.counts[3]) / d.nTest).toBeCloseTo(evalAt50.testAccuracy, 6);
    expect(conf.misclassified.length).toBe(Math.min(MAX_MISCLASSIFIED, conf.counts[1] + conf.counts[2]));
    for (const m of conf.misclassified) expect(d.yTest[m.index]).toBe(m.label);
    expect(views(got).every((v) => v.view.regression === undefined)).toBe(true);

    // A new run: points again, under the new runId.
    const cut = got.length;
    host.handle({ type: 'reset', runId: 2 });
    await until(() => all(got, 'phase', cut).some((m) => m.phase === 'paused'));
    expect(all(got, 'points', cut).map((m) => m.runId)).toEqual([2]);
  });

  it('watchNeuron: the map comes at once while paused, equals a JS forward, stale or out of range ignored, a new run clears it', async () => {
    const { host, got } = setup();
    const config = { ...CIRCLE, dataset: 'xor' as const, layers: [5, 3], act: 'tanh' as const };
    await start(host, got, config);
    await stepTo(host, got, 1, 25, 25);
    let from = got.length;
    host.handle({ type: 'watchNeuron', runId: 1, neuron: { layer: 1, unit: 2 } });
    await until(() => views(got, from).some((v) => v.view.boundary?.neuron));
    const b = views(got, from).find((v) => v.view.boundary)!.view.boundary!;
    expect(b.neuron).toMatchObject({ layer: 1, unit: 2 });
    const w = effective(lastOf(got, 'snapshot')!);
    const grid = gridInputs(BOUNDARY_GRID, b.xMax);
    for (let k = 0; k < BOUNDARY_GRID ** 2; k += 11) expect(b.neuron!.values[k]).toBeCloseTo(jsForward(w, grid.subarray(2 * k, 2 * k + 2), 'tanh')[1][2], 5);

    // It rides on later snapshots too.
    from = got.length;
    await stepTo(host, got, 1, 5, 30);
    await until(() => views(got, from).some((v) => v.step === 30 && v.view.boundary));
    expect(views(got, from).filter((v) => v.view.boundary).at(-1)!.view.boundary!.neuron).toMatchObject({ layer: 1, unit: 2 });

    // A stale runId is ignored.
    from = got.length;
    host.handle({ type: 'watchNeuron', runId: 0, neuron: { layer: 0, unit: 0 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(got.length).toBe(from);

    // Out of range: the boundary comes without a map.
    host.handle({ type: 'watchNeuron', runId: 1, neuron: { layer: 4, unit: 0 } });
    await until(() => views(got, from).length > 0);
    expect(views(got, from)[0].view.boundary!.neuron).toBeUndefined();

    // null stops it; then a new run starts unwatched.
    host.handle({ type: 'watchNeuron', runId: 1, neuron: { layer: 0, unit: 1 } });
    await until(() => views(got, from).some((v) => v.view.boundary?.neuron?.layer === 0));
    from = got.length;
    host.handle({ type: 'reset', runId: 2 });
    await until(() => all(got, 'phase', from).some((m) => m.phase === 'paused'));
    const fresh = views(got, from).filter((v) => v.view.boundary);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((v) => v.runId === 2 && v.view.boundary!.neuron === undefined)).toBe(true);
  });

  it('friedman: no points, no boundary; a regression scatter (nTest long, MSE = test loss) at every evaluation', async () => {
    const { host, got } = setup();
    const config = { ...CIRCLE, dataset: 'friedman' as const, act: 'relu' as const };
    await start(host, got, config);
    await stepTo(host, got, 1, 40, 40);
    expect(all(got, 'points').length).toBe(0);
    const d = datasetOf(config);
    const vs = views(got);
    expect(vs.every((v) => v.view.boundary === undefined && v.view.confusion === undefined)).toBe(true);
    const last = vs.filter((v) => v.step === 40).at(-1)!.view.regression!;
    expect(last.predicted.length).toBe(d.nTest);
    expect(last.actual).toEqual(d.yTest);
    const ev = all(got, 'metrics').find((m) => m.latestEval?.step === 40)!.latestEval!;
    const mse = last.predicted.reduce((s, p, i) => s + (p - last.actual[i]) ** 2, 0) / d.nTest;
    expect(mse).toBeCloseTo(ev.testLoss, 4);
  });

  it('mnist: no points or boundary; a 10-class confusion matrix with the misclassified digits’ pixels', async () => {
    const asset = mnistAsset();
    vi.stubGlobal('fetch', async () => new Response(asset.slice(0)));
    const { host, got } = setup();
    const config = { ...CIRCLE, dataset: 'mnist' as const, layers: [16], act: 'relu' as const, batch: 32 };
    await start(host, got, config);
    await stepTo(host, got, 1, 5, 5);
    expect(all(got, 'points').length).toBe(0);
    expect(views(got).every((v) => v.view.boundary === undefined)).toBe(true);
    // Paused, the quick figures (a subset of the 2,000 digits) come first; the whole set's evaluation, with the confusion matrix, after.
    await until(() => all(got, 'metrics').some((m) => m.latestEval?.step === 5 && m.latestEval.rows === 2000));
    const conf = views(got).filter((v) => v.view.confusion && v.step === 5).at(-1)!.view.confusion!;
    const ev = all(got, 'metrics').find((m) => m.latestEval?.step === 5 && m.latestEval.rows === 2000)!.latestEval!;
    expect(ev.total).toBe(2000);
    expect(conf.classes).toBe(10);
    expect(conf.counts.length).toBe(100);
    expect(conf.counts.reduce((a, c) => a + c, 0)).toBe(2000);
    let trace = 0;
    for (let k = 0; k < 10; k++) trace += conf.counts[k * 11];
    expect(trace / 2000).toBeCloseTo(ev.testAccuracy, 6);
    expect(conf.misclassified.length).toBe(Math.min(MAX_MISCLASSIFIED, 2000 - trace));
    expect(conf.misclassified.length).toBeGreaterThan(0);
    const { parseMnistAsset } = await import('../../src/engine/data');
    const d = makeDataset({ name: 'mnist', noisePercent: 0, trainPercent: 50, seed: config.seed }, parseMnistAsset(asset));
    for (const m of conf.misclassified) {
      expect(m.label).toBe(d.yTest[m.index]);
      expect(m.predicted).not.toBe(m.label);
      expect(Array.from(m.pixels!)).toEqual(Array.from(d.xTest.subarray(m.index * 784, (m.index + 1) * 784), (v) => Math.round(v * 255)));
    }
  });

  it('leaks no tensor: boundaries, watched maps and evaluations with predictions', async () => {
    const { host, got } = setup();
    await start(host, got, CIRCLE);
    await stepTo(host, got, 1, 10, 10);
    const base = tf.memory().numTensors;
    for (let k = 0; k < 4; k++) {
      const from = got.length;
      host.handle({ type: 'watchNeuron', runId: 1, neuron: k % 2 ? null : { layer: 0, unit: k } });
      await until(() => views(got, from).length > 0);
      await stepTo(host, got, 1, 10, 20 + 10 * k);
    }
    expect(tf.memory().numTensors).toBe(base);
  });
});
