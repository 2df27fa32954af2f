import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { TINY_CIRCLE, expect, test, type PlaygroundPage } from './fixtures';

/**
 * Accessibility and layout (issue 7): an axe-core scan of the page in its main
 * states finds no serious or critical WCAG 2.1 A/AA violation; every control is
 * reachable by Tab with a visible focus ring and works from the keyboard; the
 * charts and canvases carry a name and a live text summary; the layout has no
 * sideways scrolling from a 1280 × 720 projector down to a phone in portrait.
 */

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** A number as the summaries write it: 0.2500, 4.92e-4. */
const NUM = '\\d[\\d.]*(e[-+]\\d+)?';

/**
 * Runs axe on the page and returns its serious and critical violations. Every
 * violation found (moderate and minor too) is printed, so a run's log lists them all.
 */
async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  for (const v of result.violations) {
    const nodes = v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`);
    console.log(`[axe ${label}] ${v.impact ?? 'unknown'} ${v.id}: ${v.help}\n    ${nodes.join('\n    ')}`);
  }
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/** Trains the tiny circle network a few hundred steps, prunes by θ and runs the accuracy sweep: every card has content. */
async function trainAndPrune(app: PlaygroundPage): Promise<void> {
  await app.open(TINY_CIRCLE);
  await app.play();
  await app.waitForStep(300);
  await app.pause();
  const { min, max } = await app.rangeBounds('threshold');
  await app.setRange('threshold', Math.round(min + 0.7 * (max - min)));
  await app.waitFor('sparsity', (s) => s > 0, 10_000, 'to rise after θ');
  await app.page.getByTestId('btn-sweep').click();
  await expect(app.page.getByTestId('sweep-chart')).not.toHaveAttribute('data-points', '0', { timeout: 15_000 });
}

test.describe('axe-core: no serious or critical WCAG 2.1 AA violations', () => {
  test('the default page, presenter mode and the open share dialog', async ({ app, page }) => {
    await app.open();
    expect(await seriousViolations(page, 'default')).toEqual([]);
    await app.open('present=1');
    expect(await seriousViolations(page, 'present')).toEqual([]);
    // The share dialog, open (a modal: axe sees only the dialog and what it covers).
    await app.open();
    await page.getByTestId('btn-share').click();
    await expect(page.getByTestId('share-dialog')).toBeVisible();
    expect(await seriousViolations(page, 'share dialog')).toEqual([]);
  });

  test('Chinese', async ({ app, page }) => {
    await app.open('lang=zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
    expect(await seriousViolations(page, 'zh')).toEqual([]);
  });

  test('after training and a prune, with every card filled', async ({ app, page }) => {
    await trainAndPrune(app);
    await page.getByTestId('btn-pin').click();
    await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-pinned', '1');
    // Closed disclosures hide their controls from axe: open them all.
    await page.locator('details:not([open]) > summary').evaluateAll((summaries) => summaries.forEach((s) => ((s.parentElement as HTMLDetailsElement).open = true)));
    // Canvases below the fold draw when they come on screen: scroll through once so each is filled.
    for (const id of ['decision-boundary', 'network-graph', 'heatmaps-card', 'weight-histogram', 'sweep-chart']) await page.getByTestId(id).scrollIntoViewIfNeeded();
    expect(await seriousViolations(page, 'trained')).toEqual([]);
  });

  test('MNIST', async ({ app, page }) => {
    await app.open('dataset=mnist&backend=cpu');
    await expect(page.getByTestId('heatmaps-card')).toBeVisible();
    expect(await seriousViolations(page, 'mnist')).toEqual([]);
  });
});

test.describe('keyboard', () => {
  test('Tab reaches every control with a visible focus ring, starting with the skip link', async ({ app, page }) => {
    await app.open(TINY_CIRCLE);
    // Open every disclosure so the controls inside are in the Tab order too.
    await page.locator('details:not([open]) > summary').evaluateAll((summaries) => summaries.forEach((s) => ((s.parentElement as HTMLDetailsElement).open = true)));
    const expected = await page.locator('[data-testid^="control-"]').evaluateAll((els) =>
      els
        .filter((el) => !(el as HTMLInputElement).disabled && (el as HTMLElement).offsetParent !== null)
        .map((el) => el.getAttribute('data-testid') ?? ''),
    );
    expect(expected.length).toBeGreaterThan(30);

    await page.locator('body').focus();
    const reached = new Set<string>();
    const weakRings: string[] = [];
    let first = '';
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const seen = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (el === null || el === document.body) return null;
        const style = getComputedStyle(el);
        const svg = el instanceof SVGElement;
        const ring = svg ? parseFloat(style.strokeWidth) >= 3 : style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        const rgb = (svg ? style.stroke : style.outlineColor).match(/\d+(\.\d+)?/g)?.map(Number) ?? [255, 255, 255];
        const lin = (c: number): number => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
        const lum = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
        return {
          id: el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`,
          visibleRing: ring,
          // Against the white cards: WCAG 2.2's focus appearance asks for 3:1.
          contrast: 1.05 / (lum + 0.05),
        };
      });
      if (seen === null) continue;
      if (i === 0) first = seen.id;
      if (reached.has(seen.id) && seen.id === first) break; // wrapped round
      reached.add(seen.id);
      if (!seen.visibleRing || seen.contrast < 3) weakRings.push(`${seen.id} (ring ${seen.visibleRing}, contrast ${seen.contrast.toFixed(2)})`);
    }
    expect(first, 'the first Tab stop').toBe('skip-link');
    expect(expected.filter((id) => !reached.has(id)), 'controls Tab never reached').toEqual([]);
    expect(weakRings, 'focused elements without a visible ring').toEqual([]);
  });

  test('the skip link, selects, sliders, buttons and disclosures work from the keyboard alone', async ({ app, page }) => {
    await app.open(TINY_CIRCLE);
    // The skip link: the first Tab stop, shown when focused; Enter moves focus to the charts without touching the link.
    const hash = await page.evaluate(() => location.hash);
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('skip-link')).toBeFocused();
    await expect(page.getByTestId('skip-link')).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    expect(await page.evaluate(() => location.hash)).toBe(hash);
    // A select: arrow keys change it, and the link follows.
    await app.control('act').focus();
    const act = await app.controlValue('act');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => app.controlValue('act')).not.toBe(act);
    await app.waitForHash('act', await app.controlValue('act'));
    // A slider: arrow keys move it by its step.
    await app.control('noise').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await app.waitForHash('noise', '5');
    // A button: Enter presses it (one training step).
    await app.waitFor('step', (s) => s === 0, 10_000, 'to be 0 after the cold change');
    await app.stepButton.focus();
    await page.keyboard.press('Enter');
    await app.waitFor('step', (s) => s === 1, 10_000, 'to be 1 after Enter on +1 step');
    // A disclosure: Enter toggles it.
    const summary = page.locator('details > summary').first();
    const open = await summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open);
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open)).toBe(!open);
  });
});

