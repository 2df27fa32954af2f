import type { Page } from '@playwright/test';
import { Rng } from '../src/engine/rng';
import { penaltyKindOf, penaltyLambdaOf } from '../src/state/regularisation';
import { formatHash, parseHash } from '../src/state/urlCodec';
import { TINY_CIRCLE, expect, test } from './fixtures';

/**
 * Slider spam (issue 8): while the 2-8-8 circle network trains, 300 random
 * changes in 10 s to the real controls (selects, range sliders, number and
 * text fields), from a seeded generator so a failure replays. Meanwhile the
 * page checks every change of the chart series against the worker message
 * that caused it: no point of a stale run is ever charted. At the end the
 * URL, every touched control and the worker's config agree with the store,
 * and training goes on.
 *
 * The changes are DOM events fired in the page (the native value setter, then
 * `input`/`change`, and Enter for text fields), as the browser fires them
 * when a user drags or types: Playwright's own actions take 50–200 ms each on
 * this machine (actionability checks, a round trip per action), far too slow
 * for 30 changes a second, and the point is the app under a burst, not the
 * test driver.
 */

const CHANGES = 300;
const SPAM_MS = 10_000;
const SEED = 20261123;

/** Runs before the app: keeps the training worker and records its messages as they arrive, before the bridge sees them. */
function recordWorker(): void {
  const w = window as unknown as { __spam: { worker: Worker | null; current: unknown } };
  w.__spam = { worker: null, current: null };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (options?.name === 'training' || w.__spam.worker === null) {
        w.__spam.worker = this;
        // Registered before the bridge's onmessage, so it runs first for every message.
        this.addEventListener('message', (e: MessageEvent) => {
          w.__spam.current = e.data;
        });
      }
    }
  };
}

/** The page-side checks: installed once the app runs; returns nothing, records into `window.__spam`. */
function watchSeries(): void {
  interface Point {
    step: number;
  }
  interface State {
    run: { runId: number };
    series: { points: Point[] };
  }
  interface Msg {
    type: string;
    runId: number;
    phase?: string;
    points?: Point[];
  }
  const w = window as unknown as {
    __playground: { store: { getState(): State; subscribe(l: (s: State, p: State) => void): () => void } };
    __spam: { worker: Worker; current: Msg | null; violations: string[]; seriesUpdates: number; newRuns: number; staleMessages: number; staleMetrics: number; diverged: string[] };
  };
  const spam = w.__spam;
  spam.violations = [];
  spam.seriesUpdates = 0;
  spam.newRuns = 0;
  spam.staleMessages = 0;
  spam.staleMetrics = 0;
  spam.diverged = [];
  const store = w.__playground.store;
  // Counts messages of runs the store has left (it must drop them); clears `current` after the bridge handled each message.
  spam.worker.addEventListener('message', (e: MessageEvent<Msg>) => {
    // "run/current run" of every divergence the worker reports.
    if (e.data.type === 'phase' && e.data.phase === 'diverged') spam.diverged.push(`${e.data.runId}/${store.getState().run.runId}`);
    if (e.data.runId !== store.getState().run.runId) {
      spam.staleMessages += 1;
      if (e.data.type === 'metrics' && (e.data.points?.length ?? 0) > 0) spam.staleMetrics += 1;
    }
    spam.current = null;
  });
  store.subscribe((state, prev) => {
    const bad = (why: string): void => {
      if (spam.violations.length < 20) spam.violations.push(`run ${state.run.runId}: ${why}`);
    };
    const points = state.series.points;
    if (state.run.runId !== prev.run.runId) {
      spam.newRuns += 1;
      if (state.run.runId < prev.run.runId) bad(`run id went back from ${prev.run.runId}`);
      if (points.length > 0) bad(`a new run starts with ${points.length} points charted`);
      if (spam.current !== null) bad(`a worker message (${spam.current.type}) changed the run id`);
      return;
    }
    if (state.series === prev.series) return;
    spam.seriesUpdates += 1;
    const msg = spam.current;
    if (msg === null) return bad('the series changed without a worker message');
    if (msg.type !== 'metrics') return bad(`the series changed on a ${msg.type} message`);
    if (msg.runId !== state.run.runId) return bad(`points of run ${msg.runId} charted in run ${state.run.runId}`);
    for (let i = 1; i < points.length; i++) {
      if (!(points[i].step > points[i - 1].step)) return bad(`steps not increasing: ${points[i - 1].step} then ${points[i].step}`);
    }
    // Every point past the previous series' last step is (a bucket ending at) a step this message carried.
    const sent = new Set((msg.points ?? []).map((p) => p.step));
    const lastBefore = prev.series.points.at(-1)?.step ?? 0;
    for (const p of points) if (p.step > lastBefore && !sent.has(p.step)) return bad(`point at step ${p.step} not in the message`);
  });
}

