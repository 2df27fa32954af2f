/**
 * The worker's jobs: long actions that pause training and run on throwaway
 * sessions beside the live one — the λ sweep (k-fold cross-validation over a
 * log grid) and regularise-then-prune (none / L1 / L2 from the same seed,
 * pruned to a range of sparsities, before and after fine-tuning). They never
 * touch the live session. Every session a job creates is disposed before the
 * job moves on (also when it is cancelled or fails). Training runs in bursts
 * of about {@link burstTargetMs} with a yield to the message queue before each
 * one, so a `cancelJob` (or a rebuild) is seen within one burst.
 */
import { sparsityMasks } from '../engine/prune/masks';
import { weightMasksToLayerMasks } from '../engine/prune/structured';
import { foldDatasets, logGrid, meanStd } from '../engine/regularise/cv';
import { TrainingSession } from '../engine/train/session';
import type { BackendName, Dataset, EvalResult, LayerWeights, ModelSpec, TrainOptions } from '../engine/types';
import { penaltyWeights, sweptPenalty, type ExperimentConfig } from '../protocol/config';
import type { LambdaPoint, LambdaSweepResult, RegPrunePoint, RegPruneResult } from '../protocol/messages';
import { trainOptions } from './builder';
import { BurstPacer, burstTargetMs } from './pacing';
import { now, yieldToQueue } from './serial';

/** Global sparsities regularise-then-prune prunes each network to. */
export const REG_PRUNE_LEVELS: readonly number[] = [0.5, 0.7, 0.8, 0.9, 0.95];
/** The λ regularise-then-prune uses when the config sets neither l1 nor l2. */
export const REG_PRUNE_DEFAULT_LAMBDA = 1e-4;
/** Progress messages inside a unit at most this often (plus one at the end of every unit). */
export const JOB_PROGRESS_INTERVAL_MS = 200;

/** Thrown inside a job that was cancelled (or superseded by a new run) to unwind it. */
export class JobCancelled extends Error {
  constructor() {
    super('Cancelled');
  }
}

/** A job's progress: `done` of `total` units, `label` says what runs now. */
export interface JobProgress {
  done: number;
  total: number;
  label: string;
}

/** What a job needs from the host. */
export interface JobEnv {
  /** The run's dataset (the λ sweep folds its TRAIN part; regularise-then-prune trains on it and tests on its test part). */
  dataset: Dataset;
  /** The network, as built from the seed (not a compaction of it). */
  spec: ModelSpec;
  /** The config when the job started; later hot changes do not reach a running job. */
  config: ExperimentConfig;
  /** The backend the sessions run on (the active one): sets the burst length. */
  backend: BackendName;
  /** True once the job should stop (cancel asked for, or a new run). Checked before every burst. */
  stopped(): boolean;
  /** Progress; `unit` true at the end of a unit (always sent), false within one (throttled). */
  progress(p: JobProgress, unit: boolean): void;
}

/**
 * Rate-limits progress messages: at most one per {@link JOB_PROGRESS_INTERVAL_MS}
 * within a unit, every unit end and the first message always.
 */
export class ProgressThrottle {
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: (p: JobProgress) => void,
    private readonly clock: () => number = now,
  ) {}

  report(p: JobProgress, unit: boolean): void {
    const t = this.clock();
    if (!unit && t - this.last < JOB_PROGRESS_INTERVAL_MS) return;
    this.last = t;
    this.send(p);
  }
}

/**
 * The sweep's λ grid: logGrid(cv_min, cv_max, cv_points), ends swapped when
 * cv_min > cv_max; a single λ when they are equal (a grid of one value).
 */
export function sweepGrid(config: ExperimentConfig): number[] {
  const lo = Math.min(config.cv_min, config.cv_max);
  const hi = Math.max(config.cv_min, config.cv_max);
  if (lo === hi) return [lo];
  return logGrid(lo, hi, Math.max(2, Math.round(config.cv_points)));
}

/** Index of the smallest finite value (the first on ties); -1 when none is finite. */
export function argminFinite(xs: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]) && (best < 0 || xs[i] < xs[best])) best = i;
  return best;
}

/** Short λ for labels: 1e-5, 5.6e-5, 0.001, 0.32, 1. */
export function formatLambda(x: number): string {
  if (x === 0) return '0';
  if (x >= 1e-3 && x < 1e4) return String(Number(x.toPrecision(2)));
  const [m, e] = x.toExponential(1).split('e');
  return `${m.replace(/\.0$/, '')}e${Number(e)}`;
}

