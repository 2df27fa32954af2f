import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateBackend, probeBackends } from '../../src/engine/backend';
import { parseAug } from '../../src/engine/data/augSpec';
import { customDataset } from '../../src/engine/data/custom';
import { parseMnistAsset } from '../../src/engine/data/mnist';
import { parsePoints } from '../../src/engine/data/ownPoints';
import { parseConv } from '../../src/engine/model/convSpec';
import { CNN_WASM_REASON } from '../../src/engine/model/spec';
import { TrainingSession } from '../../src/engine/train/session';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { FromWorker } from '../../src/protocol/messages';
import { augExperimentRefusal, observeArm, type AugExperimentRunning, type ObservedRun } from '../../src/state/augExperiment';
import { pinRefusal } from '../../src/state/pins';
import { startingJob } from '../../src/state/regularisation';
import { createAppStore } from '../../src/state/store';
import { defaultConfig, parseHash, parseLayers } from '../../src/state/urlCodec';
import { translator } from '../../src/ui/i18n';
import { RUNTIME_PATTERNS, translateRuntime } from '../../src/ui/i18n/runtime';
import { ProgressThrottle } from '../../src/worker/jobs';
import { all, setup, until } from '../worker/harness';

const en = translator('en');
const zh = translator('zh');

/**
 * Every message must be matched by the patterns all the way down (no miss),
 * come back unchanged through the English catalogue (so a pattern and its
 * English template agree), and come out different in Chinese.
 */
function expectCovered(texts: readonly string[]): void {
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    const misses: string[] = [];
    const chinese = translateRuntime(zh, text, misses);
    expect(misses, `untranslated parts of ${JSON.stringify(text)}`).toEqual([]);
    expect(translateRuntime(en, text), 'the English catalogue gives the text back').toBe(text);
    expect(chinese, `${JSON.stringify(text)} in Chinese`).not.toBe(text);
    expect(chinese, 'a Chinese text').toMatch(/[\u4e00-\u9fff]/);
  }
}

/** The fixed words of a producer's template are in its source (for messages a test cannot make cheaply). */
function inSource(path: string, fragment: string): void {
  expect(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'), `${path} still says ${fragment}`).toContain(fragment);
}

const reasons = (hash: string): string[] => parseHash(hash).rejected.map((r) => r.reason);
const reasonOf = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): string => (r.ok ? '' : r.reason);

describe('runtime messages: the URL codec', () => {
  it('every reason of a hostile link translates, wrapper and inner reason alike', () => {
    const texts = [
      ...reasons('%E0%A4%A=1&bogus=1&dataset=xor&dataset=spiral&noise&lr=%E0%A4%A&layers=-1,1e9&act=<img>'),
      ...reasons('noise=-5&split=500&lr=NaN&batch=2.5&seed=&threshold=Infinity&keep=0&pool=3&prox=1e400'),
      ...reasons('aug=rotate:999,zoom:2&conv=0:3&layers=1,2,3,4,5,6,7,8,9&pts=0.5,0.5,0;9,9,1'),
      ...reasons('aug=bogus&conv=&lesson=nope&lang=fr&present=7&hide=lr,bogus&lock=a,b,c,d'),
      ...reasons('aug=flip:1&conv=32:3,32:3,32:3,32:3,32:3&pts=1,2'),
      ...reasons('aug=rotate&conv=64:7,64:7,64:7&pts=a,b,0'),
      ...reasons('aug=rotate:5,rotate:6&conv=32:9&pts=0,0,5'),
      ...reasons('aug=noise:1e999&conv=32:3:9&dataset=custom&pts=1,1e999,0'),
      ...reasons('aug=flip,,rotate:5&conv=32:3,bad&hide=x,y'),
    ];
    expect(texts.length).toBeGreaterThanOrEqual(30);
    expectCovered(texts);
    // The clamped value and the default stay as they were written.
    expect(translateRuntime(zh, 'below the minimum 0; clamped to 0')).toBe('小于最小值 0；已限制为 0');
    expect(translateRuntime(zh, 'not a number; using the default 0.03')).toBe('不是数字；改用默认值 0.03');
    expect(translateRuntime(zh, 'no value; using the default (none)')).toBe('没有值；改用默认值 （无）');
  });

  it('the parsers behind the text fields', () => {
    expectCovered([
      reasonOf(parseLayers('1,x')),
      reasonOf(parseLayers('0')),
      reasonOf(parseLayers('1,1,1,1,1,1,1,1,1')),
      reasonOf(parseConv('')),
      reasonOf(parseConv('32:3,64:3,64:3,64:3,64:3')),
      reasonOf(parseConv('32:x')),
      reasonOf(parseConv('999:3')),
      reasonOf(parseConv('32:99')),
      reasonOf(parseConv('32:3:9')),
      reasonOf(parseConv('32:7,32:7,32:7')),
      ...[parseAug('rotate:200,shift:0.9'), parseAug('x'), parseAug('flip,flip'), parseAug('rotate'), parseAug('flip:2'), parseAug(',')].map((r) => (r.ok ? '' : r.reason)),
      ...[parsePoints('1,2'), parsePoints('x,0,0'), parsePoints('0,0,2'), parsePoints('5,0,0')].map((r) => (r.ok ? '' : r.reason)),
    ]);
  });
});