/** What one change does: the control's test id and the value to put in it (option value, slider position or text). */
interface Change {
  key: string;
  value: string;
}

/** The 300 changes: controls and values a student could pick (toy datasets, small networks, learning rates that do not diverge). */
function plan(seed: number): Change[] {
  const rng = new Rng(seed);
  const r = (): number => rng.next();
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const makers: Record<string, () => string> = {
    dataset: () => pick(['circle', 'xor', 'gauss', 'spiral', 'plane', 'friedman']),
    noise: () => String(int(0, 50)),
    split: () => String(int(10, 90)),
    layers: () => pick(['8,8', '4', '6,4', '8', '3,3,3', '5,5']),
    act: () => pick(['relu', 'tanh', 'sigmoid', 'linear']),
    opt: () => pick(['sgd', 'adam', 'rmsprop', 'momentum']),
    // Some rates diverge: a run that diverges while others start must not leave the play intent behind.
    lr: () => pick(['0.001', '0.003', '0.01', '0.03', '0.1', '3', '10']),
    batch: () => String(pick([1, 4, 10, 16, 32, 64])),
    seed: () => String(int(0, 99_999)),
    threshold: () => String(int(0, 60)), // slider position: 0 = off, 60 ≈ θ 0.09
    keep: () => pick(['1', '0.75', '0.5', '0.9']),
    penalty: () => pick(['none', 'l1', 'l2', 'elastic']),
    lambda: () => String(int(0, 41)), // slider position: 0 = off, 41 = 1e-2
    l1: () => pick(['0', '0.0001', '0.001', '0.003']),
    l2: () => pick(['0', '0.0001', '0.001', '0.01']),
    dropout: () => pick(['0', '0.1', '0.25', '0.5']),
  };
  // Controls that start a new run come up a third as often as the rest, so runs live long enough to chart points between them.
  const cold = new Set(['dataset', 'noise', 'split', 'layers', 'act', 'seed']);
  const keys = Object.keys(makers).flatMap((k) => (cold.has(k) ? [k] : [k, k, k]));
  const changes = Array.from({ length: CHANGES - 1 }, () => {
    const key = pick(keys);
    return { key, value: makers[key]() };
  });
  // The last change: a rate that trains, so the test can see training go on.
  return [...changes, { key: 'lr', value: '0.03' }];
}

/**
 * In the page: applies the changes at an even pace over `ms`, each as the
 * browser reports a user's edit; returns the keys it could apply (a control
 * that is hidden or disabled at that moment is skipped, as a user could not
 * touch it either).
 */
async function spamControls([changes, ms]: [Change[], number]): Promise<{ applied: number; skipped: number; tookMs: number }> {
  const set = (el: HTMLInputElement | HTMLSelectElement, value: string): void => {
    const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  };
  const t0 = performance.now();
  let applied = 0;
  let skipped = 0;
  for (let i = 0; i < changes.length; i++) {
    const wait = t0 + (i * ms) / changes.length - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { key, value } = changes[i];
    const el = document.querySelector(`[data-testid="control-${key}"]`);
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || el.disabled) {
      skipped += 1;
      continue;
    }
    set(el, value);
    if (el instanceof HTMLSelectElement) {
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (el.type === 'range') {
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      // A typed value, then Enter (what commits a text or number field at once), in two tasks as a keyboard delivers them.
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    }
    applied += 1;
  }
  return { applied, skipped, tookMs: performance.now() - t0 };
}

