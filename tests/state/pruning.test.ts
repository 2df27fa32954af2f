import { describe, expect, it } from 'vitest';
import type { FromWorker, LotteryRow, MeasuredCost, MetricPoint, ModelStats, ToWorker } from '../../src/protocol/messages';
import { carryLotteryHistory, freshPruning, nonzeroOf, sparsityOf } from '../../src/state/pruning';
import { freshRegularisation } from '../../src/state/regularisation';
import { applyWorkerMessage, freshRun } from '../../src/state/run';
import { appendPoints, emptySeries } from '../../src/state/series';
import { createAppStore } from '../../src/state/store';
import { MAX_STEP, defaultConfig } from '../../src/state/urlCodec';

function setup() {
  const store = createAppStore();
  const sent: ToWorker[] = [];
  store.onCommand((m) => sent.push(m));
  return { store, sent, s: () => store.getState() };
}

/** LeNet-300-100 at 90 % sparsity in its first layer. */
const MODEL: ModelStats = {
  hidden: [300, 100],
  params: 266_610,
  flops: 532_400,
  bytes: 1_066_440,
  layerTotals: [235_200, 30_000, 1_000],
  layerZeros: [211_680, 0, 0],
  compacted: false,
  thresholds: [0.05, 0, 0],
  fineTuneSteps: 0,
};

const metrics = (runId: number, step: number, extra: Partial<Extract<FromWorker, { type: 'metrics' }>> = {}): FromWorker => ({
  type: 'metrics',
  runId,
  points: [{ step, trainLoss: 0.5 }],
  step,
  epoch: 0,
  stepsPerSecond: 0,
  model: MODEL,
  ...extra,
});

const cost = (hidden: number[], params: number, inferenceMs: number): MeasuredCost => ({ hidden, params, flops: 2 * params, bytes: 4 * params, inferenceMs, inferenceRows: 1000 });

const rows = (mode: 'rewind' | 'random', n: number): LotteryRow[] =>
  Array.from({ length: n }, (_, round) => ({ round, mode, remaining: 0.8 ** round, testAccuracy: 0.9, testLoss: 0.3, bestAccuracy: 0.92, step: 500 * (round + 1) }));

describe('pruning reducer', () => {
  const base = () => ({ run: freshRun(2, false), series: emptySeries(), pruning: freshPruning(), regularisation: freshRegularisation() });

  it('takes the model stats from every metrics message', () => {
    const next = applyWorkerMessage(base(), metrics(2, 10));
    expect(next?.pruning.model).toBe(MODEL);
    expect(sparsityOf(MODEL)).toBeCloseTo(211_680 / 266_200, 12);
    expect(nonzeroOf(MODEL)).toBe(266_200 - 211_680);
    expect(sparsityOf(null)).toBeNull();
    expect(nonzeroOf(null)).toBeNull();
  });

  it('latestEval updates the header test figures without a new point (θ moved while paused)', () => {
    let st = applyWorkerMessage(base(), metrics(2, 10, { points: [{ step: 10, trainLoss: 0.5, testLoss: 0.4, testAccuracy: 0.9 }] }))!;
    st = applyWorkerMessage(st, metrics(2, 10, { points: [], latestEval: { step: 10, testLoss: 1.7, testAccuracy: 0.42, rows: 500, total: 2000 } }))!;
    expect(st.run).toMatchObject({ step: 10, testLoss: 1.7, testAccuracy: 0.42, testStep: 10, testRows: 500, testTotal: 2000 });
    expect(st.series.points).toHaveLength(1);
    // Regression: accuracy NaN reads as "none".
    st = applyWorkerMessage(st, metrics(2, 10, { points: [], latestEval: { step: 10, testLoss: 0.2, testAccuracy: Number.NaN, rows: 250, total: 250 } }))!;
    expect(st.run).toMatchObject({ testLoss: 0.2, testAccuracy: null });
  });

  it('stores the sweep, compaction and lottery answers; drops stale ones', () => {
    const pts = [{ sparsity: 0, testLoss: 0.1, testAccuracy: 0.98 }];
    let st = { ...base(), pruning: { ...freshPruning(), sweeping: true, compacting: true } };
    expect(applyWorkerMessage(st, { type: 'sweep', runId: 1, step: 5, scope: 'layer', points: pts })).toBeNull();
    st = applyWorkerMessage(st, { type: 'sweep', runId: 2, step: 5, scope: 'layer', points: pts })!;
    expect(st.pruning).toMatchObject({ sweep: { step: 5, scope: 'layer', points: pts }, sweeping: false, compacting: true });
    const before = cost([300, 100], 266_610, 4);
    const after = cost([150, 50], 125_260, 2);
    st = applyWorkerMessage(st, { type: 'compacted', runId: 2, step: 5, before, after })!;
    expect(st.pruning).toMatchObject({ compaction: { step: 5, before, after }, compacting: false });
    st = applyWorkerMessage(st, { type: 'lottery', runId: 2, rows: rows('rewind', 2), done: false })!;
    expect(st.pruning.lottery).toEqual({ rows: rows('rewind', 2), done: false });
  });

  it('the last lottery round stops play (the worker has paused)', () => {
    let st = { ...base(), run: { ...base().run, playing: true } };
    st = applyWorkerMessage(st, { type: 'lottery', runId: 2, rows: rows('rewind', 2), done: false })!;
    expect(st.run.playing).toBe(true);
    st = applyWorkerMessage(st, { type: 'lottery', runId: 2, rows: rows('rewind', 3), done: true })!;
    expect(st.run.playing).toBe(false);
  });

  it('a backend fallback ends a pending sweep or compaction (the rebuilt worker will not answer them)', () => {
    const st = { ...base(), pruning: { ...freshPruning(), sweeping: true, compacting: true } };
    const same = applyWorkerMessage(st, { type: 'backend', runId: 2, backend: 'wasm' })!;
    expect(same.pruning).toMatchObject({ sweeping: true, compacting: true });
    const fell = applyWorkerMessage(st, { type: 'backend', runId: 2, backend: 'cpu', fallbackFrom: 'wasm', reason: 'lost' })!;
    expect(fell.pruning).toMatchObject({ sweeping: false, compacting: false });
  });

  it('an error ends a pending sweep or compaction', () => {
    const st = applyWorkerMessage({ ...base(), pruning: { ...freshPruning(), sweeping: true, compacting: true } }, { type: 'error', runId: 2, message: 'nothing to compact' })!;
    expect(st.pruning).toMatchObject({ sweeping: false, compacting: false });
  });
});

