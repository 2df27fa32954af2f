import { changedKeys, type ExperimentConfig } from '../protocol/config';
import { PINS_MAX, type PinExperiment } from './pins';
import type { RunState } from './run';

/**
 * The "effect of augmentation" experiment (mnist): two runs of the current
 * config from the same seed for the same number of steps, the first without
 * augmentation (aug = ''), the second with the chosen one, each pinned when
 * it ends so the accuracy chart overlays both test-accuracy curves.
 *
 * A small state machine driven by store subscriptions, not timers: an arm
 * starts with `reset` (a new run from the seed, which bumps runId) and a
 * `step` command of `budget` steps; the worker pauses after the last step and
 * evaluates the test set, so the arm is finished when its run is `paused` at
 * step `budget`. Anything else that happens to the arm's run — another runId
 * (a cold change, reset), play pressed, a setting changed, a pause before the
 * budget, divergence or an error — stops the experiment, and a pin is only
 * ever taken while the store's run is the arm's run, so a stale run's curve
 * cannot be pinned.
 *
 * Its pins are tagged {@link AUG_EXP_PIN_TAG}: started again, the experiment
 * first removes the two pins of its previous run (finished or stopped, from
 * this visit or restored from storage) and then pins its new two, so rerunning
 * it replaces its curves instead of filling all four pin slots.
 */

/** Steps per arm when the box opens. */
export const AUG_EXP_DEFAULT_STEPS = 1000;
/** Bounds of the steps field. */
export const AUG_EXP_MIN_STEPS = 10;
export const AUG_EXP_MAX_STEPS = 100_000;
/** Training digits suggested for the experiment: augmentation helps most when data is scarce. */
export const AUG_EXP_SUGGESTED_TRAIN_SIZE = 500;
/** Pin slots the experiment fills. */
export const AUG_EXP_PINS = 2;
/** The tag of the experiment's pins (PinnedRun.experiment). */
export const AUG_EXP_PIN_TAG: PinExperiment = 'augmentation';

/** The arms in order: 0 = no augmentation, 1 = the chosen augmentation. */
export type AugArm = 0 | 1;

/** The experiment while an arm trains. */
export interface AugExperimentRunning {
  status: 'running';
  arm: AugArm;
  /** The run the arm trains in; any other runId in the store ends the experiment. */
  runId: number;
  /** The chosen augmentation (arm 1 trains with it; it is put back into the config at the end). */
  aug: string;
  /** Steps per arm. */
  budget: number;
  /** The arm's latest step. */
  step: number;
  /** Where the current step command ends: the arm trains in {@link AUG_EXP_CHUNKS} commands, each ending in a test evaluation. */
  target: number;
  /** Whether the run has said `training` since the current step command (a `paused` before that is the previous one's, not the end). */
  trained: boolean;
  /** The config the arm started with: a change that moves the curve ends the experiment. */
  config: ExperimentConfig;
  /** Arm 0's test accuracy, once it finished. */
  noneAccuracy: number | null;
  /** Pins taken so far (arm 0's). */
  pinIds: number[];
}

/** Where the experiment stands. */
export type AugExperimentRun =
  | { status: 'idle' }
  | AugExperimentRunning
  | { status: 'done'; aug: string; budget: number; noneAccuracy: number; augAccuracy: number; pinIds: number[] }
  | { status: 'stopped'; reason: string };

/** The store slice: the steps field and the experiment. */
export interface AugExperimentState {
  /** Steps per arm (the box's field; not a URL key). */
  steps: number;
  run: AugExperimentRun;
}

/** The slice before any experiment. */
export function freshAugExperiment(): AugExperimentState {
  return { steps: AUG_EXP_DEFAULT_STEPS, run: { status: 'idle' } };
}

/** Whether `steps` is a valid budget: a whole number in [AUG_EXP_MIN_STEPS, AUG_EXP_MAX_STEPS]. */
export function isValidAugExpSteps(steps: number): boolean {
  return Number.isInteger(steps) && steps >= AUG_EXP_MIN_STEPS && steps <= AUG_EXP_MAX_STEPS;
}

/** Config keys that only set up an action (λ sweep, regularise-then-prune): changing them leaves a training curve alone. */
const SETUP_ONLY_KEYS: readonly (keyof ExperimentConfig)[] = ['cv_k', 'cv_steps', 'cv_min', 'cv_max', 'cv_points', 'rp_steps', 'rp_tune'];

/** The keys that differ between `a` and `b` and would change a training curve. */
function curveKeys(a: ExperimentConfig, b: ExperimentConfig): (keyof ExperimentConfig)[] {
  return changedKeys(a, b).filter((k) => !SETUP_ONLY_KEYS.includes(k));
}

/**
 * Why the experiment cannot start now, in words for the box, or null when it
 * can. `pinCount` counts the pins it would keep: not the experiment's own
 * from an earlier run, which a new run replaces.
 */
