/**
 * Measures the app's own training loop: opens the real app with a case's URL,
 * presses play, waits for warm-up, then counts steps over a fixed window and
 * records the main thread's longest task in that window.
 *
 * Steps/s comes from the step counter the app shows (`metric-step`'s data-value):
 * an in-page MutationObserver timestamps every change, and the rate is the step
 * delta between the first and last change inside the window divided by the time
 * between them, so the few-times-a-second metric cadence does not quantise it.
 */
import { appHash } from './cases.mjs';
import { mainThreadTasks } from './trace.mjs';

/** Runs in the page before its scripts: long-task log + step-counter change log. */
function installRecorders() {
  const w = /** @type {any} */ (window);
  w.__longTasks = [];
  w.__steps = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* unsupported: the trace still measures */
  }
  let last = '';
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="metric-step"]');
    const value = el?.getAttribute('data-value') ?? '';
    if (value !== last && value !== '') {
      last = value;
      w.__steps.push([performance.now(), Number(value)]);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-value'] });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `ok(value)`; throws with `what` after `timeoutMs`. */
async function waitUntil(read, ok, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let value;
  while (Date.now() < deadline) {
    value = await read();
    if (ok(value)) return value;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (last: ${JSON.stringify(value)})`);
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl the app's URL (ends with '/')
 * @param {import('./cases.mjs').BenchCase} benchCase
 * @param {string} backend
 * @param {{ warmUpMs: number, warmUpSteps: number, windowMs: number, firstStepTimeoutMs: number }} timing
 */
export async function measureApp(browser, baseUrl, benchCase, backend, timing) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.addInitScript(installRecorders);
  const attr = (id) => page.getByTestId(id).getAttribute('data-value', { timeout: 5_000 }).catch(() => null);
  const step = async () => Number((await attr('metric-step')) || 0);
  try {
    await page.goto(`${baseUrl}#${appHash(benchCase, backend)}`);
    await page.getByTestId('btn-play').waitFor({ timeout: 30_000 });
    await page.getByTestId('btn-play').click();
    await waitUntil(step, (s) => s >= 1, timing.firstStepTimeoutMs, 'the first training step');
    const firstStepAt = Date.now();
    await waitUntil(step, (s) => s >= timing.warmUpSteps && Date.now() - firstStepAt >= timing.warmUpMs, timing.firstStepTimeoutMs, `${timing.warmUpSteps} warm-up steps`);

    // RunTask events (every main-thread task) live in the disabled-by-default category.
    await browser.startTracing(undefined, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const t0 = await page.evaluate(() => performance.now());
    await sleep(timing.windowMs);
    const t1 = await page.evaluate(() => performance.now());
    const trace = await browser.stopTracing();

    const inWindow = await page.evaluate(
      ([from, to]) => {
        const w = /** @type {any} */ (window);
        return {
          steps: w.__steps.filter(([t]) => t >= from && t <= to),
          longTasks: w.__longTasks.filter((t) => t.startTime + t.duration >= from && t.startTime <= to),
        };
      },
      [t0, t1],
    );
    const shownBackend = await attr('metric-backend');
    // Diagnostic only (not one of the stable hooks): the app's fallback notice, if any.
    const fallbackNotice =
      shownBackend === backend ? null : await page.locator('[data-testid="backend-notice"], .fallback').first().textContent({ timeout: 1_000 }).catch(() => null);
    const shownStepsPerSecond = Number((await attr('metric-steps-per-sec')) || NaN);
    await page.getByTestId('btn-play').click().catch(() => undefined);

    const samples = inWindow.steps;
    if (samples.length < 2) throw new Error(`the step counter changed ${samples.length} time(s) in ${timing.windowMs / 1000} s`);
    const [tFirst, sFirst] = samples[0];
    const [tLast, sLast] = samples[samples.length - 1];
    if (sLast < sFirst) throw new Error(`the step counter went backwards (${sFirst} → ${sLast}): the run restarted`);
    const stepsPerSecond = ((sLast - sFirst) / (tLast - tFirst)) * 1000;

    const traced = mainThreadTasks(trace, `${baseUrl}#`);
    const longTaskApiMax = inWindow.longTasks.reduce((m, t) => Math.max(m, t.duration), 0);
    return {
      stepsPerSecond,
      stepsInWindow: sLast - sFirst,
      windowMs: t1 - t0,
      shownStepsPerSecond,
      shownBackend,
      fallbackNotice,
      // The trace sees every task; the Long Tasks API only those over 50 ms.
      longestTaskMs: traced ? Math.max(traced.longestMs, longTaskApiMax) : longTaskApiMax,
      longestTaskSource: traced ? 'trace' : 'longtask-api',
      // From the trace: the longest task's own thread time, and the most thread time of any task (NaN without a trace).
      longestTaskCpuMs: traced ? traced.longestCpuMs : Number.NaN,
      maxTaskCpuMs: traced ? traced.maxCpuMs : Number.NaN,
      longTasksOver50: traced ? Math.max(traced.over50, inWindow.longTasks.length) : inWindow.longTasks.length,
      pageErrors,
      consoleErrors,
    };
  } finally {
    await context.close();
  }
}
