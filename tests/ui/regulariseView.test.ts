import { describe, expect, it } from 'vitest';
import type { LambdaPoint, LambdaSweepResult, RegPrunePoint, RegPruneResult } from '../../src/protocol/messages';
import {
  LAMBDA_CSV_HEADER,
  compareFigures,
  decadeTicks,
  formatLambda,
  hanReading,
  hanTally,
  lambdaSweepCsv,
  progressFraction,
  regPruneRows,
  sweepReading,
  validationRows,
} from '../../src/ui/experiments/regulariseView';

/** logGrid(1e-5, 1, 9) as the worker builds it. */
const GRID = Array.from({ length: 9 }, (_, i) => (i === 8 ? 1 : 1e-5 * 1e5 ** (i / 8)));

/** A U-shaped sweep: validation lowest at λ = 10^-2.5 (index 4), train rising with λ. */
function uSweep(): LambdaSweepResult {
  const val = [0.61, 0.52, 0.44, 0.37, 0.31, 0.34, 0.45, 0.6, 0.69];
  const points: LambdaPoint[] = GRID.map((lambda, i) => ({
    lambda,
    valMean: val[i],
    valStd: 0.02 + 0.01 * i,
    trainMean: 0.05 + 0.08 * i,
    trainStd: 0.01,
    valAccuracy: 0.9 - Math.abs(i - 4) * 0.03,
  }));
  return { kind: 'l2', prox: false, k: 5, stepsPerFold: 200, points, bestLambda: GRID[4] };
}

describe('lambdaSweepCsv', () => {
  it('writes the header and one full-precision row per grid λ, ascending', () => {
    const result = uSweep();
    const lines = lambdaSweepCsv(result).trimEnd().split('\n');
    expect(lines[0]).toBe(LAMBDA_CSV_HEADER);
    expect(lines[0]).toBe('lambda,val_mean,val_std,train_mean,train_std,val_accuracy');
    expect(lines).toHaveLength(10);
    const cells = lines.slice(1).map((l) => l.split(',').map(Number));
    // Every λ reads back to exactly the double the worker sent.
    expect(cells.map((c) => c[0])).toEqual(GRID);
    expect(cells[4]).toEqual([GRID[4], 0.31, 0.06, 0.37, 0.01, 0.9]);
  });

  it('leaves the accuracy empty for regression (NaN)', () => {
    const result = uSweep();
    result.points = result.points.map((p) => ({ ...p, valAccuracy: Number.NaN }));
    const row = lambdaSweepCsv(result).split('\n')[1];
    expect(row.endsWith(',')).toBe(true);
    expect(row.split(',')).toHaveLength(6);
  });
});

describe('validationRows', () => {
  it('puts log10 λ on x and a mean ± std band floored at 0', () => {
    const result = uSweep();
    result.points[0] = { ...result.points[0], valMean: 0.01, valStd: 0.05 };
    const rows = validationRows(result);
    expect(rows).toHaveLength(9);
    expect(rows[0].logLambda).toBeCloseTo(-5, 12);
    expect(rows[8].logLambda).toBe(0);
    expect(rows[0].valBand).toEqual([0, 0.060000000000000005]);
    expect(rows[4].valBand[0]).toBeCloseTo(0.25, 12);
    expect(rows[4].valBand[1]).toBeCloseTo(0.37, 12);
  });

  it('drops points with a non-finite loss or λ ≤ 0', () => {
    const result = uSweep();
    result.points[2] = { ...result.points[2], valMean: Number.NaN };
    result.points[0] = { ...result.points[0], lambda: 0 };
    expect(validationRows(result)).toHaveLength(7);
  });

  it('ticks every decade the grid spans', () => {
    expect(decadeTicks(validationRows(uSweep()))).toEqual([-5, -4, -3, -2, -1, 0]);
    expect(decadeTicks([])).toEqual([0]);
  });
});

