import { MNIST_LENET, TINY_CIRCLE, expect, test, type PlaygroundPage } from './fixtures';

/**
 * Pruning as a student does it (issue 3): θ masks weights at once and is
 * reversible, the mask holds while fine-tuning, keep-ratio + compact really
 * shrinks the network, the schedule and the lottery run their course.
 */

/** Weights (kernel entries) of the 2-8-8-2 circle network: 2·8 + 8·8 + 8·2. */
const CIRCLE_WEIGHTS = 96;

/**
 * Sets the θ slider to `position` and waits until the app shows the resulting
 * sparsity (the worker re-masks and re-evaluates, then the header changes).
 * Returns the sparsity shown. A position that leaves the mask as it was shows no
 * change; then the value after `quietMs` is returned.
 */
async function setThetaPosition(app: PlaygroundPage, position: number, quietMs = 3_000): Promise<number> {
  const before = await app.raw('sparsity');
  await app.setRange('threshold', position);
  const deadline = Date.now() + quietMs;
  while (Date.now() < deadline) {
    if ((await app.raw('sparsity')) !== before) break;
    await app.page.waitForTimeout(50);
  }
  // Let a second metrics message (if any) land before reading.
  await app.page.waitForTimeout(250);
  return app.num('sparsity');
}

/**
 * Raises θ from 0 until the network is at least `target` sparse: a bisection over
 * the slider's positions for the lowest one that reaches the target. Returns that position.
 */
async function raiseThetaUntil(app: PlaygroundPage, target: number): Promise<number> {
  const { min, max, step } = await app.rangeBounds('threshold');
  let lo = min; // below target
  let hi = max; // at or above target
  expect(await setThetaPosition(app, hi), 'the largest θ prunes at least the target').toBeGreaterThanOrEqual(target);
  while (hi - lo > step) {
    const mid = Math.round((lo + hi) / 2 / step) * step;
    if (mid === lo || mid === hi) break;
    if ((await setThetaPosition(app, mid)) >= target) hi = mid;
    else lo = mid;
  }
  const sparsity = await setThetaPosition(app, hi);
  expect(sparsity).toBeGreaterThanOrEqual(target);
  return hi;
}

test.describe('weight pruning', () => {
  test('θ prunes at once without a training step, moving it back restores the network exactly, and the link keeps θ', async ({ app, page }) => {
    await app.open(TINY_CIRCLE);
    await app.play();
    await app.waitForStep(300);
    const step = await app.pause();
    const denseLoss = await app.raw('test-loss');
    expect(await app.num('sparsity')).toBe(0);
    expect(await app.num('nonzero')).toBe(CIRCLE_WEIGHTS);

    // A mid-range θ: some weights go, the test loss of the pruned net shows at once, no step is taken.
    const { min, max } = await app.rangeBounds('threshold');
    let sparsity = 0;
    for (let f = 0.5; f <= 1 && sparsity < 0.3; f += 0.05) sparsity = await setThetaPosition(app, Math.round(min + f * (max - min)));
    expect(sparsity).toBeGreaterThanOrEqual(0.3);
    expect(await app.step()).toBe(step);
    expect(await app.raw('test-loss')).not.toBe(denseLoss);
    expect(await app.num('nonzero')).toBe(Math.round((1 - sparsity) * CIRCLE_WEIGHTS));
    const theta = Number(await app.control('threshold').getAttribute('data-value'));
    expect(theta).toBeGreaterThan(0);
    await app.waitForHash('threshold', (v) => v !== undefined && Math.abs(Number(v) - theta) <= 1e-9 * Math.max(1, theta) + 1e-12);

    // θ back to 0: the hidden weights return, exactly.
    expect(await setThetaPosition(app, min)).toBe(0);
    await expect.poll(() => app.raw('test-loss')).toBe(denseLoss);

    // The link carries θ: opened afresh, the freshly initialised network is pruned by it before any step.
    await setThetaPosition(app, Math.round(min + 0.75 * (max - min)));
    const shared = page.url();
    await page.goto('about:blank');
    await page.goto(shared);
    await app.waitReady();
    await app.waitFor('sparsity', (s) => s > 0, 15_000, 'to be above 0 from the link’s θ at step 0');
    expect(await app.step()).toBe(0);
  });

  test('MNIST LeNet-300-100: prune to ≥ 90 % sparsity, fine-tune with the mask held, stay within 1.5 points of dense', async ({ app }) => {
    test.setTimeout(300_000);
    await app.open(MNIST_LENET);
    await app.waitFor('params', (p) => p === 266_610, 60_000, 'to be 266,610');
    await app.play();
    await app.waitFor('test-accuracy', (a) => a >= 0.95, 120_000, 'to reach 0.95 (dense)');
    await app.pause();
    const dense = await app.num('test-accuracy');
    const step = await app.step();

    const position = await raiseThetaUntil(app, 0.9);
    const oneShot = await app.num('test-accuracy');
    expect(await app.step(), 'pruning takes no training step').toBe(step);

    // Reversible before any fine-tuning: θ = 0 gives back exactly the dense accuracy.
    const { min } = await app.rangeBounds('threshold');
    expect(await setThetaPosition(app, min)).toBe(0);
    await expect.poll(() => app.num('test-accuracy')).toBe(dense);
    expect(await setThetaPosition(app, position)).toBeGreaterThanOrEqual(0.9);

    // Fine-tune: the mask holds (sparsity never below 0.9 on any reading), accuracy comes back.
    await app.play();
    const lowest: number[] = [];
    const until = (await app.step()) + 600;
    while ((await app.step()) < until) {
      lowest.push(await app.num('sparsity'));
      await app.page.waitForTimeout(300);
    }
    await app.pause();
    lowest.push(await app.num('sparsity'));
    expect(Math.min(...lowest), 'sparsity while fine-tuning').toBeGreaterThanOrEqual(0.9);
    const tuned = await app.num('test-accuracy');
    console.log(`MNIST pruning: dense ${dense}, one-shot at sparsity ≥ 0.9 ${oneShot}, fine-tuned ${tuned} (sparsity ${await app.num('sparsity')})`);
    expect(tuned, 'fine-tuned accuracy within 1.5 points of dense').toBeGreaterThanOrEqual(dense - 0.015);

    // θ back to 0: every weight is back and the accuracy is the dense network's again.
    expect(await setThetaPosition(app, min)).toBeLessThan(0.01);
    expect(await app.num('test-accuracy')).toBeGreaterThanOrEqual(dense - 0.015);
  });
});

