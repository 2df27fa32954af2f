import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LESSONS } from '../../src/state/lessons';
import type { FromWorker, MetricPoint, ModelStats } from '../../src/protocol/messages';
import { OWN_DATA_STORAGE_KEY, attachOwnData, withStoredPoints, type PointStorage } from '../../src/state/ownData';
import {
  SAVE_DELAY_MS,
  SESSION_STORAGE_KEY,
  SESSION_VERSION,
  STORED_PIN_POINTS,
  attachPersistence,
  loadSession,
  migrate,
  sessionEnvelope,
  startState,
  thinForStorage,
  type PersistHost,
  type SessionStorage,
} from '../../src/state/persist';
import { PINS_MAX, PIN_COLOURS, type PinnedRun } from '../../src/state/pins';
import { createAppStore } from '../../src/state/store';
import { defaultPage } from '../../src/state/page';
import { defaultConfig, formatHash, isValidConfig, parseHash } from '../../src/state/urlCodec';

const MODEL: ModelStats = { hidden: [8, 8], params: 114, flops: 192, bytes: 456, layerTotals: [16, 64, 16], layerZeros: [0, 0, 0], compacted: false, thresholds: [0, 0, 0], fineTuneSteps: 0 };

/** Steps `from`…`to`, a test evaluation every fifth step. */
const points = (from: number, to: number): MetricPoint[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    step: from + i,
    trainLoss: 1 / (from + i),
    ...(i % 5 === 4 ? { testLoss: 0.5 + i / 1000, testAccuracy: 0.8, sparsity: 0.25, layerSparsity: [0.1, 0.2, 0.3] } : {}),
  }));

/** An in-memory storage; `fail` makes every write throw an error of that name. */
function memoryStorage(initial: Record<string, string> = {}, fail?: string): SessionStorage & PointStorage & { data: Record<string, string>; writes: number } {
  const data = { ...initial };
  const s = {
    data,
    writes: 0,
    getItem: (k: string) => (Object.prototype.hasOwnProperty.call(data, k) ? data[k] : null),
    setItem: (k: string, v: string) => {
      if (fail !== undefined) throw Object.assign(new Error(fail), { name: fail });
      s.writes += 1;
      data[k] = v;
    },
    removeItem: (k: string) => {
      delete data[k];
    },
  };
  return s;
}

/** A `window` stand-in that can fire `pagehide`. */
function fakeHost(): PersistHost & { hide(): void } {
  const listeners = new Set<() => void>();
  return {
    addEventListener: (_type, l) => listeners.add(l),
    removeEventListener: (_type, l) => listeners.delete(l),
    hide: () => listeners.forEach((l) => l()),
  };
}

/** A store whose run trained `n` steps and was pinned `pins` times (each pin after a seed change). */
function storeWithPins(pins: number, n = 30) {
  const store = createAppStore(parseHash('#dataset=spiral&layers=6,4&seed=3').config);
  const s = () => store.getState();
  for (let i = 0; i < pins; i++) {
    s().setConfig('seed', 10 + i);
    s().receive({ type: 'metrics', runId: s().run.runId, points: points(1, n), step: n, epoch: 0, stepsPerSecond: 100, model: MODEL } satisfies FromWorker);
    s().pin();
  }
  return store;
}

const stored = (pins: PinnedRun[], config = defaultConfig()) => JSON.stringify(sessionEnvelope(config, defaultPage(), pins, 1));