export function augExperimentRefusal(config: ExperimentConfig, pinCount: number, jobRunning: boolean): string | null {
  if (config.dataset !== 'mnist') return 'The experiment needs MNIST.';
  if (config.aug === '') return 'Choose an augmentation above first: with none there is nothing to compare.';
  if (PINS_MAX - pinCount < AUG_EXP_PINS) return `The experiment pins two runs and ${pinCount} of ${PINS_MAX} pin slots are used: remove ${pinCount - (PINS_MAX - AUG_EXP_PINS)} first.`;
  if (jobRunning) return 'A λ sweep or regularise-then-prune job is running: wait for it or cancel it.';
  return null;
}

/** The ids of the pins an earlier run of the experiment took (a new run replaces them). */
export function ownPins(pinned: readonly { id: number; experiment?: PinExperiment }[]): number[] {
  return pinned.filter((p) => p.experiment === AUG_EXP_PIN_TAG).map((p) => p.id);
}

/** What the state machine reads from the store about the live run. */
export type ObservedRun = Pick<RunState, 'runId' | 'phase' | 'step' | 'playing' | 'testAccuracy' | 'message'> & Partial<Pick<RunState, 'testStep' | 'testRows' | 'testTotal'>>;

/**
 * Step commands per arm. The worker evaluates the test set at the end of each,
 * so each pinned accuracy curve gets this many points at the same steps
 * (left to itself it evaluates MNIST only every 100–500 steps).
 */
export const AUG_EXP_CHUNKS = 10;

/** Where the step command after `step` ends, for an arm of `budget` steps. */
export function nextTarget(step: number, budget: number): number {
  return Math.min(budget, step + Math.ceil(budget / AUG_EXP_CHUNKS));
}

/** What one store change means for the running arm. */
export type ArmEvent =
  /** Still training (the step or `trained` may have moved on). */
  | { kind: 'progress'; step: number; trained: boolean }
  /** Paused at the end of a step command before the budget: time for the next one. */
  | { kind: 'chunk'; step: number }
  /** Paused at the budget: the test accuracy the worker evaluated there. */
  | { kind: 'finished'; accuracy: number }
  /** The arm cannot finish as planned; `reason` says why. */
  | { kind: 'abort'; reason: string };

/**
 * The transition of the running arm `exp` given the store's `run` and
 * `config`: pure. Checked in order: another run, a changed setting, play
 * pressed, divergence or an error, then paused at the budget (finished) or
 * paused before it after training started (stopped by hand).
 */
export function observeArm(exp: AugExperimentRunning, run: ObservedRun, config: ExperimentConfig): ArmEvent {
  if (run.runId !== exp.runId) return { kind: 'abort', reason: 'Stopped: a new run started (a setting that restarts training changed, or reset was pressed).' };
  const changed = curveKeys(exp.config, config);
  if (changed.length > 0) return { kind: 'abort', reason: `Stopped: ${changed.join(', ')} changed while an arm was training.` };
  if (run.playing) return { kind: 'abort', reason: 'Stopped: play was pressed while an arm was training.' };
  if (run.phase === 'diverged' || run.phase === 'error') return { kind: 'abort', reason: `Stopped: the run ${run.phase === 'diverged' ? 'diverged' : 'failed'}${run.message ? ` (${run.message})` : ''}.` };
  const trained = exp.trained || run.phase === 'training';
  if (run.phase === 'paused' && run.step >= exp.budget) {
    // Paused, the worker shows quick figures (a subset of the test rows) first; the arm's accuracy is the whole set's.
    const partial = run.testRows != null && run.testTotal != null && (run.testRows < run.testTotal || run.testStep !== run.step);
    if (partial) return { kind: 'progress', step: run.step, trained };
    if (run.testAccuracy === null) return { kind: 'abort', reason: 'Stopped: the run reported no test accuracy.' };
    return { kind: 'finished', accuracy: run.testAccuracy };
  }
  if (run.phase === 'paused' && trained && run.step === exp.target) return { kind: 'chunk', step: run.step };
  if (run.phase === 'paused' && trained && run.step > 0) return { kind: 'abort', reason: `Stopped: training paused at step ${run.step} of ${exp.budget}.` };
  return { kind: 'progress', step: run.step, trained };
}

/** The slice of the app state the experiment reads. */
export interface AugExperimentHostState {
  config: ExperimentConfig;
  run: ObservedRun;
  pinned: readonly { id: number; experiment?: PinExperiment }[];
  /** Whether a worker job (λ sweep, regularise-then-prune) runs. */
  regularisation: { job: unknown };
  augExperiment: AugExperimentState;
  setConfig(key: 'aug', value: string): void;
  /** A new run from the seed, step 0, paused (bumps runId). */
  reset(): void;
  /** Trains exactly `steps` steps of the current run, then pauses. */
  trainSteps(steps: number): void;
  pause(): void;
  /** Pins the live run, tagged `experiment` (refused when no slot is free). */
  pin(experiment?: PinExperiment): void;
  /** Removes the pin `id`. */
  unpin(id: number): void;
}

