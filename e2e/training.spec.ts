import { TINY_CIRCLE, expect, test } from './fixtures';

/** Steps that one press of btn-step / `s` trains (the button's label says "+1 step"). */
const STEPS_PER_PRESS = 1;

test.describe('training controls', () => {
  test.beforeEach(async ({ app }) => {
    await app.open(TINY_CIRCLE);
  });

  test('play advances the step counter and lowers the loss', async ({ app, page }, testInfo) => {
    // The loss of the untrained network: one step from the Glorot init (≈ ln 2 for two classes).
    await app.stepButton.click();
    await app.waitForStep(STEPS_PER_PRESS);
    const initialTrainLoss = await app.waitFor('train-loss', Number.isFinite, 10_000, 'after one step');
    expect(initialTrainLoss).toBeGreaterThan(0.3);

    await app.play();
    await app.waitForStep(50);
    // circle without noise is easy: the loss must fall well below its start (and below chance for the test set).
    await app.waitFor('train-loss', (l) => l < initialTrainLoss * 0.5, 60_000, `to fall below half of ${initialTrainLoss}`);
    await app.waitFor('test-loss', (l) => l < 0.4, 60_000, 'to fall below 0.4 (chance is ln 2 ≈ 0.69)');
    await app.waitFor('test-accuracy', (a) => a > 0.9, 60_000, 'to exceed 0.9');
    expect(await app.num('epoch')).toBeGreaterThan(0);
    expect(await app.num('steps-per-sec')).toBeGreaterThan(0);

    await page.screenshot({ path: testInfo.outputPath('training.png'), fullPage: true });
    await app.pause();
  });

  test('pause stops the step counter', async ({ app, page }) => {
    await app.play();
    await app.waitForStep(20);
    const paused = await app.pause();
    await page.waitForTimeout(1_500);
    expect(await app.step()).toBe(paused);
    await expect(app.playButton).toHaveAttribute('data-state', 'paused');
  });

  test('step trains exactly one step while paused, and stays paused', async ({ app, page }) => {
    await app.play();
    await app.waitForStep(10);
    const before = await app.pause();

    await app.stepButton.click();
    await app.waitForStep(before + STEPS_PER_PRESS, 10_000);
    await page.waitForTimeout(700);
    expect(await app.step()).toBe(before + STEPS_PER_PRESS);

    await app.stepButton.click();
    await app.stepButton.click();
    await app.waitForStep(before + 3 * STEPS_PER_PRESS, 10_000);
    await page.waitForTimeout(700);
    expect(await app.step()).toBe(before + 3 * STEPS_PER_PRESS);
    await expect(app.playButton).toHaveAttribute('data-state', 'paused');
  });

  test('reset returns to step 0 with fresh weights', async ({ app }) => {
    await app.play();
    await app.waitForStep(30);
    await app.pause();

    await app.resetButton.click();
    await expect(app.metric('step')).toHaveAttribute('data-value', '0');
    expect(await app.settledStep()).toBe(0);

    // Training again after a reset works from the start.
    await app.play();
    await app.waitForStep(5);
    await app.pause();
  });

  test('keyboard: space plays and pauses, s steps, r resets', async ({ app, page }) => {
    await app.focusPage();
    await page.keyboard.press('Space');
    await expect(app.playButton).toHaveAttribute('data-state', 'playing');
    await app.waitForStep(10);

    await app.focusPage();
    await page.keyboard.press('Space');
    await expect(app.playButton).toHaveAttribute('data-state', 'paused');
    const paused = await app.settledStep();

    await app.focusPage();
    await page.keyboard.press('s');
    await app.waitForStep(paused + STEPS_PER_PRESS, 10_000);
    expect(await app.settledStep()).toBe(paused + STEPS_PER_PRESS);

    await app.focusPage();
    await page.keyboard.press('r');
    await expect(app.metric('step')).toHaveAttribute('data-value', '0');
  });
});
