/**
 * The in-view rule (issue 16): at 1280×720 and wider, each core slider can be
 * seen at one scroll position together with the test accuracy, the sparsity,
 * and for a 2-D set the network graph and the decision boundary (for MNIST's
 * LeNet-300-100, the first layer's learned filters). Measured from bounding
 * boxes after scrolling to the slider as a student would (e2e/inView.ts);
 * the counts are attached to the test as annotations.
 */
import { MNIST_LENET, TINY_CIRCLE, expect, test } from './fixtures';
import { canSeeTogether, pairsInView } from './inView';

/** The sliders, and the pruning rule (`pmode`) that shows each. */
const SLIDERS: readonly { id: string; pmode: string }[] = [
  { id: 'control-threshold', pmode: 'threshold' },
  { id: 'control-keep', pmode: 'threshold' },
  { id: 'control-lambda', pmode: 'threshold' },
  { id: 'control-dropout', pmode: 'threshold' },
  { id: 'control-sparsity', pmode: 'sparsity' },
  { id: 'control-q', pmode: 'std' },
];
/** The four core sliders the slider–effect pairs are counted over. */
const CORE = new Set(['control-threshold', 'control-keep', 'control-lambda', 'control-dropout']);
const EFFECTS_2D = ['metric-test-accuracy', 'metric-sparsity', 'network-graph', 'decision-boundary'];
const EFFECTS_MNIST = ['metric-test-accuracy', 'metric-sparsity', 'heatmap-filters'];

const SCREENS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

for (const screen of SCREENS) {
  test.describe(`${screen.width}×${screen.height}`, () => {
    test.use({ viewport: screen });

    test('circle 2-8-8-2: every slider beside the accuracy, the sparsity, the graph and the boundary', async ({ app, page }) => {
      await app.open(TINY_CIRCLE);
      await app.play();
      await app.waitForStep(50);
      await app.pause();
      let pairs = 0;
      for (const slider of SLIDERS) {
        if ((await app.controlValue('pmode')) !== slider.pmode) await app.setControl('pmode', slider.pmode);
        const together = await canSeeTogether(page, [slider.id, ...EFFECTS_2D]);
        expect(together.why, `${slider.id} with all four effects`).toEqual([]);
        const seen = await pairsInView(page, slider.id, EFFECTS_2D);
        expect(seen, slider.id).toEqual(Object.fromEntries(EFFECTS_2D.map((e) => [e, true])));
        if (CORE.has(slider.id)) pairs += Object.values(seen).filter(Boolean).length;
      }
      test.info().annotations.push({ type: 'in-view', description: `circle ${screen.width}×${screen.height}: ${pairs} of 16 core slider–effect pairs` });
      expect(pairs).toBe(16);
    });

    test('MNIST LeNet-300-100: every slider beside the accuracy, the sparsity and the first layer', async ({ app, page }) => {
      test.setTimeout(120_000);
      await app.open(`${MNIST_LENET}&layers=300,100`);
      await app.stepButton.click();
      await app.waitForStep(1, 60_000);
      let pairs = 0;
      for (const slider of SLIDERS.filter((s) => s.pmode === 'threshold')) {
        const together = await canSeeTogether(page, [slider.id, ...EFFECTS_MNIST]);
        expect(together.why, `${slider.id} with the figures and the first layer`).toEqual([]);
        const seen = await pairsInView(page, slider.id, EFFECTS_MNIST);
        pairs += Object.values(seen).filter(Boolean).length;
      }
      test.info().annotations.push({ type: 'in-view', description: `MNIST ${screen.width}×${screen.height}: ${pairs} of 12 core slider–effect pairs` });
      expect(pairs).toBe(12);
    });
  });
}

test.describe('the open group', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('panel=prune opens the pruning controls beside the weight histogram; the step bar switches groups and the link follows', async ({ app, page }) => {
    await app.open(`${TINY_CIRCLE}&panel=prune`);
    await expect(page.getByTestId('panel-prune')).toHaveAttribute('aria-current', 'step');
    // The graph is drawn from the run's first weights.
    await expect(page.getByTestId('network-graph')).toBeVisible();
    const together = await canSeeTogether(page, ['control-threshold', 'weight-histogram', 'network-graph', 'decision-boundary']);
    expect(together.why).toEqual([]);

    await page.getByTestId('panel-regularise').click();
    await expect(page.getByTestId('panel-regularise')).toHaveAttribute('aria-current', 'step');
    await app.waitForHash('panel', 'regularise');
    // The group's first control is at the top of the sidebar, and the stage did not move.
    const [sliderTop, sidebarTop] = await page.evaluate(() => [
      document.querySelector('[data-testid="control-penalty"]')!.getBoundingClientRect().top,
      document.querySelector('.sidebar-scroll')!.getBoundingClientRect().top,
    ]);
    expect(sliderTop - sidebarTop).toBeLessThan(120);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // Scrolling the sidebar back up to the data opens that group.
    await page.getByTestId('control-dataset').scrollIntoViewIfNeeded();
    await app.waitForHash('panel', (v) => v === undefined);
    await expect(page.getByTestId('panel-data')).toHaveAttribute('aria-current', 'step');

    // Experiments: the page scrolls down to that space, the header's figures stay on screen.
    await page.getByTestId('panel-experiments').click();
    await app.waitForHash('panel', 'experiments');
    await expect(page.getByTestId('btn-lambda-sweep')).toBeInViewport();
    await expect(app.metric('test-accuracy')).toBeInViewport();
  });
});

test.describe('phone portrait', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('390×844: the stage first, a lesson and its buttons within the screen, never scrolling sideways', async ({ app, page }) => {
    await app.open(`${TINY_CIRCLE}&lesson=overfit-l2`);
    const overflow = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The boundary is the first thing under the header; the link's lesson did not scroll the page away from it.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByTestId('decision-boundary')).toBeInViewport();
    for (const id of ['btn-lesson-train', 'btn-lesson-overfit-l2', 'btn-lesson-close', 'btn-lesson-step-next']) {
      const button = page.getByTestId(id);
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
      expect(await overflow(), `no sideways scroll after scrolling to ${id}`).toBeLessThanOrEqual(0);
    }
    // Play stays in reach, and the figures with it.
    await expect(app.playButton).toBeInViewport();
    await expect(app.metric('test-accuracy')).toBeInViewport();
  });
});

test.describe('speed', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the speed slider beside play: slow motion writes speed=2 and trains a step at a time, the right end is full speed again', async ({ app, page }) => {
    await app.open(TINY_CIRCLE);
    const speed = app.page.getByTestId('control-speed');
    await expect(speed).toBeInViewport();
    await expect(speed).toHaveAttribute('data-value', '0');
    await speed.evaluate((el) => {
      const input = el as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '1');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await expect(speed).toHaveAttribute('data-value', '2');
    await app.waitForHash('speed', '2');
    const from = await app.step();
    await app.play();
    const t0 = Date.now();
    await app.waitForStep(from + 3, 10_000);
    await page.waitForTimeout(1500);
    const steps = (await app.step()) - from;
    const seconds = (Date.now() - t0) / 1000;
    // At most 2 a second (one more for the step in flight when the clock was read).
    expect(steps).toBeLessThanOrEqual(Math.ceil(2 * seconds) + 1);
    await speed.evaluate((el) => {
      const input = el as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, input.max);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await app.waitForHash('speed', (v) => v === undefined);
    const now = await app.step();
    await app.waitForStep(now + 200, 20_000);
    await app.pause();
  });
});