describe('formatLambda', () => {
  it('writes λ compactly', () => {
    expect(formatLambda(1e-5)).toBe('1e-5');
    expect(formatLambda(GRID[1])).toBe('4.2e-5');
    expect(formatLambda(GRID[4])).toBe('3.2e-3');
    expect(formatLambda(1e-3)).toBe('1e-3');
    expect(formatLambda(0.0316)).toBe('0.032');
    expect(formatLambda(1)).toBe('1');
    expect(formatLambda(0)).toBe('0');
  });
});

describe('sweepReading', () => {
  it('reads a U with its best λ inside the grid as over-fitting on the left, under-fitting on the right', () => {
    const text = sweepReading(uSweep());
    expect(text).toContain('Best λ = 3.2e-3');
    expect(text).toContain('inside the grid');
    expect(text).toContain('over-fitting');
    expect(text).toContain('under-fitting');
  });

  it('says so when the best λ is at an end of the grid', () => {
    const low = { ...uSweep(), bestLambda: GRID[0] };
    expect(sweepReading(low)).toContain('smallest λ tried');
    const high = { ...uSweep(), bestLambda: 1 };
    expect(sweepReading(high)).toContain('raise cv_max');
  });
});

const LEVELS = [0.5, 0.7, 0.8, 0.9, 0.95];

/** An arm whose accuracy before / after pruning at each level is given. */
function arm(name: 'none' | 'l1' | 'l2', before: number[], after: number[], dense = 0.95): RegPruneResult['arms'][number] {
  const points: RegPrunePoint[] = LEVELS.map((sparsity, i) => ({
    sparsity,
    before: { testLoss: 1 - before[i], testAccuracy: before[i] },
    after: { testLoss: 1 - after[i], testAccuracy: after[i] },
  }));
  return { arm: name, dense: { testLoss: 1 - dense, testAccuracy: dense }, points };
}

function regPrune(l1: [number[], number[]], l2: [number[], number[]], tuneSteps = 100): RegPruneResult {
  const flat = [0.9, 0.9, 0.9, 0.9, 0.9];
  return { lambda: 1e-3, steps: 500, tuneSteps, arms: [arm('none', flat, flat), arm('l1', ...l1), arm('l2', ...l2)] };
}

describe('regPruneRows', () => {
  it('starts every line at its dense figure and adds one row per sparsity', () => {
    const result = regPrune([[0.9, 0.88, 0.85, 0.8, 0.7], [0.93, 0.92, 0.91, 0.9, 0.88]], [[0.85, 0.8, 0.7, 0.6, 0.5], [0.94, 0.93, 0.93, 0.92, 0.9]]);
    const rows = regPruneRows(result, true);
    expect(rows.map((r) => r.sparsity)).toEqual([0, ...LEVELS]);
    expect(rows[0]).toEqual({ sparsity: 0, none_before: 0.95, none_after: 0.95, l1_before: 0.95, l1_after: 0.95, l2_before: 0.95, l2_after: 0.95 });
    expect(rows[5].l1_before).toBe(0.7);
    expect(rows[5].l2_after).toBe(0.9);
    // Regression plots the loss instead.
    expect(regPruneRows(result, false)[5].l1_before).toBeCloseTo(0.3, 12);
  });

  it('leaves non-finite figures out of their row', () => {
    const result = regPrune([[0.9, 0.88, 0.85, 0.8, 0.7], [0.9, 0.9, 0.9, 0.9, 0.9]], [[0.9, 0.9, 0.9, 0.9, 0.9], [0.9, 0.9, 0.9, 0.9, 0.9]]);
    result.arms[1].points[0].before.testAccuracy = Number.NaN;
    const rows = regPruneRows(result, true);
    expect('l1_before' in rows[1]).toBe(false);
    expect(rows[1].l1_after).toBe(0.9);
  });
});

