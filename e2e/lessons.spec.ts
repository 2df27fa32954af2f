import { LESSONS, LESSON_IDS, type LessonId } from '../src/state/lessons';
import { expect, test, type PlaygroundPage } from './fixtures';

/**
 * The guided lessons (issue 7): the panel lists them, opens one from its card
 * (the preset link, paused, fresh weights) and closes it; and each lesson's
 * claim holds at its own small budget. Every lesson test does what the
 * lesson's steps tell a student (its Start and "Train N steps" buttons, the
 * controls by their test ids, the existing action buttons) and reads the
 * claim from the app's metrics. The presets pin seed and backend, so the
 * figures are the same on every run of a backend; the margins below leave
 * room for the others (measured here: see the comments in src/state/lessons.ts).
 */

/** Starts lesson `id` from the panel (card or chip) and waits until its preset runs: the link names it and its network is built. */
async function startLesson(app: PlaygroundPage, id: LessonId, params?: number): Promise<void> {
  await app.page.getByTestId(`btn-lesson-${id}`).click();
  await expect(app.page.getByTestId(`lesson-${id}`)).toHaveAttribute('data-open', 'true');
  await app.waitForHash('lesson', id);
  await expect(app.metric('step')).toHaveAttribute('data-value', '0');
  if (params !== undefined) await app.waitFor('params', (p) => p === params, 60_000, `to be ${params} for the lesson’s network`);
}

/** The lesson's training budget (its "Train N steps" button). */
function budget(id: LessonId): number {
  const steps = LESSONS.find((l) => l.id === id)?.trainSteps;
  if (steps === undefined) throw new Error(`lesson ${id} has no training budget`);
  return steps;
}

/**
 * Presses the open lesson's "Train N steps" and waits until the N steps are
 * trained and the test set evaluated at the last one (the run is paused again).
 * `during` runs every 150 ms while it trains (to sample a metric).
 */
async function trainLesson(app: PlaygroundPage, id: LessonId, during?: () => Promise<void>, timeout = 90_000): Promise<number> {
  const target = (await app.step()) + budget(id);
  const button = app.page.getByTestId('btn-lesson-train');
  await expect(button).toBeEnabled();
  await button.click();
  const deadline = Date.now() + timeout;
  while ((await app.step()) < target) {
    if (Date.now() > deadline) throw new Error(`lesson ${id}: step ${await app.step()} of ${target} after ${timeout / 1000} s`);
    if (during) await during();
    await app.page.waitForTimeout(150);
  }
  await expect(app.page.getByTestId('run-phase')).toHaveAttribute('data-value', 'paused', { timeout: 30_000 });
  await expect(button).toHaveAttribute('data-state', 'idle');
  expect(await app.step()).toBe(target);
  await wholeTestSet(app);
  return target;
}

/**
 * Waits until the header's test figures are the whole test set's at the current step: once training
 * stops the worker shows quick figures (a seeded subset of the test rows, for a slow model) at once and
 * the whole set's when they land.
 */
async function wholeTestSet(app: PlaygroundPage): Promise<void> {
  const step = (await app.step()).toLocaleString('en-US');
  await expect(app.page.getByTestId('metric-test-loss-note')).toHaveText(new RegExp(`^all [\\d,]+ test \\w+ · step ${step}$`), { timeout: 60_000 });
}

/** Moves the target-sparsity slider to `s` and waits until the header shows the pruned network. */
async function setSparsity(app: PlaygroundPage, s: number): Promise<{ sparsity: number; accuracy: number }> {
  await app.setRange('sparsity', s);
  await app.waitFor('sparsity', (v) => Math.abs(v - s) < 0.005, 15_000, `to be ${s}`);
  // The re-evaluated test figures come with the new mask (quick ones first for a slow model); let the whole set's land.
  await app.page.waitForTimeout(300);
  await wholeTestSet(app);
  return { sparsity: await app.num('sparsity'), accuracy: await app.num('test-accuracy') };
}

