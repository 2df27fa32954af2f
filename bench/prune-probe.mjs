/**
 * Pruning and view figures of the real app (issues 3 and 5), measured through its UI hooks:
 *
 * 0. Heatmap draw time: while the app trains, every redraw of the first
 *    weight heatmap (`heatmap-layer-0`, 784×300 for LeNet-300-100) records its
 *    duration in `data-draw-ms`; an in-page observer collects them.
 *
 * 1. θ latency: train a few seconds, pause, then move the θ slider
 *    (`control-threshold`, a range input) to several positions; for each, the
 *    time from the input event to the moment `metric-sparsity` shows the new
 *    mask's sparsity. The worker posts sparsity and the pruned network's test
 *    loss/accuracy in the same message, after re-masking and evaluating the
 *    whole test set, so this is "recompute mask + evaluate + show".
 * 2. Compaction: keep-ratio 0.5 (`control-keep`), then `btn-compact`; the app
 *    measures inference time per batch before (masked, dense kernels) and after
 *    (compacted), shown as `metric-infer-before` / `metric-infer-after`.
 */
import { appHash } from './cases.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Fractions of the θ slider's range visited, low to high (mid-range: θ from about 1e-3 to 1). */
const THETA_FRACTIONS = [0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.5, 0];

/**
 * In the page: sets a range input as a user dragging it would (native setter +
 * input event) and resolves with the ms until `metric-sparsity` changes.
 */
function moveAndTime([testId, fraction, timeoutMs]) {
  const input = document.querySelector(`[data-testid="${testId}"]`);
  const shown = document.querySelector('[data-testid="metric-sparsity"]');
  if (!(input instanceof HTMLInputElement) || !shown) return Promise.resolve({ error: `${testId} or metric-sparsity missing` });
  const min = Number(input.min || 0);
  const max = Number(input.max || 100);
  const step = Number(input.step) || 1;
  const value = Math.round((min + fraction * (max - min)) / step) * step;
  const before = shown.getAttribute('data-value');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const done = (changed) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve({ ms: performance.now() - t0, changed, position: value, theta: Number(input.getAttribute('data-value')), sparsity: Number(shown.getAttribute('data-value')) });
    };
    const observer = new MutationObserver(() => {
      if (shown.getAttribute('data-value') !== before) done(true);
    });
    observer.observe(shown, { attributes: true, attributeFilter: ['data-value'] });
    const timer = setTimeout(() => done(false), timeoutMs);
    setter.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {import('./cases.mjs').BenchCase} benchCase
 * @param {string} backend the backend to measure on (the case's fastest)
 * @param {{ trainMs: number }} timing
 */
export async function measurePruning(browser, baseUrl, benchCase, backend, timing) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const attr = (id) => page.getByTestId(id).getAttribute('data-value', { timeout: 5_000 }).catch(() => null);
  const num = async (id) => Number((await attr(id)) ?? NaN);
  const waitUntil = async (read, ok, timeoutMs, what) => {
    const deadline = Date.now() + timeoutMs;
    let v;
    while (Date.now() < deadline) {
      v = await read();
      if (ok(v)) return v;
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what} (last ${v})`);
  };
  try {
    await page.goto(`${baseUrl}#${appHash(benchCase, backend)}`);
    await page.getByTestId('btn-play').waitFor({ timeout: 60_000 });
    await waitUntil(() => num('metric-params'), (p) => p > 0, 60_000, 'the model');
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__drawMs = [];
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="heatmap-layer-0"]');
        const v = Number(el?.getAttribute('data-draw-ms'));
        if (Number.isFinite(v)) w.__drawMs.push(v);
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-draw-ms'] });
    });
    // Heatmaps redraw only while on screen: bring them into view, as a student looking at them would.
    // From here on buttons are pressed without scrolling (a click would scroll back up to them).
    await page.getByTestId('heatmaps-card').scrollIntoViewIfNeeded({ timeout: 30_000 });
    const press = (id) => page.getByTestId(id).dispatchEvent('click');
    await press('btn-play');
    await waitUntil(() => num('metric-step'), (s) => s >= 1, 120_000, 'the first step');
    // The first evaluation fills the cards above the heatmaps (the confusion matrix), which moves them: look again.
    await sleep(1_500);
    await page.getByTestId('heatmaps-card').scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      /** @type {any} */ (window).__drawMs.length = 0;
    });
    await sleep(timing.trainMs);
    const drawMs = await page.evaluate(() => /** @type {any} */ (window).__drawMs);
    const heatmapShape = await page
      .getByTestId('heatmap-layer-0')
      .evaluate((el) => `${el.getAttribute('data-rows')}×${el.getAttribute('data-cols')}`)
      .catch(() => null);
    const heatmap = { shape: heatmapShape, draws: drawMs.length, medianMs: median(drawMs), maxMs: drawMs.reduce((m, x) => Math.max(m, x), 0), samplesMs: drawMs };
    await press('btn-play');
    await page.waitForSelector('[data-testid="btn-play"][data-state="paused"]');
    await sleep(1_500); // the settle evaluation and snapshot
    const denseAccuracy = await num('metric-test-accuracy');

    const moves = [];
    for (const f of THETA_FRACTIONS) {
      moves.push({ fraction: f, ...(await page.evaluate(moveAndTime, ['control-threshold', f, 10_000])) });
      await sleep(300);
    }
    const timed = moves.filter((m) => m.changed);
    const theta = {
      moves,
      medianMs: median(timed.map((m) => m.ms)),
      maxMs: timed.reduce((m, x) => Math.max(m, x.ms), 0),
      denseAccuracy,
      restoredAccuracy: await num('metric-test-accuracy'),
    };

    const paramsBefore = await num('metric-params');
    const keep = await page.evaluate(moveAndTime, ['control-keep', (0.5 - 0.01) / 0.99, 10_000]);
    await press('btn-compact');
    const inferAfter = await waitUntil(() => num('metric-infer-after'), (v) => Number.isFinite(v) && v > 0, 60_000, 'metric-infer-after');
    const compaction = {
      keep,
      inferBeforeMs: await num('metric-infer-before'),
      inferAfterMs: inferAfter,
      paramsBefore,
      paramsAfter: await waitUntil(() => num('metric-params'), (p) => p < paramsBefore, 10_000, 'fewer parameters'),
      flopsAfter: await num('metric-flops'),
    };
    compaction.speedup = compaction.inferBeforeMs / compaction.inferAfterMs;
    return { backend, heatmap, theta, compaction, pageErrors };
  } finally {
    await context.close();
  }
}
