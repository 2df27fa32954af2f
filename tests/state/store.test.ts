import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, MetricPoint, ModelStats, ToWorker } from '../../src/protocol/messages';
import { connectBridge, type WorkerTransport } from '../../src/state/bridge';
import { freshPruning } from '../../src/state/pruning';
import { freshRegularisation } from '../../src/state/regularisation';
import { applyWorkerMessage, freshRun } from '../../src/state/run';
import { SERIES_CAP, appendPoints, emptySeries } from '../../src/state/series';
import { MNIST_PRESET, createAppStore } from '../../src/state/store';
import { CLASSIC_CNN_PRESET, MNIST_CNN_PRESET } from '../../src/state/presets';
import { LESSONS } from '../../src/state/lessons';
import { networkParams, parseHash } from '../../src/state/urlCodec';
import { defaultConfig, formatHash } from '../../src/state/urlCodec';
import { startUrlSync, type UrlHost } from '../../src/state/urlSync';

/** A store plus everything it asked the worker to do. */
function setup() {
  const store = createAppStore();
  const sent: ToWorker[] = [];
  store.onCommand((m) => sent.push(m));
  return { store, sent, s: () => store.getState() };
}

const points = (from: number, to: number, loss = (step: number) => 1 / step): MetricPoint[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ step: from + i, trainLoss: loss(from + i) }));

/** Stats of the default 2-8-8-2 network, dense. */
const MODEL: ModelStats = { hidden: [8, 8], params: 114, flops: 192, bytes: 456, layerTotals: [16, 64, 16], layerZeros: [0, 0, 0], compacted: false, thresholds: [0, 0, 0], fineTuneSteps: 0 };

const metrics = (runId: number, pts: MetricPoint[], step = pts[pts.length - 1]?.step ?? 0): FromWorker => ({
  type: 'metrics',
  runId,
  points: pts,
  step,
  epoch: 0,
  stepsPerSecond: 100,
  model: MODEL,
});