/** Resets the run (new weights from the seed, step 0), as the lesson's steps say. */
async function reset(app: PlaygroundPage): Promise<void> {
  await app.resetButton.click();
  await expect(app.metric('step')).toHaveAttribute('data-value', '0');
}

/** The lottery rows of this run, once its last round is done: weights left and test accuracy per round. */
async function lotteryRounds(app: PlaygroundPage, rounds: number): Promise<{ remaining: number; accuracy: number }[]> {
  await app.play();
  const rows = app.page.getByTestId('lottery-row');
  await expect(rows).toHaveCount(rounds + 1, { timeout: 90_000 });
  await expect(app.page.getByTestId('lottery-table')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  return rows.evaluateAll((els) => els.map((el) => ({ remaining: Number(el.getAttribute('data-remaining')), accuracy: Number(el.getAttribute('data-accuracy')) })));
}

/** Runs the augmentation experiment (`steps` per arm) and returns both test accuracies. */
async function compareAugmentation(app: PlaygroundPage, steps: number): Promise<{ none: number; aug: number }> {
  const field = app.page.getByTestId('control-aug-exp-steps');
  await field.scrollIntoViewIfNeeded();
  await field.fill(String(steps));
  await field.press('Enter');
  await app.page.getByTestId('btn-aug-experiment').click();
  await expect(app.page.getByTestId('aug-experiment-progress')).toBeVisible();
  const result = app.page.getByTestId('aug-experiment-result');
  await expect(result).toBeVisible({ timeout: 90_000 });
  return { none: Number(await result.getAttribute('data-none')), aug: Number(await result.getAttribute('data-aug')) };
}

test('the panel lists the eight lessons; Start opens one with its steps and link, Close folds it away', async ({ app, page }) => {
  await app.open('backend=cpu');
  const panel = page.getByTestId('lessons');
  await expect(panel.locator('[data-testid^="lesson-"]')).toHaveCount(LESSON_IDS.length);
  for (const id of LESSON_IDS) await expect(panel.getByTestId(`btn-lesson-${id}`)).toBeVisible();

  await startLesson(app, 'l1-vs-l2');
  const open = page.getByTestId('lesson-l1-vs-l2');
  // One step at a time, in the sidebar beside the stage; the step's group is open (the step bar marks it).
  await expect(open.locator('.lesson-steps li')).toHaveCount(1);
  await expect(open.getByTestId('lesson-step-count')).toHaveText('Step 1 of 3');
  await expect(open).toContainText('Proximal L1 (exact zeros)');
  await expect(page.getByTestId('panel-regularise')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('btn-lesson-train')).toHaveText('Train 1000 steps');
  // The preset is in the link, and in the controls.
  const hash = await app.hashParams();
  expect(hash).toMatchObject({ dataset: 'xor', layers: '16,16', l1: '0.05', prox: '1', backend: 'cpu', lesson: 'l1-vs-l2' });
  await expect(app.control('prox')).toBeChecked();
  // Folded: the other lessons are one row of chips, each still one click away.
  await expect(page.getByTestId('btn-lessons-toggle')).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('btn-lesson-magnitude')).toBeVisible();

  // A link with lesson=… opens it too, in Chinese when the link says so.
  await page.goto('about:blank');
  await app.open('backend=cpu&lesson=finetune&lang=zh');
  await expect(page.getByTestId('lesson-finetune')).toHaveAttribute('data-open', 'true');
  await expect(page.getByTestId('lesson-finetune')).toContainText('先剪枝，再微调');
  await expect(page.getByTestId('lesson-finetune')).toContainText('目标稀疏度 s');

  await page.getByTestId('btn-lesson-close').click();
  await expect(page.getByTestId('lesson-finetune')).toHaveAttribute('data-open', 'false');
  await app.waitForHash('lesson', (v) => v === undefined);
  await page.getByTestId('btn-lessons-toggle').click();
  await expect(page.getByTestId('btn-lesson-finetune')).toHaveText('开始');
});

