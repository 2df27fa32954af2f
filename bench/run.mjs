#!/usr/bin/env node
/**
 * `npm run bench`: how fast does the app train, next to a bare tfjs loop and next
 * to the hardware, on every backend that initialises? See bench/README.md.
 *
 * Needs a production build in dist/ (the npm script builds first). Serves it with
 * a small static server (bench/serve.mjs) on a free port, drives headless Chromium, prints a table and
 * writes bench/results/latest.json.
 *
 * Options: --cases=mnist-lenet,circle-8-8  --backends=wasm,cpu  --window=8000 (ms)
 *          --quick (short windows, for trying the harness)  --out=path.json
 *          --dist=path (a build other than dist/)  --no-prune (skip the pruning figures)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, WEBGPU_ARGS, findChromium } from '../scripts/chromium-path.mjs';
import { measureApp } from './app-probe.mjs';
import { measurePruning } from './prune-probe.mjs';
import { freePort, serveStatic } from './serve.mjs';
import { BACKENDS, CASES, unsupported } from './cases.mjs';
import { MAIN_THREAD_TARGET_MS, RATIO_TARGET, THETA_TARGET_MS, formatPruningTable, formatTable, verdicts } from './report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = Object.fromEntries(
    argv.filter((a) => a.startsWith('--')).map((a) => {
      const [k, v] = a.slice(2).split('=');
      return [k, v ?? 'true'];
    }),
  );
  const quick = opts.quick === 'true';
  const list = (s, all) => (s ? s.split(',').filter((x) => all.includes(x)) : all);
  return {
    cases: CASES.filter((c) => list(opts.cases, CASES.map((x) => x.id)).includes(c.id)),
    backends: list(opts.backends, BACKENDS),
    windowMs: Number(opts.window ?? (quick ? 3_000 : 10_000)),
    warmUpMs: quick ? 1_000 : 3_000,
    /** The bare loop runs about this long (its step count is sized from the app's rate). */
    bareTargetMs: quick ? 1_500 : 4_000,
    matmulSize: 1024,
    out: opts.out ?? join(ROOT, 'bench', 'results', 'latest.json'),
    dist: resolve(ROOT, opts.dist ?? 'dist'),
    prune: opts['no-prune'] !== 'true',
    /** Extra Chromium flags, space-separated (e.g. to run WebGL/WebGPU on a real GPU; see bench/README.md). */
    chromiumArgs: (process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean),
    /** Training before the pruning figures are taken, ms. */
    pruneTrainMs: quick ? 2_000 : 5_000,
  };
}

/** Matmul repetitions per backend: about a second of work each on this kind of machine. */
const MATMUL_REPS = { webgpu: 2, webgl: 6, wasm: 16, cpu: 1 };

/** Bare-loop repetitions per row (their mean is reported). */
const BARE_RUNS = 2;

/** Bare-loop steps when the app gave no rate to size them by. */
const FALLBACK_BARE_STEPS = { 'mnist-lenet': 20, 'mnist-cnn': 5, 'circle-8-8': 500 };

const log = (...a) => console.log('[bench]', ...a);