/**
 * Trains `session` `steps` steps in bursts sized by `pacer`, yielding to the
 * message queue before each burst; throws {@link JobCancelled} as soon as the
 * job is stopped. `onBurst(doneSteps)` after each burst.
 */
async function trainFor(session: TrainingSession, steps: number, env: JobEnv, pacer: BurstPacer, onBurst: (done: number) => void): Promise<void> {
  let done = 0;
  while (done < steps) {
    await yieldToQueue();
    if (env.stopped()) throw new JobCancelled();
    const k = Math.min(pacer.steps, steps - done);
    const t0 = now();
    await session.trainSteps(k);
    pacer.record(k, now() - t0);
    done += k;
    onBurst(done);
  }
  await yieldToQueue();
  if (env.stopped()) throw new JobCancelled();
}

/** Runs `body` on a fresh session and disposes it whatever happens. */
async function withSession<T>(make: () => TrainingSession, body: (s: TrainingSession) => Promise<T>): Promise<T> {
  const session = make();
  try {
    return await body(session);
  } finally {
    session.dispose();
  }
}

/** Training options for a job session: the run's optimizer, lr, batch, seed and dropout with this penalty. */
function jobOptions(config: ExperimentConfig, penalty: { l1: number; l2: number; prox: boolean }): TrainOptions {
  return { ...trainOptions(config), ...penalty };
}

/**
 * The λ sweep: for each grid λ (ascending) and each of the cv_k folds of the
 * train set, a fresh session from the seed trains cv_steps steps on the other
 * folds; then its data loss on the held-out fold (validation) and on its own
 * training folds is measured. Units = grid points × k.
 */
export async function lambdaSweep(env: JobEnv): Promise<LambdaSweepResult> {
  const { config, dataset, spec } = env;
  const kind = sweptPenalty(config);
  const prox = kind !== 'l2' && config.prox === 1;
  const grid = sweepGrid(config);
  const k = Math.max(2, Math.min(Math.round(config.cv_k), dataset.nTrain));
  const steps = Math.max(1, Math.round(config.cv_steps));
  const folds = foldDatasets(dataset, k, config.seed);
  const pacer = new BurstPacer();
  pacer.reset(burstTargetMs(env.backend));
  const total = grid.length * k;
  const points: LambdaPoint[] = [];
  let done = 0;
  env.progress({ done, total, label: `λ = ${formatLambda(grid[0])}, fold 1/${k}` }, true);
  for (const lambda of grid) {
    const options = jobOptions(config, { ...penaltyWeights(kind, lambda), prox });
    const val: EvalResult[] = [];
    const train: EvalResult[] = [];
    for (let f = 0; f < k; f++) {
      const label = `λ = ${formatLambda(lambda)}, fold ${f + 1}/${k}`;
      await withSession(
        () => new TrainingSession(folds[f].train, spec, options),
        async (session) => {
          await trainFor(session, steps, env, pacer, (s) => env.progress({ done, total, label: `${label}, step ${s}/${steps}` }, false));
          val.push(await session.evaluate());
          train.push(await session.evaluateTrain());
        },
      );
      done++;
      const next = done < total ? `λ = ${formatLambda(grid[Math.floor(done / k)])}, fold ${(done % k) + 1}/${k}` : 'Done';
      env.progress({ done, total, label: next }, true);
    }
    const v = meanStd(val.map((r) => r.testLoss));
    const t = meanStd(train.map((r) => r.testLoss));
    const acc = meanStd(val.map((r) => r.testAccuracy)).mean;
    points.push({ lambda, valMean: v.mean, valStd: v.std, trainMean: t.mean, trainStd: t.std, valAccuracy: dataset.info.task === 'classification' ? acc : Number.NaN });
  }
  const best = argminFinite(points.map((p) => p.valMean));
  if (best < 0) throw new Error('Every λ diverged (validation loss NaN or infinite): lower the learning rate.');
  return { kind, prox, k, stepsPerFold: steps, points, bestLambda: points[best].lambda };
}

const ARMS = ['none', 'l1', 'l2'] as const;
type Arm = (typeof ARMS)[number];

