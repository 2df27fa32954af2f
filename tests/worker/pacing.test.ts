import { describe, expect, it } from 'vitest';
import { SNAPSHOT_INTERVAL_MS } from '../../src/worker/outbox';
import {
  BurstPacer,
  CHECKPOINT_SHARE,
  EVAL_TIME_SHARE,
  EvalSchedule,
  GPU_BURST_TARGET_MS,
  GPU_EVAL_TIME_SHARE,
  GPU_SNAPSHOT_INTERVAL_MS,
  MAX_BURST_STEPS,
  ThroughputMeter,
  burstTargetMs,
  checkpointEveryBurst,
  evalTimeShare,
  snapshotIntervalMs,
} from '../../src/worker/pacing';

describe('pacing per backend', () => {
  it('GPU backends burst longer, evaluate a smaller share of the time and snapshot less often', () => {
    expect(burstTargetMs('webgl')).toBe(GPU_BURST_TARGET_MS);
    expect(burstTargetMs('wasm')).toBe(40);
    expect([evalTimeShare('webgpu'), evalTimeShare('webgl'), evalTimeShare('wasm'), evalTimeShare('cpu')]).toEqual([0.05, 0.05, 0.1, 0.1]);
    expect([snapshotIntervalMs('webgpu'), snapshotIntervalMs('cpu')]).toEqual([GPU_SNAPSHOT_INTERVAL_MS, SNAPSHOT_INTERVAL_MS]);
    expect(GPU_SNAPSHOT_INTERVAL_MS).toBe(1000);
    expect(GPU_EVAL_TIME_SHARE).toBeLessThan(EVAL_TIME_SHARE);
  });
});

describe('EvalSchedule', () => {
  it('is due right after the first burst, then every base steps while evaluation is cheap', () => {
    const e = new EvalSchedule(25);
    expect(e.isDue(0)).toBe(false);
    expect(e.isDue(1)).toBe(true);
    e.done(1, 1, 10); // 1 ms evaluation, 10 ms steps: 25 steps is plenty
    expect(e.interval).toBe(25);
    expect(e.isDue(25)).toBe(false);
    expect(e.isDue(26)).toBe(true);
  });

  it('stretches to the smallest nice interval that keeps evaluation under its share', () => {
    // 100 ms evaluation, 4 ms steps: 10 % needs ≥ 250 steps; 5 % needs ≥ 500.
    const cpu = new EvalSchedule(25);
    cpu.done(10, 100, 4);
    expect(cpu.interval).toBe(250);
    const gpu = new EvalSchedule(25, 0, 0.05);
    gpu.done(10, 100, 4);
    expect(gpu.interval).toBe(500);
    expect(gpu.isDue(509)).toBe(false);
    expect(gpu.isDue(510)).toBe(true);
  });
});

describe('BurstPacer', () => {
  it('grows at most ×2 per burst towards target / ms-per-step, within [1, MAX_BURST_STEPS]', () => {
    const p = new BurstPacer();
    p.reset(40);
    expect(p.steps).toBe(1);
    p.record(1, 1); // 1 ms/step → ideal 40, but ×2 cap
    expect(p.steps).toBe(2);
    p.record(2, 2);
    expect(p.steps).toBe(4);
    p.record(4, 400); // 100 ms/step → 0.4 → at least 1
    expect(p.steps).toBe(1);
    p.reset(40);
    for (let i = 0; i < 20; i++) p.record(p.steps, p.steps * 0.001);
    expect(p.steps).toBe(MAX_BURST_STEPS);
  });
});

describe('ThroughputMeter', () => {
  it('counts steps over the wall time since the previous burst', () => {
    const m = new ThroughputMeter();
    m.start(0);
    m.record(10, 100);
    m.record(30, 300);
    expect(m.stepsPerSecond).toBeCloseTo(40 / 0.3, 9);
  });
});

describe('checkpoints on GPU backends', () => {
  it('every burst on webgl and webgpu, never on wasm or cpu', () => {
    expect(['webgpu', 'webgl', 'wasm', 'cpu'].map(checkpointEveryBurst)).toEqual([true, true, false, false]);
  });

  it(`bursts grow until a checkpoint takes at most ${CHECKPOINT_SHARE * 100} % of one, and reset forgets it`, () => {
    const p = new BurstPacer();
    p.reset(150);
    // A cheap checkpoint (5 ms ≤ 5 % of 150 ms) leaves the target alone.
    p.recordCheckpoint(5);
    expect(p.target).toBe(150);
    // 28 ms (LeNet-300-100 on software WebGL) smoothed from 5: 0.7·5 + 0.3·28 = 11.9 ms → 238 ms bursts.
    p.recordCheckpoint(28);
    expect(p.target).toBeCloseTo(238, 9);
    for (let i = 0; i < 40; i++) p.recordCheckpoint(28);
    expect(p.target).toBeCloseTo(560, 3);
    // Steps of 200 ms: the burst takes 2 (growth ×2 per burst), then round(560 / 200) = 3 steps.
    p.record(1, 200);
    expect(p.steps).toBe(2);
    p.record(2, 400);
    expect(p.steps).toBe(3);
    p.reset();
    expect(p.target).toBe(150);
    expect(p.steps).toBe(1);
  });
});
