import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { FromWorker, MetricPoint, ModelStats, ToWorker } from '../../src/protocol/messages';
import {
  AUG_EXP_DEFAULT_STEPS,
  attachAugExperiment,
  augExperimentRefusal,
  freshAugExperiment,
  isValidAugExpSteps,
  observeArm,
  type AugExperimentHostState,
  type AugExperimentRun,
  type AugExperimentRunning,
  type ObservedRun,
  nextTarget,
} from '../../src/state/augExperiment';
import { createAppStore } from '../../src/state/store';
import { defaultConfig } from '../../src/state/urlCodec';

const AUG = 'rotate:15';
const MNIST: ExperimentConfig = { ...defaultConfig(), dataset: 'mnist', layers: [32], lr: 0.003, batch: 32, trainSize: 500, aug: AUG };

const running = (patch: Partial<AugExperimentRunning> = {}): AugExperimentRunning => ({
  status: 'running',
  arm: 0,
  runId: 2,
  aug: AUG,
  budget: 100,
  step: 0,
  target: 10,
  trained: false,
  config: { ...MNIST, aug: '' },
  noneAccuracy: null,
  pinIds: [],
  ...patch,
});

const observed = (patch: Partial<ObservedRun> = {}): ObservedRun => ({ runId: 2, phase: 'idle', step: 0, playing: false, testAccuracy: null, message: null, ...patch });

describe('observeArm: one store change → one event (pure)', () => {
  const cfg = { ...MNIST, aug: '' };

  it('waits through idle, loading and measuring; training marks the arm trained and follows the step', () => {
    expect(observeArm(running(), observed(), cfg)).toEqual({ kind: 'progress', step: 0, trained: false });
    expect(observeArm(running(), observed({ phase: 'loading' }), cfg)).toEqual({ kind: 'progress', step: 0, trained: false });
    expect(observeArm(running(), observed({ phase: 'measuring' }), cfg)).toEqual({ kind: 'progress', step: 0, trained: false });
    expect(observeArm(running(), observed({ phase: 'training', step: 40 }), cfg)).toEqual({ kind: 'progress', step: 40, trained: true });
  });

  it('a paused run before training started (the build) is not the end', () => {
    expect(observeArm(running(), observed({ phase: 'paused', step: 0 }), cfg)).toEqual({ kind: 'progress', step: 0, trained: false });
  });

  it('paused at the budget finishes the arm with the test accuracy evaluated there', () => {
    expect(observeArm(running({ trained: true, step: 90 }), observed({ phase: 'paused', step: 100, testAccuracy: 0.912 }), cfg)).toEqual({ kind: 'finished', accuracy: 0.912 });
    // Even if no `training` phase was seen (a very short budget): the worker only pauses at the budget after training it.
    expect(observeArm(running(), observed({ phase: 'paused', step: 100, testAccuracy: 0.5 }), cfg)).toEqual({ kind: 'finished', accuracy: 0.5 });
  });

  it('paused at the budget with quick figures (a subset of the test digits) waits for the whole set’s', () => {
    const quick = observed({ phase: 'paused', step: 100, testAccuracy: 0.9, testStep: 100, testRows: 500, testTotal: 2000 });
    expect(observeArm(running({ trained: true }), quick, cfg)).toEqual({ kind: 'progress', step: 100, trained: true });
    const older = observed({ phase: 'paused', step: 100, testAccuracy: 0.88, testStep: 90, testRows: 2000, testTotal: 2000 });
    expect(observeArm(running({ trained: true }), older, cfg)).toEqual({ kind: 'progress', step: 100, trained: true });
    const whole = observed({ phase: 'paused', step: 100, testAccuracy: 0.913, testStep: 100, testRows: 2000, testTotal: 2000 });
    expect(observeArm(running({ trained: true }), whole, cfg)).toEqual({ kind: 'finished', accuracy: 0.913 });
  });

  it('aborts: another run, a changed setting, play, divergence, an error, a pause before the budget, no accuracy', () => {
    const reason = (exp: AugExperimentRunning, run: ObservedRun, config = cfg): string => {
      const e = observeArm(exp, run, config);
      if (e.kind !== 'abort') throw new Error(`expected abort, got ${e.kind}`);
      return e.reason;
    };
    expect(reason(running(), observed({ runId: 3 }))).toBe('Stopped: a new run started (a setting that restarts training changed, or reset was pressed).');
    expect(reason(running(), observed(), { ...cfg, lr: 0.01 })).toBe('Stopped: lr changed while an arm was training.');
    expect(reason(running(), observed(), { ...cfg, aug: 'flip' })).toBe('Stopped: aug changed while an arm was training.');
    expect(reason(running(), observed({ playing: true, phase: 'training' }))).toBe('Stopped: play was pressed while an arm was training.');
    expect(reason(running(), observed({ phase: 'diverged', message: 'loss is NaN' }))).toBe('Stopped: the run diverged (loss is NaN).');
    expect(reason(running(), observed({ phase: 'error' }))).toBe('Stopped: the run failed.');
    expect(reason(running({ trained: true }), observed({ phase: 'paused', step: 37 }))).toBe('Stopped: training paused at step 37 of 100.');
    expect(reason(running(), observed({ phase: 'paused', step: 100, testAccuracy: null }))).toBe('Stopped: the run reported no test accuracy.');
  });

  it('ignores keys that only set up other actions (λ sweep, regularise-then-prune)', () => {
    expect(observeArm(running(), observed(), { ...cfg, cv_steps: 300, rp_tune: 7 })).toEqual({ kind: 'progress', step: 0, trained: false });
  });
});