/** Fraction of zeros over all the masks. */
function maskSparsity(masks: Uint8Array[]): number {
  let zeros = 0;
  let n = 0;
  for (const m of masks) {
    n += m.length;
    for (let i = 0; i < m.length; i++) if (m[i] === 0) zeros++;
  }
  return n > 0 ? zeros / n : 0;
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;
const figures = (r: EvalResult): { testLoss: number; testAccuracy: number } => ({ testLoss: r.testLoss, testAccuracy: r.testAccuracy });

/**
 * Regularise, then prune: three networks from the same seed — no penalty,
 * L1 (λ₁ = λ, prox as configured), L2 (λ₂ = λ) with λ = max(l1, l2) of the
 * config ({@link REG_PRUNE_DEFAULT_LAMBDA} when both are 0) — each trained
 * rp_steps steps on the full train set; then, for each level of
 * {@link REG_PRUNE_LEVELS}, global magnitude masks of its weights, the test set
 * right after pruning and after rp_tune steps with the mask held and the same
 * penalty. Units = 3 trainings + 3 × levels fine-tunings.
 */
export async function regPrune(env: JobEnv): Promise<RegPruneResult> {
  const { config, dataset, spec } = env;
  const given = Math.max(config.l1, config.l2);
  const lambda = given > 0 ? given : REG_PRUNE_DEFAULT_LAMBDA;
  const note = given > 0 ? '' : ` (no λ set: using ${formatLambda(lambda)})`;
  const steps = Math.max(1, Math.round(config.rp_steps));
  const tune = Math.max(0, Math.round(config.rp_tune));
  const prox = config.prox === 1;
  const pacer = new BurstPacer();
  pacer.reset(burstTargetMs(env.backend));
  const total = ARMS.length * (1 + REG_PRUNE_LEVELS.length);
  let done = 0;
  const penaltyOf = (arm: Arm) => ({ l1: arm === 'l1' ? lambda : 0, l2: arm === 'l2' ? lambda : 0, prox: arm === 'l1' && prox });
  const armName = (arm: Arm) => (arm === 'none' ? 'no penalty' : `${arm.toUpperCase()}, λ = ${formatLambda(lambda)}`);
  const arms: RegPruneResult['arms'] = [];
  env.progress({ done, total, label: `Training with ${armName('none')}${note}` }, true);
  for (const arm of ARMS) {
    const options = jobOptions(config, penaltyOf(arm));
    const trainLabel = `Training with ${armName(arm)}${note}`;
    const { dense, weights } = await withSession(
      () => new TrainingSession(dataset, spec, options),
      async (session) => {
        await trainFor(session, steps, env, pacer, (s) => env.progress({ done, total, label: `${trainLabel}: step ${s}/${steps}` }, false));
        return { dense: figures(await session.evaluate()), weights: await session.readWeights() };
      },
    );
    done++;
    env.progress({ done, total, label: `${armName(arm)}: pruning to ${percent(REG_PRUNE_LEVELS[0])}${note}` }, true);
    const points: RegPrunePoint[] = [];
    for (const level of REG_PRUNE_LEVELS) {
      const point = await pruneAndTune(env, spec, options, weights, level, steps, tune, pacer, (s) =>
        env.progress({ done, total, label: `${armName(arm)}: ${percent(level)} pruned, fine-tuning step ${s}/${tune}${note}` }, false),
      );
      points.push(point);
      done++;
      const nextLevel = REG_PRUNE_LEVELS[points.length];
      const nextArm = ARMS[ARMS.indexOf(arm) + 1];
      const label = nextLevel !== undefined ? `${armName(arm)}: pruning to ${percent(nextLevel)}` : nextArm ? `Training with ${armName(nextArm)}` : 'Done';
      env.progress({ done, total, label: label === 'Done' ? label : `${label}${note}` }, true);
    }
    arms.push({ arm, dense, points });
  }
  return { lambda, steps, tuneSteps: tune, arms };
}

/** One sparsity level of one arm: global magnitude masks of `weights`, evaluate, fine-tune `tune` steps (mask held), evaluate. */
async function pruneAndTune(
  env: JobEnv,
  spec: ModelSpec,
  options: TrainOptions,
  weights: LayerWeights[],
  level: number,
  fromStep: number,
  tune: number,
  pacer: BurstPacer,
  onBurst: (s: number) => void,
): Promise<RegPrunePoint> {
  const masks = sparsityMasks(
    weights.map((w) => w.kernel),
    level,
    'global',
  );
  return withSession(
    () => new TrainingSession(env.dataset, spec, options, { weights, masks: weightMasksToLayerMasks(masks), step: fromStep }),
    async (session) => {
      const before = figures(await session.evaluate());
      if (tune === 0) return { sparsity: maskSparsity(masks), before, after: before };
      await trainFor(session, tune, env, pacer, onBurst);
      return { sparsity: maskSparsity(masks), before, after: figures(await session.evaluate()) };
    },
  );
}