describe('series with sparsity', () => {
  it('keeps the latest sparsity in a bucket', () => {
    const pts: MetricPoint[] = [
      { step: 1, trainLoss: 1, sparsity: 0.5, layerSparsity: [0.5, 0.5] },
      { step: 2, trainLoss: 3 },
      { step: 3, trainLoss: 5, sparsity: 0.7, layerSparsity: [0.6, 0.8] },
      { step: 4, trainLoss: 7 },
    ];
    const series = appendPoints(emptySeries(), pts, 2);
    // Cap 2: buckets of two steps; step 2 keeps step 1's sparsity, step 4 step 3's.
    expect(series.points).toEqual([
      { step: 2, trainLoss: 2, sparsity: 0.5, layerSparsity: [0.5, 0.5] },
      { step: 4, trainLoss: 6, sparsity: 0.7, layerSparsity: [0.6, 0.8] },
    ]);
  });

  it('a point re-sent at the last step refreshes its test figures and sparsity, keeping the train loss', () => {
    let series = appendPoints(emptySeries(), [
      { step: 1, trainLoss: 1 },
      { step: 2, trainLoss: 2, testLoss: 0.3, testAccuracy: 0.9, sparsity: 0 },
    ]);
    series = appendPoints(series, [{ step: 2, trainLoss: Number.NaN, testLoss: 0.8, testAccuracy: 0.6, sparsity: 0.9, layerSparsity: [0.9] }]);
    expect(series.points).toEqual([
      { step: 1, trainLoss: 1 },
      { step: 2, trainLoss: 2, testLoss: 0.8, testAccuracy: 0.6, sparsity: 0.9, layerSparsity: [0.9] },
    ]);
  });
});