test('lesson 1, overfitting: the test loss climbs while training, and L2 ends it far lower', async ({ app }) => {
  await app.open('backend=cpu');
  await startLesson(app, 'overfit-l2', 2 * 32 + 32 + 32 * 32 + 32 + 32 * 2 + 2);
  const seen: number[] = [];
  await trainLesson(app, 'overfit-l2', async () => {
    const loss = await app.num('test-loss');
    if (Number.isFinite(loss)) seen.push(loss);
  });
  const plain = { data: await app.num('data-loss'), test: await app.num('test-loss') };
  // Memorised: the test loss is far above the data loss, and above its own lowest point during training.
  expect(plain.test, 'test loss against data loss without a penalty').toBeGreaterThan(2 * plain.data);
  expect(Math.min(...seen), 'the test loss was lower earlier in training').toBeLessThan(0.8 * plain.test);

  await app.page.getByTestId('btn-pin').click();
  await app.setControl('penalty', 'l2');
  await app.setControl('l2', '0.003');
  await app.waitForHash('l2', '0.003');
  await reset(app);
  await trainLesson(app, 'overfit-l2');
  const l2 = await app.num('test-loss');
  console.log(`overfit-l2: test loss ${plain.test.toFixed(3)} (data ${plain.data.toFixed(3)}, lowest seen ${Math.min(...seen).toFixed(3)}) → with L2 ${l2.toFixed(3)}`);
  expect(l2, 'test loss with L2 against without').toBeLessThan(0.75 * plain.test);
  await expect(app.page.getByTestId('pinned-runs').locator('li')).toHaveCount(1);
});

test('lesson 2, L1 vs L2: at the same λ proximal L1 zeroes most weights, L2 none', async ({ app }) => {
  await app.open('backend=cpu');
  await startLesson(app, 'l1-vs-l2', 2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2);
  await trainLesson(app, 'l1-vs-l2');
  const l1 = { sparsity: await app.num('sparsity'), accuracy: await app.num('test-accuracy') };
  expect(l1.sparsity, 'exact zeros from proximal L1').toBeGreaterThan(0.4);
  expect(l1.accuracy).toBeGreaterThan(0.95);

  await app.setControl('penalty', 'l2');
  await app.waitForHash('l2', '0.05');
  await app.waitForHash('l1', '0');
  await reset(app);
  await trainLesson(app, 'l1-vs-l2');
  const l2 = { sparsity: await app.num('sparsity'), accuracy: await app.num('test-accuracy') };
  expect(l2.sparsity, 'exact zeros from L2 at the same λ').toBe(0);

  // A weaker L2 classifies again, still without a single zero.
  await app.setControl('l2', '0.001');
  await app.waitForHash('l2', '0.001');
  await reset(app);
  await trainLesson(app, 'l1-vs-l2');
  const weak = { sparsity: await app.num('sparsity'), accuracy: await app.num('test-accuracy') };
  console.log(`l1-vs-l2: L1 ${JSON.stringify(l1)}, L2 same λ ${JSON.stringify(l2)}, L2 λ=0.001 ${JSON.stringify(weak)}`);
  expect(weak.sparsity).toBe(0);
  expect(weak.accuracy).toBeGreaterThan(0.95);
  expect(l2.accuracy, 'L2 at λ = 0.05 is too strong to classify').toBeLessThan(0.7);
});

test('lesson 3, magnitude pruning: 50 % costs little, 99 % collapses the accuracy', async ({ app, page }) => {
  await app.open('backend=cpu');
  await startLesson(app, 'magnitude', 784 * 100 + 100 + 100 * 10 + 10);
  const step = await trainLesson(app, 'magnitude');
  const dense = await app.num('test-accuracy');
  expect(dense).toBeGreaterThan(0.9);
  const half = await setSparsity(app, 0.5);
  const most = await setSparsity(app, 0.99);
  console.log(`magnitude: dense ${dense}, 50 % ${half.accuracy}, 99 % ${most.accuracy}`);
  expect(half.accuracy, 'at 50 % sparsity').toBeGreaterThanOrEqual(dense - 0.03);
  expect(most.accuracy, 'at 99 % sparsity').toBeLessThan(dense - 0.5);
  expect(await app.step(), 'pruning takes no training step').toBe(step);
  await page.getByTestId('btn-sweep').click();
  await expect(page.getByTestId('sweep-chart')).not.toHaveAttribute('data-points', '0', { timeout: 30_000 });
});

