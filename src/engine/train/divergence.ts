/**
 * When has a run diverged? Pure arithmetic on losses the worker reads anyway
 * (no tfjs), so it runs in the worker and in Node tests alike.
 *
 * The yardstick is the loss of a network that knows nothing: the best
 * *constant* prediction, L₀ = ln C for C classes (uniform probabilities) and
 * L₀ = mean over the test rows of (y − ȳ_train)² for regression (predict the
 * training mean). A trained network is better than that and an untrained one
 * (Glorot init, small outputs) about equal to it, so a loss far above L₀ means
 * the weights have blown up, whatever the dataset's scale.
 */
import type { Dataset } from '../types';

/**
 * A run has diverged when, at an evaluation, the full test loss exceeds this many
 * times L₀. Measured over 40 intervals of 25 steps × seeds 1–5 (Node, cpu backend):
 * SGD with lr 10 on circle, xor and spiral (tanh) has test losses of 2–116 × L₀
 * (they swing, so this rule alone can miss an evaluation; the train rule below does
 * not); the highest of sane runs was 12.3 × L₀ (plane, batch 1, Adam lr 0.3),
 * 9.6 × at most with batch 10.
 */
export const TEST_LOSS_FACTOR = 20;
/**
 * …or when the mean train loss since the previous evaluation (over at least
 * {@link MIN_INTERVAL_STEPS} steps after the first {@link WARMUP_STEPS}) exceeds
 * this many times L₀. Same measurements: SGD lr 10 keeps every interval mean at
 * 20.8–51.9 × L₀; sane runs stay at 9.6 × at most (xor, ReLU, Adam lr 1). It also
 * catches a spike that kills the network before a test loss could show it: MNIST
 * with SGD lr 10 has one batch at 9·10¹², after which every ReLU is dead and the
 * test loss sits at ln 10 = L₀.
 */
export const TRAIN_LOSS_FACTOR = 15;
/**
 * A single step whose train loss exceeds this many times L₀ has diverged at
 * once, warm-up or not. Sane single batches reach ~330 × L₀ (Adam lr 1 on
 * `plane`: 99 against L₀ = 0.3); MNIST with SGD lr 10 has one batch at
 * 9·10¹² (4·10¹² × L₀) within its first steps, after which every ReLU is dead
 * and every later loss sits at L₀ = ln 10, which no other rule would flag.
 */
export const STEP_LOSS_FACTOR = 10_000;
/**
 * The train rule ignores a run's first steps: Adam at lr 1 on `plane` overshoots
 * at first (its first 25 steps average 14–31 × L₀) and then trains normally
 * (≤ 5.1 × L₀). The test rule and non-finite losses apply from the first step.
 */
export const WARMUP_STEPS = 25;
/**
 * The train rule judges intervals of at least this many steps (an evaluation
 * right after a burst of a few steps, or after a mask change, may follow very few,
 * and single batches are noisy: Adam lr 1 on `plane` has one at ~330 × L₀); a
 * shorter one carries over into the next.
 */
export const MIN_INTERVAL_STEPS = 25;

/** L₀, the test loss of the best constant prediction: ln C (classification), or the test targets' mean squared deviation from the train mean (regression). */
export function constantLoss(data: Dataset): number {
  if (data.info.task === 'classification') return Math.log(data.info.outputDim);
  let mean = 0;
  for (let i = 0; i < data.nTrain; i++) mean += data.yTrain[i];
  mean /= Math.max(1, data.nTrain);
  let sq = 0;
  for (let i = 0; i < data.nTest; i++) sq += (data.yTest[i] - mean) ** 2;
  return sq / Math.max(1, data.nTest);
}

/** What a divergence check found: which figure, its value and the yardstick's. */
export interface Divergence {
  /** `train`: a non-finite step loss or the interval's mean train loss; `test`: the test loss. */
  kind: 'train' | 'test';
  /** The offending value (NaN or ±Infinity when non-finite). */
  value: number;
  /** L₀ for the dataset. */
  reference: number;
}

/**
 * Tracks the losses of one run and says when it has diverged: a non-finite
 * train loss or one above {@link STEP_LOSS_FACTOR} · L₀ (at once), a mean train loss over an evaluation interval (of at
 * least {@link MIN_INTERVAL_STEPS} steps, after the first {@link WARMUP_STEPS}) above
 * {@link TRAIN_LOSS_FACTOR} · L₀, or a test loss that is non-finite or above
 * {@link TEST_LOSS_FACTOR} · L₀ (at the evaluation). `reference` is L₀
 * ({@link constantLoss}); a non-positive L₀ (a constant regression target)
 * leaves only the non-finite checks.
 */
export class DivergenceWatch {
  private sum = 0;
  private count = 0;
  /** Steps seen so far (the first {@link WARMUP_STEPS} are not summed). */
  private seen = 0;
  /** The lowest mean train loss of an interval so far, for the message's "from". */
  private best = Number.POSITIVE_INFINITY;

  constructor(readonly reference: number) {}

  /** Records one burst's step losses; returns the divergence if a loss is NaN, infinite or above {@link STEP_LOSS_FACTOR} · L₀. */
  trainLosses(losses: ArrayLike<number>): Divergence | null {
    for (let i = 0; i < losses.length; i++) {
      const v = losses[i];
      if (!Number.isFinite(v) || (this.reference > 0 && v > STEP_LOSS_FACTOR * this.reference)) return { kind: 'train', value: v, reference: this.reference };
      if (++this.seen <= WARMUP_STEPS) continue;
      this.sum += v;
      this.count++;
    }
    return null;
  }

  /**
   * At an evaluation: checks the test loss and the mean train loss since the
   * previous evaluation, then starts a new interval (an interval of fewer than
   * {@link MIN_INTERVAL_STEPS} steps is not judged and carries over).
   */
  evaluation(testLoss: number): Divergence | null {
    const mean = this.count >= MIN_INTERVAL_STEPS ? this.sum / this.count : Number.NaN;
    if (this.count >= MIN_INTERVAL_STEPS) {
      this.sum = 0;
      this.count = 0;
    }
    if (!Number.isFinite(testLoss)) return { kind: 'test', value: testLoss, reference: this.reference };
    const limit = this.reference > 0;
    if (limit && testLoss > TEST_LOSS_FACTOR * this.reference) return { kind: 'test', value: testLoss, reference: this.reference };
    if (limit && mean > TRAIN_LOSS_FACTOR * this.reference) return { kind: 'train', value: mean, reference: this.reference };
    if (mean < this.best) this.best = mean;
    return null;
  }

  /** The lowest interval mean of the train loss seen before the divergence (NaN if none). */
  get bestTrainLoss(): number {
    return Number.isFinite(this.best) ? this.best : Number.NaN;
  }
}
