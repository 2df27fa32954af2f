/**
 * Pure pacing arithmetic for the training loop: how many steps per burst,
 * how often to evaluate, and the measured throughput.
 */
import { SNAPSHOT_INTERVAL_MS } from './outbox';

/** A burst should take about this long: long enough to amortise the read-back, short enough to pause promptly. */
export const BURST_TARGET_MS = 40;
/**
 * On GPU backends each burst ends in a GPU → CPU read-back that drains the
 * command queue, so bursts are longer there (measured on SwiftShader WebGL:
 * 40 ms bursts ran LeNet-300-100 at ~0.7× a loop that reads back once).
 */
export const GPU_BURST_TARGET_MS = 150;

/** The burst length for a backend: {@link GPU_BURST_TARGET_MS} on webgl/webgpu, else {@link BURST_TARGET_MS}. */
export function burstTargetMs(backend: string): number {
  return isGpu(backend) ? GPU_BURST_TARGET_MS : BURST_TARGET_MS;
}
/**
 * On a real GPU the app loses to a bare tfjs loop mostly in what it does beside
 * training: test evaluations and weight snapshots. Measured on an H100 (WebGL,
 * LeNet-300-100; bench/README.md): 10 % evaluation share and 2 snapshots/s ran at
 * 0.75× the bare loop, 5 % and 1/s at 0.80×; 400 ms bursts instead of 150 ms
 * changed nothing. So GPU backends evaluate and snapshot half as often.
 */
export const GPU_EVAL_TIME_SHARE = 0.05;
/** Weight snapshots at most this often on GPU backends (ms); see {@link GPU_EVAL_TIME_SHARE}. */
export const GPU_SNAPSHOT_INTERVAL_MS = 1000;

const isGpu = (backend: string): boolean => backend === 'webgl' || backend === 'webgpu';

/**
 * On webgl and webgpu the worker reads the weights back after every burst, so
 * a lost GPU (context or device) costs no training: the next backend resumes
 * from the step the page last showed. wasm and cpu cannot be lost, so they
 * keep the snapshot interval. The read-back costs a GPU round trip and a copy
 * of every weight (software WebGL, loaded 2-core machine: ~10 ms for the 2-8-8-2
 * circle net, ~20–28 ms for LeNet-300-100, whose bursts are a single ~200 ms
 * step there: 13 % of the time), so the pacer lengthens bursts until it takes
 * at most {@link CHECKPOINT_SHARE} of them ({@link BurstPacer.recordCheckpoint}):
 * a loss then loses at most the burst in flight, which the page never showed.
 */
export function checkpointEveryBurst(backend: string): boolean {
  return isGpu(backend);
}

/** The share of training time evaluation may take on a backend: {@link GPU_EVAL_TIME_SHARE} on webgl/webgpu, else {@link EVAL_TIME_SHARE}. */
export function evalTimeShare(backend: string): number {
  return isGpu(backend) ? GPU_EVAL_TIME_SHARE : EVAL_TIME_SHARE;
}

/** The least time between weight snapshots on a backend: {@link GPU_SNAPSHOT_INTERVAL_MS} on webgl/webgpu, else {@link SNAPSHOT_INTERVAL_MS}. */
export function snapshotIntervalMs(backend: string): number {
  return isGpu(backend) ? GPU_SNAPSHOT_INTERVAL_MS : SNAPSHOT_INTERVAL_MS;
}

/** A per-burst checkpoint may take at most this share of the burst's training time. */
export const CHECKPOINT_SHARE = 0.05;

/** Most steps in one burst (tiny networks at thousands of steps/s). */
export const MAX_BURST_STEPS = 2048;

/**
 * Chooses the steps per burst so a burst takes about `targetMs` (see {@link burstTargetMs}):
 * k ← clamp(round(k · target / measuredMs)), growing at most ×2 per burst so
 * one fast outlier (or a slow first burst compiling shaders) does not overshoot.
 */
export class BurstPacer {
  private k = 1;
  /** Smoothed milliseconds per step; NaN before the first burst. */
  private msPerStep = Number.NaN;
  /** Target milliseconds per burst: the base one, raised to amortise checkpoints. */
  private targetMs = BURST_TARGET_MS;
  /** The burst target before checkpoints raise it (see {@link reset}). */
  private baseTargetMs = BURST_TARGET_MS;
  /** Smoothed milliseconds of one checkpoint; 0 when none is made. */
  private checkpointMs = 0;

  /** Steps for the next burst. */
  get steps(): number {
    return this.k;
  }

  /** Milliseconds one step takes (smoothed); NaN before the first measurement. */
  get stepMs(): number {
    return this.msPerStep;
  }