test('lesson 4, fine-tuning: after pruning to 90 %, training brings the accuracy back and the zeros stay', async ({ app }) => {
  await app.open('backend=cpu');
  await startLesson(app, 'finetune', 784 * 100 + 100 + 100 * 10 + 10);
  await trainLesson(app, 'finetune');
  const dense = await app.num('test-accuracy');
  const pruned = await setSparsity(app, 0.9);
  const sparsities: number[] = [];
  await trainLesson(app, 'finetune', async () => {
    sparsities.push(await app.num('sparsity'));
  });
  sparsities.push(await app.num('sparsity'));
  const tuned = await app.num('test-accuracy');
  console.log(`finetune: dense ${dense}, pruned to 90 % ${pruned.accuracy}, fine-tuned ${tuned}; sparsity while tuning ≥ ${Math.min(...sparsities)}`);
  expect(pruned.accuracy, 'pruning to 90 % hurts').toBeLessThan(dense - 0.2);
  expect(Math.min(...sparsities), 'the mask holds while fine-tuning').toBeGreaterThanOrEqual(pruned.sparsity - 1e-6);
  expect(tuned, 'fine-tuned against just pruned').toBeGreaterThan(pruned.accuracy + 0.3);
  expect(tuned, 'fine-tuned against dense').toBeGreaterThan(dense - 0.05);
  // Off again: every weight is back.
  await app.setRange('sparsity', 0);
  await app.waitFor('sparsity', (s) => s < 0.01, 15_000, 'to be back near 0');
});

test('lesson 5, structured vs unstructured: zeros leave the FLOPs as they are, keep 0.5 + Compact halves them', async ({ app, page }) => {
  const dense = { params: 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, flops: 2 * (784 * 256 + 256 * 128 + 128 * 10) };
  await app.open('backend=cpu');
  await startLesson(app, 'structured', dense.params);
  await trainLesson(app, 'structured');
  expect(await app.num('flops')).toBe(dense.flops);
  const unstructured = await setSparsity(app, 0.8);
  expect(unstructured.sparsity).toBeCloseTo(0.8, 2);
  expect(await app.num('params'), 'parameters at 80 % sparsity').toBe(dense.params);
  expect(await app.num('flops'), 'FLOPs at 80 % sparsity').toBe(dense.flops);

  await app.setRange('sparsity', 0);
  await app.waitFor('sparsity', (s) => s === 0, 15_000, 'to be 0');
  expect(await app.setRange('keep', 0.5)).toBe(0.5);
  await app.waitForHash('keep', '0.5');
  await app.waitFor('sparsity', (s) => s > 0.4, 15_000, 'to show the switched-off neurons');
  await page.getByTestId('btn-compact').click();
  // 784-128-64-10.
  const small = { params: 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10, flops: 2 * (784 * 128 + 128 * 64 + 64 * 10) };
  await app.waitFor('params', (p) => p === small.params, 60_000, `to be ${small.params} after Compact`);
  expect(await app.num('flops')).toBe(small.flops);
  expect(small.flops).toBeLessThan(dense.flops / 2);
  const before = await app.num('infer-before');
  const after = await app.num('infer-after');
  console.log(`structured: FLOPs ${dense.flops} → ${small.flops}; measured inference ${before} ms → ${after} ms`);
  expect(before).toBeGreaterThan(0);
  expect(after).toBeGreaterThan(0);
});