describe('augExperimentRefusal', () => {
  it('refuses with no augmentation, fewer than 2 free pin slots, a running job, or a non-image dataset', () => {
    expect(augExperimentRefusal(MNIST, 0, false)).toBeNull();
    expect(augExperimentRefusal(MNIST, 2, false)).toBeNull();
    expect(augExperimentRefusal({ ...MNIST, aug: '' }, 0, false)).toBe('Choose an augmentation above first: with none there is nothing to compare.');
    expect(augExperimentRefusal(MNIST, 3, false)).toBe('The experiment pins two runs and 3 of 4 pin slots are used: remove 1 first.');
    expect(augExperimentRefusal(MNIST, 4, false)).toBe('The experiment pins two runs and 4 of 4 pin slots are used: remove 2 first.');
    expect(augExperimentRefusal(MNIST, 0, true)).toBe('A λ sweep or regularise-then-prune job is running: wait for it or cancel it.');
    expect(augExperimentRefusal({ ...MNIST, dataset: 'spiral' }, 0, false)).toBe('The experiment needs MNIST.');
  });

  it('accepts whole step budgets from 10 to 100,000', () => {
    expect([9, 10, 1000, 100_000, 100_001, 12.5, Number.NaN].map(isValidAugExpSteps)).toEqual([false, true, true, true, false, false, false]);
  });
});

/**
 * A fake store with a fake worker: actions record what they would tell the
 * worker; `worker.*` plays the worker's answers into the run slice the way the
 * real reducer would (runId checked).
 */
