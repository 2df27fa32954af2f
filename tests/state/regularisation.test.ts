import { describe, expect, it } from 'vitest';
import type { FromWorker, LambdaSweepResult, MetricPoint, ModelStats, RegPruneResult, ToWorker } from '../../src/protocol/messages';
import { freshPruning } from '../../src/state/pruning';
import { penaltyWeights, sweptPenalty } from '../../src/protocol/config';
import { freshRegularisation, penaltyKindOf, penaltyLambdaOf } from '../../src/state/regularisation';
import { applyWorkerMessage, freshRun, type RunAndSeries } from '../../src/state/run';
import { appendPoints, emptySeries } from '../../src/state/series';
import { createAppStore } from '../../src/state/store';
import { defaultConfig } from '../../src/state/urlCodec';

function setup() {
  const store = createAppStore();
  const sent: ToWorker[] = [];
  store.onCommand((m) => sent.push(m));
  return { store, sent, s: () => store.getState() };
}

const MODEL: ModelStats = { hidden: [8, 8], params: 114, flops: 192, bytes: 456, layerTotals: [16, 64, 16], layerZeros: [0, 0, 0], compacted: false, thresholds: [0, 0, 0], fineTuneSteps: 0 };

const metrics = (runId: number, points: MetricPoint[]): FromWorker => ({ type: 'metrics', runId, points, step: points.at(-1)?.step ?? 0, epoch: 0, stepsPerSecond: 100, model: MODEL });

const job = (runId: number, done: number, total: number, extra: Partial<Extract<FromWorker, { type: 'job' }>> = {}): FromWorker => ({
  type: 'job',
  runId,
  job: 'lambdaSweep',
  done,
  total,
  label: `fold ${done + 1} of ${total}`,
  ...extra,
});

const SWEEP: LambdaSweepResult = {
  kind: 'l1',
  prox: true,
  k: 5,
  stepsPerFold: 200,
  points: [1e-5, 1e-3, 1e-1].map((lambda, i) => ({ lambda, valMean: [0.5, 0.3, 0.7][i], valStd: 0.01, trainMean: 0.2, trainStd: 0.01, valAccuracy: 0.8 })),
  bestLambda: 1e-3,
};

const REG_PRUNE: RegPruneResult = {
  lambda: 1e-4,
  steps: 500,
  tuneSteps: 100,
  arms: (['none', 'l1', 'l2'] as const).map((arm) => ({ arm, dense: { testLoss: 0.1, testAccuracy: 0.95 }, points: [{ sparsity: 0.5, before: { testLoss: 0.2, testAccuracy: 0.9 }, after: { testLoss: 0.1, testAccuracy: 0.94 } }] })),
};

describe('penalty kind ↔ λ₁, λ₂', () => {
  it('reads the kind and its λ from the config', () => {
    expect(penaltyKindOf({ l1: 0, l2: 0 })).toBe('none');
    expect(penaltyKindOf({ l1: 0.01, l2: 0 })).toBe('l1');
    expect(penaltyKindOf({ l1: 0, l2: 0.02 })).toBe('l2');
    expect(penaltyKindOf({ l1: 0.01, l2: 0.02 })).toBe('elastic');
    expect([{ l1: 0, l2: 0 }, { l1: 0.01, l2: 0 }, { l1: 0, l2: 0.02 }, { l1: 0.01, l2: 0.02 }].map(penaltyLambdaOf)).toEqual([0, 0.01, 0.02, 0.01]);
    expect([{ l1: 0, l2: 0 }, { l1: 0.01, l2: 0 }, { l1: 0, l2: 0.02 }, { l1: 0.01, l2: 0.02 }].map(sweptPenalty)).toEqual(['l2', 'l1', 'l2', 'elastic']);
  });

  it('sets λ₁ and λ₂ for a kind', () => {
    expect(penaltyWeights('none', 0.5)).toEqual({ l1: 0, l2: 0 });
    expect(penaltyWeights('l1', 0.5)).toEqual({ l1: 0.5, l2: 0 });
    expect(penaltyWeights('l2', 0.5)).toEqual({ l1: 0, l2: 0.5 });
    expect(penaltyWeights('elastic', 0.5)).toEqual({ l1: 0.5, l2: 0.5 });
  });
});

