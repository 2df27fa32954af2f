import type { TrainingSession } from '../engine/train/session';
import type { FromWorker, MetricPoint, ModelStats, NotLearningNotice, RunPhase, TestEval, TrainEval } from '../protocol/messages';
import { MetricsOutbox, SNAPSHOT_INTERVAL_MS } from './outbox';
import { ThroughputMeter } from './pacing';
import { Superseded } from './builder';
import type { SnapshotData } from './pruning';
import { errorText, now } from './serial';

/** Sends a message to the main thread, transferring `transfer`. */
export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/**
 * Everything the worker tells the main thread, always under the current
 * runId: phases, errors, metrics (from the outbox and throughput meter, with
 * the model's figures and the latest evaluation) and weight snapshots.
 */
export class Reporter {
  readonly outbox = new MetricsOutbox();
  readonly meter = new ThroughputMeter();
  private lastSnapshotAt = Number.NEGATIVE_INFINITY;
  private snapshotEveryMs = SNAPSHOT_INTERVAL_MS;
  /** An evaluation made since the last metrics message. */
  private latestEval: TestEval | null = null;
  /** A train-loss evaluation made since the last metrics message. */
  private trainEval: TrainEval | null = null;

  constructor(
    private readonly post: Post,
    private readonly runId: () => number,
  ) {}

  /** Forgets the run's metrics state; snapshots from now on at most every `snapshotEveryMs`. */
  reset(snapshotEveryMs = this.snapshotEveryMs): void {
    this.snapshotEveryMs = snapshotEveryMs;
    this.outbox.reset();
    this.meter.reset();
    this.lastSnapshotAt = Number.NEGATIVE_INFINITY;
    this.latestEval = null;
    this.trainEval = null;
  }

  phase(phase: RunPhase, message?: string): void {
    this.send(message === undefined ? { type: 'phase', runId: this.runId(), phase } : { type: 'phase', runId: this.runId(), phase, message });
  }

  /** Reports a failure as an `error` message (which the store shows as the error phase). */
  error(e: unknown): void {
    if (e instanceof Superseded) return;
    this.send({ type: 'error', runId: this.runId(), message: errorText(e) });
  }

  /** Remembers an evaluation for the next metrics message's `latestEval`, and attaches it to the chart point at its step. */
  noteEval(figures: TestEval): void {
    this.latestEval = { ...figures };
    this.outbox.attachEval(figures.step, figures.testLoss, figures.testAccuracy);
  }

  /** Remembers a train-loss evaluation (after a mask change) for the next metrics message's `trainEval`. */
  noteTrainEval(figures: TrainEval): void {
    this.trainEval = { ...figures };
  }

  /** Puts the test figures from before a mask change at `before.step` on the chart point of that step (see MetricPoint.beforePrune). */
  noteBeforePrune(before: NonNullable<MetricPoint['beforePrune']>): void {
    this.outbox.attachBeforePrune(before);
  }

  /**
   * Posts the queued points with the session's step and epoch, the model's
   * figures and the "not learning" notice in force; steps/s only while `training`.
   */
  metrics(session: TrainingSession, training: boolean, model: ModelStats, notLearning: NotLearningNotice | null = null): void {
    const points = this.outbox.take(now());
    const stepsPerSecond = training ? this.meter.stepsPerSecond : 0;
    const { latestEval, trainEval } = this;
    this.latestEval = null;
    this.trainEval = null;
    const msg: FromWorker = { type: 'metrics', runId: this.runId(), points, step: session.step, epoch: session.epoch, stepsPerSecond, model, notLearning };
    if (latestEval) msg.latestEval = latestEval;
    if (trainEval) msg.trainEval = trainEval;
    this.send(msg);
  }

  /** Whether a snapshot is due at time `t` (at most one per interval given to {@link reset}). */
  snapshotDue(t: number): boolean {
    return t - this.lastSnapshotAt >= this.snapshotEveryMs;
  }

  /**
   * Posts weights read from the session (always by an async read-back: a
   * synchronous `dataSync` breaks WebGPU in a worker on SwiftShader), transferring
   * the arrays, which must be copies owned by nobody else.
   */
  snapshot(data: SnapshotData): void {
    this.lastSnapshotAt = now();
    const { step, layers, masks, neurons } = data;
    const transfer: ArrayBuffer[] = [];
    for (const l of layers) transfer.push(l.kernel.buffer as ArrayBuffer, l.bias.buffer as ArrayBuffer);
    for (const m of [...masks, ...neurons]) if (m) transfer.push(m.buffer as ArrayBuffer);
    this.send({ type: 'snapshot', runId: this.runId(), step, layers, masks, neurons }, transfer);
  }

  send(msg: FromWorker, transfer?: Transferable[]): void {
    try {
      this.post(msg, transfer);
    } catch {
      // Posting can only fail on an uncloneable value, which would be a bug here; never crash the loop for it.
    }
  }
}