function fakeHost(config: ExperimentConfig = MNIST) {
  const calls: string[] = [];
  let nextPin = 1;
  const store = createStore<AugExperimentHostState>()((set, get) => ({
    config,
    run: observed({ runId: 1, phase: 'paused' }),
    pinned: [],
    regularisation: { job: null },
    augExperiment: freshAugExperiment(),
    setConfig(key, value) {
      calls.push(`setConfig ${key}=${value}`);
      set({ config: { ...get().config, [key]: value } });
    },
    reset() {
      calls.push('reset');
      set({ run: observed({ runId: get().run.runId + 1 }) });
    },
    trainSteps(steps) {
      calls.push(`trainSteps ${steps} @${get().run.runId}`);
    },
    pause() {
      calls.push(`pause @${get().run.runId}`);
    },
    pin(experiment) {
      if (get().pinned.length >= 4) return;
      calls.push(`pin @${get().run.runId} aug=${get().config.aug}${experiment ? ` as ${experiment}` : ''}`);
      set({ pinned: [...get().pinned, { id: nextPin++, ...(experiment ? { experiment } : {}) }] });
    },
    unpin(id) {
      calls.push(`unpin ${id}`);
      set({ pinned: get().pinned.filter((p) => p.id !== id) });
    },
  }));
  const statuses: string[] = [];
  store.subscribe((s, prev) => {
    if (s.augExperiment.run !== prev.augExperiment.run) statuses.push(label(s.augExperiment.run));
  });
  const ctl = attachAugExperiment(store);
  /** The worker's side: messages for `runId` only change the run when it is current. */
  const worker = {
    say(runId: number, patch: Partial<ObservedRun>): void {
      if (runId === store.getState().run.runId) store.setState({ run: { ...store.getState().run, ...patch } });
    },
    /** Answers the arm's step commands as the worker does: each trains to its target, evaluates and pauses. */
    trainTo(runId: number, budget: number, accuracy: number): void {
      for (let step = 0; step < budget; ) {
        const target = nextTarget(step, budget);
        worker.say(runId, { phase: 'training', step: step + Math.floor((target - step) / 2) });
        worker.say(runId, { step: target, testAccuracy: target === budget ? accuracy : 0.5 });
        worker.say(runId, { phase: 'paused' });
        step = target;
      }
    },
  };
  return { store, calls, statuses, ctl, worker, s: () => store.getState() };
}

function label(run: AugExperimentRun): string {
  switch (run.status) {
    case 'running':
      return `running arm ${run.arm} run ${run.runId} step ${run.step}${run.trained ? ' trained' : ''}`;
    case 'done':
      return `done ${run.noneAccuracy} ${run.augAccuracy} pins ${run.pinIds.join(',')}`;
    case 'stopped':
      return `stopped: ${run.reason}`;
    default:
      return run.status;
  }
}

