/**
 * Text alternatives of the charts and canvases: one or two sentences saying
 * what a picture shows right now (the latest values, the best point, how many
 * weights are pruned), for screen readers. Pure functions of the data a
 * picture draws and a {@link Translate}; no DOM.
 */
import type { MetricPoint } from '../../protocol/messages';
import { formatCount, formatLoss, formatPercent } from '../format';
import type { Translate } from '../i18n';

/** A signed number in 3 significant digits ("−0.512", "0.0031"). */
export function formatSigned(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const text = a === 0 ? '0' : a < 1e-3 || a >= 1e5 ? a.toExponential(2) : String(+a.toPrecision(3));
  return x < 0 ? `−${text}` : text;
}

/** "layer 1", "layer 2", …, "output layer" for kernel layer `l` of `count`. */
export function layerName(t: Translate, l: number, count: number): string {
  return l === count - 1 ? t('a11y.outputLayer') : t('a11y.layer', { n: l + 1 });
}

/** The point of `points` with the smallest (or largest) finite `value`, or null. */
function extreme<T>(points: readonly T[], value: (p: T) => number | undefined, largest: boolean): T | null {
  let best: T | null = null;
  let bestValue = largest ? -Infinity : Infinity;
  for (const p of points) {
    const v = value(p);
    if (v === undefined || !Number.isFinite(v)) continue;
    if (largest ? v > bestValue : v < bestValue) {
      best = p;
      bestValue = v;
    }
  }
  return best;
}

/** Sentences one after another: a space between them in English, none in Chinese. */
function sentences(t: Translate, ...parts: string[]): string {
  return parts.join(t('a11y.sentenceGap'));
}

/** Appends the pinned-runs sentence when there are any. */
function withPins(t: Translate, text: string, pinCount: number): string {
  return pinCount > 0 ? sentences(t, text, t('a11y.pinned', { n: pinCount })) : text;
}

/**
 * The loss chart: the latest train loss (`points`) and test loss (`evals`),
 * the lowest test loss and its step, the penalty when on, and the pins.
 */
export function lossSummary(t: Translate, points: readonly MetricPoint[], evals: readonly MetricPoint[], penalty: readonly MetricPoint[], pinCount = 0): string {
  const last = points.length > 0 ? points[points.length - 1] : null;
  if (last === null) return withPins(t, t('a11y.noData'), pinCount);
  const lastEval = evals.length > 0 ? evals[evals.length - 1] : null;
  const best = extreme(evals, (p) => p.testLoss, false);
  let text =
    lastEval === null || best === null
      ? t('a11y.loss.noTest', { step: formatCount(last.step), train: formatLoss(last.trainLoss) })
      : t('a11y.loss.summary', {
          step: formatCount(last.step),
          train: formatLoss(last.trainLoss),
          test: formatLoss(lastEval.testLoss ?? null),
          best: formatLoss(best.testLoss ?? null),
          bestStep: formatCount(best.step),
        });
  const lastPenalty = penalty.length > 0 ? penalty[penalty.length - 1].penalty : undefined;
  if (lastPenalty !== undefined) text = sentences(t, text, t('a11y.loss.penalty', { penalty: formatLoss(lastPenalty) }));
  return withPins(t, text, pinCount);
}

/** The accuracy chart: the latest test accuracy and the best one with its step. */
export function accuracySummary(t: Translate, evals: readonly MetricPoint[], pinCount = 0): string {
  const withAccuracy = evals.filter((p) => p.testAccuracy !== undefined && Number.isFinite(p.testAccuracy));
  if (withAccuracy.length === 0) return withPins(t, t('a11y.noData'), pinCount);
  const last = withAccuracy[withAccuracy.length - 1];
  const best = extreme(withAccuracy, (p) => p.testAccuracy, true) ?? last;
  return withPins(
    t,
    t('a11y.accuracy.summary', { step: formatCount(last.step), acc: formatPercent(last.testAccuracy ?? null), best: formatPercent(best.testAccuracy ?? null), bestStep: formatCount(best.step) }),
    pinCount,
  );
}

