/**
 * The speed control (URL key `speed`): at most s training steps per second,
 * s = 0 for full speed. Pure arithmetic on times passed in; the host waits
 * with timers (see clock.ts) for as long as {@link SpeedLimiter.delayMs} says.
 */

/**
 * At or below this many steps/s every step is shown: bursts of one step, and
 * after each a metrics message, a weight snapshot and (2-D sets) the decision
 * boundary, so the charts, the network graph and the boundary move step by
 * step. 30/s is about the rate at which a moving picture still reads as
 * separate steps, and what a snapshot after every step costs stays small.
 */
export const STEP_BY_STEP_MAX = 30;

/** Above {@link STEP_BY_STEP_MAX}, a burst holds at most this long a stretch of the allowed steps (s · 100 ms): the limit holds over 0.1 s. */
export const SPEED_BURST_MS = 100;

/**
 * Paces training to at most s steps per second (s > 0). Bursts of k steps
 * start no earlier than `nextAt`; after a burst of k steps started at t,
 * nextAt = max(nextAt, t) + k · 1000 / s. So consecutive burst starts are at
 * least k_prev · 1000/s ms apart, and over any stretch of W ms at most
 * W · s / 1000 + k steps start (k: the largest burst, {@link burstCap}: 1 at
 * step-by-step speeds). No credit is banked: a burst that starts late (the
 * loop was evaluating, or steps are slower than s) restarts the schedule
 * from its own start, so no catch-up burst follows. s = 0: no limit.
 */
export class SpeedLimiter {
  private speed = 0;
  private nextAt = Number.NEGATIVE_INFINITY;
  /** The latest burst: its start and steps (a speed change re-times the next one from it). */
  private last: { at: number; steps: number } | null = null;

  /** The limit in steps/s (0 = none). */
  get stepsPerSecond(): number {
    return this.speed;
  }

  /** Whether every step is shown ({@link STEP_BY_STEP_MAX}). */
  get stepByStep(): boolean {
    return this.speed > 0 && this.speed <= STEP_BY_STEP_MAX;
  }

  /**
   * Sets the limit (an integer ≥ 0; other values count as 0), effective at
   * once: the next burst may start 1000/s ms per step after the latest one
   * began (at once when that time has passed, or when none ran yet).
   */
  setSpeed(stepsPerSecond: number): void {
    const s = Number.isFinite(stepsPerSecond) && stepsPerSecond > 0 ? stepsPerSecond : 0;
    if (s === this.speed) return;
    this.speed = s;
    this.nextAt = s > 0 && this.last !== null ? this.last.at + (this.last.steps * 1000) / s : Number.NEGATIVE_INFINITY;
  }

  /** Training (re)starts at `t`: the first burst may start at once. */
  start(t: number): void {
    this.nextAt = t;
    this.last = null;
  }

  /** Milliseconds from `t` until the next burst may start; 0 when it may now (always 0 at full speed). */
  delayMs(t: number): number {
    return this.speed > 0 ? Math.max(0, this.nextAt - t) : 0;
  }

  /** The most steps one burst may hold now: Infinity at full speed, 1 step by step, else max(1, ⌊s · {@link SPEED_BURST_MS} / 1000⌋). */
  burstCap(): number {
    if (this.speed === 0) return Number.POSITIVE_INFINITY;
    if (this.stepByStep) return 1;
    return Math.max(1, Math.floor((this.speed * SPEED_BURST_MS) / 1000));
  }

  /** Records a burst of `steps` steps that started at `t`. */
  record(steps: number, t: number): void {
    if (steps <= 0) return;
    this.last = { at: t, steps };
    if (this.speed > 0) this.nextAt = Math.max(this.nextAt, t) + (steps * 1000) / this.speed;
  }
}
