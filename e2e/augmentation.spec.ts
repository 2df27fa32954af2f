import { MNIST_LENET, expect, test, type PlaygroundPage } from './fixtures';

/**
 * Data augmentation on the MNIST digits (issue 6, first half): the preview
 * shows what the network sees, the transforms follow their controls and the
 * link, and the training-set size is a control.
 */

/** A digest of the preview's canvases of one kind ('original' or 'augmented'). */
async function tiles(app: PlaygroundPage, kind: 'original' | 'augmented'): Promise<number> {
  return app.page
    .getByTestId('aug-preview')
    .locator(`canvas[data-kind="${kind}"]`)
    .evaluateAll((els) => {
      let h = 0;
      for (const el of els) {
        const c = el as HTMLCanvasElement;
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < data.length; i += 7) h = (h * 31 + data[i]) >>> 0;
      }
      return h;
    });
}

test('the preview shows 16 digits beside their augmented versions, and rotation changes only the augmented ones', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open(`${MNIST_LENET}&aug=`);
  await app.waitFor('params', (p) => p === 266_610, 60_000, 'to be 266,610');
  const preview = page.getByTestId('aug-preview');
  await preview.scrollIntoViewIfNeeded();
  await expect(preview.locator('canvas[data-kind="original"]')).toHaveCount(16, { timeout: 30_000 });
  await expect(preview.locator('canvas[data-kind="augmented"]')).toHaveCount(16);
  // Without augmentation the network sees the digits as they are.
  await expect.poll(async () => (await tiles(app, 'augmented')) === (await tiles(app, 'original')), { timeout: 15_000 }).toBe(true);
  const originals = await tiles(app, 'original');

  await app.control('aug-rotate').scrollIntoViewIfNeeded();
  await app.setRange('aug-rotate', 30);
  await app.waitForHash('aug', (v) => v !== undefined && /rotate:30/.test(v));
  await preview.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await tiles(app, 'augmented')) !== (await tiles(app, 'original')), { timeout: 15_000 }).toBe(true);
  expect(await tiles(app, 'original')).toBe(originals);

  // Each resample draws new random transforms of the same digits.
  const before = await tiles(app, 'augmented');
  await page.getByTestId('btn-aug-resample').click();
  await expect.poll(() => tiles(app, 'augmented'), { timeout: 15_000 }).not.toBe(before);
  expect(await tiles(app, 'original')).toBe(originals);
});

test('augmented MNIST training on a 500-digit subset runs and the link keeps both settings', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open(`${MNIST_LENET}&trainSize=500&aug=rotate:10,shift:0.1,noise:0.05`);
  await expect(app.urlNotice).toHaveCount(0);
  await app.waitFor('params', (p) => p === 266_610, 60_000, 'to be 266,610');
  expect(Number(await app.controlValue('trainSize'))).toBe(500);
  await app.play();
  await app.waitForStep(60, 60_000);
  await app.pause();
  // 500 digits at batch 128 make three batches an epoch.
  expect(await app.num('epoch')).toBeGreaterThanOrEqual(15);
  expect(await app.num('test-accuracy')).toBeGreaterThan(0.5);
  await page.reload();
  await app.waitReady();
  await app.waitForHash('aug', 'rotate:10,shift:0.1,noise:0.05');
  await app.waitForHash('trainSize', '500');
});

test('a hostile augmentation link is clamped or ignored with a notice', async ({ app }) => {
  await app.open(`${MNIST_LENET}&aug=rotate:999,noise:0.1&trainSize=5`);
  await expect(app.urlNotice).toBeVisible();
  const notice = await app.urlNotice.innerText();
  expect(notice).toContain('aug');
  expect(notice).toContain('trainSize');
  await app.waitForHash('aug', 'rotate:180,noise:0.1');
  await app.waitForHash('trainSize', '100');
});

test('the augmentation experiment trains without and with the augmentation for the same steps, pins both and says which did better; run again, it replaces its two pins', async ({ app, page }) => {
  test.setTimeout(270_000);
  // A small MLP on 500 digits, so both 60-step runs are quick on any backend.
  await app.open('dataset=mnist&trainSize=500&aug=rotate:15&layers=32&act=relu&lr=0.003&batch=32&backend=wasm');
  await app.waitFor('params', (p) => p === 25_450, 60_000, 'to be 25,450');
  const steps = page.getByTestId('control-aug-exp-steps');
  await steps.scrollIntoViewIfNeeded();
  await steps.fill('60');
  await steps.press('Enter');
  await page.getByTestId('btn-aug-experiment').click();
  await expect(page.getByTestId('aug-experiment-progress')).toBeVisible();
  const result = page.getByTestId('aug-experiment-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  const none = Number(await result.getAttribute('data-none'));
  const aug = Number(await result.getAttribute('data-aug'));
  for (const acc of [none, aug]) expect(acc).toBeGreaterThan(0.3);
  await expect(result).toContainText('No augmentation');
  await expect(result).toContainText('rotate:15');
  await expect(result).toContainText('after 60 steps');
  // Both runs are pinned; the live run is the augmented one, stopped at the budget, with its augmentation back on.
  const pins = page.getByTestId('pinned-runs').locator('li');
  await expect(pins).toHaveCount(2);
  expect(await app.num('step')).toBe(60);
  await app.waitForHash('aug', (v) => v === 'rotate:15');
  const first = await pins.evaluateAll((els) => els.map((el) => el.getAttribute('data-pin-id')));

  // Compared again (another augmentation), it replaces its own two pins instead of filling all four slots.
  await page.getByTestId('aug-preset').selectOption('flip-spin');
  await app.waitForHash('aug', 'flip,rotate:180');
  await expect(page.getByTestId('btn-aug-experiment')).toBeEnabled();
  await page.getByTestId('btn-aug-experiment').click();
  await expect(page.getByTestId('aug-experiment-progress')).toBeVisible();
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result).toContainText('flip,rotate:180');
  await expect(pins).toHaveCount(2);
  const second = await pins.evaluateAll((els) => els.map((el) => el.getAttribute('data-pin-id')));
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  // The same run without augmentation both times.
  expect(Number(await result.getAttribute('data-none'))).toBe(none);
});
