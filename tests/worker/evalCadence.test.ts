import { describe, expect, it } from 'vitest';
import { CHEAP_FULL_MS, EvalCadence, FRESH_MS, FRESH_SHARE_MAX, QUICK_MAX_ROWS, QUICK_MIN_ROWS, QUICK_TARGET_MS, TRAIN_ROWS_MAX } from '../../src/worker/evalCadence';

const figures = (step: number, rows: number, total = 2000) => ({ step, testLoss: 1, testAccuracy: 0.5, rows, total });

describe('EvalCadence: quick rows', () => {
  it('small test sets are always evaluated whole', () => {
    const c = new EvalCadence(250, 250);
    expect(c.quickRows()).toBe(250);
    c.record(figures(1, 250, 250), 2000, 0, 2000); // however slow
    expect(c.quickRows()).toBe(250);
    expect(new EvalCadence(QUICK_MAX_ROWS, 10).quickRows()).toBe(QUICK_MAX_ROWS);
  });

  it('MNIST: 200 rows before anything is measured, then what the measured cost allows', () => {
    const c = new EvalCadence(2000, 8000);
    expect(c.quickRows()).toBe(200);
    // LeNet-300-100 on WASM: 200 rows in 8 ms → 0.04 ms a row → 2,000 rows in 80 ms ≤ CHEAP_FULL_MS: the whole set.
    c.record(figures(1, 200), 8, 0, 8);
    expect(2000 * c.rowMs).toBeLessThanOrEqual(CHEAP_FULL_MS);
    expect(c.quickRows()).toBe(2000);
    // The seed CNN on software WebGL: ~4.4 ms a digit → ⌊300 / 4.4⌋ = 68 → the floor of 100 rows.
    const cnn = new EvalCadence(2000, 8000);
    cnn.record(figures(1, 200), 880, 0, 880);
    expect(cnn.quickRows()).toBe(QUICK_MIN_ROWS);
    // A small CNN: 0.5 ms a digit → 600 → capped at 500.
    const small = new EvalCadence(2000, 8000);
    small.record(figures(1, 200), 100, 0, 100);
    expect(small.quickRows()).toBe(QUICK_MAX_ROWS);
    // 1.2 ms a digit → ⌊300 / 1.2 / 100⌋ · 100 = 200.
    const mid = new EvalCadence(2000, 8000);
    mid.record(figures(1, 200), 240, 0, 240);
    expect(mid.quickRows()).toBe(200);
    expect(Math.floor(QUICK_TARGET_MS / 1.2 / 100) * 100).toBe(200);
  });

  it('train rows for the evaluated train loss: as the budget allows, at most TRAIN_ROWS_MAX and all of them', () => {
    expect(new EvalCadence(250, 250).trainRows()).toBe(250);
    const fast = new EvalCadence(2000, 8000);
    fast.record(figures(1, 2000), 80, 0, 80);
    expect(fast.trainRows()).toBe(TRAIN_ROWS_MAX);
    const cnn = new EvalCadence(2000, 8000);
    cnn.record(figures(1, 200), 880, 0, 880);
    expect(cnn.trainRows()).toBe(QUICK_MIN_ROWS);
    expect(new EvalCadence(2000, 8000).trainRows()).toBe(QUICK_MAX_ROWS);
  });
});

describe('EvalCadence: freshness', () => {
  it('due at once before any figure; never twice at one step', () => {
    const c = new EvalCadence(2000, 8000);
    expect(c.freshDue(1, 0, 100)).toBe(true);
    c.record(figures(1, 200), 400, 0, 400);
    expect(c.freshDue(1, 10_000, 100)).toBe(false);
  });

  it('due when waiting one more burst would show figures older than FRESH_MS', () => {
    const c = new EvalCadence(2000, 8000);
    // Step 10 reached at t = 0; 200 rows took 100 ms (0.5 ms a row, so the next quick one is 500 rows: 250 ms), landed at 100.
    c.record(figures(10, 200), 100, 0, 100);
    expect(c.quickRows()).toBe(500);
    // At t = 1000 after a 500 ms burst: 1000 + 500 + 250 − 0 = 1750 ≤ 2000 → wait.
    expect(c.freshDue(11, 1000, 500)).toBe(false);
    // At t = 1500: 1500 + 500 + 250 = 2250 > 2000 → evaluate now.
    expect(c.freshDue(12, 1500, 500)).toBe(true);
    expect(1500 + 500 + 250).toBeGreaterThan(FRESH_MS);
  });

  it('a slow model evaluates at most FRESH_SHARE_MAX of the time: its figures get older instead', () => {
    const c = new EvalCadence(2000, 8000);
    // 100 rows took 900 ms (9 ms a row, already QUICK_MIN_ROWS): landed at 900 for the step reached at 0.
    c.record(figures(1, 100), 900, 0, 900);
    const gap = (900 * (1 - FRESH_SHARE_MAX)) / FRESH_SHARE_MAX; // 2700 ms of training between evaluations
    expect(gap).toBeCloseTo(2700, 9);
    expect(c.freshDue(2, 900 + gap - 1, 1000)).toBe(false);
    expect(c.freshDue(2, 900 + gap + 1, 1000)).toBe(true);
  });

  it('invalidate: the latest figures no longer describe the weights', () => {
    const c = new EvalCadence(2000, 8000);
    c.record(figures(5, 2000), 50, 0, 50);
    expect(c.latestAt(5, 2000)).toMatchObject({ step: 5, rows: 2000 });
    expect(c.latestAt(5, 100)).not.toBeNull();
    expect(c.latestAt(6)).toBeNull();
    c.invalidate();
    expect(c.latestAt(5)).toBeNull();
    expect(c.freshDue(5, 60, 10)).toBe(false); // 60 + 10 + 50 − 0 ≤ 2000
  });
});