describe('the experiment driven by store changes (fake store and worker)', () => {
  it('runs both arms in order with exact transitions, pinning each at the budget', () => {
    const { calls, statuses, ctl, worker, s, store } = fakeHost();
    store.setState({ augExperiment: { ...s().augExperiment, steps: 100 } });
    ctl.start();
    // Ten step commands of 10 per arm: the worker evaluates at the end of each, so each curve gets ten points.
    expect(calls).toEqual(['setConfig aug=', 'reset', 'trainSteps 10 @2']);
    expect(statuses).toEqual(['running arm 0 run 2 step 0']);

    worker.trainTo(2, 100, 0.912);
    const more = (runId: number) => Array.from({ length: 9 }, () => `trainSteps 10 @${runId}`);
    expect(calls.slice(3)).toEqual([...more(2), 'pin @2 aug= as augmentation', `setConfig aug=${AUG}`, 'reset', 'trainSteps 10 @3']);
    expect(statuses).toContain('running arm 0 run 2 step 50 trained');
    expect(statuses).toContain('running arm 0 run 2 step 100 trained');
    expect(statuses.at(-1)).toBe('running arm 1 run 3 step 0');

    worker.trainTo(3, 100, 0.93);
    expect(calls.slice(16)).toEqual([...more(3), `pin @3 aug=${AUG} as augmentation`]);
    expect(statuses.at(-2)).toBe('running arm 1 run 3 step 100 trained');
    expect(statuses.at(-1)).toBe('done 0.912 0.93 pins 1,2');
    expect(s().augExperiment.run).toEqual({ status: 'done', aug: AUG, budget: 100, noneAccuracy: 0.912, augAccuracy: 0.93, pinIds: [1, 2] });
    expect(s().config.aug).toBe(AUG);
  });

  it("a stale run's pause cannot be pinned: arm 0's late messages after arm 1 started change nothing", () => {
    const { calls, statuses, ctl, worker, s, store } = fakeHost();
    ctl.start();
    worker.trainTo(2, AUG_EXP_DEFAULT_STEPS, 0.9);
    const before = [...calls];
    // Run 2 is stale now: the fake worker drops its messages as the reducer does, and the experiment ignores them.
    worker.say(2, { phase: 'paused', step: AUG_EXP_DEFAULT_STEPS, testAccuracy: 0.1 });
    expect(calls).toEqual(before);
    expect(s().pinned).toEqual([{ id: 1, experiment: 'augmentation' }]);
    expect(statuses.at(-1)).toBe('running arm 1 run 3 step 0');
    // Another run that happens to be paused at the budget (not the arm's) is never pinned either.
    store.setState({ run: observed({ runId: 9, phase: 'paused', step: AUG_EXP_DEFAULT_STEPS, testAccuracy: 0.99 }) });
    expect(s().pinned).toEqual([{ id: 1, experiment: 'augmentation' }]);
    expect(statuses.at(-1)).toMatch(/^stopped: Stopped: a new run started/);
  });

  it('is refused with no augmentation or too few free pin slots, and while running', () => {
    const none = fakeHost({ ...MNIST, aug: '' });
    none.ctl.start();
    expect(none.calls).toEqual([]);
    const full = fakeHost();
    full.store.setState({ pinned: [{ id: 91 }, { id: 92 }, { id: 93 }] });
    full.ctl.start();
    expect(full.calls).toEqual([]);
    const twice = fakeHost();
    twice.ctl.start();
    twice.ctl.start();
    expect(twice.calls).toEqual(['setConfig aug=', 'reset', 'trainSteps 100 @2']);
  });

  it('cancel pauses the arm, puts the augmentation back and says so', () => {
    const { calls, statuses, ctl, worker, s } = fakeHost();
    ctl.start();
    worker.say(2, { phase: 'training', step: 30 });
    ctl.cancel();
    expect(calls.slice(3)).toEqual(['pause @2', `setConfig aug=${AUG}`]);
    expect(statuses.at(-1)).toBe('stopped: Cancelled.');
    expect(s().config.aug).toBe(AUG);
    // The worker's answer to the pause changes nothing any more.
    worker.say(2, { phase: 'paused', step: 31, testAccuracy: 0.4 });
    expect(s().pinned).toEqual([]);
  });

  it('a reset by hand during arm 1 stops it, keeping arm 0 pinned and the augmentation', () => {
    const { statuses, ctl, worker, s } = fakeHost();
    ctl.start();
    worker.trainTo(2, AUG_EXP_DEFAULT_STEPS, 0.9);
    s().reset();
    expect(statuses.at(-1)).toBe('stopped: Stopped: a new run started (a setting that restarts training changed, or reset was pressed).');
    expect(s().pinned).toEqual([{ id: 1, experiment: 'augmentation' }]);
    expect(s().config.aug).toBe(AUG);
  });

  it('a cold change during arm 0 stops it and restores the chosen augmentation on the new run', () => {
    const { calls, statuses, ctl, s, store } = fakeHost();
    ctl.start();
    store.setState({ run: observed({ runId: 7 }), config: { ...s().config, trainSize: 800 } });
    expect(statuses.at(-1)).toMatch(/^stopped: Stopped: a new run started/);
    expect(calls.at(-1)).toBe(`setConfig aug=${AUG}`);
  });

  it('run again, it replaces its own two pins (finished or stopped) and keeps the pins taken by hand', () => {
    const { calls, ctl, worker, s, store } = fakeHost();
    store.setState({ pinned: [{ id: 50 }], augExperiment: { ...s().augExperiment, steps: 100 } });
    ctl.start();
    worker.trainTo(2, 100, 0.9);
    worker.trainTo(3, 100, 0.92);
    expect(s().pinned).toEqual([{ id: 50 }, { id: 1, experiment: 'augmentation' }, { id: 2, experiment: 'augmentation' }]);
    expect(s().augExperiment.run.status).toBe('done');
    // Three of four slots are used, yet the rerun may start: two of them are its own.
    calls.length = 0;
    ctl.start();
    expect(calls.slice(0, 2)).toEqual(['unpin 1', 'unpin 2']);
    expect(s().pinned).toEqual([{ id: 50 }]);
    worker.trainTo(4, 100, 0.91);
    worker.trainTo(5, 100, 0.93);
    expect(s().pinned).toEqual([{ id: 50 }, { id: 3, experiment: 'augmentation' }, { id: 4, experiment: 'augmentation' }]);
    // Stopped after arm 0 pinned: the next run replaces that one pin too.
    ctl.start();
    worker.trainTo(6, 100, 0.9);
    ctl.cancel();
    expect(s().pinned).toEqual([{ id: 50 }, { id: 5, experiment: 'augmentation' }]);
    ctl.start();
    expect(s().pinned).toEqual([{ id: 50 }]);
  });

  it('a refused rerun removes nothing', () => {
    const { calls, ctl, s, store } = fakeHost();
    store.setState({ pinned: [{ id: 1, experiment: 'augmentation' }, { id: 2, experiment: 'augmentation' }, { id: 3 }] });
    store.setState({ regularisation: { job: 'sweep' } });
    ctl.start();
    expect(calls).toEqual([]);
    expect(s().pinned).toHaveLength(3);
    // Hand pins alone fill the slots: refused, the own pins stay.
    store.setState({ regularisation: { job: null }, pinned: [{ id: 1, experiment: 'augmentation' }, { id: 2 }, { id: 3 }, { id: 4 }] });
    ctl.start();
    expect(calls).toEqual([]);
    expect(s().pinned).toHaveLength(4);
  });

  it('a pin refused at the end of an arm (the user filled the slots) stops the experiment', () => {
    const { statuses, ctl, worker, store } = fakeHost();
    ctl.start();
    store.setState({ pinned: [{ id: 81 }, { id: 82 }, { id: 83 }, { id: 84 }] });
    worker.trainTo(2, AUG_EXP_DEFAULT_STEPS, 0.9);
    expect(statuses.at(-1)).toBe('stopped: Stopped: the run could not be pinned (no free pin slot).');
  });
});

