import { describe, expect, it } from 'vitest';
import type { FromWorker, MetricPoint, ModelStats } from '../../src/protocol/messages';
import { freshPruning } from '../../src/state/pruning';
import { freshRegularisation } from '../../src/state/regularisation';
import { applyWorkerMessage, freshRun, type RunAndSeries } from '../../src/state/run';
import { appendPoints, emptySeries } from '../../src/state/series';
import { createAppStore } from '../../src/state/store';

const MODEL: ModelStats = { hidden: [8, 8], params: 114, flops: 192, bytes: 456, layerTotals: [16, 64, 16], layerZeros: [0, 0, 0], compacted: false, thresholds: [0, 0, 0], fineTuneSteps: 0 };
type Metrics = Extract<FromWorker, { type: 'metrics' }>;
const metrics = (step: number, extra: Partial<Metrics> = {}): FromWorker => ({ type: 'metrics', runId: 1, points: [], step, epoch: 0, stepsPerSecond: 0, model: MODEL, ...extra });
const base = (): RunAndSeries => ({ run: freshRun(1, false), series: emptySeries(), pruning: freshPruning(), regularisation: freshRegularisation() });
const apply = (st: RunAndSeries, ...msgs: FromWorker[]): RunAndSeries => msgs.reduce((s, m) => applyWorkerMessage(s, m)!, st);

describe('the header figures carry their step and rows', () => {
  it('a fresh run has none', () => {
    expect(freshRun(3, true)).toMatchObject({ testStep: null, testRows: null, testTotal: null, trainLossStep: null, trainLossKind: null, trainLossRows: null, trainLossTotal: null, notLearning: null });
  });

  it('test figures: the step and rows of the latest evaluation (a subset while training, then the whole set)', () => {
    let st = apply(base(), metrics(120, { points: [{ step: 120, trainLoss: 0.4, testLoss: 0.5, testAccuracy: 0.8 }], latestEval: { step: 120, testLoss: 0.5, testAccuracy: 0.8, rows: 500, total: 2000 } }));
    expect(st.run).toMatchObject({ step: 120, testLoss: 0.5, testAccuracy: 0.8, testStep: 120, testRows: 500, testTotal: 2000 });
    // Training on: new steps, no evaluation: the figures keep their step (the header can say how old they are).
    st = apply(st, metrics(150, { points: [{ step: 150, trainLoss: 0.38 }] }));
    expect(st.run).toMatchObject({ step: 150, testStep: 120, testRows: 500 });
    // Paused: the whole set lands for the same step.
    st = apply(st, metrics(150, { points: [], latestEval: { step: 150, testLoss: 0.47, testAccuracy: 0.83, rows: 2000, total: 2000 } }));
    expect(st.run).toMatchObject({ testLoss: 0.47, testAccuracy: 0.83, testStep: 150, testRows: 2000, testTotal: 2000 });
  });

  it('train loss: batch figures say the latest step; after a mask change the evaluated figure wins until training goes on', () => {
    let st = apply(base(), metrics(50, { points: [{ step: 49, trainLoss: 0.2 }, { step: 50, trainLoss: 0.1 }] }));
    expect(st.run).toMatchObject({ trainLoss: 0.15000000000000002, trainLossStep: 50, trainLossKind: 'batch', trainLossRows: null, trainLossTotal: null });
    // θ at step 50 while paused: the re-sent point (new test figures, the old batch loss) does not replace the evaluated loss.
    st = apply(
      st,
      metrics(50, { points: [{ step: 50, trainLoss: 0.1, testLoss: 1.5, beforePrune: { step: 50, testLoss: 0.3 } }], latestEval: { step: 50, testLoss: 1.5, testAccuracy: 0.5, rows: 250, total: 250 } }),
      metrics(50, { points: [], trainEval: { step: 50, loss: 1.2, penalty: 0.01, rows: 250, total: 250 } }),
      metrics(50, { points: [{ step: 50, trainLoss: 0.1, testLoss: 1.5, sparsity: 0.9 }] }),
    );
    expect(st.run).toMatchObject({ trainLoss: 1.2, penalty: 0.01, trainLossStep: 50, trainLossKind: 'evaluated', trainLossRows: 250, trainLossTotal: 250 });
    // Fine-tuning: new batches replace it.
    st = apply(st, metrics(51, { points: [{ step: 51, trainLoss: 0.9 }] }));
    expect(st.run).toMatchObject({ trainLoss: 0.9, trainLossStep: 51, trainLossKind: 'batch', trainLossRows: null });
  });

  it('the not-learning notice comes with each metrics message and goes when one comes without it', () => {
    const notice = { step: 400, steps: 400, loss: 0.69, reference: Math.log(2), cause: 'low' as const, optimizer: 'sgd' as const, learningRate: 1e-5, suggest: 0.1 };
    let st = apply(base(), metrics(400, { notLearning: notice }));
    expect(st.run.notLearning).toEqual(notice);
    st = apply(st, metrics(420, { notLearning: null }));
    expect(st.run.notLearning).toBeNull();
  });

  it('the store sends the speed to the worker as a hot change (the run goes on)', () => {
    const store = createAppStore();
    const sent: unknown[] = [];
    store.onCommand((m) => sent.push(m));
    const runId = store.getState().run.runId;
    store.getState().setConfig('speed', 5);
    expect(store.getState().config.speed).toBe(5);
    expect(store.getState().run.runId).toBe(runId);
    expect(sent).toEqual([{ type: 'configure', runId, config: expect.objectContaining({ speed: 5 }) }]);
    store.getState().setConfig('speed', 1001); // out of bounds: ignored
    store.getState().setConfig('speed', 2.5);
    expect(store.getState().config.speed).toBe(5);
  });
});

describe('series: a mask change stays a jump', () => {
  const p = (step: number, extra: Partial<MetricPoint> = {}): MetricPoint => ({ step, trainLoss: 1, ...extra });

  it('a point re-sent at its step keeps the first "before" and takes the new "after"', () => {
    let s = appendPoints(emptySeries(), [p(10, { testLoss: 0.5 })]);
    s = appendPoints(s, [p(10, { testLoss: 0.9, beforePrune: { step: 10, testLoss: 0.5, testAccuracy: 0.8 } })]);
    expect(s.points).toEqual([p(10, { testLoss: 0.9, beforePrune: { step: 10, testLoss: 0.5, testAccuracy: 0.8 } })]);
    s = appendPoints(s, [p(10, { testLoss: 1.4, beforePrune: { step: 10, testLoss: 0.9 } })]);
    expect(s.points).toEqual([p(10, { testLoss: 1.4, beforePrune: { step: 10, testLoss: 0.5, testAccuracy: 0.8 } })]);
  });

  it('merged into a bucket, the jump keeps its step and "before"; the bucket’s latest figures are the "after"', () => {
    // Stride 2 (cap 2): steps 1–2 and 3–4 merge; a mask change at step 3.
    const s = appendPoints(emptySeries(), [p(1), p(2, { testLoss: 0.5 }), p(3, { testLoss: 0.8, beforePrune: { step: 3, testLoss: 0.5 } }), p(4, { testLoss: 0.7 }), p(5)], 2);
    const jump = s.points.find((q) => q.beforePrune !== undefined)!;
    expect(jump).toMatchObject({ step: 4, testLoss: 0.7, beforePrune: { step: 3, testLoss: 0.5 } });
    expect(s.points.filter((q) => q.beforePrune !== undefined)).toHaveLength(1);
  });
});