describe('runtime messages: the store', () => {
  const config: ExperimentConfig = { ...defaultConfig(), dataset: 'mnist', aug: 'rotate:15' };
  const exp: AugExperimentRunning = {
    status: 'running',
    arm: 0,
    runId: 2,
    aug: 'rotate:15',
    budget: 100,
    step: 0,
    target: 10,
    trained: true,
    config: { ...config, aug: '' },
    noneAccuracy: null,
    pinIds: [],
  };
  const run = (patch: Partial<ObservedRun>): ObservedRun => ({ runId: 2, phase: 'training', step: 0, playing: false, testAccuracy: null, message: null, ...patch });
  const abort = (patch: Partial<ObservedRun>, cfg: ExperimentConfig = exp.config): string => {
    const event = observeArm(exp, run(patch), cfg);
    if (event.kind !== 'abort') throw new Error(`expected an abort, got ${event.kind}`);
    return event.reason;
  };

  it('pins, the augmentation experiment and the job slice', () => {
    expectCovered([
      pinRefusal(0, 0)!,
      pinRefusal(4, 10)!,
      augExperimentRefusal({ ...config, dataset: 'circle' }, 0, false)!,
      augExperimentRefusal({ ...config, aug: '' }, 0, false)!,
      augExperimentRefusal(config, 3, false)!,
      augExperimentRefusal(config, 0, true)!,
      abort({ runId: 3 }),
      abort({}, { ...exp.config, lr: 0.5, batch: 7 }),
      abort({ playing: true }),
      abort({ phase: 'diverged' }),
      abort({ phase: 'error', message: 'The training worker failed: boom' }),
      abort({ phase: 'diverged', message: 'The loss became NaN or infinite. Try a lower learning rate, then press play to restart from the seed.' }),
      abort({ phase: 'paused', step: 100 }),
      abort({ phase: 'paused', step: 30 }),
      startingJob('lambdaSweep').label,
    ]);
    // A message inside a refusal is translated when it is a known one.
    expect(translateRuntime(zh, abort({ phase: 'diverged', message: 'The loss became NaN or infinite. Try a lower learning rate, then press play to restart from the seed.' }))).toMatch(/^已停止：运行发散了（损失变成了 NaN/);
  });

  it('"Cancelling…" as the store sets it', () => {
    const store = createAppStore({ ...defaultConfig(), backend: 'cpu' });
    store.getState().lambdaSweep();
    store.getState().cancelJob();
    expectCovered([store.getState().regularisation.job!.label]);
  });
});