/** Stats of a small mnist MLP, dense (the figures do not matter here). */
const MODEL: ModelStats = { hidden: [32], params: 25_450, flops: 50_816, bytes: 101_800, layerTotals: [25_088, 320], layerZeros: [0, 0], compacted: false, thresholds: [0, 0], fineTuneSteps: 0 };

const metrics = (runId: number, pts: MetricPoint[], step: number, latestEval?: { step: number; testLoss: number; testAccuracy: number; rows: number; total: number }): FromWorker => ({
  type: 'metrics',
  runId,
  points: pts,
  step,
  epoch: 0,
  stepsPerSecond: 7,
  model: MODEL,
  ...(latestEval ? { latestEval } : {}),
});

/** What the real worker sends for a step command of `budget` steps ending at test accuracy `acc`. */
/** The worker's answers to an arm's step commands: each trains to its target, evaluates there and pauses. */
function playArm(receive: (m: FromWorker) => void, runId: number, budget: number, acc: number): void {
  for (let step = 0; step < budget; ) {
    const target = nextTarget(step, budget);
    const a = target === budget ? acc : 0.5;
    receive({ type: 'phase', runId, phase: 'training' });
    receive(metrics(runId, [{ step: target, trainLoss: 0.5, testLoss: 0.4, testAccuracy: a }], target, { step: target, testLoss: 0.4, testAccuracy: a, rows: 2000, total: 2000 }));
    receive({ type: 'phase', runId, phase: 'paused' });
    step = target;
  }
}