describe('regularisation reducer', () => {
  const base = (playing = true) => ({ run: freshRun(2, playing), series: emptySeries(), pruning: freshPruning(), regularisation: freshRegularisation() });

  it('a job message stores progress and ends the play intent (the worker paused)', () => {
    const st = applyWorkerMessage(base(), job(2, 3, 45))!;
    expect(st.regularisation.job).toEqual({ kind: 'lambdaSweep', done: 3, total: 45, label: 'fold 4 of 45' });
    expect(st.run.playing).toBe(false);
    expect(applyWorkerMessage(base(), job(1, 3, 45))).toBeNull();
  });

  it('keeps the result, then ends the job on finished', () => {
    let st = applyWorkerMessage(base(), job(2, 44, 45))!;
    st = applyWorkerMessage(st, { type: 'lambdaSweep', runId: 2, result: SWEEP })!;
    expect(st.regularisation.lambdaSweep).toBe(SWEEP);
    expect(st.regularisation.job).not.toBeNull();
    st = applyWorkerMessage(st, job(2, 45, 45, { finished: true }))!;
    expect(st.regularisation).toEqual({ job: null, lambdaSweep: SWEEP, regPrune: null, jobMessage: null });
    st = applyWorkerMessage(st, { type: 'regPrune', runId: 2, result: REG_PRUNE })!;
    expect(st.regularisation.regPrune).toBe(REG_PRUNE);
    expect(st.regularisation.lambdaSweep).toBe(SWEEP);
  });

  it('a cancelled job ends with its reason (none for a plain cancel), keeping the previous result', () => {
    let st: RunAndSeries = { ...base(false), regularisation: { ...freshRegularisation(), lambdaSweep: SWEEP } };
    st = applyWorkerMessage(st, job(2, 1, 45))!;
    st = applyWorkerMessage(st, job(2, 1, 45, { cancelled: true, label: 'Out of memory on webgl' }))!;
    expect(st.regularisation).toEqual({ job: null, lambdaSweep: SWEEP, regPrune: null, jobMessage: 'Out of memory on webgl' });
    st = applyWorkerMessage(st, job(2, 0, 18, { job: 'regPrune' }))!;
    st = applyWorkerMessage(st, job(2, 0, 18, { job: 'regPrune', cancelled: true, label: '' }))!;
    expect(st.regularisation.job).toBeNull();
    expect(st.regularisation.jobMessage).toBeNull();
  });

  it('an error ends the job', () => {
    let st = applyWorkerMessage(base(), job(2, 1, 45))!;
    st = applyWorkerMessage(st, { type: 'error', runId: 2, message: 'boom' })!;
    expect(st.regularisation.job).toBeNull();
  });

  it('header: data loss and penalty are means over the same latest steps (no penalty counts as 0)', () => {
    const pts: MetricPoint[] = [
      { step: 1, trainLoss: 0.8 },
      { step: 2, trainLoss: 0.6, penalty: 0.1 },
      { step: 3, trainLoss: 0.4, penalty: 0.2 },
    ];
    const st = applyWorkerMessage(base(), metrics(2, pts))!;
    expect(st.run.trainLoss).toBeCloseTo(0.6, 12);
    expect(st.run.penalty).toBeCloseTo(0.1, 12);
    const off = applyWorkerMessage(base(), metrics(2, [{ step: 1, trainLoss: 0.5 }]))!;
    expect(off.run.penalty).toBe(0);
    expect(freshRun(1, false).penalty).toBeNull();
  });
});

describe('series with penalty', () => {
  it('averages the penalty in a bucket like the train loss; a step without one counts as 0', () => {
    const series = appendPoints(
      emptySeries(),
      [
        { step: 1, trainLoss: 1, penalty: 0.2 },
        { step: 2, trainLoss: 3, penalty: 0.4 },
        { step: 3, trainLoss: 1 },
        { step: 4, trainLoss: 1, penalty: 0.6 },
        { step: 5, trainLoss: 1 },
        { step: 6, trainLoss: 1 },
      ],
      2,
    );
    expect(series.stride).toBe(4);
    expect(series.points[0]).toMatchObject({ step: 4, trainLoss: 1.5 });
    expect(series.points[0].penalty).toBeCloseTo(0.3, 12);
    // No step of the bucket had a penalty: none is invented.
    expect(series.points[1]).toEqual({ step: 6, trainLoss: 1 });
  });

  it('a point re-sent at the same step keeps the bucket penalty', () => {
    let series = appendPoints(emptySeries(), [{ step: 1, trainLoss: 1, penalty: 0.2 }]);
    series = appendPoints(series, [{ step: 1, trainLoss: Number.NaN, testLoss: 0.5 }]);
    expect(series.points).toEqual([{ step: 1, trainLoss: 1, penalty: 0.2, testLoss: 0.5 }]);
  });
});