test('charts and canvases have a name and a summary of what they show now', async ({ app, page }) => {
  await trainAndPrune(app);
  const step = await app.step();
  const loss = page.getByRole('img', { name: 'Loss chart: loss against training steps' });
  await expect(loss).toHaveAccessibleDescription(new RegExp(`^At step ${step.toLocaleString('en-US')}: train loss ${NUM}, test loss ${NUM}\\. Lowest test loss ${NUM} at step`));
  await expect(page.getByRole('img', { name: /^Test accuracy chart/ })).toHaveAccessibleDescription(/test accuracy \d+\.\d %; best \d+\.\d %/);
  const sparsity = Math.round((await app.num('sparsity')) * 1000) / 10;
  await expect(page.getByRole('img', { name: /^Sparsity chart/ })).toHaveAccessibleDescription(new RegExp(`${sparsity.toFixed(1)} % of all weights are zero\\. By layer: layer 1 \\d`));
  await expect(page.getByRole('img', { name: /^Accuracy against sparsity/ })).toHaveAccessibleDescription(/sparsities from 0\.0 % to 9\d\.\d %: 0\.0 % → \d/);
  for (const id of ['decision-boundary', 'weight-histogram', 'network-graph']) await page.getByTestId(id).scrollIntoViewIfNeeded();
  await expect(page.getByTestId('decision-boundary')).toHaveAccessibleDescription(/^The network predicts class 1 on \d+\.\d % of the plane; \d+ data points drawn\.$/);
  await expect(page.getByTestId('weight-histogram').getByRole('img')).toHaveAccessibleDescription(/^layer 1: \d+ kept, \d+ pruned \(cut at \|w\| = [\d.e−-]+\); layer 2: .*output layer: /);
  await expect(page.getByRole('group', { name: 'Neurons' })).toHaveAccessibleDescription(/^Layers of 2 → 8 → 8 → 2 neurons joined by 96 weights: \d+ positive, \d+ negative, [1-9]\d* pruned\.$/);
  await page.getByTestId('heatmaps-card').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('heatmap-layer-1')).toHaveAccessibleDescription(/^8 × 8 weights from −\d[\d.]* to \d[\d.]*; \d+ pruned\.$/);
  // The summaries follow the language.
  await page.getByTestId('control-lang').selectOption('zh');
  await expect(page.getByRole('img', { name: '损失图：损失随训练步数的变化' })).toHaveAccessibleDescription(new RegExp(`^第 ${step.toLocaleString('en-US')} 步：训练损失`));
});