describe('session envelope', () => {
  it('round-trips the config, the restored page keys and the pins (fresh ids, same colours, same curves)', () => {
    const store = storeWithPins(3);
    const { config, pinned } = store.getState();
    const page = { ...defaultPage(), lang: 'zh' as const, lesson: 'overfit-l2' as const, lock: ['dataset' as const], present: 1 };
    const text = JSON.stringify(sessionEnvelope(config, page, pinned, 123));
    const entry = JSON.parse(text);
    expect(entry).toMatchObject({ v: SESSION_VERSION, config: formatHash(config), page: '#lang=zh&lesson=overfit-l2', savedAt: 123 });
    const loaded = loadSession(text);
    expect(loaded.notice).toBeNull();
    expect(loaded.config).toEqual(config);
    // Classroom locks and presenter mode come only from a link; the student's language and lesson come back.
    expect(loaded.page).toEqual({ ...defaultPage(), lang: 'zh', lesson: 'overfit-l2' });
    expect(loaded.pins.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(loaded.pins.map((p) => p.colour)).toEqual(pinned.map((p) => p.colour));
    expect(loaded.pins.map((p) => p.config.seed)).toEqual([10, 11, 12]);
    // Stored to 6 significant digits.
    expect(loaded.pins[0].points).toEqual(thinForStorage(pinned[0].points));
    loaded.pins[0].points.forEach((p, i) => expect(p.trainLoss).toBeCloseTo(pinned[0].points[i].trainLoss, 6));
    expect(loaded.pins[0].step).toBe(30);
  });

  it('keeps the tag of an experiment\'s pin (so its rerun still replaces it after a reload); a pin by hand has none', () => {
    const store = storeWithPins(2);
    const [byHand, tagged] = store.getState().pinned;
    const pins = [byHand, { ...tagged, experiment: 'augmentation' as const }];
    const entry = JSON.parse(stored(pins));
    expect(entry.pins[0]).not.toHaveProperty('experiment');
    expect(entry.pins[1].experiment).toBe('augmentation');
    const loaded = loadSession(JSON.stringify(entry));
    expect(loaded.notice).toBeNull();
    expect(loaded.pins.map((p) => p.experiment)).toEqual([undefined, 'augmentation']);
  });

  it('thins a long pin to STORED_PIN_POINTS for storage: train loss averaged, evaluations kept, the last step kept', () => {
    const long = points(1, 800);
    const thin = thinForStorage(long);
    expect(thin).toHaveLength(STORED_PIN_POINTS);
    expect(thin[thin.length - 1].step).toBe(800);
    expect(thin[0]).toEqual({ step: 2, trainLoss: Number(((1 + 1 / 2) / 2).toPrecision(6)) });
    // Steps 5 and 6 → the bucket ending at 6 carries step 5's evaluation.
    expect(thin[2]).toMatchObject({ step: 6, testLoss: 0.504, testAccuracy: 0.8, sparsity: 0.25, layerSparsity: [0.1, 0.2, 0.3] });
    expect(thinForStorage(points(1, 10)).map((p) => p.step)).toEqual(points(1, 10).map((p) => p.step));
    expect(thinForStorage([{ step: 1, trainLoss: 1 / 3 }])).toEqual([{ step: 1, trainLoss: 0.333333 }]);
    // Four full pins stay small.
    const store = storeWithPins(PINS_MAX, 800);
    expect(stored(store.getState().pinned).length).toBeLessThan(200_000);
    expect(loadSession(stored(store.getState().pinned)).pins.every((p) => p.points.length === STORED_PIN_POINTS && p.step === 800)).toBe(true);
  });

  it('migrates a v1 envelope (the experiment only) to v2', () => {
    const v1 = { v: 1, config: '#dataset=xor&noise=10&layers=4&seed=9' };
    expect(migrate(v1)).toEqual({ v: 2, config: v1.config, pins: [], savedAt: 0 });
    const loaded = loadSession(JSON.stringify(v1));
    expect(loaded.notice).toBeNull();
    expect(loaded.config).toMatchObject({ dataset: 'xor', noise: 10, layers: [4], seed: 9 });
    expect(loaded.pins).toEqual([]);
    expect(loaded.page).toBeNull();
  });

  it('leaves a newer version unused, with a notice, rather than misreading it', () => {
    const future = { v: SESSION_VERSION + 1, config: '#dataset=xor', pins: [], savedAt: 0, fancy: true };
    expect(migrate(future)).toBe('newer');
    expect(loadSession(JSON.stringify(future))).toEqual({ config: null, page: null, pins: [], notice: 'newer' });
  });

  it('discards what cannot be read, part by part, with the notice', () => {
    const good = storeWithPins(2).getState().pinned;
    const base = JSON.parse(stored(good));
    const variant = (patch: Record<string, unknown>) => JSON.stringify({ ...base, ...patch });
    const pinWith = (patch: Record<string, unknown>) => variant({ pins: [{ ...base.pins[0], ...patch }, base.pins[1]] });
    // Whole envelope unreadable: nothing is used.
    for (const junk of ['not json', '{', 'null', '[]', '"#dataset=xor"', '42', '{}', '{"v":"2"}', '{"v":0}', '{"v":1.5}', '{"v":-1}']) {
      expect(loadSession(junk), junk).toEqual({ config: null, page: null, pins: [], notice: 'discarded' });
    }
    // A bad config: the pins survive.
    for (const config of ['#dataset=nope', '#lr=NaN', '#dataset=xor&bogus=1', '#dataset=xor&lock=dataset', 'dataset=xor', 42, null]) {
      const loaded = loadSession(variant({ config }));
      expect(loaded.config, String(config)).toBeNull();
      expect(loaded.pins).toHaveLength(2);
      expect(loaded.notice).toBe('discarded');
    }
    // A bad pin: the config and the other pin survive.
    const badPins = [
      { points: [{ step: 1, trainLoss: null }] },
      { points: [{ step: 1, trainLoss: 0.5, testAccuracy: 1.5 }] },
      { points: [{ step: -1, trainLoss: 0.5 }] },
      { points: [{ step: 2, trainLoss: 0.5 }, { step: 1, trainLoss: 0.4 }], step: 1 },
      { points: [] },
      { points: 'x' },
      { step: 7 },
      { config: '#layers=0' },
      { config: '#pts=1' },
      { experiment: 'sweep' },
      { experiment: 7 },
    ];
    for (const patch of badPins) {
      const loaded = loadSession(pinWith(patch));
      expect(loaded.config, JSON.stringify(patch)).toEqual(defaultConfig());
      expect(loaded.pins.map((p) => [p.id, p.config.seed])).toEqual([[1, 11]]);
      expect(loaded.notice).toBe('discarded');
    }
    expect(loadSession(variant({ pins: 'no' }))).toMatchObject({ pins: [], notice: 'discarded' });
    for (const page of ['#dataset=xor', '#present=1', '#lang=fr', 7]) expect(loadSession(variant({ page })), String(page)).toMatchObject({ page: null, notice: 'discarded' });
    // Too many pins: the first PINS_MAX are kept.
    const many = loadSession(variant({ pins: Array.from({ length: PINS_MAX + 2 }, () => base.pins[0]) }));
    expect(many.pins).toHaveLength(PINS_MAX);
    expect(many.notice).toBe('discarded');
  });

  it('gives restored pins distinct valid colours; unknown fields of a point are dropped', () => {
    const base = JSON.parse(stored(storeWithPins(2).getState().pinned));
    base.pins[0].colour = 'javascript:alert(1)';
    base.pins.push({ ...base.pins[1] });
    base.pins[2].points = [{ step: 30, trainLoss: 0.1, extra: 'x' }];
    const loaded = loadSession(JSON.stringify(base));
    expect(loaded.notice).toBeNull();
    const colours = loaded.pins.map((p) => p.colour);
    expect(new Set(colours).size).toBe(3);
    expect(colours.every((c) => (PIN_COLOURS as readonly string[]).includes(c))).toBe(true);
    expect(loaded.pins[1].colour).toBe(base.pins[1].colour);
    expect(loaded.pins[2].points).toEqual([{ step: 30, trainLoss: 0.1 }]);
  });

  it('property: whatever is stored under the key, loading never throws and gives a valid state', () => {
    const good = JSON.parse(stored(storeWithPins(2).getState().pinned));
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const pointish = fc.record({ step: fc.oneof(fc.integer({ min: -3, max: 1000 }), fc.double()), trainLoss: fc.oneof(fc.double(), anyJson), testAccuracy: fc.oneof(fc.constant(undefined), fc.double()) }, { requiredKeys: ['step'] });
    const pinish = fc.record({ config: fc.oneof(fc.constant(good.pins[0].config), fc.string().map((s) => `#${s}`)), points: fc.oneof(fc.array(pointish, { maxLength: 5 }), anyJson), step: fc.oneof(fc.integer({ min: 0, max: 1000 }), anyJson), colour: fc.oneof(fc.constantFrom(...PIN_COLOURS), fc.string()) });
    const envelope = fc.record({ v: fc.oneof(fc.constantFrom(1, 2, 3), anyJson), config: fc.oneof(fc.constant(good.config), fc.string().map((s) => `#${s}`), anyJson), page: fc.oneof(fc.constant(undefined), fc.constant('#lang=zh'), fc.string()), pins: fc.oneof(fc.array(fc.oneof(pinish, fc.constant(good.pins[0])), { maxLength: 7 }), anyJson) });
    const text = fc.oneof(fc.string(), anyJson.map((j) => JSON.stringify(j)), envelope.map((e) => JSON.stringify(e)), fc.constant(JSON.stringify(good)));
    fc.assert(
      fc.property(text, (t) => {
        const loaded = loadSession(t);
        const start = startState('', loaded);
        expect(isValidConfig(start.config)).toBe(true);
        expect(loaded.pins.length).toBeLessThanOrEqual(PINS_MAX);
        expect(new Set(loaded.pins.map((p) => p.id)).size).toBe(loaded.pins.length);
        expect(new Set(loaded.pins.map((p) => p.colour)).size).toBe(loaded.pins.length);
        for (const pin of loaded.pins) {
          expect(isValidConfig(pin.config)).toBe(true);
          expect((PIN_COLOURS as readonly string[]).includes(pin.colour)).toBe(true);
          expect(pin.points.length).toBeGreaterThan(0);
          expect(pin.points.every((p) => Number.isFinite(p.step) && Number.isFinite(p.trainLoss))).toBe(true);
          expect(pin.step).toBe(pin.points[pin.points.length - 1].step);
        }
        // A store starts from it, and pinning again gives a fresh id.
        const store = createAppStore(start.config, start.rejected, start.page, { pinned: start.pins, storageNotice: start.notice });
        expect(store.getState().pinned).toHaveLength(loaded.pins.length);
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });
});

describe('start-up precedence', () => {
  const session = loadSession(JSON.stringify(sessionEnvelope(parseHash('#dataset=xor&seed=5').config, { ...defaultPage(), lang: 'zh' }, storeWithPins(1).getState().pinned, 1)));

  it('an empty hash restores the stored experiment and page; the pins come back', () => {
    for (const hash of ['', '#']) {
      const start = startState(hash, session);
      expect(start.config).toMatchObject({ dataset: 'xor', seed: 5 });
      expect(start.page.lang).toBe('zh');
      expect(start.rejected).toEqual([]);
      expect(start.pins).toHaveLength(1);
    }
  });

  it('a link wins over the stored experiment and page, keeps its rejected keys, and keeps the pins', () => {
    const start = startState('#dataset=circle&bogus=1', session);
    expect(start.config).toEqual(parseHash('#dataset=circle').config);
    expect(start.page).toEqual(defaultPage());
    expect(start.rejected.map((r) => r.key)).toEqual(['bogus']);
    expect(start.pins).toHaveLength(1);
  });

  it('a lesson link without settings starts from the lesson\'s preset, not the stored experiment; the pins come back', () => {
    const start = startState('#lesson=magnitude', session);
    expect(start.config).toEqual(parseHash(LESSONS.find((l) => l.id === 'magnitude')!.hash).config);
    expect(start.page).toEqual({ ...defaultPage(), lesson: 'magnitude' });
    expect(start.pins).toHaveLength(1);
  });

  it('nothing stored: the defaults; pins continue from the restored ids', () => {
    expect(startState('', loadSession(null))).toEqual({ config: defaultConfig(), page: defaultPage(), rejected: [], pins: [], notice: null });
    const store = createAppStore(session.config!, [], defaultPage(), { pinned: session.pins });
    store.getState().receive({ type: 'metrics', runId: 1, points: points(1, 5), step: 5, epoch: 0, stepsPerSecond: 1, model: MODEL });
    store.getState().pin();
    expect(store.getState().pinned.map((p) => p.id)).toEqual([1, 2]);
  });
});

describe('attachPersistence', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes at once, then SAVE_DELAY_MS after the last change, and at once on pagehide', () => {
    const storage = memoryStorage({ [SESSION_STORAGE_KEY]: 'garbage' });
    const host = fakeHost();
    const store = createAppStore();
    attachPersistence(store, storage, host);
    // The unreadable entry is replaced by a clean one at once.
    expect(loadSession(storage.data[SESSION_STORAGE_KEY])).toMatchObject({ config: defaultConfig(), notice: null });
    const writes = storage.writes;
    store.getState().setConfig('seed', 42);
    vi.advanceTimersByTime(SAVE_DELAY_MS - 100);
    store.getState().setConfig('lr', 0.1);
    vi.advanceTimersByTime(SAVE_DELAY_MS - 100);
    expect(storage.writes).toBe(writes);
    vi.advanceTimersByTime(100);
    expect(storage.writes).toBe(writes + 1);
    expect(loadSession(storage.data[SESSION_STORAGE_KEY]).config).toMatchObject({ seed: 42, lr: 0.1 });
    // Metrics alone write nothing.
    store.getState().receive({ type: 'metrics', runId: store.getState().run.runId, points: points(1, 5), step: 5, epoch: 0, stepsPerSecond: 1, model: MODEL });
    vi.advanceTimersByTime(SAVE_DELAY_MS * 2);
    expect(storage.writes).toBe(writes + 1);
    // A pin, then the page goes away before the debounce ends: written on pagehide.
    store.getState().pin();
    host.hide();
    expect(storage.writes).toBe(writes + 2);
    expect(loadSession(storage.data[SESSION_STORAGE_KEY]).pins).toHaveLength(1);
    host.hide();
    expect(storage.writes).toBe(writes + 2);
  });

  it('a refused write shows the notice once and never throws', () => {
    for (const [fail, notice] of [
      ['QuotaExceededError', 'full'],
      ['SecurityError', 'unavailable'],
    ] as const) {
      const store = createAppStore();
      attachPersistence(store, memoryStorage({}, fail), fakeHost());
      expect(store.getState().storageNotice).toBe(notice);
      store.getState().dismissStorageNotice();
      store.getState().setConfig('seed', 7);
      vi.advanceTimersByTime(SAVE_DELAY_MS);
      expect(store.getState().storageNotice).toBeNull();
    }
    const store = createAppStore();
    attachPersistence(store, null, null);
    expect(store.getState().storageNotice).toBe('unavailable');
  });

  it('a newer version is not overwritten until something changes', () => {
    const newer = JSON.stringify({ v: SESSION_VERSION + 1 });
    const storage = memoryStorage({ [SESSION_STORAGE_KEY]: newer });
    const store = createAppStore(defaultConfig(), [], defaultPage(), { storageNotice: 'newer' });
    attachPersistence(store, storage, fakeHost(), true);
    vi.advanceTimersByTime(SAVE_DELAY_MS * 2);
    expect(storage.data[SESSION_STORAGE_KEY]).toBe(newer);
    store.getState().setConfig('seed', 3);
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(loadSession(storage.data[SESSION_STORAGE_KEY]).config?.seed).toBe(3);
  });
});

describe('own points: storage problems are shown', () => {
  it('an unreadable stored set is removed and reported at start-up; the example is used', () => {
    const storage = memoryStorage({ [OWN_DATA_STORAGE_KEY]: '{"v":1,"pts":"oops"}' });
    const seen: string[] = [];
    const config = withStoredPoints(parseHash('#dataset=custom').config, storage, (n) => seen.push(n));
    expect(config.pts).not.toBe('');
    expect(seen).toEqual(['pointsDiscarded']);
    expect(storage.data[OWN_DATA_STORAGE_KEY]).toBeUndefined();
  });

  it('switching to custom with an unreadable set, and a refused write, show the notice', async () => {
    const storage = memoryStorage({ [OWN_DATA_STORAGE_KEY]: 'not json' });
    const store = createAppStore();
    attachOwnData(store, storage);
    store.getState().setDataset('custom');
    expect(store.getState().storageNotice).toBe('pointsDiscarded');
    await new Promise<void>((r) => queueMicrotask(r));
    const full = createAppStore(parseHash('#dataset=custom&pts=0.1,0.2,0').config);
    attachOwnData(full, memoryStorage({}, 'QuotaExceededError'));
    full.getState().setConfig('pts', '0.1,0.2,0;0.3,0.4,1');
    expect(full.getState().storageNotice).toBe('pointsNotSaved');
    full.getState().dismissStorageNotice();
    full.getState().setConfig('pts', '0.1,0.2,0');
    // Still failing: said once, not again on every edit.
    expect(full.getState().storageNotice).toBeNull();
  });
});