describe('the experiment in the app store (fake worker)', () => {
  it('sends configure, reset and step per arm, pins each run, and leaves both pins and the chosen augmentation', () => {
    const store = createAppStore(MNIST);
    const sent: ToWorker[] = [];
    store.onCommand((m) => sent.push(m));
    const s = () => store.getState();
    const receive = (m: FromWorker) => s().receive(m);
    s().setAugExperimentSteps(100);
    s().startAugExperiment();
    expect(sent).toEqual([
      { type: 'configure', runId: 1, config: { ...MNIST, aug: '' } },
      { type: 'reset', runId: 2 },
      { type: 'step', runId: 2, steps: 10 },
    ]);
    expect(s().augExperiment.run).toMatchObject({ status: 'running', arm: 0, runId: 2, budget: 100, step: 0 });

    playArm(receive, 2, 100, 0.912);
    expect(s().pinned.map((p) => [p.config.aug, p.step])).toEqual([['', 100]]);
    expect(sent.slice(3).filter((m) => m.type !== 'augPreview')).toEqual([
      ...Array.from({ length: 9 }, () => ({ type: 'step', runId: 2, steps: 10 })),
      { type: 'configure', runId: 2, config: MNIST },
      { type: 'reset', runId: 3 },
      { type: 'step', runId: 3, steps: 10 },
    ]);
    expect(s().augExperiment.run).toMatchObject({ status: 'running', arm: 1, runId: 3, noneAccuracy: 0.912 });

    // A late message of arm 0's run is dropped: no pin, no progress.
    receive({ type: 'phase', runId: 2, phase: 'paused' });
    receive(metrics(2, [{ step: 101, trainLoss: 0.4 }], 101));
    expect(s().pinned).toHaveLength(1);
    expect(s().augExperiment.run).toMatchObject({ arm: 1, step: 0 });

    playArm(receive, 3, 100, 0.93);
    expect(s().pinned.map((p) => [p.config.aug, p.step])).toEqual([
      ['', 100],
      [AUG, 100],
    ]);
    expect(s().augExperiment.run).toEqual({ status: 'done', aug: AUG, budget: 100, noneAccuracy: 0.912, augAccuracy: 0.93, pinIds: [1, 2] });
    expect(s().config).toEqual(MNIST);
  });

  it('compared twice, the app store holds two pins (the rerun replaced the first two), tagged as the experiment\'s', () => {
    const store = createAppStore(MNIST);
    const s = () => store.getState();
    const receive = (m: FromWorker) => s().receive(m);
    s().setAugExperimentSteps(100);
    for (const [first, acc] of [[2, 0.9], [4, 0.91]] as const) {
      s().startAugExperiment();
      playArm(receive, first, 100, acc);
      playArm(receive, first + 1, 100, acc + 0.02);
    }
    expect(s().augExperiment.run).toMatchObject({ status: 'done', noneAccuracy: 0.91, pinIds: [3, 4] });
    expect(s().pinned.map((p) => [p.id, p.config.aug, p.experiment])).toEqual([
      [3, '', 'augmentation'],
      [4, AUG, 'augmentation'],
    ]);
    // A pin by hand (of the live run, the second arm's) is untagged, and a third comparison leaves it alone.
    s().pin();
    expect(s().pinned.map((p) => p.experiment)).toEqual(['augmentation', 'augmentation', undefined]);
    s().startAugExperiment();
    expect(s().pinned.map((p) => p.id)).toEqual([5]);
  });

  it('trainSteps sends one step command of n steps and ends the play intent; refused for bad counts', () => {
    const store = createAppStore(MNIST);
    const sent: ToWorker[] = [];
    store.onCommand((m) => sent.push(m));
    store.getState().play();
    store.getState().trainSteps(250);
    store.getState().trainSteps(0);
    store.getState().trainSteps(2.5);
    expect(sent).toEqual([
      { type: 'play', runId: 1 },
      { type: 'step', runId: 1, steps: 250 },
    ]);
    expect(store.getState().run.playing).toBe(false);
  });

  it('the steps field takes whole numbers in bounds, and not while the experiment runs', () => {
    const store = createAppStore(MNIST);
    const s = () => store.getState();
    s().setAugExperimentSteps(5);
    expect(s().augExperiment.steps).toBe(AUG_EXP_DEFAULT_STEPS);
    s().setAugExperimentSteps(300);
    expect(s().augExperiment.steps).toBe(300);
    s().startAugExperiment();
    s().setAugExperimentSteps(400);
    expect(s().augExperiment.steps).toBe(300);
    s().cancelAugExperiment();
    expect(s().augExperiment.run).toEqual({ status: 'stopped', reason: 'Cancelled.' });
    expect(s().config.aug).toBe(AUG);
  });
});