describe('regularisation actions', () => {
  it('lambdaSweep() pauses, asks the worker once and shows a starting job', () => {
    const { sent, s } = setup();
    s().play();
    sent.length = 0;
    s().lambdaSweep();
    s().lambdaSweep(); // a job runs: ignored
    s().regPrune(); // likewise
    expect(sent).toEqual([{ type: 'lambdaSweep', runId: 1 }]);
    expect(s().run.playing).toBe(false);
    expect(s().regularisation.job).toEqual({ kind: 'lambdaSweep', done: 0, total: 0, label: 'Starting…' });
    s().receive(job(1, 2, 45));
    expect(s().regularisation.job?.done).toBe(2);
  });

  it('regPrune() likewise; cancelJob() asks the worker, the job ends when it answers', () => {
    const { sent, s } = setup();
    s().cancelJob(); // no job: nothing
    expect(sent).toEqual([]);
    s().regPrune();
    s().cancelJob();
    expect(sent).toEqual([
      { type: 'regPrune', runId: 1 },
      { type: 'cancelJob', runId: 1 },
    ]);
    expect(s().regularisation.job).toMatchObject({ kind: 'regPrune', label: 'Cancelling…' });
    s().receive(job(1, 3, 18, { job: 'regPrune', cancelled: true, label: '' }));
    expect(s().regularisation.job).toBeNull();
    // A new job clears the previous reason.
    s().receive(job(1, 0, 18, { job: 'regPrune', cancelled: true, label: 'failed' }));
    expect(s().regularisation.jobMessage).toBe('failed');
    s().lambdaSweep();
    expect(s().regularisation.jobMessage).toBeNull();
  });

  it('a job message while playing (started elsewhere) stops the play intent', () => {
    const { s } = setup();
    s().play();
    s().receive(job(1, 0, 45));
    expect(s().run.playing).toBe(false);
  });

  it('setPenalty() sets λ₁ and λ₂ in one hot change', () => {
    const { sent, s } = setup();
    s().setPenalty('l1', 0.01);
    s().setPenalty('elastic', 0.02);
    s().setPenalty('l2', 0.03);
    s().setPenalty('l2', 0.03); // unchanged: nothing sent
    s().setPenalty('none', 0.5);
    s().setPenalty('l1', 2); // out of bounds: ignored
    s().setPenalty('l2', Number.NaN);
    expect(sent.map((m) => (m.type === 'configure' ? [m.runId, m.config.l1, m.config.l2] : m.type))).toEqual([
      [1, 0.01, 0],
      [1, 0.02, 0.02],
      [1, 0, 0.03],
      [1, 0, 0],
    ]);
    expect(s().config).toEqual(defaultConfig());
    expect(s().run.runId).toBe(1);
  });

  it('applyLambda() sets the λ of the kind the sweep varied, or the kind it would vary', () => {
    const { s } = setup();
    s().applyLambda(0.004);
    expect(s().config).toMatchObject({ l1: 0, l2: 0.004 });
    s().receive({ type: 'lambdaSweep', runId: 1, result: SWEEP });
    s().applyLambda(SWEEP.bestLambda);
    expect(s().config).toMatchObject({ l1: 1e-3, l2: 0 });
    s().receive({ type: 'lambdaSweep', runId: 1, result: { ...SWEEP, kind: 'elastic' } });
    s().applyLambda(1e-4);
    expect(s().config).toMatchObject({ l1: 1e-4, l2: 1e-4 });
  });

  it('results survive hot changes; a new run or reset clears them', () => {
    const { s } = setup();
    s().receive({ type: 'lambdaSweep', runId: 1, result: SWEEP });
    s().receive({ type: 'regPrune', runId: 1, result: REG_PRUNE });
    s().setConfig('dropout', 0.5);
    s().setPenalty('l2', 0.01);
    s().setConfig('cv_k', 3);
    expect(s().regularisation).toMatchObject({ lambdaSweep: SWEEP, regPrune: REG_PRUNE });
    s().setConfig('seed', 2);
    expect(s().regularisation).toEqual(freshRegularisation());
    s().receive({ type: 'lambdaSweep', runId: 2, result: SWEEP });
    s().lambdaSweep();
    s().reset();
    expect(s().regularisation).toEqual(freshRegularisation());
    // The old run's job messages are stale now.
    s().receive(job(2, 5, 45));
    expect(s().regularisation.job).toBeNull();
  });
});

describe('playback during a job', () => {
  it('play and step are ignored while a job runs, and work again after it ends', () => {
    const { sent, s } = setup();
    s().lambdaSweep();
    sent.length = 0;
    s().play();
    s().togglePlay();
    s().stepOnce();
    expect(sent).toEqual([]);
    expect(s().run.playing).toBe(false);
    s().receive(job(1, 45, 45, { finished: true }));
    s().play();
    expect(sent).toEqual([{ type: 'play', runId: 1 }]);
    expect(s().run.playing).toBe(true);
  });
});
