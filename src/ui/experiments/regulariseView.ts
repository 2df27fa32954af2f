/**
 * Pure helpers behind the regularisation cards: the λ sweep's CSV and chart
 * rows, the regularise-then-prune chart rows, and the one-line readings of
 * both results. No React, so they are unit-tested directly.
 */
import type { LambdaSweepResult, RegPruneResult } from '../../protocol/messages';
import { translator, type Translate } from '../i18n';

/** English, for callers (and tests) that give no translator. */
const EN = translator('en');

/** The CSV's header line, in column order. */
export const LAMBDA_CSV_HEADER = 'lambda,val_mean,val_std,train_mean,train_std,val_accuracy';
/** The file name of the λ sweep download. */
export const LAMBDA_CSV_NAME = 'lambda-sweep.csv';

/** A number at full precision (shortest text that reads back to the same double); NaN and ±∞ as an empty field. */
function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

/**
 * The λ sweep as CSV: {@link LAMBDA_CSV_HEADER}, then one row per grid λ in
 * ascending order, every number at full precision. The validation accuracy is
 * empty for regression (NaN).
 */
export function lambdaSweepCsv(result: LambdaSweepResult): string {
  const rows = result.points.map((p) => [p.lambda, p.valMean, p.valStd, p.trainMean, p.trainStd, p.valAccuracy].map(csvNumber).join(','));
  return [LAMBDA_CSV_HEADER, ...rows].join('\n') + '\n';
}

/** One row of the validation curve: x = log₁₀ λ, so the chart's axis is linear in decades. */
export interface ValidationRow {
  logLambda: number;
  lambda: number;
  valMean: number;
  /** [mean − std, mean + std] of the validation loss, floored at 0 (a loss is never negative). */
  valBand: [number, number];
  trainMean: number;
}

/** The sweep's points as chart rows (ascending λ); points with a non-finite mean or a λ ≤ 0 are left out. */
export function validationRows(result: LambdaSweepResult): ValidationRow[] {
  const rows: ValidationRow[] = [];
  for (const p of result.points) {
    if (!(p.lambda > 0) || !Number.isFinite(p.valMean)) continue;
    const std = Number.isFinite(p.valStd) ? p.valStd : 0;
    rows.push({ logLambda: Math.log10(p.lambda), lambda: p.lambda, valMean: p.valMean, valBand: [Math.max(0, p.valMean - std), p.valMean + std], trainMean: p.trainMean });
  }
  return rows;
}

/** The whole decades spanned by `rows` (for the x ticks), at least one. */
export function decadeTicks(rows: readonly ValidationRow[]): number[] {
  if (rows.length === 0) return [0];
  const lo = Math.floor(rows[0].logLambda + 1e-9);
  const hi = Math.ceil(rows[rows.length - 1].logLambda - 1e-9);
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++) ticks.push(e);
  return ticks;
}

/** A λ for people: 1e-5, 3.2e-4, 0.01, 0.32, 1. */
export function formatLambda(lambda: number): string {
  if (!Number.isFinite(lambda)) return '—';
  if (lambda === 0) return '0';
  if (lambda >= 0.01 && lambda < 100) return String(+lambda.toPrecision(2));
  const [m, e] = lambda.toExponential(1).split('e');
  return `${m.replace(/\.0$/, '')}e${e.replace('+', '')}`;
}

/** Which λ the sweep varied, in words. */
export function sweepKindLabel(result: Pick<LambdaSweepResult, 'kind' | 'prox'>, t: Translate = EN): string {
  if (result.kind === 'l1') return t(result.prox ? 'views.lambda.kindL1Prox' : 'views.lambda.kindL1');
  if (result.kind === 'l2') return t('views.lambda.kindL2');
  return t('views.lambda.kindElastic');
}

/**
 * What the validation curve says, in one line: where the best λ sits, and
 * whether the grid brackets it (a best λ at an end of the grid means the
 * bottom of the U may lie outside it).
 */