type Config = Record<string, unknown> & { l1: number; l2: number; layers: number[] };
interface Snapshot {
  config: Config;
  page: Record<string, unknown>;
  runId: number;
  step: number;
  playing: boolean;
  hash: string;
}

const read = (page: Page): Promise<Snapshot> =>
  page.evaluate(() => {
    const s = (window as unknown as { __playground: { store: { getState(): { config: Config; page: Record<string, unknown>; run: { runId: number; step: number; playing: boolean } } } } }).__playground.store.getState();
    return { config: s.config, page: s.page, runId: s.run.runId, step: s.run.step, playing: s.run.playing, hash: location.hash };
  });

/** What a control shows, read the way its kind shows it (log sliders: the value in data-value). */
const shown = (page: Page, key: string): Promise<string> =>
  page.getByTestId(`control-${key}`).evaluate((el) => (el.getAttribute('type') === 'range' && el.hasAttribute('data-value') ? (el.getAttribute('data-value') ?? '') : (el as HTMLInputElement).value));

/** What the store says the control for `key` should show. */
function expected(config: Config, key: string): string {
  if (key === 'penalty') return penaltyKindOf(config);
  if (key === 'lambda') return String(penaltyLambdaOf(config));
  if (key === 'layers') return config.layers.join(',');
  return String(config[key]);
}