describe('config actions', () => {
  it('a hot change keeps the run and tells the worker under the same runId', () => {
    const { store, sent, s } = setup();
    store.getState().receive(metrics(1, points(1, 5)));
    s().setConfig('lr', 0.1);
    expect(s().config.lr).toBe(0.1);
    expect(s().run.runId).toBe(1);
    expect(s().series.points).toHaveLength(5);
    expect(sent).toEqual([{ type: 'configure', runId: 1, config: { ...defaultConfig(), lr: 0.1 } }]);
  });

  it('a cold change starts a new run: new runId, cleared figures and series, play intent kept', () => {
    const { sent, s } = setup();
    s().play();
    s().receive(metrics(1, points(1, 5)));
    s().receive({ type: 'backend', runId: 1, backend: 'wasm' });
    s().setConfig('layers', [4]);
    expect(s().run).toMatchObject({ runId: 2, step: 0, trainLoss: null, playing: true, backend: 'wasm' });
    expect(s().series.points).toEqual([]);
    expect(sent.at(-1)).toEqual({ type: 'configure', runId: 2, config: { ...defaultConfig(), layers: [4] } });
  });

  it('ignores out-of-bounds values', () => {
    const { sent, s } = setup();
    s().setConfig('lr', Number.NaN);
    s().setConfig('batch', 0);
    s().setConfig('layers', [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s().config).toEqual(defaultConfig());
    expect(sent).toEqual([]);
  });

  it('switching to mnist applies the mnist preset, and back restores the toy defaults', () => {
    const { s } = setup();
    s().setDataset('mnist');
    expect(s().config).toMatchObject({ dataset: 'mnist', ...MNIST_PRESET });
    s().setDataset('spiral');
    expect(s().config).toEqual({ ...defaultConfig(), dataset: 'spiral' });
    s().setConfig('lr', 0.3);
    s().setDataset('xor');
    expect(s().config.lr).toBe(0.3);
  });

  it('choosing CNN on MNIST applies the CNN preset in one change (one new run); MLP gives LeNet-300-100 back', () => {
    const { s, sent } = setup();
    s().setDataset('mnist');
    // The issue's case: LeNet-300-100's 300,100 and batch 128 behind a conv stack were 530k parameters at 0.2–0.3 steps/s.
    s().setConfig('seed', 4);
    sent.length = 0;
    const runId = s().run.runId;
    s().setArch('cnn');
    expect(s().config).toEqual({ ...defaultConfig(), dataset: 'mnist', seed: 4, ...MNIST_CNN_PRESET, layers: [32] });
    expect(networkParams(s().config)).toBe(11_978);
    expect(s().run.runId).toBe(runId + 1);
    expect(sent).toEqual([{ type: 'configure', runId: runId + 1, config: s().config }]);
    // The same as the link #dataset=mnist&arch=cnn (with the seed it names).
    expect(s().config).toEqual(parseHash('#dataset=mnist&arch=cnn&seed=4').config);
    s().setConfig('lr', 0.01);
    s().setArch('mlp');
    expect(s().config).toMatchObject({ dataset: 'mnist', seed: 4, ...MNIST_PRESET, layers: [300, 100] });
    // The conv stack is kept (unused by an MLP); choosing CNN again applies the preset again.
    s().setConfig('lr', 0.02);
    s().setArch('cnn');
    expect(s().config).toMatchObject({ ...MNIST_CNN_PRESET });
    // The same architecture again changes nothing.
    sent.length = 0;
    s().setArch('cnn');
    expect(sent).toEqual([]);
  });

  it('setArch: after the classic CNN, MLP is LeNet-300-100 with no dropout; off MNIST only arch changes', () => {
    const { s } = setup();
    s().setDataset('mnist');
    s().applySeedArticleCnn();
    expect(s().config).toMatchObject({ ...CLASSIC_CNN_PRESET, layers: [128] });
    s().setArch('mlp');
    expect(s().config).toMatchObject({ ...MNIST_PRESET, dropout: 0 });
    const toy = setup();
    toy.s().setArch('cnn');
    expect(toy.s().config).toEqual({ ...defaultConfig(), arch: 'cnn' });
  });

  it('setArch: a locked key keeps its value; a locked arch refuses the change', () => {
    const { s } = setup();
    s().setDataset('mnist');
    s().setPage('lock', ['batch']);
    s().setArch('cnn');
    expect(s().config).toMatchObject({ arch: 'cnn', conv: MNIST_CNN_PRESET.conv, layers: [32], batch: 128 });
    s().setPage('lock', ['arch']);
    s().setArch('mlp');
    expect(s().config.arch).toBe('cnn');
  });

  it('setArch inside the CNN-vs-MLP lesson changes only arch: the lesson compares the networks with all else equal', () => {
    const { s } = setup();
    s().startLesson('cnn-vs-mlp');
    const preset = parseHash(LESSONS.find((l) => l.id === 'cnn-vs-mlp')!.hash).config;
    expect(s().config).toEqual(preset);
    s().setArch('mlp');
    expect(s().config).toEqual({ ...preset, arch: 'mlp' });
    // A lesson that does not name arch among its controls: the preset applies.
    s().startLesson('magnitude');
    s().setArch('cnn');
    expect(s().config).toMatchObject({ ...MNIST_CNN_PRESET });
  });

  it('replaceConfig sets the notice; dismissNotice clears it', () => {
    const { s } = setup();
    s().replaceConfig({ ...defaultConfig(), seed: 9 }, [{ key: 'lr', reason: 'not a number' }]);
    expect(s().config.seed).toBe(9);
    expect(s().run.runId).toBe(2);
    expect(s().urlNotice).toEqual([{ key: 'lr', reason: 'not a number' }]);
    s().dismissNotice();
    expect(s().urlNotice).toEqual([]);
  });
});

describe('playback actions', () => {
  it('play, pause, toggle, step and reset emit the right commands', () => {
    const { sent, s } = setup();
    s().play();
    s().play(); // already playing: nothing more
    expect(s().run.playing).toBe(true);
    s().togglePlay();
    expect(s().run.playing).toBe(false);
    s().togglePlay();
    s().stepOnce();
    expect(s().run.playing).toBe(false);
    s().receive(metrics(1, points(1, 3)));
    s().reset();
    expect(s().run).toMatchObject({ runId: 2, step: 0, playing: false });
    expect(s().series.points).toEqual([]);
    expect(sent).toEqual([
      { type: 'play', runId: 1 },
      { type: 'pause', runId: 1 },
      { type: 'play', runId: 1 },
      { type: 'step', runId: 1, steps: 1 },
      { type: 'reset', runId: 2 },
    ]);
  });
});

describe('applyWorkerMessage', () => {
  const base = () => ({ run: freshRun(3, true), series: emptySeries(), pruning: freshPruning(), regularisation: freshRegularisation() });

  it('drops messages of stale runs', () => {
    expect(applyWorkerMessage(base(), metrics(2, points(1, 3)))).toBeNull();
    expect(applyWorkerMessage(base(), { type: 'phase', runId: 4, phase: 'error' })).toBeNull();
  });

  it('takes header figures and chart points from metrics', () => {
    const pts: MetricPoint[] = [
      { step: 1, trainLoss: 0.8 },
      { step: 2, trainLoss: 0.6, testLoss: 0.7, testAccuracy: 0.55 },
    ];
    const next = applyWorkerMessage(base(), { type: 'metrics', runId: 3, points: pts, step: 2, epoch: 0.04, stepsPerSecond: 250, model: MODEL });
    expect(next?.run).toMatchObject({ step: 2, epoch: 0.04, stepsPerSecond: 250, trainLoss: 0.7, testLoss: 0.7, testAccuracy: 0.55 });
    expect(next?.series.points).toEqual(pts);
    expect(next?.pruning.model).toBe(MODEL);
  });

  it('stops the play intent when the run diverges or fails', () => {
    const diverged = applyWorkerMessage(base(), { type: 'phase', runId: 3, phase: 'diverged', message: 'lower the learning rate' });
    expect(diverged?.run).toMatchObject({ phase: 'diverged', playing: false, message: 'lower the learning rate' });
    const failed = applyWorkerMessage(base(), { type: 'error', runId: 3, message: 'boom' });
    expect(failed?.run).toMatchObject({ phase: 'error', playing: false, message: 'boom' });
    const training = applyWorkerMessage(base(), { type: 'phase', runId: 3, phase: 'training' });
    expect(training?.run.playing).toBe(true);
  });

  it('describes a backend fallback', () => {
    const next = applyWorkerMessage(base(), { type: 'backend', runId: 3, backend: 'wasm', fallbackFrom: 'webgl', reason: 'context lost' });
    expect(next?.run.backend).toBe('wasm');
    expect(next?.run.backendNotice).toBe('webgl failed: context lost. Now training on wasm.');
  });

  it('keeps loading progress until training starts', () => {
    let st = applyWorkerMessage(base(), { type: 'progress', runId: 3, loaded: 50, total: 100 })!;
    expect(st.run.loadProgress).toEqual({ loaded: 50, total: 100 });
    st = applyWorkerMessage(st, { type: 'phase', runId: 3, phase: 'loading' })!;
    expect(st.run.loadProgress).toEqual({ loaded: 50, total: 100 });
    st = applyWorkerMessage(st, { type: 'phase', runId: 3, phase: 'paused' })!;
    expect(st.run.loadProgress).toBeNull();
  });
});

describe('series buffer', () => {
  it('caps a long run evenly, keeping the latest step and the mean loss', () => {
    let series = emptySeries();
    for (let from = 1; from <= 100_000; from += 1000) series = appendPoints(series, points(from, from + 999, () => 2));
    const steps = series.points.map((p) => p.step);
    expect(series.points.length).toBeLessThanOrEqual(SERIES_CAP);
    expect(series.points.length).toBeGreaterThan(SERIES_CAP / 4);
    expect(steps.at(-1)).toBe(100_000);
    expect(steps.every((v, i) => i === 0 || v > steps[i - 1])).toBe(true);
    // Evenly sampled: every closed bucket spans `stride` steps.
    const gaps = new Set(steps.slice(1, -1).map((v, i) => v - steps[i]));
    expect([...gaps]).toEqual([series.stride]);
    expect(series.points.every((p) => p.trainLoss === 2)).toBe(true);
  });

  it('averages train loss and keeps the latest evaluation in a bucket', () => {
    let series = appendPoints(emptySeries(), points(1, 4, (s) => s), 2);
    // cap 2: four points merge into buckets of two steps, then four
    expect(series.stride).toBeGreaterThan(1);
    series = appendPoints(emptySeries(), [{ step: 1, trainLoss: 1, testLoss: 5 }, { step: 2, trainLoss: 3 }, { step: 3, trainLoss: 5 }], 2);
    expect(series.points[0]).toEqual({ step: 2, trainLoss: 2, testLoss: 5 });
  });

  it('truncates when steps go back (fallback resumed from an earlier snapshot) and skips NaN', () => {
    let series = appendPoints(emptySeries(), points(1, 10));
    series = appendPoints(series, [{ step: 7, trainLoss: 0.5 }, { step: 8, trainLoss: Number.NaN }]);
    expect(series.points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(series.points.at(-1)?.trainLoss).toBe(0.5);
  });
});

describe('bridge', () => {
  function fakeTransport() {
    const posted: ToWorker[] = [];
    let deliver: (m: FromWorker) => void = () => {};
    let fail: (m: string) => void = () => {};
    const transport: WorkerTransport = {
      post: (m) => posted.push(m),
      onMessage: (l) => (deliver = l),
      onFailure: (l) => (fail = l),
      terminate: vi.fn(),
    };
    return { transport, posted, deliver: (m: FromWorker) => deliver(m), fail: (m: string) => fail(m) };
  }

  it('sends init and the config, forwards commands, drops stale messages', () => {
    const store = createAppStore();
    const t = fakeTransport();
    const disconnect = connectBridge(store, t.transport, 'http://x/');
    expect(t.posted).toEqual([
      { type: 'init', assetBaseUrl: 'http://x/' },
      { type: 'configure', runId: 1, config: defaultConfig() },
    ]);
    store.getState().setConfig('dataset', 'xor');
    expect(t.posted.at(-1)).toEqual({ type: 'configure', runId: 2, config: { ...defaultConfig(), dataset: 'xor' } });
    t.deliver(metrics(1, points(1, 50))); // the old run, still in flight
    expect(store.getState().run.step).toBe(0);
    expect(store.getState().series.points).toEqual([]);
    t.deliver(metrics(2, points(1, 5)));
    expect(store.getState().run.step).toBe(5);
    t.deliver({ type: 'snapshot', runId: 1, step: 3, layers: [], masks: [], neurons: [] });
    expect(store.snapshot.get()).toBeNull();
    t.deliver({ type: 'snapshot', runId: 2, step: 5, layers: [], masks: [], neurons: [] });
    expect(store.snapshot.get()?.step).toBe(5);
    store.getState().play();
    expect(t.posted.at(-1)).toEqual({ type: 'play', runId: 2 });
    t.fail('script error');
    expect(store.getState().run.phase).toBe('error');
    disconnect();
    store.getState().pause();
    expect(t.posted.at(-1)).toEqual({ type: 'play', runId: 2 });
    expect(t.transport.terminate).toHaveBeenCalled();
  });

  it('tells each new run started while playing to play (a stale run that diverged paused the worker)', () => {
    const store = createAppStore();
    const t = fakeTransport();
    connectBridge(store, t.transport, 'http://x/');
    store.getState().play();
    store.getState().setConfig('seed', 7);
    expect(t.posted.slice(-2)).toEqual([
      { type: 'configure', runId: 2, config: { ...defaultConfig(), seed: 7 } },
      { type: 'play', runId: 2 },
    ]);
    store.getState().pause();
    store.getState().setConfig('seed', 8);
    expect(t.posted.at(-1)).toEqual({ type: 'configure', runId: 3, config: { ...defaultConfig(), seed: 8 } });
  });
});

describe('urlSync', () => {
  afterEach(() => vi.useRealTimers());

  function fakeHost(hash: string) {
    const listeners = new Set<() => void>();
    const host: UrlHost & { fire(): void; writes: string[] } = {
      location: { hash, pathname: '/app/', search: '' },
      writes: [],
      history: {
        replaceState(_d, _u, url) {
          host.writes.push(url ?? '');
          host.location.hash = (url ?? '').slice((url ?? '').indexOf('#'));
        },
      },
      addEventListener: (_t, l) => listeners.add(l),
      removeEventListener: (_t, l) => listeners.delete(l),
      fire: () => listeners.forEach((l) => l()),
    };
    return host;
  }

  it('writes the normalised hash, then debounced changes; applies pasted links', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const host = fakeHost('#lr=NaN');
    const stop = startUrlSync(store, host);
    expect(host.writes).toEqual([`/app/${formatHash(defaultConfig())}`]);
    store.getState().setConfig('lr', 0.1);
    store.getState().setConfig('lr', 0.3);
    expect(host.writes).toHaveLength(1);
    vi.advanceTimersByTime(300);
    expect(host.writes).toHaveLength(2);
    expect(host.location.hash).toContain('lr=0.3');
    host.location.hash = '#dataset=xor&layers=99999';
    host.fire();
    expect(store.getState().config).toMatchObject({ dataset: 'xor', layers: [8, 8], lr: 0.03 });
    expect(store.getState().urlNotice.map((r) => r.key)).toEqual(['layers']);
    stop();
  });

  it('a pasted lesson link without settings opens the lesson\'s preset paused with fresh weights', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const host = fakeHost('');
    const stop = startUrlSync(store, host);
    const s = () => store.getState();
    const magnitude = parseHash(LESSONS.find((l) => l.id === 'magnitude')!.hash).config;
    s().play();
    s().receive(metrics(1, points(1, 40)));
    host.location.hash = '#lesson=magnitude';
    host.fire();
    expect(s().config).toEqual(magnitude);
    expect(s().page.lesson).toBe('magnitude');
    expect(s().run).toMatchObject({ runId: 2, step: 0, playing: false });
    // The same preset again (no cold change): still fresh weights, paused.
    s().play();
    s().receive(metrics(2, points(1, 30)));
    host.location.hash = '#lesson=magnitude&lang=zh';
    host.fire();
    expect(s().run).toMatchObject({ runId: 3, step: 0, playing: false });
    expect(s().page.lang).toBe('zh');
    // A link with settings is applied as written; play goes on.
    s().play();
    host.location.hash = '#lesson=magnitude&dataset=xor';
    host.fire();
    expect(s().config.dataset).toBe('xor');
    expect(s().run.playing).toBe(true);
    stop();
  });
});
