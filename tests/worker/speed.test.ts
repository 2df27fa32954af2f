import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { FromWorker } from '../../src/protocol/messages';
import { defaultConfig } from '../../src/state/urlCodec';
import { TrainingHost } from '../../src/worker/host';
import { SPEED_BURST_MS, STEP_BY_STEP_MAX, SpeedLimiter } from '../../src/worker/speed';
import { all, until } from './harness';
import { FrozenClock, VirtualClock } from './virtualClock';

const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu' };

describe('SpeedLimiter (pure)', () => {
  it('full speed (0) never waits and caps nothing', () => {
    const s = new SpeedLimiter();
    s.start(0);
    expect(s.delayMs(0)).toBe(0);
    expect(s.burstCap()).toBe(Number.POSITIVE_INFINITY);
    s.record(500, 0);
    expect(s.delayMs(1)).toBe(0);
    expect(s.stepByStep).toBe(false);
  });

  it('s steps/s: one step per 1000/s ms, step by step up to STEP_BY_STEP_MAX', () => {
    const s = new SpeedLimiter();
    s.setSpeed(4);
    s.start(1000);
    expect(s.stepByStep).toBe(true);
    expect(s.burstCap()).toBe(1);
    expect(s.delayMs(1000)).toBe(0);
    s.record(1, 1000);
    expect(s.delayMs(1000)).toBe(250);
    expect(s.delayMs(1100)).toBe(150);
    expect(s.delayMs(1250)).toBe(0);
    s.record(1, 1250);
    expect(s.delayMs(1250)).toBe(250);
    s.setSpeed(STEP_BY_STEP_MAX);
    expect(s.stepByStep).toBe(true);
    s.setSpeed(STEP_BY_STEP_MAX + 1);
    expect(s.stepByStep).toBe(false);
  });

  it('above step-by-step speeds a burst holds s · 100 ms of steps, and the next waits for them', () => {
    const s = new SpeedLimiter();
    s.setSpeed(200);
    s.start(0);
    expect(s.burstCap()).toBe((200 * SPEED_BURST_MS) / 1000);
    s.record(20, 0);
    expect(s.delayMs(30)).toBe(70); // 20 steps at 200/s take 100 ms
    expect(new SpeedLimiter().burstCap()).toBe(Number.POSITIVE_INFINITY);
    const slow = new SpeedLimiter();
    slow.setSpeed(31);
    expect(slow.burstCap()).toBe(3);
  });

  it('banks no credit: a burst that starts late restarts the schedule from its own start', () => {
    const s = new SpeedLimiter();
    s.setSpeed(10);
    s.start(0);
    s.record(1, 0);
    // The loop was busy (an evaluation) until 2 s: one step now, then 100 ms again, not a catch-up run.
    expect(s.delayMs(2000)).toBe(0);
    s.record(1, 2000);
    expect(s.delayMs(2000)).toBe(100);
  });

  it('a new speed applies at once, timed from the latest burst', () => {
    const s = new SpeedLimiter();
    s.setSpeed(1);
    s.start(0);
    s.record(1, 0);
    expect(s.delayMs(100)).toBe(900);
    s.setSpeed(5); // 200 ms after the latest step
    expect(s.delayMs(100)).toBe(100);
    s.setSpeed(0);
    expect(s.delayMs(100)).toBe(0);
    s.setSpeed(2); // back from full speed
    expect(s.delayMs(100)).toBe(400);
    s.setSpeed(Number.NaN);
    expect(s.stepsPerSecond).toBe(0);
  });

  it('never exceeds s · W / 1000 + one burst over any stretch W (property over random burst times)', () => {
    for (const speed of [1, 3, 30, 100, 1000]) {
      const s = new SpeedLimiter();
      s.setSpeed(speed);
      s.start(0);
      const starts: { t: number; k: number }[] = [];
      let t = 0;
      let seed = speed;
      const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      while (t < 5000) {
        t += s.delayMs(t) + rand() * 20; // the loop wakes a little late, steps take time
        const k = Math.max(1, Math.min(s.burstCap(), 1 + Math.floor(rand() * 50)));
        s.record(k, t);
        starts.push({ t, k });
      }
      const cap = s.burstCap();
      for (let i = 0; i < starts.length; i++) {
        for (let j = i; j < starts.length; j++) {
          const steps = starts.slice(i, j + 1).reduce((n, b) => n + b.k, 0);
          expect(steps).toBeLessThanOrEqual(((starts[j].t - starts[i].t) * speed) / 1000 + cap + 1e-9);
        }
      }
    }
  });
});

