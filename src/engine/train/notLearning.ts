/**
 * Is the run learning at all? Pure arithmetic on the train losses the worker
 * reads anyway (no tfjs), beside the divergence rule (divergence.ts), with the
 * same yardstick L₀: the loss of the best constant guess (ln C for C classes,
 * the targets' variance for regression). A run that has trained a fair budget
 * and whose train loss still sits at (or above) L₀ has learned nothing; when
 * its learning rate is outside the range where its optimizer learns our
 * networks, that rate is the likely cause, and the notice says which way to
 * move it. It never pauses training, and it clears once the loss falls.
 */
import type { OptimizerName } from '../types';

/** Steps of the train-loss window judged (its mean smooths the batch noise: ±5–40 % per batch on the toy sets). */
export const NOT_LEARNING_WINDOW = 100;
/**
 * The budget: at least this many steps, and at least one pass over the
 * training set (so a tiny batch on a large set has seen every row once), at
 * most {@link NOT_LEARNING_MAX_STEPS}. Measured on the 2-D sets and both
 * regressions (8,8, batch 10, seed 1, Node): every run with a rate inside its
 * optimizer's range is below 0.45 · L₀ by step 300 except spiral (0.91–0.97 ·
 * L₀, learning slowly) and sgd 0.03 on circle and xor with tanh (0.96–0.98 ·
 * L₀); runs at 10⁻⁵ sit at 0.98–1.02 · L₀ (classification) or far above it
 * (regression), and too-high rates bounce at 0.94–10 · L₀.
 */
export const NOT_LEARNING_MIN_STEPS = 300;
export const NOT_LEARNING_MAX_STEPS = 1000;
/** "Still at L₀": the window's mean train loss is at least this share of L₀. */
export const STILL_AT_CONSTANT = 0.95;
/** The notice clears once the window's mean falls below this share of L₀ (hysteresis: a loss near 0.95 · L₀ does not flicker). */
export const LEARNING_AGAIN = 0.9;

/**
 * Per optimizer, the learning rates at or below `low` take steps too small to
 * leave L₀ within the budget, and those at or above `high` steps so large the
 * loss bounces around L₀ (or the ReLUs die). Measured as above: Adam learns
 * at 0.001–0.1 and bounces at 1 and 3; SGD learns at 0.03–0.3 (slowly at 0.03)
 * and bounces at 3; momentum 0.9 (steps ~10× SGD's) learns at 0.01 and bounces
 * at 3. Between the two, a run stuck at L₀ has another cause we cannot name
 * (e.g. spiral is hard for a small network): no notice.
 */
export const RATE_RANGE: Record<OptimizerName, { low: number; high: number; suggest: number }> = {
  adam: { low: 1e-4, high: 0.3, suggest: 0.01 },
  sgd: { low: 3e-3, high: 1, suggest: 0.1 },
  momentum: { low: 3e-4, high: 0.3, suggest: 0.01 },
};

/** Why a run is not learning: steps too small or too large for its optimizer. */
export type NotLearningCause = 'low' | 'high';

/** What the notice says: with numbers, and what to try. */
export interface NotLearning {
  /** The step at which this was judged (the latest step trained). */
  step: number;
  /** Steps trained in this run so far. */
  steps: number;
  /** Mean train (data) loss over the latest {@link NOT_LEARNING_WINDOW} steps. */
  loss: number;
  /** L₀, the loss of always guessing. */
  reference: number;
  cause: NotLearningCause;
  optimizer: OptimizerName;
  learningRate: number;
  /** A learning rate to try instead. */
  suggest: number;
}

/** The steps before a run may be judged: max({@link NOT_LEARNING_MIN_STEPS}, ⌈nTrain / batch⌉), at most {@link NOT_LEARNING_MAX_STEPS}. */
export function notLearningBudget(nTrain: number, batch: number): number {
  const epoch = Math.ceil(Math.max(1, nTrain) / Math.max(1, batch));
  return Math.min(NOT_LEARNING_MAX_STEPS, Math.max(NOT_LEARNING_MIN_STEPS, epoch));
}

/** The cause a learning rate points to for `optimizer`, or null when it lies inside the range ({@link RATE_RANGE}). */
export function rateCause(optimizer: OptimizerName, learningRate: number): NotLearningCause | null {
  const range = RATE_RANGE[optimizer];
  if (learningRate <= range.low) return 'low';
  if (learningRate >= range.high) return 'high';
  return null;
}

/**
 * Watches one run's train losses: after the budget, a window mean ≥
 * {@link STILL_AT_CONSTANT} · L₀ with a learning rate outside its optimizer's
 * range raises the notice; a window mean below {@link LEARNING_AGAIN} · L₀ (or
 * a rate moved into the range) clears it. Non-finite losses are the divergence
 * rule's business and are skipped here. A non-positive L₀ (constant targets) never raises it.
 */
export class NotLearningWatch {
  private readonly window: number[] = [];
  private sum = 0;
  private seen = 0;
  private current: NotLearning | null = null;

  constructor(
    /** L₀ ({@link constantLoss} in divergence.ts). */
    readonly reference: number,
    /** Steps before judging ({@link notLearningBudget}). */
    readonly budget: number,
  ) {}

  /**
   * Records a burst's train losses, whose last step is `step`, trained with
   * `optimizer` at `learningRate`; returns the notice in force afterwards (null: none).
   */
  record(losses: ArrayLike<number>, step: number, optimizer: OptimizerName, learningRate: number): NotLearning | null {
    for (let i = 0; i < losses.length; i++) {
      const v = losses[i];
      this.seen++;
      if (!Number.isFinite(v)) continue;
      this.window.push(v);
      this.sum += v;
      if (this.window.length > NOT_LEARNING_WINDOW) this.sum -= this.window.shift()!;
    }
    if (!(this.reference > 0) || this.window.length < NOT_LEARNING_WINDOW || this.seen < this.budget) return this.current;
    const mean = this.sum / this.window.length;
    const cause = rateCause(optimizer, learningRate);
    if (this.current !== null && (mean < LEARNING_AGAIN * this.reference || cause === null)) this.current = null;
    else if (cause !== null && mean >= (this.current === null ? STILL_AT_CONSTANT : LEARNING_AGAIN) * this.reference) {
      this.current = { step, steps: this.seen, loss: mean, reference: this.reference, cause, optimizer, learningRate, suggest: RATE_RANGE[optimizer].suggest };
    }
    return this.current;
  }

  /** The notice in force (null: none). */
  get notice(): NotLearning | null {
    return this.current;
  }
}
