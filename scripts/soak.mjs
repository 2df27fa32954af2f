#!/usr/bin/env node
/**
 * `npm run soak`: trains MNIST LeNet-300-100 for SOAK_MINUTES (default 10) in
 * headless Chromium with the charts and the weight heatmaps on screen, and
 * checks that nothing grows: the training worker's tensors, the page's and the
 * worker's JS heaps, and the training rate. Not part of `npm test` (it takes
 * as long as it says). See bench/README.md, "Soak".
 *
 * Every SAMPLE_S seconds it records the step, steps/s (step delta over the
 * interval; the header's own figure beside it), the worker's tf.memory()
 * tensor count, the page's and the worker's used JS heap after a forced
 * garbage collection, and the longest main-thread task of the interval (Long
 * Tasks API). It prints a table, writes bench/results/soak-latest.json and
 * exits 1 unless:
 *   - tensors: max − min ≤ 2 over the samples after the first minute;
 *   - heap: page and worker heap in the last minute ≤ 1.25 × their heap in
 *     minute 2 (medians of the samples: one reading after a GC moves by ±2 MB);
 *   - rate: mean steps/s over the last minute within 15 % of the second minute's.
 *
 * Env: SOAK_MINUTES (default 10; at least 2), SOAK_BACKEND (default auto),
 * SOAK_OUT (the JSON's path), CHROMIUM_PATH. Flags: --dist=path (a build other than dist/).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort, serveStatic } from '../bench/serve.mjs';
import { CHROMIUM_ARGS, WEBGPU_ARGS, findChromium } from './chromium-path.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE_S = 10;
/** Tensors may differ by this much between samples (one in flight in a burst, say), never more. */
const TENSOR_SLACK = 2;
/**
 * Heap at the end over heap at minute 2. The chart buffer is capped (series.ts,
 * 400 points), snapshots and views replace their predecessors, so a healthy run
 * holds a flat heap apart from GC noise (a few %) and V8 compiling more code as
 * functions get hot (a few hundred kB). A leak of anything per step, per
 * snapshot or per metrics message (several a second for 8 minutes) passes 25 % fast:
 * one LeNet snapshot is ~1 MB.
 */
const HEAP_RATIO = 1.25;
/** Last minute's steps/s within this fraction of the second minute's. */
const RATE_TOLERANCE = 0.15;

const log = (...a) => console.log('[soak]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function options() {
  const flags = Object.fromEntries(
    process.argv
      .slice(2)
      .filter((a) => a.startsWith('--'))
      .map((a) => {
        const [k, v] = a.slice(2).split('=');
        return [k, v ?? 'true'];
      }),
  );
  const minutes = Number(process.env.SOAK_MINUTES ?? 10);
  if (!(minutes >= 2)) throw new Error(`SOAK_MINUTES must be at least 2 (got ${process.env.SOAK_MINUTES})`);
  return {
    minutes,
    backend: process.env.SOAK_BACKEND ?? 'auto',
    dist: resolve(ROOT, flags.dist ?? 'dist'),
    out: process.env.SOAK_OUT ?? join(ROOT, 'bench', 'results', 'soak-latest.json'),
  };
}

/** Runs in the page before its scripts: every main-thread task over 50 ms, in `window.__longTasks`. */
function recordLongTasks() {
  const w = /** @type {any} */ (window);
  w.__longTasks = [];
  w.__gcWindows = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Sums a heap snapshot's node self sizes into compiled code (bytecode, machine code, their metadata) and the rest, bytes. */
function snapshotSizes(json) {
  const snap = JSON.parse(json);
  const fields = snap.snapshot.meta.node_fields;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const codeType = snap.snapshot.meta.node_types[0].indexOf('code');
  let data = 0;
  let code = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    if (snap.nodes[i + typeAt] === codeType) code += snap.nodes[i + sizeAt];
    else data += snap.nodes[i + sizeAt];
  }
  return { data, code };
}

/** The page's heap split by a heap snapshot (after a full garbage collection). */
async function pageSnapshot(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return snapshotSizes(chunks.join(''));
}