describe('pruning actions', () => {
  it('sweep() asks the worker and marks the sweep pending until it answers', () => {
    const { sent, s } = setup();
    s().sweep();
    expect(sent).toEqual([{ type: 'sweep', runId: 1 }]);
    expect(s().pruning.sweeping).toBe(true);
    s().receive({ type: 'sweep', runId: 1, step: 0, scope: 'global', points: [] });
    expect(s().pruning).toMatchObject({ sweeping: false, sweep: { step: 0, points: [] } });
  });

  it('compact() asks once while pending; the answer is kept until a new run', () => {
    const { sent, s } = setup();
    s().compact();
    s().compact();
    expect(sent).toEqual([{ type: 'compact', runId: 1 }]);
    expect(s().pruning.compacting).toBe(true);
    const before = cost([8, 8], 114, 0.2);
    s().receive({ type: 'compacted', runId: 1, step: 3, before, after: before });
    expect(s().pruning).toMatchObject({ compacting: false, compaction: { step: 3 } });
    s().reset();
    expect(s().pruning).toEqual(freshPruning());
  });

  it('startSchedule() starts the schedule at the current step with the configured length (hot)', () => {
    const { sent, s } = setup();
    s().setConfig('s_begin', 100);
    s().setConfig('s_end', 400);
    s().receive(metrics(1, 250));
    sent.length = 0;
    s().startSchedule();
    expect(s().config).toMatchObject({ sched: 'poly', s_begin: 250, s_end: 550 });
    expect(s().run.runId).toBe(1);
    expect(s().series.points).toHaveLength(1);
    expect(sent).toEqual([{ type: 'configure', runId: 1, config: { ...defaultConfig(), sched: 'poly', s_begin: 250, s_end: 550 } }]);
  });

  it('startSchedule() caps the end at the largest step', () => {
    const { s } = setup();
    s().receive(metrics(1, MAX_STEP - 10));
    s().startSchedule();
    expect(s().config).toMatchObject({ s_begin: MAX_STEP - 10, s_end: MAX_STEP });
  });

  it('hot pruning keys keep the run and its pruning slice', () => {
    const { sent, s } = setup();
    s().receive(metrics(1, 5));
    s().setConfig('threshold', 0.05);
    s().setConfig('keep', 0.5);
    s().setConfig('keep', 0); // out of bounds: ignored
    s().setConfig('importance', 'taylor');
    expect(s().run.runId).toBe(1);
    expect(s().pruning.model).toBe(MODEL);
    expect(s().config).toMatchObject({ threshold: 0.05, keep: 0.5, importance: 'taylor' });
    expect(sent.map((m) => m.type)).toEqual(['configure', 'configure', 'configure']);
  });

  it('the snapshot ref carries masks and neurons', () => {
    const { store, s } = setup();
    const masks = [new Uint8Array([1, 0]), null];
    const neurons = [new Uint8Array([1, 1, 0])];
    s().receive({ type: 'snapshot', runId: 1, step: 7, layers: [], masks, neurons });
    expect(store.snapshot.get()).toEqual({ runId: 1, step: 7, layers: [], masks, neurons });
  });
});

describe('lottery history', () => {
  it('a finished table carries over to the next run with the same data and layers, latest per mode', () => {
    const { s } = setup();
    s().setConfig('lottery', 'rewind'); // cold: run 2
    s().receive({ type: 'lottery', runId: 2, rows: rows('rewind', 3), done: true });
    s().setConfig('lottery', 'random'); // run 3
    expect(s().pruning.lottery).toEqual({ rows: [], done: false });
    expect(s().pruning.lotteryHistory).toEqual([rows('rewind', 3)]);
    s().receive({ type: 'lottery', runId: 3, rows: rows('random', 3), done: true });
    s().setConfig('lottery', 'rewind'); // run 4: both tables kept
    expect(s().pruning.lotteryHistory).toEqual([rows('rewind', 3), rows('random', 3)]);
    s().receive({ type: 'lottery', runId: 4, rows: rows('rewind', 4), done: true });
    s().reset(); // the newer rewind table replaces the older one
    expect(s().pruning.lotteryHistory).toEqual([rows('random', 3), rows('rewind', 4)]);
  });

  it('an unfinished table is not kept; new data or layers clear the history', () => {
    const { s } = setup();
    s().setConfig('lottery', 'rewind');
    s().receive({ type: 'lottery', runId: 2, rows: rows('rewind', 2), done: true });
    s().setConfig('lt_rounds', 8); // run 3: same model, table kept
    s().receive({ type: 'lottery', runId: 3, rows: rows('rewind', 1), done: false });
    s().setConfig('seed', 4); // run 4: the unfinished table is dropped, the finished one stays
    expect(s().pruning.lotteryHistory).toEqual([rows('rewind', 2)]);
    s().setConfig('layers', [16]);
    expect(s().pruning.lotteryHistory).toEqual([]);
    expect(carryLotteryHistory({ ...freshPruning([rows('random', 2)]), lottery: { rows: rows('rewind', 2), done: true } }, false)).toEqual([]);
  });
});
