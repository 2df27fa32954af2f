import { readFile } from 'node:fs/promises';
import { TINY_CIRCLE, expect, test } from './fixtures';

/**
 * Regularisation as a student does it (issue 4): proximal L1 makes weights
 * exactly zero on its own, λ is chosen by cross-validation, and the three
 * regularisers are compared after pruning.
 */

/** logGrid(min, max, n): n values from min to max, evenly spaced in log λ. */
function logGrid(min: number, max: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? max : min * (max / min) ** (i / (n - 1))));
}

test('proximal L1 drives the spiral network past 50 % exact zeros without any pruning', async ({ app, page }) => {
  await app.open('dataset=spiral&noise=0&layers=8,8&act=tanh&lr=0.03&batch=10&seed=1&backend=cpu');
  await app.setControl('penalty', 'l1');
  // Raise λ (a log slider, like θ) to the upper part of its range.
  const { min, max } = await app.rangeBounds('lambda');
  await app.setRange('lambda', Math.round(min + 0.8 * (max - min)));
  await app.waitForHash('l1', (v) => v !== undefined && Number(v) > 0);
  await app.control('prox').check();
  await app.waitForHash('prox', '1');
  await app.play();
  await app.waitFor('sparsity', (s) => s > 0.5, 45_000, 'to exceed 0.5 from proximal L1 alone');
  await app.pause();
  // Nothing was pruned: θ, the target sparsity and the keep-ratio are all off.
  const hash = await app.hashParams();
  expect(Number(hash.threshold)).toBe(0);
  expect(Number(hash.sparsity)).toBe(0);
  expect(Number(hash.keep)).toBe(1);
  // The penalty is part of the reported loss: train loss = data loss + penalty.
  const [train, data, penalty] = [await app.num('train-loss'), await app.num('data-loss'), await app.num('penalty')];
  expect(penalty).toBeGreaterThan(0);
  expect(train).toBeGreaterThan(data);
  await expect(page.getByTestId('weight-histogram')).toBeVisible();
});

test('the λ sweep cross-validates a log grid, marks the best λ, applies it, and exports the curve as CSV', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open(`${TINY_CIRCLE.replace('noise=0', 'noise=20')}&l2=0.001&cv_k=3&cv_steps=60&cv_min=0.00001&cv_max=1&cv_points=5`);
  await page.getByTestId('btn-lambda-sweep').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  const best = page.getByTestId('sweep-best-lambda');
  await expect(best).toHaveAttribute('data-value', /\d/, { timeout: 90_000 });
  await expect(page.getByTestId('job-progress')).toHaveCount(0, { timeout: 10_000 });
  const grid = logGrid(1e-5, 1, 5);
  const bestLambda = Number(await best.getAttribute('data-value'));
  expect(grid.some((g) => Math.abs(g - bestLambda) <= 1e-9 * g)).toBe(true);

  const download = page.waitForEvent('download');
  await page.getByTestId('btn-lambda-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lambda-sweep.csv');
  const csv = await readFile((await file.path())!, 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header).toBe('lambda,val_mean,val_std,train_mean,train_std,val_accuracy');
  const lambdas = rows.map((r) => Number(r.split(',')[0]));
  expect(lambdas).toHaveLength(grid.length);
  lambdas.forEach((l, i) => expect(Math.abs(l - grid[i]) / grid[i]).toBeLessThan(1e-9));
  for (const r of rows) for (const v of r.split(',').slice(1, 5)) expect(Number.isFinite(Number(v))).toBe(true);

  await page.getByTestId('btn-apply-lambda').click();
  await app.waitForHash('l2', (v) => v !== undefined && Math.abs(Number(v) - bestLambda) <= 1e-9 * bestLambda);
  // Training goes on afterwards.
  const step = await app.step();
  await app.play();
  await app.waitForStep(step + 50);
  await app.pause();
});

test('a running λ sweep can be cancelled, and training resumes', async ({ app, page }) => {
  await app.open(`${TINY_CIRCLE}&l2=0.001&cv_k=5&cv_steps=5000&cv_points=9`);
  await page.getByTestId('btn-lambda-sweep').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  await page.waitForTimeout(1_000);
  await page.getByTestId('btn-cancel-job').click();
  await expect(page.getByTestId('job-progress')).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByTestId('sweep-best-lambda')).toHaveCount(0);
  await app.play();
  await app.waitForStep(100);
  await app.pause();
});

test('regularise, then prune: three networks, pruned and fine-tuned, on one chart', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open(`${TINY_CIRCLE}&l2=0.001&rp_steps=150&rp_tune=30`);
  await page.getByTestId('btn-reg-prune').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  await expect(page.getByTestId('job-progress')).toHaveCount(0, { timeout: 90_000 });
  await expect(page.getByTestId('reg-prune-card').locator('svg').first()).toBeVisible();
  expect(await app.step(), 'the experiment trains its own networks, not the run').toBe(0);
});

test('dropout applies hot and keeps the run training', async ({ app }) => {
  await app.open(TINY_CIRCLE);
  await app.setRange('dropout', 0.5);
  await app.waitForHash('dropout', '0.5');
  await app.play();
  await app.waitForStep(200);
  await app.pause();
  expect(Number.isFinite(await app.num('test-loss'))).toBe(true);
});

test('a hostile regularisation link is clamped with a notice', async ({ app }) => {
  await app.open(`${TINY_CIRCLE}&l1=-1&dropout=0.95&prox=2&cv_k=1e9`);
  await expect(app.urlNotice).toBeVisible();
  const notice = await app.urlNotice.innerText();
  for (const key of ['l1', 'dropout', 'prox', 'cv_k']) expect(notice).toContain(key);
  await app.waitForHash('l1', '0');
  await app.waitForHash('dropout', '0.9');
  await app.waitForHash('prox', '1');
  await app.waitForHash('cv_k', '10');
});