/** A 1-minute load average above this many runnable processes per core means other work competes with the bench. */
const BUSY_LOAD = 0.75;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(opts.dist, 'index.html')) || !existsSync(join(opts.dist, 'bench.html'))) {
    console.error(`bench: ${opts.dist}/index.html or bench.html missing; run \`npm run bench\` (it builds first) or \`npx vite build\`.`);
    process.exit(1);
  }
  const found = findChromium();
  if (!found.path) {
    console.error(`bench: no Chromium (${found.source}). Run \`node scripts/ensure-chromium.mjs\` or set CHROMIUM_PATH.`);
    process.exit(1);
  }

  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  if (loadAtStart > BUSY_LOAD * os.cpus().length) {
    log(`warning: the machine is busy (1-min load ${loadAtStart.toFixed(1)} on ${os.cpus().length} cores); figures will be noisy.`);
  }
  const port = await freePort();
  const server = await serveStatic(opts.dist, port);
  const baseUrl = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({ executablePath: found.path, headless: true, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS, ...opts.chromiumArgs] });
  log(`Chromium ${browser.version()} (${found.path}), serving ${opts.dist} at ${baseUrl}`);

  const benchContext = await browser.newContext({ serviceWorkers: 'block' });
  const benchPage = await benchContext.newPage();
  benchPage.on('pageerror', (e) => log('bench page error:', e.message));
  await benchPage.goto(`${baseUrl}bench.html`);
  await benchPage.waitForFunction(() => 'bench' in window, null, { timeout: 30_000 });
  const environment = await benchPage.evaluate(() => window.bench.environment());
  log(`WebGL: ${environment.webglRenderer ?? 'none'}; WebGPU: ${environment.webgpuAdapter ?? 'none'}`);

  // 1. Each backend's ceiling; a backend that cannot even run a matmul is reported and skipped.
  const backends = {};
  for (const backend of opts.backends) {
    const reps = MATMUL_REPS[backend] ?? 2;
    const t = Date.now();
    const result = await benchPage.evaluate(([b, size, r]) => window.bench.matmul(b, size, r), [backend, opts.matmulSize, reps]);
    backends[backend] = result.error ? { error: result.error } : { matmulGflops: result.gflops, size: result.size, reps };
    log(`${backend}: matmul ${opts.matmulSize}³ ${result.error ? `failed: ${result.error}` : `${result.gflops.toFixed(2)} GFLOP/s`} (${Date.now() - t} ms)`);
  }

  // 2. Each case on each working backend: the app's loop, then the bare loop sized to run ~bareTargetMs.
  const rows = [];
  for (const benchCase of opts.cases) {
    for (const backend of opts.backends) {
      const row = { case: benchCase.id, label: benchCase.label, backend, backendMatmulGflops: backends[backend].matmulGflops, load1AtStart: os.loadavg()[0] };
      rows.push(row);
      if (backends[backend].error) {
        row.error = `backend failed to initialise: ${backends[backend].error}`;
        continue;
      }
      const why = unsupported(benchCase, backend);
      if (why) {
        row.error = `skipped: ${why}`;
        log(`${benchCase.id} ${backend}: ${row.error}`);
        continue;
      }
      const t = Date.now();
      try {
        const slow = benchCase.dataset === 'mnist' && (backend === 'cpu' || backend === 'webgpu' || benchCase.arch === 'cnn');
        row.app = await measureApp(browser, baseUrl, benchCase, backend, {
          warmUpMs: opts.warmUpMs,
          warmUpSteps: slow ? 3 : 10,
          windowMs: opts.windowMs,
          firstStepTimeoutMs: 120_000,
        });
        if (row.app.shownBackend !== backend) {
          row.appError = `the app fell back to ${row.app.shownBackend}${row.app.fallbackNotice ? ` (${row.app.fallbackNotice})` : ''}`;
        }
      } catch (e) {
        row.appError = e instanceof Error ? e.message.split('\n')[0] : String(e);
      }
      const rate = row.app?.stepsPerSecond;
      const steps = Number.isFinite(rate) && rate > 0 ? Math.max(5, Math.min(5_000, Math.round((rate * opts.bareTargetMs) / 1000))) : FALLBACK_BARE_STEPS[benchCase.id] ?? 50;
      // Two bare runs, each in a fresh worker: their mean is the reference, their spread shows the noise.
      const bareRuns = [];
      for (let i = 0; i < BARE_RUNS; i++) {
        const bare = await benchPage.evaluate(([c, b, n]) => window.bench.bare(c, b, n), [benchCase, backend, steps]);
        if (bare.error) {
          row.bareError = bare.error;
          break;
        }
        bareRuns.push(bare);
      }
      if (!row.bareError) {
        const rates = bareRuns.map((b) => b.stepsPerSecond);
        row.bare = { ...bareRuns[0], stepsPerSecond: rates.reduce((a, b) => a + b, 0) / rates.length, runs: rates };
        // The app's session alone, the same number of steps: where between the bare loop and the app the time goes.
        const session = await benchPage.evaluate(([c, b, n]) => window.bench.bare(c, b, n, 'session'), [benchCase, backend, steps]);
        if (session.error) row.sessionError = session.error;
        else {
          row.session = { stepsPerSecond: session.stepsPerSecond, steps: session.steps, totalMs: session.totalMs };
          row.sessionRatio = session.stepsPerSecond / row.bare.stepsPerSecond;
        }
      }

      if (row.app && row.bare && !row.appError) {
        row.ratio = row.app.stepsPerSecond / row.bare.stepsPerSecond;
        row.flopsPerStep = row.bare.flopsPerStep;
        row.achievedGflops = (row.bare.flopsPerStep * row.app.stepsPerSecond) / 1e9;
        row.matmulGflops = backends[backend].matmulGflops;
        row.ceilingPercent = (100 * row.achievedGflops) / row.matmulGflops;
        row.verdicts = verdicts(row);
      } else {
        row.error = [row.appError && `app: ${row.appError}`, row.bareError && `bare: ${row.bareError}`].filter(Boolean).join('; ');
      }
      log(
        `${benchCase.id} ${backend}: ` +
          (row.error
            ? `failed: ${row.error}`
            : `app ${row.app.stepsPerSecond.toFixed(1)} st/s, session ${row.session ? row.session.stepsPerSecond.toFixed(1) : '—'} st/s, bare ${row.bare.stepsPerSecond.toFixed(1)} st/s, max task ${row.app.longestTaskMs.toFixed(1)} ms`) +
          ` (${((Date.now() - t) / 1000).toFixed(0)} s)`,
      );
    }
  }

  // 3. Pruning and view figures on each case's fastest backend (by the app's measured steps/s).
  const pruning = [];
  for (const benchCase of opts.prune ? opts.cases : []) {
    const measured = rows.filter((r) => r.case === benchCase.id && !r.error && Number.isFinite(r.app?.stepsPerSecond));
    const fastest = measured.sort((a, b) => b.app.stepsPerSecond - a.app.stepsPerSecond)[0]?.backend ?? opts.backends[opts.backends.length - 1];
    const t = Date.now();
    const entry = { case: benchCase.id, label: benchCase.label, backend: fastest, targetMs: THETA_TARGET_MS[benchCase.id] };
    try {
      Object.assign(entry, await measurePruning(browser, baseUrl, benchCase, fastest, { trainMs: opts.pruneTrainMs }));
      log(
        `${benchCase.id} ${fastest}: θ change → pruned metrics median ${entry.theta.medianMs.toFixed(0)} ms, max ${entry.theta.maxMs.toFixed(0)} ms; ` +
          `inference ${entry.compaction.inferBeforeMs.toFixed(2)} → ${entry.compaction.inferAfterMs.toFixed(2)} ms at keep 0.5; ` +
          `heatmap ${entry.heatmap.shape} drawn ${entry.heatmap.draws}× in median ${entry.heatmap.medianMs.toFixed(1)} ms (${((Date.now() - t) / 1000).toFixed(0)} s)`,
      );
    } catch (e) {
      entry.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
      log(`${benchCase.id} ${fastest}: pruning figures failed: ${entry.error}`);
    }
    pruning.push(entry);
  }

  await browser.close();
  await server.close();

  const result = {
    date: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    chromium: browser.version(),
    chromiumPath: found.path,
    machine: {
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
      /** 1-minute load averages: well above the bench's own ~1–2 means other work competed with it. */
      loadAverageStart: loadAtStart,
      loadAverageEnd: os.loadavg()[0],
    },
    browser: environment,
    targets: { ratioAtLeast: RATIO_TARGET, mainThreadTaskAtMostMs: MAIN_THREAD_TARGET_MS },
    settings: { windowMs: opts.windowMs, warmUpMs: opts.warmUpMs, bareTargetMs: opts.bareTargetMs, matmulSize: opts.matmulSize },
    backends,
    rows,
    pruning,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);

  console.log('');
  console.log(formatTable(rows));
  console.log('');
  console.log(
    `Chromium ${result.chromium} · ${result.machine.cores} cores (${result.machine.cpuModel}) · ${result.machine.memoryGb} GiB · ` +
      `WebGL ${environment.webglRenderer ?? 'none'} · ${result.durationSeconds} s`,
  );
  if (pruning.length > 0) {
    console.log('');
    console.log(formatPruningTable(pruning));
  }
  console.log('');
  console.log(`Targets: app/bare ≥ ${RATIO_TARGET}, longest main-thread task ≤ ${MAIN_THREAD_TARGET_MS} ms, θ change ≤ the case's target. Wrote ${opts.out}`);
  const busiest = Math.max(loadAtStart, ...rows.map((r) => r.load1AtStart), result.machine.loadAverageEnd);
  if (busiest > BUSY_LOAD * os.cpus().length + 2) {
    console.log(`warning: 1-min load reached ${busiest.toFixed(1)} on ${os.cpus().length} cores (the bench itself adds ~2): other work competed; rerun on an idle machine.`);
  }
}

main().catch((e) => {
  console.error('bench failed:', e);
  process.exit(1);
});