describe('TrainingHost at a low speed', () => {
  beforeAll(async () => {
    await activateBackend('cpu');
  });

  it('speed 5 on a virtual clock: step n lands at (n − 1) · 200 ms, each with its metrics, snapshot and boundary; 5 steps/s shown', async () => {
    const clock = new VirtualClock();
    const got: FromWorker[] = [];
    const at: number[] = [];
    const host = new TrainingHost((m) => {
      got.push(m);
      at.push(clock.now());
    }, {}, clock);
    host.handle({ type: 'init', assetBaseUrl: 'http://localhost/' });
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, speed: 5 } });
    await until(() => got.some((m) => m.type === 'phase' && m.phase === 'paused'));
    const from = got.length;
    const t0 = clock.now();
    host.handle({ type: 'play', runId: 1 });
    await until(() => all(got, 'metrics', from).some((m) => m.step >= 30));
    const cut = got.length;
    host.handle({ type: 'pause', runId: 1 });
    await until(() => got.slice(from).some((m) => m.type === 'phase' && m.phase === 'paused'));
    const training = got.map((m, i) => ({ m, t: at[i] - t0 })).slice(from, cut).filter(({ m }) => m.type === 'metrics') as { m: Extract<FromWorker, { type: 'metrics' }>; t: number }[];
    expect(training.length).toBeGreaterThanOrEqual(30);
    // Exactly paced: no virtual time passes while training, so step n is posted at (n − 1) · 200 ms.
    for (const { m, t } of training) expect(m.step).toBe(Math.floor(t / 200) + 1);
    // Every step shown on its own: one new point per message, steps 1, 2, 3, …
    const steps = training.flatMap(({ m }) => m.points.map((p) => p.step));
    expect([...new Set(steps)]).toEqual(Array.from({ length: new Set(steps).size }, (_, i) => i + 1));
    const snapshots = new Set(all(got, 'snapshot', from).map((s) => s.step));
    const boundaries = new Set(all(got, 'view', from).filter((v) => v.view.boundary !== undefined).map((v) => v.step));
    for (const { m } of training) {
      expect(snapshots.has(m.step)).toBe(true);
      expect(boundaries.has(m.step)).toBe(true);
    }
    // Honest steps/s: 1 step per 200 ms of (virtual) wall time.
    expect(training.at(-1)!.m.stepsPerSecond).toBe(5);
  });

  it('a nap for the speed limit ends at once on pause and on a new speed (a clock whose naps never end alone)', async () => {
    const clock = new FrozenClock();
    const got: FromWorker[] = [];
    const host = new TrainingHost((m) => got.push(m), {}, clock);
    host.handle({ type: 'init', assetBaseUrl: 'http://localhost/' });
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, speed: 1 } });
    await until(() => got.some((m) => m.type === 'phase' && m.phase === 'paused'));
    host.handle({ type: 'play', runId: 1 });
    await until(() => clock.naps > 0 && all(got, 'metrics').some((m) => m.step === 1));
    // Waiting for the next step (never, on this clock): pause must still be answered.
    let from = got.length;
    host.handle({ type: 'pause', runId: 1 });
    await until(() => got.slice(from).some((m) => m.type === 'phase' && m.phase === 'paused'));
    expect(all(got, 'metrics').at(-1)!.step).toBe(1);
    // Play again: one step at once, then a nap; a new speed of 0 (full) wakes it and training runs on.
    host.handle({ type: 'play', runId: 1 });
    await until(() => all(got, 'metrics').some((m) => m.step === 2));
    from = got.length;
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, speed: 0 } });
    await until(() => all(got, 'metrics', from).some((m) => m.step >= 100));
    host.handle({ type: 'pause', runId: 1 });
    await until(() => got.slice(from).some((m) => m.type === 'phase' && m.phase === 'paused'));
  });
});