export function sweepReading(result: LambdaSweepResult, t: Translate = EN): string {
  const rows = validationRows(result);
  if (rows.length === 0) return t('views.lambda.readNone');
  const bestIndex = rows.findIndex((r) => r.lambda === result.bestLambda);
  const best = rows[bestIndex] ?? rows.reduce((a, b) => (b.valMean < a.valMean ? b : a));
  const first = rows[0];
  const last = rows[rows.length - 1];
  const at = t('views.lambda.readAt', { lambda: formatLambda(best.lambda), loss: best.valMean.toPrecision(3) });
  if (rows.length < 3) return t('views.lambda.readFew', { at });
  if (best === first) return t('views.lambda.readFirst', { at });
  if (best === last) return t('views.lambda.readLast', { at });
  const gapSmall = first.valMean - first.trainMean;
  const bothHigh = last.valMean > best.valMean && last.trainMean > best.trainMean;
  const left = gapSmall > 0 ? t('views.lambda.readLeftGap', { lambda: formatLambda(first.lambda), gap: gapSmall.toPrecision(2) }) : t('views.lambda.readLeftWorse');
  const right = bothHigh ? t('views.lambda.readRightHigh', { lambda: formatLambda(last.lambda) }) : t('views.lambda.readRightWorse');
  return t('views.lambda.readInside', { at, left, right });
}

/** The regularise-then-prune arms, in the worker's order. */
export const ARMS = ['none', 'l1', 'l2'] as const;
export type Arm = (typeof ARMS)[number];

/** One row of the regularise-then-prune chart: `<arm>_before` / `<arm>_after` = the test figure at this sparsity. */
export type RegPruneRow = { sparsity: number } & Partial<Record<`${Arm}_${'before' | 'after'}`, number>>;

/** The test figure the chart plots: accuracy for classification, loss for regression. */
function figure(x: { testLoss: number; testAccuracy: number }, classification: boolean): number {
  return classification ? x.testAccuracy : x.testLoss;
}

/**
 * The result as chart rows: sparsity 0 holds each arm's dense figure (as both
 * before and after, so the dashed and the solid line start from it), then one
 * row per pruned sparsity. Non-finite figures are left out of their row.
 */
export function regPruneRows(result: RegPruneResult, classification: boolean): RegPruneRow[] {
  const bySparsity = new Map<number, RegPruneRow>();
  const row = (s: number): RegPruneRow => {
    let r = bySparsity.get(s);
    if (r === undefined) {
      r = { sparsity: s };
      bySparsity.set(s, r);
    }
    return r;
  };
  for (const a of result.arms) {
    const dense = figure(a.dense, classification);
    if (Number.isFinite(dense)) {
      row(0)[`${a.arm}_before`] = dense;
      row(0)[`${a.arm}_after`] = dense;
    }
    for (const p of a.points) {
      const before = figure(p.before, classification);
      const after = figure(p.after, classification);
      const r = row(p.sparsity);
      if (Number.isFinite(before)) r[`${a.arm}_before`] = before;
      if (Number.isFinite(after)) r[`${a.arm}_after`] = after;
    }
  }
  return [...bySparsity.values()].sort((a, b) => a.sparsity - b.sparsity);
}

/**
 * Margins at or under which two arms count as tied: half a percentage point of
 * accuracy, or 1 % of the larger loss (differences smaller than a re-run's noise on the toys).
 */
export const TIE_ACCURACY = 0.005;
export const TIE_LOSS_RELATIVE = 0.01;

/** +1 when `a` is clearly better than `b`, −1 when clearly worse, 0 for a tie (or a missing figure). */
export function compareFigures(a: number, b: number, classification: boolean): -1 | 0 | 1 {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 0;
  if (classification) {
    if (Math.abs(a - b) <= TIE_ACCURACY) return 0;
    return a > b ? 1 : -1;
  }
  if (Math.abs(a - b) <= TIE_LOSS_RELATIVE * Math.max(Math.abs(a), Math.abs(b))) return 0;
  return a < b ? 1 : -1;
}