test('lesson 6, lottery tickets: the rewound ticket beats its randomly re-initialised control', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open('backend=cpu');
  await startLesson(app, 'lottery', 784 * 100 + 100 + 100 * 10 + 10);
  const rewound = await lotteryRounds(app, 5);
  await app.setControl('lottery', 'random');
  await app.waitForHash('lottery', 'random');
  await expect(page.getByTestId('lottery-row')).toHaveCount(0);
  const random = await lotteryRounds(app, 5);
  console.log(`lottery: rewind ${rewound.map((r) => `${r.remaining.toFixed(3)}:${r.accuracy}`).join(' ')}; random ${random.map((r) => r.accuracy).join(' ')}`);
  // The same rounds prune to the same share; the dense round is the same network.
  expect(random.map((r) => r.remaining)).toEqual(rewound.map((r) => r.remaining));
  expect(random[0].accuracy).toBe(rewound[0].accuracy);
  expect(rewound[5].remaining).toBeLessThan(0.05);
  // From a quarter of the weights on, every round of the ticket is ahead, and at the end by over a point.
  for (let r = 2; r < rewound.length; r++) expect(rewound[r].accuracy, `round ${r}`).toBeGreaterThan(random[r].accuracy);
  expect(rewound[5].accuracy - random[5].accuracy, 'gap at the last round').toBeGreaterThan(0.01);
});

test('lesson 7, augmentation: digit-safe helps on 300 digits, flip & spin hurts', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open('backend=cpu');
  await startLesson(app, 'augment', 784 * 64 + 64 + 64 * 10 + 10);
  await app.waitForHash('aug', 'rotate:10,zoom:0.1,shift:0.1');
  const safe = await compareAugmentation(app, 300);
  await page.getByTestId('aug-preset').selectOption('flip-spin');
  await app.waitForHash('aug', 'flip,rotate:180');
  await expect(page.getByTestId('aug-experiment-progress')).toHaveCount(0);
  const flips = await compareAugmentation(app, 300);
  console.log(`augment: none ${safe.none}, digit-safe ${safe.aug}, flip & spin ${flips.aug}`);
  expect(flips.none, 'the same run without augmentation both times').toBe(safe.none);
  expect(safe.aug, 'digit-safe against none').toBeGreaterThan(safe.none + 0.01);
  expect(flips.aug, 'flip & spin against none').toBeLessThan(safe.none - 0.1);
});

test('lesson 8, CNN vs MLP: fewer parameters, more FLOPs, and ahead after the same steps', async ({ app, page }) => {
  test.setTimeout(150_000);
  const cnnParams = 8 * 9 + 8 + (16 * 9 * 8 + 16) + (5 * 5 * 16 * 32 + 32) + (32 * 10 + 10); // 14,410
  const mlpParams = 784 * 32 + 32 + 32 * 10 + 10; // 25,450
  await app.open('backend=cpu');
  await startLesson(app, 'cnn-vs-mlp', cnnParams);
  await expect(page.getByTestId('size-cnn-params')).toHaveAttribute('data-value', String(cnnParams));
  await expect(page.getByTestId('size-mlp-params')).toHaveAttribute('data-value', String(mlpParams));
  const cnnFlops = Number(await page.getByTestId('size-cnn-flops').getAttribute('data-value'));
  const mlpFlops = Number(await page.getByTestId('size-mlp-flops').getAttribute('data-value'));
  expect(cnnFlops, 'CNN FLOPs per digit against the MLP’s').toBeGreaterThan(5 * mlpFlops);

  await trainLesson(app, 'cnn-vs-mlp', undefined, 120_000);
  const cnn = await app.num('test-accuracy');
  await page.getByTestId('btn-pin').click();
  await app.setControl('arch', 'mlp');
  await app.waitFor('params', (p) => p === mlpParams, 30_000, `to be ${mlpParams} for the MLP`);
  await expect(app.metric('step')).toHaveAttribute('data-value', '0');
  await trainLesson(app, 'cnn-vs-mlp');
  const mlp = await app.num('test-accuracy');
  console.log(`cnn-vs-mlp: CNN ${cnn} (${cnnParams} parameters, ${cnnFlops} FLOPs) against MLP ${mlp} (${mlpParams}, ${mlpFlops}) after ${budget('cnn-vs-mlp')} steps`);
  expect(cnn, 'CNN against MLP after the same steps').toBeGreaterThan(mlp + 0.01);
});
