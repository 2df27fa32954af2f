import type { TrainingSession } from '../engine/train/session';
import type { LayerWeights } from '../engine/types';
import type { FromWorker, RunPhase } from '../protocol/messages';
import { MetricsOutbox, SNAPSHOT_INTERVAL_MS, cloneForTransfer } from './outbox';
import { ThroughputMeter } from './pacing';
import { Superseded } from './builder';
import { errorText, now } from './serial';

/** Sends a message to the main thread, transferring `transfer`. */
export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/**
 * Everything the worker tells the main thread, always under the current
 * runId: phases, errors, metrics (from the outbox and throughput meter) and
 * weight snapshots (of which it keeps the latest CPU-side copy for a fallback).
 */
export class Reporter {
  readonly outbox = new MetricsOutbox();
  readonly meter = new ThroughputMeter();
  /** CPU-side copy of the latest weights, to resume on another backend if this one dies. */
  saved: { weights: LayerWeights[]; step: number } | null = null;
  private lastSnapshotAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly post: Post,
    private readonly runId: () => number,
  ) {}

  /** Forgets the run's metrics state (not the saved weights). */
  reset(): void {
    this.outbox.reset();
    this.meter.reset();
    this.lastSnapshotAt = Number.NEGATIVE_INFINITY;
  }

  phase(phase: RunPhase, message?: string): void {
    this.send(message === undefined ? { type: 'phase', runId: this.runId(), phase } : { type: 'phase', runId: this.runId(), phase, message });
  }

  /** Reports a failure as an `error` message (which the store shows as the error phase). */
  error(e: unknown): void {
    if (e instanceof Superseded) return;
    this.send({ type: 'error', runId: this.runId(), message: errorText(e) });
  }

  /** Posts the queued points with the session's step and epoch; steps/s only while `training`. */
  metrics(session: TrainingSession | null, training: boolean): void {
    const points = this.outbox.take(now());
    const stepsPerSecond = training ? this.meter.stepsPerSecond : 0;
    this.send({ type: 'metrics', runId: this.runId(), points, step: session?.step ?? 0, epoch: session?.epoch ?? 0, stepsPerSecond });
  }

  /** Whether a snapshot is due at time `t` (at most {@link SNAPSHOT_INTERVAL_MS} apart). */
  snapshotDue(t: number): boolean {
    return t - this.lastSnapshotAt >= SNAPSHOT_INTERVAL_MS;
  }

  /**
   * Reads the weights out, keeps them for a fallback, and posts a transferred copy.
   * Always an async read-back: a synchronous one (`dataSync`) breaks WebGPU in a
   * worker on SwiftShader (`createBuffer … too large` a few steps later).
   */
  async snapshot(session: TrainingSession): Promise<void> {
    const step = session.step;
    const weights = await session.readWeights();
    this.saved = { weights, step };
    this.lastSnapshotAt = now();
    const { layers, transfer } = cloneForTransfer(weights);
    this.send({ type: 'snapshot', runId: this.runId(), step, layers }, transfer);
  }

  send(msg: FromWorker, transfer?: Transferable[]): void {
    try {
      this.post(msg, transfer);
    } catch {
      // Posting can only fail on an uncloneable value, which would be a bug here; never crash the loop for it.
    }
  }
}
