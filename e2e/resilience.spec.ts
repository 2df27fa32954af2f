import { chromium, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, WEBGPU_ARGS, findChromium } from '../scripts/chromium-path.mjs';
import { PlaygroundPage, expect, test } from './fixtures';

const CIRCLE = 'dataset=circle&noise=0&split=50&layers=8,8&act=tanh&opt=adam&lr=0.03&batch=10&seed=1';

/** The training worker (named 'training'), once it exists. */
async function trainingWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().length, { message: 'the training worker starts' }).toBeGreaterThan(0);
  return page.workers()[0];
}

/** The worker's own view of the run (`self.__playground.state()`). */
const workerState = (w: Worker) => w.evaluate(() => (self as unknown as { __playground: { state(): { step: number | null; backend: string | null } } }).__playground.state());
/** Loses the GPU for real (WEBGL_lose_context / device.destroy()). */
const loseBackend = (w: Worker) => w.evaluate(() => (self as unknown as { __playground: { loseBackend(): string } }).__playground.loseBackend());

type StoreWindow = { __steps: number[]; __playground: { store: { getState(): { run: { step: number } }; subscribe(f: (s: { run: { step: number } }) => void): void } } };

/** Records every step the header shows from now on (in the page, from the store). */
async function recordSteps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as StoreWindow;
    w.__steps = [w.__playground.store.getState().run.step];
    w.__playground.store.subscribe((s) => w.__steps.push(s.run.step));
  });
}

const recordedSteps = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as StoreWindow).__steps);

/** Checkpoints at every burst on a GPU: the step shown never goes back, not even by one burst. */
async function expectNeverBackwards(page: Page): Promise<void> {
  const steps = await recordedSteps(page);
  const backwards = steps.filter((s, i) => i > 0 && s < steps[i - 1]);
  expect(backwards, `steps shown: ${steps.join(',')}`).toEqual([]);
}

