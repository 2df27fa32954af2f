import type { BackendName, BackendProbe } from '../engine/types';
import type { FromWorker, NotLearningNotice, RunPhase } from '../protocol/messages';
import type { PruningState } from './pruning';
import { reduceRegularisation, type RegularisationState } from './regularisation';
import { appendPoints, type Series } from './series';

/** What the header and banners show about the current run. */
export interface RunState {
  /** Id of the current run; worker messages with another id are stale and dropped. */
  runId: number;
  phase: RunPhase;
  /** The phase's explanation (divergence advice, error text, loading text); null when none. */
  message: string | null;
  /** The user's intent: true after play until pause/step/reset, or until the run diverges or fails. */
  playing: boolean;
  step: number;
  epoch: number;
  stepsPerSecond: number;
  /** The backend the worker trains on; null until it says. */
  backend: BackendName | null;
  /** What `auto` measured, fastest first as the worker sent them; empty for an explicit backend. */
  probes: BackendProbe[];
  /** Set when a backend failed and the worker fell back to another: what happened, in words. */
  backendNotice: string | null;
  /**
   * The train (data) loss, no penalty; null before the first step. `batch`:
   * the mean of the latest few mini-batch losses; `evaluated`: after a mask
   * change, the pruned network's loss on `trainLossRows` of its
   * `trainLossTotal` training rows (the batch losses described the network
   * before the change). See `trainLossKind` and `trainLossStep`.
   */
  trainLoss: number | null;
  /** The step `trainLoss` belongs to: the latest mini-batch's, or the one the pruned network was evaluated at; null with no figure. */
  trainLossStep: number | null;
  /** How `trainLoss` was measured (see it); null with no figure. */
  trainLossKind: 'batch' | 'evaluated' | null;
  /** `evaluated` only: the training rows the loss is over, and all of them (e.g. 500 of 8,000); null for `batch`. */
  trainLossRows: number | null;
  trainLossTotal: number | null;
  /**
   * Mean regularisation penalty λ₁Σ|w| + λ₂Σw² over the same steps (0 where a
   * step had none); null before the first step. trainLoss + penalty is the
   * objective being minimised (the loss Keras reports).
   */
  penalty: number | null;
  testLoss: number | null;
  /** Fraction in [0, 1]; null for regression or before the first evaluation. */
  testAccuracy: number | null;
  /** The step the test figures belong to (the network evaluated); null before the first evaluation. */
  testStep: number | null;
  /**
   * The test rows the figures are over, of `testTotal` (while training a fixed
   * seeded subset, e.g. 500 of 2,000 MNIST digits; all of them once training
   * stopped and the whole set was evaluated); null when not known.
   */
  testRows: number | null;
  testTotal: number | null;
  /** The "not learning" notice (the loss still at the constant-guess level after a fair budget, and why); null when none. */
  notLearning: NotLearningNotice | null;
  /** Dataset download progress in bytes while loading; null otherwise. */
  loadProgress: { loaded: number; total: number } | null;
}

/** The part of the app state that worker messages change. */
export interface RunAndSeries {
  run: RunState;
  series: Series;
  pruning: PruningState;
  regularisation: RegularisationState;
}

/** A fresh run: no figures yet. Keeps the backend and probes (they rarely change between runs). */
export function freshRun(runId: number, playing: boolean, previous?: RunState): RunState {
  return {
    runId,
    phase: 'idle',
    message: null,
    playing,
    step: 0,
    epoch: 0,
    stepsPerSecond: 0,
    backend: previous?.backend ?? null,
    probes: previous?.probes ?? [],
    backendNotice: null,
    trainLoss: null,
    trainLossStep: null,
    trainLossKind: null,
    trainLossRows: null,
    trainLossTotal: null,
    penalty: null,
    testLoss: null,
    testAccuracy: null,
    testStep: null,
    testRows: null,
    testTotal: null,
    notLearning: null,
    loadProgress: null,
  };
}

/** The worker's reason when a GPU was lost mid-run (host.ts `fallBack`). */
const LOST = /^lost its (context|device) at step (\d+); resuming from step (\d+)$/;

/**
 * The backend notice: "webgl lost its context at step 120; now training on wasm
 * from step 120 (the optimizer state restarts)." after a GPU loss, else
 * "webgpu failed: <reason>. Now training on webgl."
 */
export function fallbackNotice(from: BackendName, to: BackendName, reason: string | undefined): string {
  const lost = reason === undefined ? null : LOST.exec(reason);
  if (lost) return `${from} lost its ${lost[1]} at step ${lost[2]}; now training on ${to} from step ${lost[3]} (the optimizer state restarts).`;
  return `${from} failed${reason ? `: ${reason}` : ''}. Now training on ${to}.`;
}

/** Train losses (and penalties) averaged for the header figures: enough to calm batch noise, few enough to stay current. */
const HEADER_LOSS_WINDOW = 20;

/** A test accuracy for the header: NaN (regression) becomes null. */
const accuracyOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Applies one worker message to the run, series, pruning and regularisation slices: a pure reducer. Returns
 * null when the message changes nothing here: a stale runId, a snapshot
 * (which bypasses state; see `SnapshotRef`), or what the store keeps beside
 * these slices (views, points, the augmentation preview).
 */