/** One reading of the sparsity chart: overall and per kernel layer (`l0`, `l1`, …). */
export interface SparsityReading {
  step: number;
  sparsity: number;
  [layer: `l${number}`]: number;
}

/** The sparsity chart: the latest overall sparsity and each layer's. */
export function sparsitySummary(t: Translate, rows: readonly SparsityReading[], layerCount: number, pinCount = 0): string {
  if (rows.length === 0) return withPins(t, t('a11y.noData'), pinCount);
  const last = rows[rows.length - 1];
  let text = t('a11y.sparsity.summary', { step: formatCount(last.step), overall: formatPercent(last.sparsity) });
  const layers: string[] = [];
  for (let l = 0; l < layerCount; l++) {
    const v = last[`l${l}`];
    if (v !== undefined) layers.push(`${layerName(t, l, layerCount)} ${formatPercent(v)}`);
  }
  if (layers.length > 0) text = sentences(t, text, t('a11y.sparsity.layers', { list: layers.join(t('a11y.sep')) }));
  return withPins(t, text, pinCount);
}

/**
 * The accuracy (or loss) vs sparsity sweep: a few of its points (dense, the
 * middle, the sparsest; at most 5) and where the network is now.
 */
export function sweepSummary(
  t: Translate,
  data: readonly { sparsity: number; y: number }[],
  current: { x: number; y: number } | null,
  classification: boolean,
): string {
  if (data.length === 0) return t('a11y.noData');
  const fmt = (y: number): string => (classification ? formatPercent(y) : formatLoss(y));
  const picks = data.length <= 5 ? data : [0, 0.25, 0.5, 0.75, 1].map((f) => data[Math.round(f * (data.length - 1))]);
  const list = picks.map((p) => `${formatPercent(p.sparsity)} → ${fmt(p.y)}`).join(t('a11y.sep'));
  let text = t('a11y.sweep.summary', { n: data.length, from: formatPercent(data[0].sparsity), to: formatPercent(data[data.length - 1].sparsity), list });
  if (current !== null) text = sentences(t, text, t('a11y.sweep.current', { y: fmt(current.y), sparsity: formatPercent(current.x) }));
  return text;
}

/** The schedule card: the target's ends and the measured sparsity now. */
export function scheduleSummary(t: Translate, schedule: { initial: number; final: number; begin: number; end: number }, step: number, measured: number | null): string {
  return t('a11y.schedule.summary', {
    from: formatPercent(schedule.initial),
    to: formatPercent(schedule.final),
    begin: formatCount(schedule.begin),
    end: formatCount(schedule.end),
    step: formatCount(step),
    measured: formatPercent(measured),
  });
}

/** The validation curve: λ's range, the best λ with its validation and train loss. */
export function validationSummary(t: Translate, rows: readonly { lambda: number; valMean: number; trainMean: number }[], formatLambda: (l: number) => string): string {
  const best = extreme(rows, (r) => r.valMean, false);
  if (rows.length === 0 || best === null) return t('a11y.noData');
  return t('a11y.validation.summary', {
    n: rows.length,
    from: formatLambda(rows[0].lambda),
    to: formatLambda(rows[rows.length - 1].lambda),
    best: formatLoss(best.valMean),
    lambda: formatLambda(best.lambda),
    train: formatLoss(best.trainMean),
  });
}

/** Regularise-then-prune: each arm's figure at the highest sparsity, after pruning and after fine-tuning. */
export function regPruneSummary(
  t: Translate,
  rows: readonly ({ sparsity: number } & Partial<Record<string, number>>)[],
  arms: readonly { key: string; name: string }[],
  classification: boolean,
): string {
  if (rows.length === 0) return t('a11y.noData');
  const last = rows[rows.length - 1];
  const fmt = (v: number | undefined): string => (v === undefined ? '—' : classification ? formatPercent(v) : formatLoss(v));
  const list = arms
    .filter((a) => last[`${a.key}_before`] !== undefined || last[`${a.key}_after`] !== undefined)
    .map((a) => t('a11y.regprune.arm', { arm: a.name, before: fmt(last[`${a.key}_before`]), after: fmt(last[`${a.key}_after`]) }));
  return t('a11y.regprune.summary', { sparsity: formatPercent(last.sparsity), list: list.join(t('a11y.sepList')) });
}

