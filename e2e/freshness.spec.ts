/**
 * Issue 16, "one screen for cause and effect", in the browser: pause answers
 * at once, the speed control paces training step by step, the header's
 * figures say which rows and step they are from, a mask change is a jump on
 * the charts, a run that is not learning is told why, and the sweep prunes
 * in the slider's scope.
 */
import { type Page } from '@playwright/test';
import { TINY_CIRCLE, expect, test, type PlaygroundPage } from './fixtures';

/**
 * A small CNN that trains at a useful speed on this 2-core machine without a
 * GPU (software WebGL): ~7 steps/s idle, 11,978 parameters.
 */
const SMALL_CNN = 'dataset=mnist&arch=cnn&conv=8:5,16:5&pool=2&layers=32&act=relu&opt=adam&lr=0.003&batch=32&backend=webgl';

/**
 * How long pause may take to show: the step in flight (one burst: ~140 ms a
 * step idle, a few steps at most), the quick evaluation of the test subset
 * (~0.3 s for 500 digits), a snapshot and a metrics message. Measured 0.7 s
 * with the machine's load at 11; 1.5 s leaves twice that.
 */
const PAUSE_BOUND_MS = 1500;

/** Replaces (or adds) `key=value` in the location hash: a pasted link, applied as the app applies one (a hot change here). */
async function setHashKey(page: Page, key: string, value: string): Promise<void> {
  await page.evaluate(
    ([k, v]) => {
      const params = new URLSearchParams(location.hash.replace(/^#/, ''));
      params.set(k, v);
      location.hash = decodeURIComponent(params.toString());
    },
    [key, value],
  );
}

/** The step counter's value every 100 ms for `ms`. */
async function stepsOver(app: PlaygroundPage, ms: number): Promise<number[]> {
  const seen: number[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    seen.push(await app.step());
    await app.page.waitForTimeout(100);
  }
  return seen;
}

test('pause on a small CNN answers at once: paused within 1.5 s, the step stops; the figures then say all 2,000 test digits', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.open(SMALL_CNN);
  await app.play();
  await app.waitForStep(15, 120_000);
  const t0 = Date.now();
  await app.playButton.click();
  await expect(app.playButton).toHaveAttribute('data-state', 'paused', { timeout: PAUSE_BOUND_MS });
  await expect(page.getByTestId('run-phase')).toHaveAttribute('data-value', 'paused', { timeout: Math.max(1, PAUSE_BOUND_MS - (Date.now() - t0)) });
  const atBound = await app.step();
  // After the bound the step never moves again.
  const later = await stepsOver(app, 1500);
  expect(later.every((s) => s === atBound), `steps after the bound: ${later.join(',')}`).toBe(true);
  // Paused: the quick figures first, then the whole test set's, for this step.
  await expect(page.getByTestId('metric-test-loss-note')).toHaveText(`all 2,000 test digits · step ${atBound.toLocaleString('en')}`, { timeout: 60_000 });
});

test('speed 2: at most 2 steps a second, every step shown, the link keeps it; full speed again at once', async ({ app, page }) => {
  await app.open(`${TINY_CIRCLE}&speed=2`);
  await app.waitForHash('speed', '2');
  await app.play();
  const t0 = Date.now();
  const seen = await stepsOver(app, 3000);
  const elapsed = (Date.now() - t0) / 1000;
  const last = seen.at(-1)!;
  // The limiter's bound holds on any machine: steps ≤ 2 · t + 1. At least a few must have come.
  expect(last).toBeLessThanOrEqual(Math.floor(2 * elapsed) + 1);
  expect(last).toBeGreaterThanOrEqual(3);
  // Every step shown on its own: the counter moves by one at a time.
  const moves = seen.slice(1).map((s, i) => s - seen[i]).filter((d) => d !== 0);
  expect(moves.every((d) => d === 1), `moves: ${moves.join(',')}`).toBe(true);
  expect(await app.num('steps-per-sec')).toBeLessThanOrEqual(2.5);
  // Full speed (0 leaves the link): hundreds of steps a second on the cpu backend.
  await setHashKey(page, 'speed', '0');
  await app.waitForStep(last + 200, 30_000);
  await app.pause();
});

test('not learning: SGD at 0.00001 is told why after its budget and keeps training; a sane rate clears it', async ({ app, page }) => {
  await app.open(TINY_CIRCLE.replace('opt=adam&lr=0.03', 'opt=sgd&lr=0.00001'));
  await app.play();
  const notice = page.getByTestId('not-learning-notice');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toHaveAttribute('data-cause', 'low');
  await expect(notice).toContainText('the network is not learning. With sgd at learning rate 0.00001 the steps are too small: try 0.1.');
  await expect(page.getByTestId('run-notice')).toContainText('not learning');
  await expect(app.playButton).toHaveAttribute('data-state', 'playing');
  const step = await app.step();
  await app.waitForStep(step + 100);
  await app.setControl('lr', '0.1');
  await expect(notice).toHaveCount(0, { timeout: 30_000 });
  await app.pause();
});

test('a θ change while paused is a jump on the loss and accuracy charts at its step; the train loss is the pruned network’s', async ({ app, page }) => {
  await app.open(TINY_CIRCLE);
  await app.play();
  await app.waitForStep(150);
  const step = await app.pause();
  const before = await app.num('test-loss');
  await expect(page.getByTestId('metric-train-loss-note')).toHaveText(`latest batches · step ${step}`);
  await setHashKey(page, 'threshold', '0.5');
  await app.waitFor('test-loss', (l) => l !== before, 15_000, 'to change with θ');
  await expect(page.getByTestId('metric-train-loss-note')).toHaveText(`pruned net, 250 train points · step ${step}`);
  await expect(page.getByTestId('metric-test-loss-note')).toHaveText(`all 250 test points · step ${step}`);
  for (const chart of ['chart-loss', 'chart-accuracy']) {
    const jump = page.getByTestId(chart).locator('circle.step-chart-jump');
    await expect(jump).toHaveCount(1, { timeout: 10_000 });
    await expect(jump).toHaveAttribute('data-step', String(step));
  }
  // A second change at the same step: still one jump there.
  await setHashKey(page, 'threshold', '0.7');
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('chart-loss').locator('circle.step-chart-jump')).toHaveCount(1);
});

test('the sweep says and uses the slider’s scope', async ({ app, page }) => {
  await app.open(`${TINY_CIRCLE}&scope=global`);
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-scope', 'global');
  await expect(page.getByTestId('sweep-scope')).toContainText('scope global');
  await app.play();
  await app.waitForStep(100);
  await app.pause();
  await page.getByTestId('btn-sweep').click();
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-points', '16', { timeout: 30_000 });
  await setHashKey(page, 'scope', 'layer');
  await expect(page.getByTestId('sweep-scope')).toContainText('scope global'); // the sweep on screen ran globally
  await page.getByTestId('btn-sweep').click();
  await expect(page.getByTestId('sweep-scope')).toContainText('scope per layer', { timeout: 30_000 });
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-scope', 'layer');
});
