import { CONTROL_KEYS, PRUNING_CONTROL_KEYS, REGULARISATION_CONTROL_KEYS, expect, test } from './fixtures';

test.describe('first visit', () => {
  // A first visit must be spotless: not even the browser's favicon request may fail.
  test.use({ allowedConsoleErrors: [] });

  test('loads without errors and shows every stable hook', async ({ app, page }) => {
    await app.open();

    await expect(app.playButton).toHaveAttribute('data-state', 'paused');
    await expect(app.stepButton).toBeVisible();
    await expect(app.resetButton).toBeVisible();
    for (const id of ['btn-compact', 'btn-lambda-sweep', 'btn-reg-prune']) await expect(page.getByTestId(id), id).toHaveCount(1);
    expect(await app.step()).toBe(0);

    for (const name of ['step', 'train-loss', 'test-loss', 'test-accuracy', 'backend', 'steps-per-sec', 'epoch', 'params', 'sparsity', 'nonzero', 'flops', 'data-loss', 'penalty'] as const) {
      await expect(app.metric(name), `metric-${name}`).toHaveCount(1);
      await expect(app.metric(name), `metric-${name} carries data-value`).toHaveAttribute('data-value', /.*/);
    }
    for (const key of [...CONTROL_KEYS, ...PRUNING_CONTROL_KEYS, ...REGULARISATION_CONTROL_KEYS]) {
      await expect(app.control(key), `control-${key}`).toHaveCount(1);
      expect(await app.control(key).evaluate((el) => el.tagName), `control-${key} is a form element`).toMatch(/^(INPUT|SELECT)$/);
    }
    // A clean URL was not rejected: no notice.
    await expect(app.urlNotice).toHaveCount(0);
    // The default experiment's parameter count is known before any step.
    await app.waitFor('params', (p) => Number.isInteger(p) && p > 0, 15_000, 'to be a positive integer');

    // Give the worker time to start and report; the guard fails the test on any error it logs.
    await page.waitForTimeout(1_500);
  });
});
