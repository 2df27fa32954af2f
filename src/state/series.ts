import type { MetricPoint } from '../protocol/messages';

/**
 * The chart buffer: a capped, evenly decimated series of metric points.
 *
 * Points are averaged into buckets of `stride` consecutive steps (train loss
 * and penalty: the mean; test loss/accuracy and sparsity: the bucket's latest figure). When the
 * buffer grows past its cap, neighbouring buckets merge pairwise and the stride
 * doubles, so the whole run stays evenly sampled in at most `cap` points and a
 * long run costs the charts no more than a short one.
 */
export interface Series {
  /** Chart points, oldest first; the last one may be an open (still filling) bucket. */
  points: MetricPoint[];
  /** Steps per bucket: 1, 2, 4, … */
  stride: number;
  /** Points averaged into the open last bucket; 0 when the last bucket is closed. */
  openCount: number;
}

/**
 * Chart points kept at most: under 2 px apart on a 1280-px-wide page, which is all a
 * line can show; more would only cost memory, link and storage space (pins keep theirs).
 */
export const SERIES_CAP = 400;

/** An empty series. */
export function emptySeries(): Series {
  return { points: [], stride: 1, openCount: 0 };
}

/** Merges `b` (later) into `a` (earlier) with weights `wa`, `wb`. */
function merge(a: MetricPoint, b: MetricPoint, wa: number, wb: number): MetricPoint {
  const out: MetricPoint = { step: b.step, trainLoss: (a.trainLoss * wa + b.trainLoss * wb) / (wa + wb) };
  // A step without a penalty had none (λ = 0): it counts as 0 in a bucket where another step had one.
  if (a.penalty !== undefined || b.penalty !== undefined) out.penalty = ((a.penalty ?? 0) * wa + (b.penalty ?? 0) * wb) / (wa + wb);
  const testLoss = b.testLoss ?? a.testLoss;
  const testAccuracy = b.testAccuracy ?? a.testAccuracy;
  if (testLoss !== undefined) out.testLoss = testLoss;
  if (testAccuracy !== undefined) out.testAccuracy = testAccuracy;
  const sparsity = b.sparsity ?? a.sparsity;
  const layerSparsity = b.layerSparsity ?? a.layerSparsity;
  if (sparsity !== undefined) out.sparsity = sparsity;
  if (layerSparsity !== undefined) out.layerSparsity = layerSparsity;
  // A mask change inside the bucket stays a jump: its first "before", and the bucket's latest figures as "after".
  const beforePrune = a.beforePrune ?? b.beforePrune;
  if (beforePrune !== undefined) out.beforePrune = beforePrune;
  return out;
}

/**
 * `last` with the figures `p` carries (a point re-sent at the same step after a mask change); train loss and penalty kept,
 * and the first "before" of a mask change (repeated changes at one step keep the original "before", update the "after").
 */
function refresh(last: MetricPoint, p: MetricPoint): MetricPoint {
  const out = { ...last };
  if (p.beforePrune !== undefined && last.beforePrune === undefined) out.beforePrune = p.beforePrune;
  if (p.testLoss !== undefined) out.testLoss = p.testLoss;
  if (p.testAccuracy !== undefined) out.testAccuracy = p.testAccuracy;
  if (p.sparsity !== undefined) out.sparsity = p.sparsity;
  if (p.layerSparsity !== undefined) out.layerSparsity = p.layerSparsity;
  return out;
}

/** Halves the resolution: merges closed buckets pairwise (an open last bucket stays open). */
function decimate(series: Series): Series {
  const { points, openCount } = series;
  const closedCount = openCount > 0 ? points.length - 1 : points.length;
  const merged: MetricPoint[] = [];
  let i = 0;
  for (; i + 1 < closedCount; i += 2) merged.push(merge(points[i], points[i + 1], 1, 1));
  // An odd closed bucket left over becomes the new open bucket, merged with any open one.
  let nextOpen = 0;
  if (i < closedCount) {
    if (openCount > 0) {
      merged.push(merge(points[i], points[i + 1], series.stride, openCount));
      nextOpen = series.stride + openCount;
    } else {
      merged.push(points[i]);
      nextOpen = series.stride;
    }
  } else if (openCount > 0) {
    merged.push(points[points.length - 1]);
    nextOpen = openCount;
  }
  return { points: merged, stride: series.stride * 2, openCount: nextOpen };
}

/**
 * Appends new points (steps increasing) and returns the new series; the input
 * is not modified. A point at the last point's step (re-sent after a mask
 * change, with new test figures and sparsity) updates that point in place. A
 * point before it (a backend fallback resumed from an earlier snapshot) first
 * truncates the buffer at that step, so the line never runs backwards.
 * Non-finite train losses are skipped.
 */
export function appendPoints(series: Series, incoming: readonly MetricPoint[], cap = SERIES_CAP): Series {
  let points = series.points.slice();
  let { stride, openCount } = series;
  for (const p of incoming) {
    const last = points[points.length - 1];
    if (last !== undefined && p.step === last.step) {
      points[points.length - 1] = refresh(last, p);
      continue;
    }
    if (!Number.isFinite(p.trainLoss)) continue;
    if (last !== undefined && p.step < last.step) {
      points = points.filter((q) => q.step < p.step);
      openCount = 0;
    }
    if (openCount > 0) {
      points[points.length - 1] = merge(points[points.length - 1], p, openCount, 1);
      openCount += 1;
    } else {
      points.push({ ...p });
      openCount = 1;
    }
    if (openCount >= stride) openCount = 0;
    if (points.length > cap) ({ points, stride, openCount } = decimate({ points, stride, openCount }));
  }
  return { points, stride, openCount };
}