describe('runtime messages: engine errors', () => {
  it('backends that cannot start in Node, and the list when none can', async () => {
    const errors: string[] = [];
    for (const b of ['webgpu', 'webgl'] as const) await activateBackend(b).catch((e: Error) => errors.push(e.message));
    const none = await probeBackends(['webgpu', 'webgl'], () => Promise.resolve(1)).catch((e: Error) => e.message);
    await activateBackend('cpu');
    expect(errors).toHaveLength(2);
    expectCovered([...errors, String(none), CNN_WASM_REASON]);
    expect(translateRuntime(zh, String(none))).toBe('没有可用的后端：webgpu：WebGPU 不可用：没有 navigator.gpu；webgl：WebGL 不可用：tfjs 只在浏览器页面或 Worker 中注册它');
  });

  it('a malformed MNIST asset, too few own points', () => {
    const thrown = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('did not throw');
    };
    const asset = (bytes: number[], length: number): ArrayBuffer => {
      const buf = new Uint8Array(length);
      buf.set(bytes);
      return buf.buffer;
    };
    expectCovered([
      thrown(() => parseMnistAsset(new ArrayBuffer(3))),
      thrown(() => parseMnistAsset(asset([60, 104, 116, 109, 108, 62], 64))),
      thrown(() => customDataset([{ x: 0, y: 0, label: 0 }], 0, 50, 1)),
    ]);
  });

  it('fixed texts of producers a unit test cannot reach cheaply (their sources still say them)', () => {
    const samples: [string, string, string][] = [
      ['src/worker/host.ts', 'Loading 10,000 MNIST digits…', 'Loading 10,000 MNIST digits…'],
      ['src/worker/host.ts', 'Measuring which backend trains this model fastest… (', 'Measuring which backend trains this model fastest… (webgl)'],
      ['src/worker/host.ts', 'No network to load the weights into: the run failed to build.', 'No network to load the weights into: the run failed to build.'],
      ['src/worker/host.ts', 'The imported weights do not fit this network: ', 'The imported weights do not fit this network: setWeights: got 2 layers, the model has 3'],
      ['src/worker/host.ts', 'No network to sweep: the run failed to build or diverged.', 'No network to sweep: the run failed to build or diverged.'],
      ['src/worker/host.ts', 'No network to compact: the run failed to build or diverged.', 'No network to compact: the run failed to build or diverged.'],
      ['src/worker/host.ts', 'No network to run it on: the run failed to build or diverged.', 'No network to run it on: the run failed to build or diverged.'],
      ['src/worker/host.ts', "'the network was rebuilt'", 'the network was rebuilt'],
      ['src/worker/builder.ts', 'No backend left to fall back to after ', 'No backend left to fall back to after webgl (wasm: WASM is not available: WebAssembly is missing; cpu: CPU: tf.setBackend refused it)'],
      ['src/worker/builder.ts', 'No backend left to fall back to after ', 'No backend left to fall back to after cpu'],
      ['src/engine/backend.ts', 'WebGPU: no GPU adapter (requestAdapter() returned null)', 'WebGPU: no GPU adapter (requestAdapter() returned null)'],
      ['src/engine/backend.ts', 'WebGL: could not create a context (WebGL2 is needed in a worker)', 'WebGL: could not create a context (WebGL2 is needed in a worker)'],
      ['src/engine/backend.ts', 'WASM failed earlier in this page and cannot be retried without a reload: ', 'WASM failed earlier in this page and cannot be retried without a reload: fetch failed'],
      ['src/engine/backend.ts', 'is not available in this context (no tfjs registration)', 'WebGPU is not available in this context (no tfjs registration)'],
      ['src/engine/backend.ts', ': initialisation failed: ', 'WASM: initialisation failed: no answer after 20 s'],
      ['src/engine/backend.ts', ': tf.setBackend refused it', 'WebGL: tf.setBackend refused it'],
      ['src/engine/data/mnist.ts', 'Could not load MNIST from ', 'Could not load MNIST from http://localhost/data/mnist-10k.bin: HTTP 404 Not Found'],
      ['src/engine/data/mnist.ts', 'MNIST needs ', 'MNIST needs 10000 images, the asset holds 5'],
      ['src/engine/data/mnist.ts', 'label ${labels[i]} at index ${i} is not a digit 0–9', 'MNIST asset is malformed: label 12 at index 4 is not a digit 0–9'],
      ['src/engine/data/mnist.ts', 'images, expected ${expected}', 'MNIST asset is malformed: 100 bytes for 10000 images, expected 7850016'],
      ['src/state/bridge.ts', 'The training worker failed: ', 'The training worker failed: Uncaught RangeError: out of memory'],
      ['src/worker/pruning.ts', "'Lottery finished.'", 'Lottery finished.'],
    ];
    for (const [path, fragment] of samples) inSource(path, fragment);
    // The browser's own fetch errors (Chromium, Firefox, Safari).
    expectCovered([...samples.map(([, , text]) => text), 'Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']);
  });
});