describe('Han et al. reading', () => {
  it('compares with ties: half a point of accuracy, 1 % of the loss', () => {
    expect(compareFigures(0.9, 0.896, true)).toBe(0);
    expect(compareFigures(0.9, 0.89, true)).toBe(1);
    expect(compareFigures(0.5, 0.504, false)).toBe(0);
    expect(compareFigures(0.5, 0.6, false)).toBe(1);
    expect(compareFigures(Number.NaN, 0.6, false)).toBe(0);
  });

  it('says the finding shows when L1 wins before and L2 wins after at most levels', () => {
    const result = regPrune([[0.9, 0.88, 0.85, 0.8, 0.7], [0.9, 0.89, 0.88, 0.86, 0.8]], [[0.85, 0.8, 0.7, 0.6, 0.5], [0.94, 0.93, 0.93, 0.92, 0.9]]);
    expect(hanTally(result, true)).toEqual({ levels: 5, l1WinsBefore: 5, l2WinsBefore: 0, l2WinsAfter: 5, l1WinsAfter: 0, tuned: true });
    const text = hanReading(result, true);
    expect(text).toMatch(/^Han et al.’s finding shows in this run/);
    expect(text).toContain('L1 beats L2 at 5 of 5');
    expect(text).toContain('L2 beats L1 at 5 of 5');
  });

  it('says "only in part" when one half holds, and names the counter-wins', () => {
    const result = regPrune([[0.9, 0.88, 0.85, 0.8, 0.7], [0.95, 0.95, 0.94, 0.93, 0.92]], [[0.85, 0.8, 0.7, 0.6, 0.5], [0.9, 0.9, 0.9, 0.9, 0.9]]);
    const text = hanReading(result, true);
    expect(text).toMatch(/^Han et al.’s finding shows only in part/);
    expect(text).toContain('L2 beats L1 at 0 of 5 (L1 wins 5)');
  });

  it('says it does not show when L1 and L2 tie everywhere', () => {
    const same: [number[], number[]] = [
      [0.9, 0.88, 0.85, 0.8, 0.7],
      [0.9, 0.9, 0.9, 0.9, 0.9],
    ];
    const text = hanReading(regPrune(same, same), true);
    expect(text).toContain('does not show');
    expect(text).toContain('tied at every sparsity');
  });

  it('checks only the first half when no fine-tuning ran', () => {
    const result = regPrune([[0.9, 0.88, 0.85, 0.8, 0.7], [0.9, 0.88, 0.85, 0.8, 0.7]], [[0.85, 0.8, 0.7, 0.6, 0.5], [0.85, 0.8, 0.7, 0.6, 0.5]], 0);
    const text = hanReading(result, true);
    expect(text).toMatch(/^The first half of Han et al.’s finding shows/);
    expect(text).toContain('rp_tune = 0');
  });

  it('reads regression by loss: lower is better', () => {
    // Accuracies as in the "shows" case; loss = 1 − accuracy, so the verdict is the same.
    const result = regPrune([[0.9, 0.88, 0.85, 0.8, 0.7], [0.9, 0.89, 0.88, 0.86, 0.8]], [[0.85, 0.8, 0.7, 0.6, 0.5], [0.94, 0.93, 0.93, 0.92, 0.9]]);
    for (const a of result.arms) {
      for (const p of a.points) {
        p.before.testAccuracy = Number.NaN;
        p.after.testAccuracy = Number.NaN;
      }
    }
    expect(hanReading(result, false)).toMatch(/^Han et al.’s finding shows in this run/);
  });
});

describe('progressFraction', () => {
  it('is done / total, clamped, and null while the total is unknown', () => {
    expect(progressFraction({ done: 9, total: 45 })).toBe(0.2);
    expect(progressFraction({ done: 50, total: 45 })).toBe(1);
    expect(progressFraction({ done: 0, total: 0 })).toBeNull();
    expect(progressFraction(null)).toBeNull();
  });
});
