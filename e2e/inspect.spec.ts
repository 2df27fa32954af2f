import { readFile } from 'node:fs/promises';
import { MNIST_LENET, TINY_CIRCLE, expect, test, type PlaygroundPage } from './fixtures';

/**
 * Seeing inside the network (issue 5): weight heatmaps, the decision
 * boundary, pinned runs and CSV export.
 */

/** Waits until heatmap canvas `i` has been drawn at least once and returns its geometry attributes. */
async function heatmap(app: PlaygroundPage, i: number): Promise<{ rows: number; cols: number; scale: number; width: number; height: number; mask: string }> {
  // Canvases redraw only while on screen (or near it), as a student scrolled to them sees them.
  await app.page.getByTestId('heatmaps-card').scrollIntoViewIfNeeded();
  const canvas = app.page.getByTestId(`heatmap-layer-${i}`);
  await expect(canvas).toHaveAttribute('data-draw-ms', /\d/, { timeout: 30_000 });
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    return {
      rows: Number(c.dataset.rows),
      cols: Number(c.dataset.cols),
      scale: Number(c.dataset.scale),
      width: c.width,
      height: c.height,
      mask: c.dataset.maskColor ?? '',
    };
  });
}

/** Pixels of heatmap canvas `i` painted in the mask colour (#rrggbb). */
async function maskPixels(app: PlaygroundPage, i: number, colour: string): Promise<number> {
  return app.page.getByTestId(`heatmap-layer-${i}`).evaluate((el, hex) => {
    const c = el as HTMLCanvasElement;
    const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p] === r && data[p + 1] === g && data[p + 2] === b) n++;
    return n;
  }, colour);
}

test('weight heatmaps: one canvas per layer at the right size, and pruned weights appear in the mask colour', async ({ app }) => {
  await app.open(TINY_CIRCLE);
  // 2-8-8-2: kernels 2×8, 8×8, 8×2 (rows = inputs, columns = neurons).
  const shapes = [
    [2, 8],
    [8, 8],
    [8, 2],
  ];
  for (const [i, [rows, cols]] of shapes.entries()) {
    const h = await heatmap(app, i);
    expect([h.rows, h.cols]).toEqual([rows, cols]);
    expect(h.scale).toBeGreaterThanOrEqual(1);
    expect([h.width, h.height]).toEqual([cols * h.scale, rows * h.scale]);
    expect(h.mask).toMatch(/^#[0-9a-f]{6}$/i);
  }
  await app.play();
  await app.waitForStep(300);
  await app.pause();
  const { mask } = await heatmap(app, 1);
  const before = await maskPixels(app, 1, mask);
  expect(before).toBe(0);
  await app.control('threshold-exact').fill('0.5');
  await app.control('threshold-exact').press('Enter');
  await app.waitFor('sparsity', (s) => s > 0.1, 15_000, 'to rise after θ = 0.5');
  await app.page.getByTestId('heatmaps-card').scrollIntoViewIfNeeded();
  await expect.poll(() => maskPixels(app, 1, mask), { timeout: 10_000 }).toBeGreaterThan(before);
});

test('a heatmap column can be picked from the keyboard: ← → Home End step through the neurons, Esc lets go', async ({ app, page }) => {
  await app.open(TINY_CIRCLE);
  await heatmap(app, 1);
  const canvas = page.getByTestId('heatmap-layer-1');
  const highlight = page.getByTestId('heatmap-highlight');
  await canvas.focus();
  await expect(canvas).toBeFocused();
  await expect(highlight).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(highlight).toContainText('Neuron 0 of layer 2');
  await page.keyboard.press('ArrowRight');
  await expect(highlight).toContainText('Neuron 1 of layer 2');
  await page.keyboard.press('End');
  await expect(highlight).toContainText('Neuron 7 of layer 2');
  await page.keyboard.press('ArrowRight');
  await expect(highlight).toContainText('Neuron 7 of layer 2');
  await page.keyboard.press('ArrowLeft');
  await expect(highlight).toContainText('Neuron 6 of layer 2');
  // The output layer picks outputs.
  await page.getByTestId('heatmap-layer-2').focus();
  await page.keyboard.press('Home');
  await expect(highlight).toContainText('Output 0');
  await page.keyboard.press('Escape');
  await expect(highlight).toHaveCount(0);
});

test('LeNet-300-100: the first heatmap is 784 rows × 300 columns', async ({ app }) => {
  test.setTimeout(120_000);
  await app.open(MNIST_LENET);
  await app.waitFor('params', (p) => p === 266_610, 60_000, 'to be 266,610');
  const h = await heatmap(app, 0);
  expect([h.rows, h.cols]).toEqual([784, 300]);
  expect([h.width, h.height]).toEqual([300 * h.scale, 784 * h.scale]);
  const second = await heatmap(app, 1);
  expect([second.rows, second.cols]).toEqual([300, 100]);
});

test('the decision boundary is drawn for a 2-D dataset and changes as the network learns', async ({ app, page }) => {
  await app.open(TINY_CIRCLE);
  const canvas = page.getByTestId('decision-boundary');
  await canvas.scrollIntoViewIfNeeded({ timeout: 15_000 });
  await expect(canvas).toBeVisible({ timeout: 15_000 });
  const digest = () =>
    canvas.evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let h = 0;
      for (let i = 0; i < data.length; i += 97) h = (h * 31 + data[i]) >>> 0;
      return h;
    });
  const at0 = await digest();
  await app.play();
  await app.waitForStep(400);
  await app.pause();
  // Pressing play scrolled the page up to the button: back to the canvas, which then draws what it missed.
  await canvas.scrollIntoViewIfNeeded();
  await expect.poll(digest, { timeout: 10_000 }).not.toBe(at0);
});

test('pinning a run overlays its curves, and the curves export as CSV', async ({ app, page }) => {
  await app.open(TINY_CIRCLE);
  await app.play();
  await app.waitForStep(300);
  const step = await app.pause();
  const pinnedLines = () => page.locator('.pinned-line').count();
  expect(await pinnedLines()).toBe(0);

  await page.getByTestId('btn-pin').click();
  await expect(page.getByTestId('pinned-runs').locator(':scope > *')).toHaveCount(1);
  // A second run (another seed) draws beside the pinned one, whose curves stay dashed on the charts.
  await app.setControl('seed', '2');
  await app.play();
  await app.waitForStep(100);
  await app.pause();
  await expect.poll(pinnedLines).toBeGreaterThan(0);

  const download = page.waitForEvent('download');
  await page.getByTestId('btn-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('training-curves.csv');
  const [header, ...rows] = (await readFile((await file.path())!, 'utf8')).trim().split(/\r?\n/);
  expect(header).toBe('step,train_loss,test_loss,test_accuracy,sparsity,penalty');
  expect(rows.length).toBeGreaterThan(10);
  const steps = rows.map((r) => Number(r.split(',')[0]));
  for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
  expect(steps[steps.length - 1]).toBe(await app.step());
  expect(step).toBeGreaterThan(0);
});
