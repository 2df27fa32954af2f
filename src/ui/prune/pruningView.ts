/**
 * Pure helpers that turn the pruning state into what the pictures show:
 * the cut line per layer, the lottery table to compare against, the sweep's
 * y values. No React, so they are unit-tested directly.
 */
import { polynomialSparsity } from '../../engine/prune/schedule';
import type { PolySchedule } from '../../engine/prune/types';
import type { ExperimentConfig } from '../../protocol/config';
import type { LotteryRow, MetricPoint, ModelStats, SweepPoint } from '../../protocol/messages';

/** The config keys that decide which rule owns the weight mask. */
export type CutConfig = Pick<ExperimentConfig, 'pmode' | 'threshold' | 'sched' | 'lottery'>;

/**
 * The magnitude cut to draw on each kernel layer's histogram (0 = no line).
 * With the manual threshold rule in charge (pmode = threshold, no schedule, no
 * lottery) it is θ from the config, so the line follows the slider at once,
 * before the worker answers; otherwise the worker's per-layer cut
 * (`model.thresholds`: q·std(W_ℓ), or the smallest kept |w|).
 */
export function layerCuts(config: CutConfig, model: ModelStats | null, layerCount: number): number[] {
  const manualTheta = config.pmode === 'threshold' && config.sched === 'off' && config.lottery === 'off';
  return Array.from({ length: layerCount }, (_, l) => {
    const cut = manualTheta ? config.threshold : (model?.thresholds[l] ?? 0);
    return Number.isFinite(cut) && cut > 0 ? cut : 0;
  });
}

/**
 * The latest finished lottery table of the other mode in `history`, for the
 * side-by-side comparison (winning ticket vs random re-initialisation); null when none.
 */
export function comparisonTable(history: readonly LotteryRow[][], mode: LotteryRow['mode'] | null): LotteryRow[] | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const rows = history[i];
    if (rows.length > 0 && rows[0].mode !== mode) return rows;
  }
  return null;
}

/** One point of the sweep chart: x = sparsity, y = test accuracy (classification) or test loss (regression). */
export interface SweepDatum {
  sparsity: number;
  y: number;
}

/** The sweep's points as chart data; points with a non-finite y are left out. */
export function sweepData(points: readonly SweepPoint[], classification: boolean): SweepDatum[] {
  const out: SweepDatum[] = [];
  for (const p of points) {
    const y = classification ? p.testAccuracy : p.testLoss;
    if (Number.isFinite(y)) out.push({ sparsity: p.sparsity, y });
  }
  return out;
}

/** The overall fraction of zero kernel weights of `model` (Σ zeros / Σ weights); 0 when it has none. */
export function modelSparsity(model: ModelStats): number {
  let zeros = 0;
  let total = 0;
  for (let l = 0; l < model.layerTotals.length; l++) {
    zeros += model.layerZeros[l] ?? 0;
    total += model.layerTotals[l];
  }
  return total > 0 ? zeros / total : 0;
}

/** A row of the sparsity chart: overall and per-layer fractions (`l0`, `l1`, …) at one step. */
export interface SparsityRow {
  step: number;
  sparsity: number;
  [layer: `l${number}`]: number;
}

/** The series points that carry a sparsity reading, flattened for the chart (`l<i>` = layer i). */
export function sparsityRows(points: readonly MetricPoint[]): SparsityRow[] {
  const rows: SparsityRow[] = [];
  for (const p of points) {
    if (p.sparsity === undefined) continue;
    const row: SparsityRow = { step: p.step, sparsity: p.sparsity };
    p.layerSparsity?.forEach((s, i) => {
      row[`l${i}`] = s;
    });
    rows.push(row);
  }
  return rows;
}

/**
 * The steps to mark with dots on the schedule curve: the pruning steps
 * begin, begin + freq, … ≤ end, or null when there are more than `maxDots`
 * (the dots would merge into a line).
 */
export function pruningStepDots(begin: number, end: number, freq: number, maxDots = 60): number[] | null {
  if (!(freq >= 1) || end < begin) return [];
  const n = Math.floor((end - begin) / freq) + 1;
  if (n > maxDots) return null;
  return Array.from({ length: n }, (_, i) => begin + i * freq);
}

/** "before ÷ after" as a short ratio ("2.4×"); "—" when either is not positive. */
export function ratioText(before: number, after: number): string {
  if (!(before > 0) || !(after > 0)) return '—';
  const r = before / after;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2).replace(/\.?0+$/, '')}×`;
}

function sameRow(a: SparsityRow, b: SparsityRow): boolean {
  const keys = Object.keys(a) as (keyof SparsityRow)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Whether two sparsity row lists draw the same picture for practical purposes:
 * same length and same first and last rows (rows only append, merge at the end, or get re-bucketed, which changes the length).
 */
export function sameSparsityRows(a: readonly SparsityRow[], b: readonly SparsityRow[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  return sameRow(a[0], b[0]) && sameRow(a[a.length - 1], b[b.length - 1]);
}

/** The number of kernel layers the rows report (the most `l<i>` keys in one row). */
export function sparsityLayerCount(rows: readonly SparsityRow[]): number {
  let n = 0;
  for (const r of rows) n = Math.max(n, Object.keys(r).length - 2);
  return n;
}

/** Samples of the smooth target curve between begin and end. */
const CURVE_SAMPLES = 80;

/** The target curve: 0 before begin (nothing is pruned yet), the cubic from s_init to s_final, then flat. */
export function targetCurve(s: PolySchedule, xMax: number): { step: number; target: number }[] {
  const out = [{ step: 0, target: 0 }];
  if (s.beginStep > 0) out.push({ step: s.beginStep, target: 0 });
  const span = Math.max(0, s.endStep - s.beginStep);
  for (let i = 0; i <= CURVE_SAMPLES; i++) {
    const step = s.beginStep + (span * i) / CURVE_SAMPLES;
    out.push({ step, target: polynomialSparsity(s, step) });
    if (span === 0) break;
  }
  if (xMax > s.endStep) out.push({ step: xMax, target: s.finalSparsity });
  return out;
}
