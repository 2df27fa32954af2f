/**
 * How fresh the test figures are while training, and what they cost: which
 * rows a quick evaluation uses, when one is due for freshness, and which
 * evaluation the figures on screen came from. Pure arithmetic on times and
 * row counts passed in (the host measures); the step-based schedule beside it
 * (pacing.ts EvalSchedule) keeps the chart's test curve dense on fast runs.
 *
 * Why: evaluating MNIST's 2,000 test digits through the classic small CNN takes
 * 9–20 s on this 2-core machine (software WebGL), so the step-based schedule
 * (≤ 5 % of the time) evaluated every 250 steps, i.e. every few minutes, and
 * the header showed step 1's accuracy all that while. Now training evaluates a
 * fixed seeded subset of the test rows whose size fits the measured cost, often
 * enough that the figures shown are about {@link FRESH_MS} old at most; the
 * whole test set is evaluated when training stops (pause, a step command's
 * end) and after a mask change, and figures always say which rows they are over.
 */

/** The test figures shown while training should be at most about this old (ms): from the step they describe to the next figures landing. */
export const FRESH_MS = 2000;
/**
 * Freshness may cost at most this share of the time (evaluation ÷ (evaluation +
 * training)); slower models show older figures instead. On a software GPU the
 * evaluation competes with training for the same two cores (a third cost the
 * small CNN a third of its steps/s); on a real GPU it costs milliseconds.
 */
export const FRESH_SHARE_MAX = 0.25;
/**
 * A quick evaluation aims to take about this long (ms), well under
 * {@link FRESH_MS}, with room for a burst. The seed CNN here: ~4.4 ms a digit →
 * the floor of 100 digits; the small CNN (~0.6 ms) → 500.
 */
export const QUICK_TARGET_MS = 300;
/** Most and fewest test rows of a quick evaluation (accuracy's standard error on 100 rows at 90 %: 3 points; on 500: 1.3). */
export const QUICK_MAX_ROWS = 500;
export const QUICK_MIN_ROWS = 100;
/** A whole test set that evaluates in at most this long (ms) is used whole (the toy sets, LeNet-300-100 on WASM: ~80 ms). */
export const CHEAP_FULL_MS = 250;
/** Most train rows of the train-loss evaluation after a mask change. */
export const TRAIN_ROWS_MAX = 2000;
/** Quick row counts are multiples of this (subsets of one fixed permutation: each lies inside the next). */
const ROW_BUCKET = 100;

/** An evaluation's figures and where they come from. */
export interface EvalFigures {
  step: number;
  testLoss: number;
  testAccuracy: number;
  /** Test rows used, of `total`. */
  rows: number;
  total: number;
}

/**
 * Quick-evaluation sizing and freshness for one run. Milliseconds per row are
 * smoothed over evaluations (0.7 · old + 0.3 · new).
 */
export class EvalCadence {
  private msPerRow = Number.NaN;
  /** The latest evaluation of the current weights, null after they changed. */
  private latest: EvalFigures | null = null;
  /** When the step the shown figures describe was reached, when they landed, and how long they took. */
  private shown: { stepAt: number; endAt: number; ms: number } | null = null;

  constructor(
    /** Test rows in all. */
    readonly total: number,
    /** Train rows in all. */
    readonly trainTotal: number,
  ) {}

  /**
   * Test rows for a quick evaluation now: all of them when there are at most
   * {@link QUICK_MAX_ROWS} or the whole set takes at most {@link CHEAP_FULL_MS};
   * else ⌊{@link QUICK_TARGET_MS} / ms-per-row⌋ rounded down to a hundred,
   * within [{@link QUICK_MIN_ROWS}, {@link QUICK_MAX_ROWS}]; 200 before anything was measured.
   */
  quickRows(): number {
    if (this.total <= QUICK_MAX_ROWS) return this.total;
    if (Number.isNaN(this.msPerRow)) return 2 * ROW_BUCKET;
    if (this.msPerRow * this.total <= CHEAP_FULL_MS) return this.total;
    const fit = Math.floor(QUICK_TARGET_MS / this.msPerRow / ROW_BUCKET) * ROW_BUCKET;
    return Math.max(QUICK_MIN_ROWS, Math.min(QUICK_MAX_ROWS, fit));
  }

  /** Train rows for the train loss after a mask change: as many as {@link QUICK_TARGET_MS} allows, in [QUICK_MIN_ROWS, TRAIN_ROWS_MAX], at most all. */
  trainRows(): number {
    const fit = Number.isNaN(this.msPerRow) ? QUICK_MAX_ROWS : Math.floor(QUICK_TARGET_MS / this.msPerRow / ROW_BUCKET) * ROW_BUCKET;
    return Math.min(this.trainTotal, Math.max(QUICK_MIN_ROWS, Math.min(TRAIN_ROWS_MAX, fit)));
  }

  /**
   * Whether a quick evaluation is due for freshness at time `t` (the end of a
   * burst that took `burstMs`, at `step`): when waiting one more burst would
   * let the figures land older than {@link FRESH_MS} (t + burst + evaluation −
   * the shown step's time > FRESH_MS), unless evaluations would then take more
   * than {@link FRESH_SHARE_MAX} of the time since the last one landed.
   */
  freshDue(step: number, t: number, burstMs: number): boolean {
    if (this.latest !== null && this.latest.step === step) return false;
    if (this.shown === null) return true;
    const evalMs = Number.isNaN(this.msPerRow) ? this.shown.ms : this.msPerRow * this.quickRows();
    if (t + Math.max(0, burstMs) + evalMs - this.shown.stepAt <= FRESH_MS) return false;
    return t - this.shown.endAt >= (evalMs * (1 - FRESH_SHARE_MAX)) / FRESH_SHARE_MAX;
  }

  /**
   * Records an evaluation of `rows` rows at `step` that took `ms` and landed at
   * `endAt`; `stepAt`: when `step` was reached (the burst's end).
   */
  record(figures: EvalFigures, ms: number, stepAt: number, endAt: number): void {
    if (figures.rows > 0 && ms > 0) {
      const per = ms / figures.rows;
      this.msPerRow = Number.isNaN(this.msPerRow) ? per : 0.7 * this.msPerRow + 0.3 * per;
    }
    this.latest = figures;
    this.shown = { stepAt, endAt, ms };
  }

  /** The latest evaluation of the current weights at `step` over at least `rows` rows, or null. */
  latestAt(step: number, rows = 0): EvalFigures | null {
    return this.latest !== null && this.latest.step === step && this.latest.rows >= rows ? this.latest : null;
  }

  /** The latest evaluation, whatever its step (null once the weights changed). */
  get last(): EvalFigures | null {
    return this.latest;
  }

  /** The weights changed without a step (a mask change, a rewind, a compaction): the latest figures no longer describe them. */
  invalidate(): void {
    this.latest = null;
  }

  /** Smoothed milliseconds per test row; NaN before the first evaluation. */
  get rowMs(): number {
    return this.msPerRow;
  }
}