test.describe('structured pruning', () => {
  test('keep 0.5 + compact: LeNet-300-100 becomes 784-150-50-10 with the predicted size, and trains on', async ({ app, page }) => {
    test.setTimeout(180_000);
    await app.open(`${MNIST_LENET}&keep=0.5`);
    await app.waitFor('params', (p) => p === 266_610, 60_000, 'to be 266,610 before compaction');
    // Masked first: the neurons' incoming and outgoing weights read zero, the size is unchanged.
    await app.waitFor('sparsity', (s) => s > 0.4, 30_000, 'to show the masked neurons');
    await page.getByTestId('btn-compact').click();
    // 784·150 + 150 + 150·50 + 50 + 50·10 + 10 = 125,810.
    await app.waitFor('params', (p) => p === 125_810, 60_000, 'to be 125,810 after compaction');
    expect(await app.num('flops')).toBe(2 * (784 * 150 + 150 * 50 + 50 * 10));
    await expect(page.getByTestId('compaction-table')).toBeVisible();
    expect(await app.num('infer-before')).toBeGreaterThan(0);
    expect(await app.num('infer-after')).toBeGreaterThan(0);

    const step = await app.step();
    await app.play();
    await app.waitForStep(step + 20, 60_000);
    await app.pause();
    expect(await app.num('params')).toBe(125_810);
    expect(Number.isFinite(await app.num('test-loss'))).toBe(true);
  });
});

test.describe('gradual and iterative pruning', () => {
  test('the polynomial schedule prunes to its final sparsity by its end step', async ({ app, page }) => {
    await app.open(`${TINY_CIRCLE}&sched=poly&s_init=0&s_final=0.8&s_begin=0&s_end=200&s_freq=20`);
    await expect(page.getByTestId('schedule-curve')).toBeVisible();
    await app.play();
    await app.waitForStep(260);
    await app.pause();
    // Per layer (scope=layer): keep max(round(n·0.2), 1) of 16, 64 and 16 weights → 13 + 51 + 13 = 77 zeros.
    expect(await app.num('sparsity')).toBeCloseTo(77 / CIRCLE_WEIGHTS, 3);
  });

  test('the lottery ticket prunes 20 % of what remains per round, rewinds, and tabulates the rounds', async ({ app, page }) => {
    await app.open(`${TINY_CIRCLE}&lottery=rewind&lt_rate=0.2&lt_out=0.1&lt_steps=60&lt_rounds=3`);
    await app.play();
    const rows = page.getByTestId('lottery-row');
    await expect(rows).toHaveCount(4, { timeout: 60_000 });
    await expect(app.playButton).toHaveAttribute('data-state', 'paused', { timeout: 15_000 });
    const remaining = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-remaining'))));
    expect(remaining[0]).toBe(1);
    for (let r = 1; r < remaining.length; r++) {
      // Hidden layers (16 + 64 weights) keep 0.8^r, the output layer (16) 0.9^r, up to rounding per round.
      const expected = (80 * 0.8 ** r + 16 * 0.9 ** r) / CIRCLE_WEIGHTS;
      expect(Math.abs(remaining[r] - expected), `round ${r}: ${remaining[r]} vs ${expected}`).toBeLessThan(0.03);
    }
    const accuracies = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-accuracy'))));
    for (const a of accuracies) expect(a).toBeGreaterThan(0.5);
  });

  test('the sweep evaluates the trained network at many sparsities without retraining', async ({ app, page }) => {
    await app.open(TINY_CIRCLE);
    await app.play();
    await app.waitForStep(300);
    const step = await app.pause();
    await page.getByTestId('btn-sweep').click();
    await expect(page.getByTestId('sweep-chart').locator('svg').first()).toBeVisible({ timeout: 15_000 });
    expect(await app.step()).toBe(step);
    expect(await app.num('sparsity')).toBe(0);
  });
});

test('a hostile pruning link is clamped or ignored with a notice', async ({ app }) => {
  await app.open(`${TINY_CIRCLE}&threshold=NaN&keep=0&importance=<img src=x onerror=alert(1)>&s_freq=0`);
  await expect(app.urlNotice).toBeVisible();
  const notice = await app.urlNotice.innerText();
  for (const key of ['threshold', 'keep', 'importance', 's_freq']) expect(notice).toContain(key);
  expect(Number(await app.controlValue('keep'))).toBe(0.01);
  expect(await app.controlValue('importance')).toBe('l1');
  await app.play();
  await app.waitForStep(20);
  await app.pause();
});