test.describe('layout', () => {
  /** Scroll width beyond the viewport (0 = no sideways scrolling). */
  const overflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  test('projector 1280 × 720: no sideways scrolling; play and the first settings on the first screen, each chart fits one screen', async ({ app, page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open(TINY_CIRCLE);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    for (const el of [app.playButton, app.control('dataset'), app.control('noise')]) await expect(el).toBeInViewport();
    await app.control('dataset').click({ trial: true });
    await app.play();
    await app.waitForStep(50);
    await app.pause();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // The charts on the stage sit beside the controls; every chart is wide enough to read and whole on one screen.
    for (const id of ['chart-loss', 'chart-accuracy', 'chart-sparsity']) {
      await page.getByTestId(id).scrollIntoViewIfNeeded();
      const box = await page.getByTestId(id).boundingBox();
      if (id !== 'chart-sparsity') expect(box!.x, id).toBeGreaterThan(300);
      expect(box!.width, id).toBeGreaterThan(400);
      expect(box!.height, id).toBeLessThan(720);
    }
    await expect(app.playButton).toBeVisible();
  });

  test('phone 390 × 844: one column, no sideways scrolling, play stays in reach while scrolling', async ({ app, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await app.open(TINY_CIRCLE);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await expect(app.playButton).toBeInViewport();
    // Header figures wrap inside the screen.
    const metrics = await page.locator('.metrics-main').boundingBox();
    expect(metrics!.x + metrics!.width).toBeLessThanOrEqual(390);
    // Controls are full width and usable.
    for (const key of ['dataset', 'lr', 'threshold'] as const) {
      await app.control(key).scrollIntoViewIfNeeded();
      const b = await app.control(key).boundingBox();
      expect(b!.x).toBeGreaterThanOrEqual(0);
      expect(b!.x + b!.width).toBeLessThanOrEqual(390);
      expect(b!.height).toBeGreaterThanOrEqual(20);
      await app.control(key).click({ trial: true });
    }
    await app.setControl('dataset', 'xor');
    await app.waitForHash('dataset', 'xor');
    // Scrolled down to the charts, the playback card is still on screen and pressable.
    await page.getByTestId('chart-loss').scrollIntoViewIfNeeded();
    await expect(app.playButton).toBeInViewport();
    await app.playButton.click();
    await expect(app.playButton).toHaveAttribute('data-state', 'playing');
    await app.waitForStep(20);
    await app.pause();
    await page.getByTestId('decision-boundary').scrollIntoViewIfNeeded();
    await expect(app.playButton).toBeInViewport();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // The share dialog fits the phone's screen.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('btn-share').click();
    const dialog = await page.getByTestId('share-dialog').boundingBox();
    expect(dialog!.x).toBeGreaterThanOrEqual(0);
    expect(dialog!.x + dialog!.width).toBeLessThanOrEqual(390);
    expect(dialog!.height).toBeLessThanOrEqual(844);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('share-dialog')).toHaveCount(0);
    // Every card fits the screen's width.
    const wide = await page.locator('.chart-card, .group').evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).map((el) => el.className));
    expect(wide).toEqual([]);
  });
});