  /** Records that `steps` steps took `ms` and adapts the burst length. */
  record(steps: number, ms: number): void {
    if (steps <= 0 || !(ms >= 0)) return;
    const per = Math.max(ms, 0.01) / steps;
    this.msPerStep = Number.isNaN(this.msPerStep) ? per : 0.7 * this.msPerStep + 0.3 * per;
    const ideal = Math.round(this.targetMs / per);
    this.k = Math.max(1, Math.min(MAX_BURST_STEPS, ideal, this.k * 2));
  }

  /**
   * Records that the checkpoint after a burst took `ms`: the burst target becomes
   * max(base, checkpoint / {@link CHECKPOINT_SHARE}), so checkpoints stay within that share.
   */
  recordCheckpoint(ms: number): void {
    if (!(ms >= 0)) return;
    this.checkpointMs = this.checkpointMs === 0 ? ms : 0.7 * this.checkpointMs + 0.3 * ms;
    this.targetMs = Math.max(this.baseTargetMs, this.checkpointMs / CHECKPOINT_SHARE);
  }

  /** The burst length aimed at now (ms). */
  get target(): number {
    return this.targetMs;
  }

  /** Forgets the measurements (new model, batch size or backend); `targetMs` sets a new base burst target (see {@link burstTargetMs}). */
  reset(targetMs = this.baseTargetMs): void {
    this.k = 1;
    this.msPerStep = Number.NaN;
    this.baseTargetMs = targetMs;
    this.targetMs = targetMs;
    this.checkpointMs = 0;
  }
}

/** Length of the throughput window, ms. */
export const THROUGHPUT_WINDOW_MS = 1000;

/**
 * Training throughput over a sliding window of wall-clock time while training:
 * stepsPerSecond = Σ steps / Σ ms over the latest bursts covering ≥ 1 s. Each
 * burst's time runs from the end of the previous one, so evaluation, messaging
 * and yielding count; paused time does not (call {@link ThroughputMeter.start}
 * when training resumes).
 */
export class ThroughputMeter {
  private entries: { steps: number; ms: number }[] = [];
  private last = Number.NaN;

  /** Marks the start of a stretch of training at time `t` (ms). */
  start(t: number): void {
    this.last = t;
  }

  /** Records that `steps` steps completed at time `t` (ms). */
  record(steps: number, t: number): void {
    if (Number.isNaN(this.last)) {
      this.last = t;
      return;
    }
    this.entries.push({ steps, ms: t - this.last });
    this.last = t;
    let total = this.entries.reduce((s, e) => s + e.ms, 0);
    while (this.entries.length > 1 && total - this.entries[0].ms >= THROUGHPUT_WINDOW_MS) total -= this.entries.shift()!.ms;
  }

  /** Steps per second over the window; 0 before two bursts. */
  get stepsPerSecond(): number {
    let steps = 0;
    let ms = 0;
    for (const e of this.entries) {
      steps += e.steps;
      ms += e.ms;
    }
    return ms > 0 ? (steps * 1000) / ms : 0;
  }

  /** Forgets everything (new run). */
  reset(): void {
    this.entries = [];
    this.last = Number.NaN;
  }
}

/** Candidate evaluation intervals, in steps. */
const NICE_INTERVALS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
/** Evaluation may take at most this share of training time (CPU backends; see {@link evalTimeShare}). */
export const EVAL_TIME_SHARE = 0.1;

/**
 * When to evaluate the test set: at least every `base` steps (25 for the small
 * sets, 100 for mnist), stretched to the smallest nice interval N with
 * evalMs ≤ 10 % · N · stepMs, so evaluation stays under about a tenth of the time.
 * An evaluation happens after the first burst that reaches the next due step;
 * the first one right after the first burst, so the test curves start at once.
 */
export class EvalSchedule {
  private every: number;
  private due: number;

  constructor(
    private readonly base: number,
    fromStep = 0,
    /** The share of training time evaluation may take (see {@link evalTimeShare}). */
    private readonly share = EVAL_TIME_SHARE,
  ) {
    this.every = base;
    this.due = fromStep + 1;
  }

  /** Whether a test evaluation is due at `step`. */
  isDue(step: number): boolean {
    return step >= this.due;
  }

  /** Records an evaluation at `step` that took `evalMs`, with steps taking `stepMs`; sets the next due step. */
  done(step: number, evalMs: number, stepMs: number): void {
    if (evalMs > 0 && stepMs > 0) {
      const needed = evalMs / (this.share * stepMs);
      this.every = NICE_INTERVALS.find((n) => n >= Math.max(this.base, needed)) ?? NICE_INTERVALS[NICE_INTERVALS.length - 1];
    }
    this.due = step + this.every;
  }

  /** Steps between evaluations now. */
  get interval(): number {
    return this.every;
  }
}