/** How Han et al.'s two claims fared at the pruned sparsities. */
export interface HanTally {
  levels: number;
  /** Sparsities where L1 beats L2 right after pruning (claim 1), and where L2 beats L1 (against it). */
  l1WinsBefore: number;
  l2WinsBefore: number;
  /** Sparsities where L2 beats L1 after fine-tuning (claim 2), and where L1 beats L2 (against it). */
  l2WinsAfter: number;
  l1WinsAfter: number;
  /** Whether any fine-tuning ran. */
  tuned: boolean;
}

/** Counts, level by level, L1 against L2 before and after fine-tuning. */
export function hanTally(result: RegPruneResult, classification: boolean): HanTally {
  const l1 = result.arms.find((a) => a.arm === 'l1');
  const l2 = result.arms.find((a) => a.arm === 'l2');
  const tally: HanTally = { levels: 0, l1WinsBefore: 0, l2WinsBefore: 0, l2WinsAfter: 0, l1WinsAfter: 0, tuned: result.tuneSteps > 0 };
  if (l1 === undefined || l2 === undefined) return tally;
  for (const p1 of l1.points) {
    const p2 = l2.points.find((p) => Math.abs(p.sparsity - p1.sparsity) < 1e-9);
    if (p2 === undefined) continue;
    tally.levels++;
    const before = compareFigures(figure(p1.before, classification), figure(p2.before, classification), classification);
    const after = compareFigures(figure(p1.after, classification), figure(p2.after, classification), classification);
    if (before > 0) tally.l1WinsBefore++;
    if (before < 0) tally.l2WinsBefore++;
    if (after < 0) tally.l2WinsAfter++;
    if (after > 0) tally.l1WinsAfter++;
  }
  return tally;
}

/**
 * One honest line on Han et al. (2015)'s finding — L1 is better right after
 * pruning, L2 better after retraining — in this run: a claim holds when it
 * wins at more than half the sparsities (ties, within {@link TIE_ACCURACY} or
 * {@link TIE_LOSS_RELATIVE}, count for neither side).
 */
export function hanReading(result: RegPruneResult, classification: boolean, t: Translate = EN): string {
  const tally = hanTally(result, classification);
  if (tally.levels === 0) return t('views.regprune.readNone');
  const half = tally.levels / 2;
  const first = tally.l1WinsBefore > half;
  const firstText = t('views.regprune.firstText', { n: tally.l1WinsBefore, levels: tally.levels }) + (tally.l2WinsBefore > 0 ? t('views.regprune.l2Wins', { n: tally.l2WinsBefore }) : '');
  if (!tally.tuned) return t(first ? 'views.regprune.untunedShows' : 'views.regprune.untunedNot', { first: firstText });
  const second = tally.l2WinsAfter > half;
  const secondText = t('views.regprune.secondText', { n: tally.l2WinsAfter, levels: tally.levels }) + (tally.l1WinsAfter > 0 ? t('views.regprune.l1Wins', { n: tally.l1WinsAfter }) : '');
  const both = { first: firstText, second: secondText };
  if (first && second) return t('views.regprune.shows', both);
  if (first || second) return t('views.regprune.partly', both);
  if (tally.l1WinsBefore + tally.l2WinsBefore + tally.l1WinsAfter + tally.l2WinsAfter === 0) return t('views.regprune.tied');
  return t('views.regprune.notShown', both);
}

/** The job's progress as a fraction in [0, 1]; null while the total is unknown (indeterminate). */
export function progressFraction(job: { done: number; total: number } | null): number | null {
  if (job === null || !(job.total > 0)) return null;
  return Math.min(1, Math.max(0, job.done / job.total));
}