describe('runtime messages: the worker (real runs in Node)', () => {
  const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', layers: [4] };
  beforeAll(async () => {
    await activateBackend('cpu');
  });
  afterEach(() => vi.restoreAllMocks());

  async function settled(host: ReturnType<typeof setup>['host'], got: FromWorker[], config: ExperimentConfig, runId: number): Promise<void> {
    host.handle({ type: 'configure', runId, config });
    await until(() => got.some((m) => m.runId === runId && m.type === 'phase' && m.phase === 'paused'));
  }
  const jobEnded = (got: FromWorker[], from: number) => all(got, 'job', from).some((m) => m.finished === true || m.cancelled === true);

  it('phases, job labels, cancel reasons, a backend fallback and its notice', { timeout: 60_000 }, async () => {
    // Every progress label the jobs make, also those the throttle holds back.
    const reported: string[] = [];
    const report = ProgressThrottle.prototype.report;
    vi.spyOn(ProgressThrottle.prototype, 'report').mockImplementation(function (this: ProgressThrottle, p, unit) {
      reported.push(p.label);
      report.call(this, p, unit);
    });
    const { host, got } = setup();
    // A backend that cannot start in Node: the worker falls back and says why.
    await settled(host, got, { ...CIRCLE, backend: 'webgl' }, 1);
    // The lottery, to its summary.
    await settled(host, got, { ...CIRCLE, lottery: 'rewind', lt_steps: 10, lt_rounds: 1 }, 2);
    host.handle({ type: 'play', runId: 2 });
    await until(() => all(got, 'lottery').some((m) => m.runId === 2 && m.done) && all(got, 'phase').at(-1)?.phase === 'paused');
    // A λ sweep to its end, one cancelled by a new run, one failed.
    const sweep: ExperimentConfig = { ...CIRCLE, cv_k: 2, cv_steps: 10, cv_points: 2 };
    await settled(host, got, sweep, 3);
    let from = got.length;
    host.handle({ type: 'lambdaSweep', runId: 3 });
    await until(() => jobEnded(got, from));
    from = got.length;
    host.handle({ type: 'lambdaSweep', runId: 3 });
    host.handle({ type: 'step', runId: 3, steps: 1 });
    await until(() => jobEnded(got, from));
    from = got.length;
    host.handle({ type: 'lambdaSweep', runId: 3 });
    host.handle({ type: 'cancelJob', runId: 3 });
    await until(() => jobEnded(got, from));
    from = got.length;
    vi.spyOn(TrainingSession.prototype, 'evaluateTrain').mockRejectedValue(new Error('Every λ diverged (validation loss NaN or infinite): lower the learning rate.'));
    host.handle({ type: 'lambdaSweep', runId: 3 });
    await until(() => jobEnded(got, from));
    vi.mocked(TrainingSession.prototype.evaluateTrain).mockRestore();
    // Regularise-then-prune, with and without a λ set.
    for (const [runId, l2] of [
      [4, 0],
      [5, 0.01],
    ] as const) {
      await settled(host, got, { ...CIRCLE, l2, rp_steps: 10, rp_tune: 2 }, runId);
      from = got.length;
      host.handle({ type: 'regPrune', runId });
      await until(() => jobEnded(got, from));
    }
    from = got.length;
    host.handle({ type: 'regPrune', runId: 5 });
    host.handle({ type: 'configure', runId: 6, config: { ...CIRCLE, seed: 9 } });
    await until(() => jobEnded(got, from));

    const phaseMessages = all(got, 'phase').flatMap((m) => (m.message === undefined ? [] : [m.message]));
    const labels = [...new Set([...all(got, 'job').map((m) => m.label), ...reported])];
    const backend = all(got, 'backend').find((m) => m.fallbackFrom !== undefined)!;
    const store = createAppStore({ ...defaultConfig(), backend: 'webgl' });
    store.getState().receive({ ...backend, runId: store.getState().run.runId });
    const notice = store.getState().run.backendNotice!;

    expect(phaseMessages.some((m) => m.startsWith('Lottery finished:'))).toBe(true);
    expect(labels).toEqual(expect.arrayContaining(['Done', 'training resumed', 'Cancelled', 'a new run started']));
    expect(labels.some((l) => l.startsWith('Failed: '))).toBe(true);
    expect(labels.some((l) => l.includes('no λ set'))).toBe(true);
    expect(labels.some((l) => l.includes('fine-tuning step'))).toBe(true);
    expect(labels.some((l) => /fold \d+\/2, step/.test(l))).toBe(true);
    expectCovered([...phaseMessages, ...labels, backend.reason!, notice]);
    expect(translateRuntime(zh, notice)).toBe(`webgl 出错：WebGL 不可用：tfjs 只在浏览器页面或 Worker 中注册它。现在改用 ${backend.backend} 训练。`);
  });
});

describe('runtime patterns', () => {
  it("each pattern's groups are its key's placeholders, in both catalogues", () => {
    for (const p of RUNTIME_PATTERNS) {
      const groups = [...p.re.source.matchAll(/\(\?<(\w+)>/g)].map((m) => m[1]).sort();
      for (const lang of [en, zh]) {
        const template = lang(p.key);
        const placeholders = [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
        expect(placeholders, `${p.key} (${p.re.source})`).toEqual([...new Set(groups)]);
      }
      for (const name of [...(p.nested ?? []), ...(p.loose ?? [])]) expect(groups, `${p.key} translates ${name}`).toContain(name);
    }
  });

  it('a text no pattern knows comes back as it is, and is reported', () => {
    const misses: string[] = [];
    expect(translateRuntime(zh, 'something new went wrong', misses)).toBe('something new went wrong');
    expect(misses).toEqual(['something new went wrong']);
  });
});