test('300 random control changes in 10 s while training leave the URL, the controls and the worker in agreement, with no stale point charted', async ({ app, page }) => {
  test.setTimeout(90_000);
  await page.addInitScript(recordWorker);
  await app.open(TINY_CIRCLE);
  await page.evaluate(watchSeries);
  await app.play();
  await app.waitForStep(20);
  const before = await read(page);

  const changes = plan(SEED);
  const result = await page.evaluate(spamControls, [changes, SPAM_MS] as [Change[], number]);
  const touched = [...new Set(changes.map((c) => c.key))];
  const burstUpdates = await page.evaluate(() => (window as unknown as { __spam: { seriesUpdates: number } }).__spam.seriesUpdates);

  // The URL is written 250 ms after the last change; the worker catches up with the last configure.
  const worker = page.workers().find((w) => w.url().includes('training')) ?? page.workers()[0];
  const workerState = (): Promise<{ runId: number; config: Config; mode: string }> =>
    worker.evaluate(() => (self as unknown as { __playground: { state(): { runId: number; config: Config; mode: string } } }).__playground.state());
  await expect
    .poll(async () => {
      const [s, ws] = [await read(page), await workerState()];
      return s.hash === formatHash(s.config as never, s.page as never) && ws.runId === s.runId && JSON.stringify(ws.config) === JSON.stringify(s.config);
    }, { message: 'URL and worker caught up with the store', timeout: 15_000 })
    .toBe(true);
  const after = await read(page);
  const ws = await workerState();

  // The URL is the codec's encoding of the store's config, and parses back to it.
  expect(after.hash).toBe(formatHash(after.config as never, after.page as never));
  expect(parseHash(after.hash).config).toEqual(after.config);
  // The worker holds the store's config and run.
  expect(ws.config).toEqual(after.config);
  expect(ws.runId).toBe(after.runId);
  // Every control that was touched shows the store's value.
  for (const key of touched) {
    const want = expected(after.config, key);
    const got = await shown(page, key);
    if (key === 'threshold' || key === 'lambda' || key === 'keep' || key === 'dropout' || key === 'l1' || key === 'l2' || key === 'lr') expect(Number(got), `control-${key}`).toBeCloseTo(Number(want), 12);
    else expect(got, `control-${key}`).toBe(want);
  }

  // The play intent agrees: the worker trains exactly when the store says it plays (a run that diverged says so and stopped).
  const phase = await page.evaluate(() => (window as unknown as { __playground: { store: { getState(): { run: { phase: string } } } } }).__playground.store.getState().run.phase);
  expect({ playing: ws.mode === 'playing' }, `worker mode ${ws.mode}, store phase ${phase}`).toEqual({ playing: after.playing });
  if (!after.playing) {
    // Only a divergence ends the play intent (then the following runs wait for play); press play again.
    const diverged = await page.evaluate(() => (window as unknown as { __spam: { diverged: string[] } }).__spam.diverged.some((d) => d.split('/')[0] === d.split('/')[1]));
    expect(diverged, `the store stopped playing (phase ${phase}) without a run of its own diverging`).toBe(true);
    await app.play();
  }
  // Training goes on, on the current run.
  await expect.poll(async () => (await read(page)).step, { message: 'training advances after the burst', timeout: 20_000 }).toBeGreaterThan(after.step + 20);
  expect((await read(page)).runId).toBe(after.runId);

  const seen = await page.evaluate(() => {
    const s = (window as unknown as { __spam: { violations: string[]; seriesUpdates: number; newRuns: number; staleMessages: number; staleMetrics: number; diverged: string[] } }).__spam;
    return { violations: s.violations, seriesUpdates: s.seriesUpdates, newRuns: s.newRuns, staleMessages: s.staleMessages, staleMetrics: s.staleMetrics, diverged: s.diverged };
  });
  console.log(
    `spam: ${result.applied} changes applied (${result.skipped} skipped: control hidden or disabled) in ${(result.tookMs / 1000).toFixed(1)} s; ` +
      `runs ${before.runId} → ${after.runId} (${seen.newRuns} new); ${seen.seriesUpdates} series updates checked (${burstUpdates} during the burst); ` +
      `${seen.staleMessages} stale worker messages dropped (${seen.staleMetrics} with points); ` +
      `${seen.diverged.length} runs diverged (${seen.diverged.filter((d) => d.split('/')[0] !== d.split('/')[1]).length} after the store had moved on); touched: ${touched.join(', ')}`,
  );
  expect(seen.violations).toEqual([]);
  // The burst really raced the worker: points were charted during it, and messages of runs already left arrived.
  expect(burstUpdates, 'series updates checked during the burst').toBeGreaterThan(0);
  expect(seen.seriesUpdates, 'series updates checked in all').toBeGreaterThanOrEqual(5);
  expect(seen.staleMessages, 'stale worker messages seen').toBeGreaterThan(0);
  expect(result.applied).toBeGreaterThanOrEqual(CHANGES * 0.9);
  expect(result.tookMs).toBeLessThan(SPAM_MS * 1.5);
});

test('a typed λ₂ that another control resets before the page renders again shows the store’s value', async ({ app, page }) => {
  // On a busy main thread two input events can run back to back before React renders: here Enter commits λ₂ = 0.0001,
  // then choosing "L1" sets λ₂ back to 0 in the same task. The box must follow the store, not keep the typed text.
  await app.open(TINY_CIRCLE);
  await app.setControl('penalty', 'l1');
  await expect.poll(async () => (await read(page)).config.l1).toBeGreaterThan(0);
  await page.evaluate(async () => {
    const l2 = document.querySelector('[data-testid="control-l2"]') as HTMLInputElement;
    const penalty = document.querySelector('[data-testid="control-penalty"]') as HTMLSelectElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(l2, '0.0001');
    l2.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
    l2.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(penalty, 'l1');
    penalty.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect.poll(async () => (await read(page)).config.l2).toBe(0);
  await expect(app.control('l2')).toHaveValue('0');
  await expect(app.control('penalty')).toHaveValue('l1');
});