/**
 * The decision boundary: for a classifier, the share of grid cells where the
 * model says class 1 (p > 0.5); for regression (or a neuron's map), the range
 * of the values; and the number of dots drawn.
 */
export function boundarySummary(t: Translate, values: ArrayLike<number> | null, kind: 'class' | 'value' | 'neuron', points: number): string {
  if (values === null || values.length === 0) return t('a11y.noData');
  let min = Infinity;
  let max = -Infinity;
  let positive = 0;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 0.5) positive++;
  }
  if (finite === 0) return t('a11y.noData');
  if (kind === 'class') return t('a11y.boundary.summary', { share: formatPercent(positive / finite), points: formatCount(points) });
  if (kind === 'neuron') return t('a11y.boundary.neuron', { min: formatSigned(min), max: formatSigned(max) });
  return t('a11y.boundary.regression', { min: formatSigned(min), max: formatSigned(max), points: formatCount(points) });
}

/** The weight histograms: kept and pruned weights per layer, with each layer's cut. */
export function histogramSummary(t: Translate, layers: readonly { total: number; prunedTotal: number }[], cuts: readonly number[]): string {
  if (layers.length === 0) return t('a11y.noData');
  const parts = layers.map((h, l) => {
    const text = t('a11y.histogram.layer', { layer: layerName(t, l, layers.length), kept: formatCount(h.total - h.prunedTotal), pruned: formatCount(h.prunedTotal) });
    const cut = cuts[l] ?? 0;
    return cut > 0 ? `${text} (${t('a11y.histogram.cut', { cut: formatSigned(cut) })})` : text;
  });
  return t('a11y.histogram.summary', { list: parts.join(t('a11y.sepList')) });
}

/** One weight heatmap: its shape, the range of its weights and how many are pruned (`mask` 0). */
export function heatmapSummary(t: Translate, kernel: ArrayLike<number>, mask: ArrayLike<number> | null, rows: number, cols: number): string {
  let min = Infinity;
  let max = -Infinity;
  let masked = 0;
  for (let i = 0; i < kernel.length; i++) {
    if (mask !== null && mask[i] === 0) {
      masked++;
      continue;
    }
    const w = kernel[i];
    if (w < min) min = w;
    if (w > max) max = w;
  }
  if (min > max) min = max = 0;
  return t('a11y.heatmap.summary', { rows: formatCount(rows), cols: formatCount(cols), min: formatSigned(min), max: formatSigned(max), masked: formatCount(masked) });
}

/** The network graph: layer widths and its links by sign, pruned ones apart. */
export function graphSummary(t: Translate, widths: readonly number[], links: readonly { weight: number; pruned: boolean }[]): string {
  let positive = 0;
  let negative = 0;
  let pruned = 0;
  for (const link of links) {
    if (link.pruned) pruned++;
    else if (link.weight >= 0) positive++;
    else negative++;
  }
  return t('a11y.graph.summary', {
    widths: widths.join(' → '),
    links: formatCount(positive + negative + pruned),
    positive: formatCount(positive),
    negative: formatCount(negative),
    pruned: formatCount(pruned),
  });
}

/** The regression scatter: how many test samples and R². */
export function scatterSummary(t: Translate, n: number, r2: number | null): string {
  if (n === 0) return t('a11y.noData');
  return t('a11y.scatter.summary', { n: formatCount(n), r2: r2 === null || !Number.isFinite(r2) ? '—' : r2.toFixed(3) });
}
