import type { MetricPoint } from '../protocol/messages';

/** Most points in one metrics message; more are averaged into evenly sized groups. */
export const MAX_POINTS_PER_MESSAGE = 500;
/** At most this many metrics messages per second (the header and charts need no more). */
export const METRICS_INTERVAL_MS = 200;
/** The least time between weight snapshots, ms (CPU backends; GPU ones: pacing.ts `snapshotIntervalMs`). */
export const SNAPSHOT_INTERVAL_MS = 500;

/**
 * Collects chart points between metrics messages and says when one is due.
 * Test-set figures are attached to the train point of the step they were
 * measured at; if that point already left, it is re-sent with them (the store
 * replaces a point whose step repeats).
 */
export class MetricsOutbox {
  private pending: MetricPoint[] = [];
  private lastPoint: MetricPoint | null = null;
  private lastSent = Number.NEGATIVE_INFINITY;

  /** Queues train-loss points (steps increasing). */
  push(points: readonly MetricPoint[]): void {
    for (const p of points) this.pending.push(p);
    if (points.length > 0) this.lastPoint = points[points.length - 1];
  }

  /** Attaches an evaluation to the latest point, which must be at `step`; false when there is no such point. */
  attachEval(step: number, testLoss: number, testAccuracy: number): boolean {
    if (this.lastPoint === null || this.lastPoint.step !== step) return false;
    const withEval: MetricPoint = { ...this.lastPoint, testLoss };
    if (Number.isFinite(testAccuracy)) withEval.testAccuracy = testAccuracy;
    this.replaceLast(withEval);
    return true;
  }

  /**
   * Attaches the test figures from before a mask change to the latest point,
   * which must be at `before.step`; re-sent if it already left. A point that
   * carries one already keeps it (repeated changes at one step keep the first
   * "before"). False when there is no such point.
   */
  attachBeforePrune(before: NonNullable<MetricPoint['beforePrune']>): boolean {
    if (this.lastPoint === null || this.lastPoint.step !== before.step) return false;
    if (this.lastPoint.beforePrune !== undefined) return true;
    this.replaceLast({ ...this.lastPoint, beforePrune: { ...before } });
    return true;
  }

  /**
   * Attaches the weights' sparsity (read at `step`) to the latest point, which
   * must be at `step`; re-sent if it already left. False when there is no such point.
   */
  attachSparsity(step: number, sparsity: number, layerSparsity: number[]): boolean {
    if (this.lastPoint === null || this.lastPoint.step !== step) return false;
    this.replaceLast({ ...this.lastPoint, sparsity, layerSparsity: [...layerSparsity] });
    return true;
  }

  /** Puts `p` (at the latest point's step) in place of the pending tail, or queues it again. */
  private replaceLast(p: MetricPoint): void {
    const tail = this.pending[this.pending.length - 1];
    if (tail !== undefined && tail.step === p.step) this.pending[this.pending.length - 1] = p;
    else this.pending.push(p);
    this.lastPoint = p;
  }

  /** Whether a metrics message is due at time `t` (ms). */
  due(t: number): boolean {
    return t - this.lastSent >= METRICS_INTERVAL_MS;
  }

  /** Takes the queued points (downsampled to at most {@link MAX_POINTS_PER_MESSAGE}) and marks a message sent at `t`. */
  take(t: number): MetricPoint[] {
    this.lastSent = t;
    const points = this.pending;
    this.pending = [];
    return downsample(points, MAX_POINTS_PER_MESSAGE);
  }

  /** Forgets everything (new run). */
  reset(): void {
    this.pending = [];
    this.lastPoint = null;
    this.lastSent = Number.NEGATIVE_INFINITY;
  }
}

/**
 * Averages consecutive points into at most `max` groups of equal size: each
 * group keeps its last step, the mean train loss and penalty, its latest evaluation and sparsity.
 */
export function downsample(points: MetricPoint[], max: number): MetricPoint[] {
  if (points.length <= max) return points;
  const size = Math.ceil(points.length / max);
  const out: MetricPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const group = points.slice(i, i + size);
    const last = group[group.length - 1];
    const merged: MetricPoint = { step: last.step, trainLoss: group.reduce((s, p) => s + p.trainLoss, 0) / group.length };
    let penaltySum = 0;
    let penalties = 0;
    for (const p of group) {
      if (p.penalty !== undefined) {
        penaltySum += p.penalty;
        penalties++;
      }
      if (p.testLoss !== undefined) merged.testLoss = p.testLoss;
      if (p.testAccuracy !== undefined) merged.testAccuracy = p.testAccuracy;
      if (p.sparsity !== undefined) merged.sparsity = p.sparsity;
      if (p.layerSparsity !== undefined) merged.layerSparsity = p.layerSparsity;
      // A mask change in the group keeps its (first) "before"; the group's last figures are the "after".
      if (p.beforePrune !== undefined && merged.beforePrune === undefined) merged.beforePrune = p.beforePrune;
    }
    // The penalty is averaged like the train loss (over the points that carry one: a hot change may start it mid-group).
    if (penalties > 0) merged.penalty = penaltySum / penalties;
    out.push(merged);
  }
  return out;
}