test.describe('when things go wrong', () => {
  test('lr=10 with SGD: caught by the next evaluation, paused with advice; reset trains again without a reload', async ({ app, page }) => {
    await app.open(`${CIRCLE.replace('opt=adam&lr=0.03', 'opt=sgd&lr=10')}&backend=cpu`);
    // A marker a reload would wipe (hash changes from the controls are not reloads).
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    // A click, not app.play(): on cpu the run may diverge before 'playing' could be seen.
    await app.playButton.click();
    const notice = page.getByTestId('run-notice').getByTestId('phase-message');
    await expect(notice).toHaveAttribute('data-phase', 'diverged', { timeout: 30_000 });
    await expect(notice).toContainText(/Training diverged at step \d+: the (test|train) loss went from \S+ to \S+ with sgd at learning rate 10\. Lower the learning rate to 0\.1 or less/);
    await expect(app.playButton).toHaveAttribute('data-state', 'paused');
    const text = (await notice.textContent()) ?? '';
    const at = Number(/at step (\d+)/.exec(text)![1]);
    // Training stopped where it was caught, and the header shows the exploded test loss.
    expect(await app.settledStep()).toBe(at);
    // Caught by the first evaluation that can judge the explosion (the first step whose train loss passed 15 × ln 2):
    // the test loss at once, the train loss's interval mean once 25 steps past the 25-step warm-up are in.
    const points = await page.evaluate(() =>
      (window as unknown as { __playground: { store: { getState(): { series: { points: { step: number; trainLoss: number; testLoss?: number }[] } } } } }).__playground.store
        .getState()
        .series.points.map((p) => ({ step: p.step, train: p.trainLoss, test: p.testLoss ?? null })),
    );
    const exploded = points.find((p) => p.train > 15 * Math.log(2))!.step;
    const judged = Math.max(exploded, 25) + 25;
    const evaluations = points.filter((p) => p.test !== null).map((p) => p.step);
    expect(evaluations.at(-1)).toBe(at);
    expect(evaluations.filter((s) => s >= judged && s < at), `evaluations ${evaluations.join(',')}, exploded at ${exploded}`).toEqual([]);

    // Reset (the r key) starts a fresh run from the seed: it trains, with finite losses, in the same page.
    await app.focusPage();
    await page.keyboard.press('r');
    await expect(app.metric('step')).toHaveAttribute('data-value', '0');
    await expect(page.getByTestId('phase-message')).toHaveCount(0);
    await app.setControl('lr', '0.1');
    await app.play();
    await app.waitForStep(200, 30_000);
    await app.waitFor('test-loss', (l) => Number.isFinite(l) && l < Math.log(2), 15_000, 'to fall below ln 2');
    await expect(page.getByTestId('phase-message')).toHaveCount(0);
    await app.pause();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), 'no reload').toBe(true);
  });

  test('webgl loses its context while paused: the same weights and step continue on wasm', async ({ app, page }) => {
    await app.open(`${CIRCLE}&backend=webgl`);
    const worker = await trainingWorker(page);
    await app.play();
    await app.waitForStep(40, 45_000);
    const step = await app.pause();
    const loss = await app.num('test-loss');
    expect((await workerState(worker)).step).toBe(step);
    expect(await loseBackend(worker)).toBe('webgl: context lost');
    await expect(app.metric('backend')).toHaveAttribute('data-value', 'wasm', { timeout: 15_000 });
    const notice = page.getByTestId('run-notice').getByTestId('backend-notice');
    await expect(notice).toHaveText(`webgl lost its context at step ${step}; now training on wasm from step ${step} (the optimizer state restarts).`);
    // The rebuilt session answers at once with its evaluation of the carried weights: same step, same test loss (backend numerics aside).
    await expect.poll(async () => (await workerState(worker)).step).toBe(step);
    expect(await app.step()).toBe(step);
    await expect.poll(() => app.num('test-loss')).toBeCloseTo(loss, 3);
    // Play goes on from that step: the first new point is step + 1, not a fresh run's 1.
    await recordSteps(page);
    await app.play();
    await app.waitForStep(step + 50, 20_000);
    await app.pause();
    const steps = await recordedSteps(page);
    expect(Math.min(...steps)).toBe(step);
  });

  test('webgl loses its context while training: it carries on on wasm and the step never goes back', async ({ app, page }) => {
    await app.open(`${CIRCLE}&backend=webgl`);
    const worker = await trainingWorker(page);
    await app.play();
    await app.waitForStep(40, 45_000);
    await recordSteps(page);
    expect(await loseBackend(worker)).toBe('webgl: context lost');
    await expect(app.metric('backend')).toHaveAttribute('data-value', 'wasm', { timeout: 15_000 });
    await expect(page.getByTestId('backend-notice')).toContainText(/^webgl lost its context at step \d+; now training on wasm from step \d+/);
    const before = await app.step();
    await app.waitForStep(before + 100, 20_000);
    await expectNeverBackwards(page);
    await app.waitFor('train-loss', Number.isFinite, 5_000, 'to be finite');
    await app.pause();
  });

  test('webgpu loses its device while training: it carries on on webgl from the same step', async ({ baseURL }) => {
    test.setTimeout(90_000);
    // The suite's browser runs without WebGPU; this one has it (SwiftShader without a GPU), as in backends.spec.ts.
    const browser = await chromium.launch({ executablePath: findChromium().path, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] });
    try {
      const page = await browser.newPage({ baseURL });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(m.text());
      });
      const app = new PlaygroundPage(page);
      await app.open(`${CIRCLE}&backend=webgpu`);
      const adapter = await page.evaluate(async () => !!(await (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
      test.skip(!adapter, 'this Chromium has no WebGPU adapter');
      const worker = await trainingWorker(page);
      await app.play();
      await app.waitForStep(30, 60_000);
      await expect(app.metric('backend')).toHaveAttribute('data-value', 'webgpu');
      await recordSteps(page);
      expect(await loseBackend(worker)).toBe('webgpu: device destroyed');
      await expect(app.metric('backend')).not.toHaveAttribute('data-value', 'webgpu', { timeout: 15_000 });
      const notice = page.getByTestId('run-notice').getByTestId('backend-notice');
      await expect(notice).toContainText(/^webgpu lost its device at step (\d+); now training on webgl from step \d+/);
      const [, lostAt] = /at step (\d+); now training on \w+ from step (\d+)/.exec((await notice.textContent()) ?? '')!;
      await app.waitForStep(Number(lostAt) + 20, 45_000);
      await expectNeverBackwards(page);
      await app.pause();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