export function applyWorkerMessage(state: RunAndSeries, msg: FromWorker): RunAndSeries | null {
  const { run } = state;
  if (msg.runId !== run.runId) return null;
  switch (msg.type) {
    case 'phase': {
      const stops = msg.phase === 'diverged' || msg.phase === 'error';
      const loading = msg.phase === 'loading' || msg.phase === 'idle';
      return {
        ...state,
        run: {
          ...run,
          phase: msg.phase,
          message: msg.message ?? null,
          playing: stops ? false : run.playing,
          loadProgress: loading ? run.loadProgress : null,
          stepsPerSecond: msg.phase === 'training' ? run.stepsPerSecond : 0,
        },
      };
    }
    case 'progress':
      return { ...state, run: { ...run, loadProgress: { loaded: msg.loaded, total: msg.total } } };
    case 'backend': {
      const backendNotice = msg.fallbackFrom !== undefined ? fallbackNotice(msg.fallbackFrom, msg.backend, msg.reason) : null;
      const next = { ...state, run: { ...run, backend: msg.backend, probes: msg.probes ?? [], backendNotice } };
      // A fallback rebuilds the session: a sweep or compaction it interrupted will not be answered.
      return msg.fallbackFrom === undefined ? next : { ...next, pruning: { ...state.pruning, sweeping: false, compacting: false } };
    }
    case 'metrics': {
      const next: RunState = { ...run, step: msg.step, epoch: msg.epoch, stepsPerSecond: msg.stepsPerSecond, notLearning: msg.notLearning ?? null };
      const finite = msg.points.filter((p) => Number.isFinite(p.trainLoss));
      // After an evaluated train loss, a point re-sent at its step (new test figures) still holds the batch loss of the network
      // before the change: only newer steps replace the evaluated figure.
      const evaluatedAt = run.trainLossKind === 'evaluated' ? run.trainLossStep : null;
      const recent = (evaluatedAt === null ? finite : finite.filter((p) => p.step > evaluatedAt)).slice(-HEADER_LOSS_WINDOW);
      if (recent.length > 0) {
        next.trainLoss = recent.reduce((sum, p) => sum + p.trainLoss, 0) / recent.length;
        next.penalty = recent.reduce((sum, p) => sum + (p.penalty ?? 0), 0) / recent.length;
        next.trainLossStep = recent[recent.length - 1].step;
        next.trainLossKind = 'batch';
        next.trainLossRows = null;
        next.trainLossTotal = null;
      }
      for (const p of msg.points) {
        if (p.testLoss === undefined && p.testAccuracy === undefined) continue;
        if (p.testLoss !== undefined) next.testLoss = p.testLoss;
        if (p.testAccuracy !== undefined) next.testAccuracy = p.testAccuracy;
        // Rows unknown from a point alone; the message's latestEval (sent with every evaluation) names them.
        if (p.step !== next.testStep) Object.assign(next, { testStep: p.step, testRows: null, testTotal: null });
      }
      // The latest evaluation may come without a new point (θ moved while paused): it wins.
      if (msg.latestEval !== undefined) {
        next.testLoss = msg.latestEval.testLoss;
        next.testAccuracy = accuracyOrNull(msg.latestEval.testAccuracy);
        next.testStep = msg.latestEval.step;
        next.testRows = msg.latestEval.rows;
        next.testTotal = msg.latestEval.total;
      }
      if (msg.trainEval !== undefined) {
        const e = msg.trainEval;
        Object.assign(next, { trainLoss: e.loss, penalty: e.penalty, trainLossStep: e.step, trainLossKind: 'evaluated', trainLossRows: e.rows, trainLossTotal: e.total });
      }
      return {
        ...state,
        run: next,
        series: msg.points.length > 0 ? appendPoints(state.series, msg.points) : state.series,
        pruning: { ...state.pruning, model: msg.model },
      };
    }
    case 'sweep':
      return { ...state, pruning: { ...state.pruning, sweep: { step: msg.step, scope: msg.scope, points: msg.points }, sweeping: false } };
    case 'compacted':
      return { ...state, pruning: { ...state.pruning, compaction: { step: msg.step, before: msg.before, after: msg.after }, compacting: false } };
    case 'lottery': {
      // The last round pauses the worker: the play button must say so too.
      const finished = msg.done && !state.pruning.lottery.done;
      return { ...state, run: finished ? { ...run, playing: false } : run, pruning: { ...state.pruning, lottery: { rows: msg.rows, done: msg.done } } };
    }
    case 'job':
      // The worker pauses training while a job runs: the play button must say so.
      return { ...state, run: run.playing ? { ...run, playing: false } : run, regularisation: reduceRegularisation(state.regularisation, msg) };
    case 'lambdaSweep':
    case 'regPrune':
      return { ...state, regularisation: reduceRegularisation(state.regularisation, msg) };
    case 'snapshot':
    case 'points':
    case 'view':
    case 'augPreview':
      return null;
    case 'error':
      return {
        ...state,
        run: { ...run, phase: 'error', message: msg.message, playing: false, loadProgress: null, stepsPerSecond: 0 },
        pruning: { ...state.pruning, sweeping: false, compacting: false },
        regularisation: reduceRegularisation(state.regularisation, msg),
      };
    default: {
      const unreachable: never = msg;
      return unreachable;
    }
  }
}