/** The store as the experiment sees it (the app store satisfies it). */
export interface AugExperimentHost {
  getState(): AugExperimentHostState;
  setState(partial: { augExperiment: AugExperimentState }): void;
  subscribe(listener: () => void): () => void;
}

/** Starts and cancels the experiment; everything in between happens in its store subscription. */
export interface AugExperimentController {
  /** Starts the experiment with the current config and steps; ignored while it runs or when {@link augExperimentRefusal} refuses. */
  start(): void;
  /** Stops a running experiment: pauses its run and puts the chosen augmentation back. */
  cancel(): void;
  /** Ends the subscription. */
  detach(): void;
}

/**
 * Attaches the experiment to `host`: subscribes to it and drives the arms.
 * The subscription ignores the notifications its own actions cause (they
 * re-enter synchronously) and acts on the state they leave.
 */
export function attachAugExperiment(host: AugExperimentHost): AugExperimentController {
  let acting = false;

  const setRun = (run: AugExperimentRun): void => {
    host.setState({ augExperiment: { ...host.getState().augExperiment, run } });
  };

  /** Starts arm `arm`: the arm's aug, a fresh run from the seed, `budget` steps. */
  const startArm = (arm: AugArm, aug: string, budget: number, noneAccuracy: number | null, pinIds: number[]): void => {
    const want = arm === 0 ? '' : aug;
    if (host.getState().config.aug !== want) host.getState().setConfig('aug', want);
    host.getState().reset();
    const target = nextTarget(0, budget);
    host.getState().trainSteps(target);
    const { run, config } = host.getState();
    setRun({ status: 'running', arm, runId: run.runId, aug, budget, step: 0, target, trained: false, config, noneAccuracy, pinIds });
  };

  /** Ends the experiment with `reason`; puts the chosen augmentation back if arm 0 left the config without it. */
  const stop = (exp: AugExperimentRunning, reason: string): void => {
    setRun({ status: 'stopped', reason });
    if (exp.arm === 0 && host.getState().config.aug === '') host.getState().setConfig('aug', exp.aug);
  };

  /** Pins the live run (the arm's: checked by the caller); the new pin's id, or null when refused. */
  const pinLive = (): number | null => {
    const before = host.getState().pinned.length;
    host.getState().pin(AUG_EXP_PIN_TAG);
    const after = host.getState().pinned;
    return after.length > before ? after[after.length - 1].id : null;
  };

  const onChange = (): void => {
    const s = host.getState();
    const exp = s.augExperiment.run;
    if (exp.status !== 'running') return;
    const event = observeArm(exp, s.run, s.config);
    if (event.kind === 'abort') {
      stop(exp, event.reason);
      return;
    }
    if (event.kind === 'chunk') {
      const target = nextTarget(event.step, exp.budget);
      setRun({ ...exp, step: event.step, target, trained: false });
      host.getState().trainSteps(target - event.step);
      return;
    }
    if (event.kind === 'progress') {
      if (event.step !== exp.step || event.trained !== exp.trained) setRun({ ...exp, step: event.step, trained: event.trained });
      return;
    }
    // Finished: the store's run is the arm's (observeArm checked the runId), so this pin is its curve.
    const pinId = pinLive();
    if (pinId === null) {
      stop(exp, 'Stopped: the run could not be pinned (no free pin slot).');
      return;
    }
    const pinIds = [...exp.pinIds, pinId];
    if (exp.arm === 0) startArm(1, exp.aug, exp.budget, event.accuracy, pinIds);
    else setRun({ status: 'done', aug: exp.aug, budget: exp.budget, noneAccuracy: exp.noneAccuracy ?? Number.NaN, augAccuracy: event.accuracy, pinIds });
  };

  /** Runs `body` with the subscription muted (our own actions notify synchronously). */
  const act = (body: () => void): void => {
    if (acting) return;
    acting = true;
    try {
      body();
    } finally {
      acting = false;
    }
  };

  const unsubscribe = host.subscribe(() => act(onChange));

  return {
    start() {
      act(() => {
        const s = host.getState();
        if (s.augExperiment.run.status === 'running') return;
        const own = ownPins(s.pinned);
        if (augExperimentRefusal(s.config, s.pinned.length - own.length, s.regularisation.job !== null) !== null) return;
        for (const id of own) host.getState().unpin(id);
        startArm(0, s.config.aug, s.augExperiment.steps, null, []);
      });
    },
    cancel() {
      act(() => {
        const s = host.getState();
        const exp = s.augExperiment.run;
        if (exp.status !== 'running') return;
        if (s.run.runId === exp.runId) s.pause();
        stop(exp, 'Cancelled.');
      });
    },
    detach: unsubscribe,
  };
}