/**
 * The training worker's DevTools target, reached through the page's session
 * (non-flat auto-attach: its messages travel wrapped in Target.sendMessageToTarget).
 * Set up before the page loads so the worker is reported when it starts.
 */
async function attachWorkerHeap(cdp) {
  let sessionId = null;
  let nextId = 1;
  const pending = new Map();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker' && e.targetInfo.title === 'training') sessionId = e.sessionId;
  });
  let chunks = [];
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message);
    if (msg.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(msg.params.chunk);
    if (msg.id === undefined || !pending.has(msg.id)) return;
    pending.get(msg.id)(msg.result);
    pending.delete(msg.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const call = (method, params = {}) => {
    if (sessionId === null) throw new Error('the training worker target was not attached');
    const id = nextId++;
    return new Promise((res) => {
      pending.set(id, res);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  };
  return {
    /** Used JS heap of the worker after a full garbage collection, bytes. */
    async used() {
      await call('HeapProfiler.collectGarbage');
      return (await call('Runtime.getHeapUsage')).usedSize;
    },
    /** The worker's heap split by a heap snapshot. */
    async snapshot() {
      chunks = [];
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      return snapshotSizes(chunks.join(''));
    },
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const mb = (n) => fmt(n / 1e6, 2);

/** Steps/s over [fromS, toS) of elapsed time, from the samples' step counts (interpolated at the ends' nearest samples). */
function rateBetween(samples, fromS, toS) {
  const inside = samples.filter((s) => s.t >= fromS - 1e-6 && s.t <= toS + 1e-6);
  if (inside.length < 2) return Number.NaN;
  const a = inside[0];
  const b = inside[inside.length - 1];
  return (b.step - a.step) / (b.t - a.t);
}

async function main() {
  const opts = options();
  if (!existsSync(join(opts.dist, 'index.html'))) {
    console.error(`soak: ${opts.dist}/index.html missing; run \`npm run soak\` (it builds first) or \`npx vite build\`.`);
    process.exit(1);
  }
  const found = findChromium();
  if (!found.path) {
    console.error(`soak: no Chromium (${found.source}). Run \`node scripts/ensure-chromium.mjs\` or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  const port = await freePort();
  const server = await serveStatic(opts.dist, port);
  const browser = await chromium.launch({
    executablePath: found.path,
    headless: true,
    args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  const load1Start = os.loadavg()[0];
  log(`Chromium ${browser.version()} (${found.path}); ${opts.minutes} min of MNIST LeNet-300-100 on backend=${opts.backend}; 1-min load ${load1Start.toFixed(1)} on ${os.cpus().length} cores`);
  const problems = [];
  const samples = [];
  /** Heap snapshots split into code and the rest, at minute 2 and at the end. */
  const splits = [];
  let shownBackend = null;
  try {
    // A tall window: the loss and accuracy charts and the weight heatmaps are all on screen (canvases draw only while visible).
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon\.ico/.test(m.text())) problems.push(`console error: ${m.text()}`);
    });
    await page.addInitScript(recordLongTasks);
    const cdp = await context.newCDPSession(page);
    const workerHeap = await attachWorkerHeap(cdp);
    const workerStarted = page.waitForEvent('worker');
    await page.goto(`http://127.0.0.1:${port}/#dataset=mnist&layers=300,100&batch=128&act=relu&lr=0.001&backend=${opts.backend}`);
    const worker = await workerStarted;
    const attr = (id) => page.getByTestId(id).getAttribute('data-value', { timeout: 10_000 });
    await page.getByTestId('btn-play').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-params"]')?.getAttribute('data-value')) > 0, undefined, { timeout: 120_000 });
    await page.getByTestId('heatmaps-card').waitFor({ timeout: 30_000 });
    await page.getByTestId('btn-play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]')?.getAttribute('data-value')) >= 1, undefined, { timeout: 180_000 });
    shownBackend = await attr('metric-backend');
    log(`training on ${shownBackend}`);
    // The first snapshot and evaluation fill the views: size the window to the whole page now, so every chart and heatmap is on screen.
    const height = await page.evaluate(() => Math.min(8000, document.documentElement.scrollHeight + 100));
    await page.setViewportSize({ width: 1400, height });
    await page.getByTestId('heatmap-layer-0').waitFor({ timeout: 30_000 });
    const visible = await page.evaluate(() =>
      ['chart-loss', 'chart-accuracy', 'heatmaps-card', 'heatmap-layer-0'].map((id) => {
        const r = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
        return [id, r !== undefined && r.height > 0 && r.bottom <= innerHeight];
      }),
    );
    log(`viewport 1400×${height}; on screen: ${visible.map(([id, ok]) => `${id} ${ok ? 'yes' : 'NO'}`).join(', ')}`);
    for (const [id, ok] of visible) if (!ok) problems.push(`${id} is not on screen`);


    const header = `${'t s'.padStart(5)} ${'step'.padStart(7)} ${'st/s'.padStart(7)} ${'shown'.padStart(7)} ${'tensors'.padStart(8)} ${'page MB'.padStart(8)} ${'worker MB'.padStart(9)} ${'max task'.padStart(9)} ${'load1'.padStart(6)}`;
    console.log(header);
    const t0 = Date.now();
    const end = t0 + opts.minutes * 60_000;
    let last = null;
    for (let k = 0; ; k++) {
      const due = t0 + k * SAMPLE_S * 1000;
      if (due > end + 1) break;
      await sleep(Math.max(0, due - Date.now()));
      // The step first (it is what the rate is computed from), then the costlier readings.
      const t = (Date.now() - t0) / 1000;
      const step = Number(await attr('metric-step'));
      const shownRate = Number(await attr('metric-steps-per-sec'));
      // The longest task the app ran: tasks that overlap this script's own forced garbage collections are left out.
      const maxTaskMs = await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        const ours = (/** @type {{start: number, duration: number}} */ task) =>
          w.__gcWindows.some((/** @type {number[]} */ [a, b]) => task.start < b && task.start + task.duration > a);
        const kept = w.__longTasks.filter((/** @type {any} */ task) => !ours(task));
        w.__longTasks = [];
        return kept.reduce((/** @type {number} */ m, /** @type {any} */ task) => Math.max(m, task.duration), 0);
      });
      const gcStart = await page.evaluate(() => performance.now());
      const { numTensors } = await worker.evaluate(() => /** @type {any} */ (self).__playground.memory());
      const pageHeapApi = await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        w.gc();
        return performance.memory.usedJSHeapSize;
      });
      await cdp.send('HeapProfiler.collectGarbage');
      const pageHeap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      const workerHeapUsed = await workerHeap.used();
      const rate = last === null ? Number.NaN : (step - last.step) / (t - last.t);
      const sample = { t, step, stepsPerSecond: rate, shownStepsPerSecond: shownRate, numTensors, pageHeap, pageHeapApi, workerHeap: workerHeapUsed, maxTaskMs, load1: os.loadavg()[0] };
      samples.push(sample);
      last = sample;
      // The heaps split into compiled code and the rest, at minute 2 and at the end (after this interval's readings).
      if (Math.abs(t - 120) < SAMPLE_S / 2 || due + SAMPLE_S * 1000 > end + 1) splits.push({ t, page: await pageSnapshot(cdp), worker: await workerHeap.snapshot() });
      // Everything since gcStart (collections, heap snapshots) is this script's work on the main thread, not the app's.
      await page.evaluate((start) => {
        const w = /** @type {any} */ (window);
        w.__gcWindows.push([start, performance.now()]);
      }, gcStart);
      console.log(
        `${fmt(t, 0).padStart(5)} ${String(step).padStart(7)} ${fmt(rate).padStart(7)} ${fmt(shownRate).padStart(7)} ${String(numTensors).padStart(8)} ${mb(pageHeap).padStart(8)} ${mb(workerHeapUsed).padStart(9)} ${fmt(maxTaskMs, 0).padStart(9)} ${fmt(sample.load1).padStart(6)}`,
      );
    }
    if ((await page.getByTestId('btn-play').getAttribute('data-state')) !== 'playing') problems.push('the app stopped playing during the soak');
  } catch (e) {
    problems.push(`soak failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  } finally {
    await browser.close();
    await server.close();
  }

  // Verdicts.
  const T = opts.minutes * 60;
  const afterFirst = samples.filter((s) => s.t >= 60 - 1e-6);
  const tensors = afterFirst.map((s) => s.numTensors);
  const tensorSpread = tensors.length > 0 ? Math.max(...tensors) - Math.min(...tensors) : Number.NaN;
  // Heaps after a forced GC still move by ±2 MB between samples (what is in flight at that moment): compare the medians of a minute's samples.
  const inWindow = (fromS, toS) => samples.filter((s) => s.t >= fromS - 1e-6 && s.t <= toS + 1e-6);
  const minute2 = inWindow(60, 120);
  const lastMinute = inWindow(T - 60, T);
  const heapAt = (which, key) => median(which.map((s) => s[key]));
  const pageRatio = heapAt(lastMinute, 'pageHeap') / heapAt(minute2, 'pageHeap');
  const workerRatio = heapAt(lastMinute, 'workerHeap') / heapAt(minute2, 'workerHeap');
  const rateSecond = rateBetween(samples, 60, 120);
  const rateLast = rateBetween(samples, T - 60, T);
  const rateChange = rateLast / rateSecond - 1;
  const maxTaskMs = samples.reduce((m, s) => Math.max(m, s.maxTaskMs), 0);
  const checks = [
    { name: `tensors max − min ≤ ${TENSOR_SLACK} after the first minute`, value: tensorSpread, pass: tensorSpread <= TENSOR_SLACK },
    { name: `page heap, last minute / minute 2 (medians) ≤ ${HEAP_RATIO}`, value: pageRatio, pass: pageRatio <= HEAP_RATIO },
    { name: `worker heap, last minute / minute 2 (medians) ≤ ${HEAP_RATIO}`, value: workerRatio, pass: workerRatio <= HEAP_RATIO },
    { name: `steps/s last minute within ${RATE_TOLERANCE * 100} % of the second`, value: rateChange, pass: Math.abs(rateChange) <= RATE_TOLERANCE },
    { name: 'no page error, console error or stop', value: problems.length, pass: problems.length === 0 },
  ];
  console.log('');
  log(`steps/s: second minute ${fmt(rateSecond)}, last minute ${fmt(rateLast)} (${fmt(rateChange * 100)} %); tensors ${Math.min(...tensors)}–${Math.max(...tensors)}; ` +
    `page heap ${mb(heapAt(minute2, 'pageHeap'))} → ${mb(heapAt(lastMinute, 'pageHeap'))} MB (×${fmt(pageRatio, 3)}); ` +
    `worker heap ${mb(heapAt(minute2, 'workerHeap'))} → ${mb(heapAt(lastMinute, 'workerHeap'))} MB (×${fmt(workerRatio, 3)}); longest task ${fmt(maxTaskMs, 0)} ms`);
  for (const split of splits) {
    log(`t=${fmt(split.t, 0)} s heap snapshots: page ${mb(split.page.data)} MB data + ${mb(split.page.code)} MB compiled code; worker ${mb(split.worker.data)} MB + ${mb(split.worker.code)} MB`);
  }
  for (const c of checks) log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name} (${typeof c.value === 'number' ? fmt(c.value, 3) : c.value})`);
  for (const p of problems) log(p);
  const load1End = os.loadavg()[0];
  if (Math.max(load1Start, load1End) > 0.75 * os.cpus().length) log(`warning: the machine was busy (1-min load ${load1Start.toFixed(1)} → ${load1End.toFixed(1)} on ${os.cpus().length} cores); the rate figures are not worth quoting.`);

  const result = {
    date: new Date().toISOString(),
    minutes: opts.minutes,
    backendAsked: opts.backend,
    backend: shownBackend,
    chromium: found.path,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 1e9), load1Start, load1End },
    bounds: { tensorSlack: TENSOR_SLACK, heapRatio: HEAP_RATIO, rateTolerance: RATE_TOLERANCE },
    summary: { rateSecondMinute: rateSecond, rateLastMinute: rateLast, rateChange, tensorSpread, pageHeapRatio: pageRatio, workerHeapRatio: workerRatio, maxTaskMs },
    heapSplits: splits,
    checks,
    problems,
    samples,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${opts.out}`);
  process.exit(checks.every((c) => c.pass) ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
