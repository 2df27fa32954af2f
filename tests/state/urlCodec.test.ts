import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUG_LIMITS, formatAug, type AugSpec } from '../../src/engine/data/augSpec';
import { CONV_FILTERS_MAX, CONV_KERNEL_MAX, CONV_STRIDE_MAX, DEFAULT_CONV, MAX_CONV_LAYERS, formatConv, parseConv } from '../../src/engine/model/convSpec';
import { IMPORTANCES, LOTTERY_MODES, PRUNE_MODES, PRUNE_SCOPES, SCHEDULE_KINDS } from '../../src/engine/prune/types';
import { ACTIVATIONS, BACKEND_CHOICES, DATASET_NAMES, OPTIMIZERS } from '../../src/engine/types';
import { ARCHES, type ExperimentConfig } from '../../src/protocol/config';
import { CONFIG_KEYS, MAX_PARAMS, MAX_SEED, MAX_STEP, SCHEMA, boundsOf, defaultConfig, formatHash, isValidConfig, linkDefaults, networkParams, parseHash, parseLayers, type NumberKey } from '../../src/state/urlCodec';
import { defaultPage } from '../../src/state/page';
import { LESSONS } from '../../src/state/lessons';
import { MNIST_CNN_PRESET, MNIST_PRESET, PRESET_KEYS, TOY_PRESET, modelPreset } from '../../src/state/presets';
import { OWN_URL_MAX_POINTS, countPoints, formatPoints, type OwnPoint } from '../../src/engine/data/ownPoints';

/** Any own point: coordinates on the 2-decimal grid of [−1, 1], class 0 or 1. */
const ownPoint: fc.Arbitrary<OwnPoint> = fc.record({
  x: fc.integer({ min: -100, max: 100 }).map((n) => n / 100),
  y: fc.integer({ min: -100, max: 100 }).map((n) => n / 100),
  label: fc.constantFrom(0 as const, 1 as const),
});
/** Canonical `pts` text: small sets (in links) and, rarely, sets too large for a link. */
const ptsText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(ownPoint, { maxLength: OWN_URL_MAX_POINTS }).map(formatPoints) },
  { weight: 1, arbitrary: fc.array(ownPoint, { minLength: OWN_URL_MAX_POINTS + 1, maxLength: 400 }).map(formatPoints) },
);

const D = defaultConfig();

/** A float in [min, max] (no -0: the codec writes it as 0). */
const float = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map((x) => x + 0);

/** The schedule's and the lottery's keys, left out of the hash while their feature is off. */
const SCHED_KEYS = ['s_init', 's_final', 's_begin', 's_end', 's_freq'] as const;
const LOTTERY_KEYS = ['lt_rate', 'lt_out', 'lt_steps', 'lt_rounds'] as const;

/** The image keys, written only for mnist; the CNN's, only for mnist with arch=cnn. */
const IMAGE_KEYS = ['trainSize', 'aug', 'arch'] as const;
const CNN_KEYS = ['conv', 'pool'] as const;

/** A strength of one numeric transform: its identity, a round value, or anything in bounds. */
const strength = (k: keyof typeof AUG_LIMITS) => {
  const { min, max, identity } = AUG_LIMITS[k];
  return fc.oneof(fc.constant(identity), float(min, max), fc.integer({ min: 0, max: 20 }).map((n) => min + ((max - min) * n) / 20));
};

/** Any augmentation spec within bounds, as its canonical text. */
const augText: fc.Arbitrary<string> = fc
  .record<AugSpec>({
    flip: fc.boolean(),
    rotate: strength('rotate'),
    zoom: strength('zoom'),
    shift: strength('shift'),
    crop: strength('crop'),
    noise: strength('noise'),
    bright: strength('bright'),
    contrast: strength('contrast'),
  })
  .map(formatAug);

/** Any conv stack parseConv accepts (feature maps stay ≥ 1×1 with 2×2 pooling), as its canonical text. */
const convText: fc.Arbitrary<string> = fc
  .array(
    fc.record({
      filters: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: CONV_FILTERS_MAX })),
      kernel: fc.integer({ min: 1, max: CONV_KERNEL_MAX }),
      stride: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: CONV_STRIDE_MAX })),
    }),
    { minLength: 1, maxLength: MAX_CONV_LAYERS },
  )
  .map(formatConv)
  .filter((text) => parseConv(text).ok);

/**
 * What a config reads back as: the keys not written while their feature is off
 * (or, for the image keys, while the dataset is not mnist) come back as defaults. (The λ sweep's and regularise-then-prune's settings are
 * left out only while they hold their defaults, so they always read back as written.)
 */
function normalised(c: ExperimentConfig): ExperimentConfig {
  const out = { ...c };
  if (c.sched === 'off') for (const k of SCHED_KEYS) out[k] = D[k];
  if (c.lottery === 'off') for (const k of LOTTERY_KEYS) out[k] = D[k];
  if (c.dataset !== 'mnist') for (const k of IMAGE_KEYS) (out as Record<string, unknown>)[k] = D[k];
  if (c.dataset !== 'mnist' || c.arch !== 'cnn') for (const k of CNN_KEYS) (out as Record<string, unknown>)[k] = D[k];
  if (c.dataset !== 'custom' || countPoints(c.pts) > OWN_URL_MAX_POINTS) out.pts = D.pts;
  return out;
}

/** Any config within the schema's bounds whose network fits MAX_PARAMS (the cross-key limit). */
const validConfig: fc.Arbitrary<ExperimentConfig> = fc.record({
  dataset: fc.oneof(fc.constantFrom(...DATASET_NAMES), fc.constant('mnist' as const), fc.constant('custom' as const)),
  noise: fc.integer({ min: 0, max: 50 }),
  split: fc.integer({ min: 10, max: 90 }),
  trainSize: fc.oneof(fc.constant(8000), fc.integer({ min: 100, max: 8000 })),
  aug: fc.oneof(fc.constant(''), fc.constantFrom('rotate:10,zoom:0.1,shift:0.1', 'flip,rotate:180'), augText),
  arch: fc.constantFrom(...ARCHES),
  conv: fc.oneof(fc.constantFrom(DEFAULT_CONV, '32:3', '4:3', '8:5:2,16:3', '6:5,16:5'), convText),
  pool: fc.constantFrom(1, 2),
  layers: fc.array(fc.integer({ min: 1, max: 1024 }), { maxLength: 8 }),
  act: fc.constantFrom(...ACTIVATIONS),
  opt: fc.constantFrom(...OPTIMIZERS),
  lr: fc.double({ min: 1e-5, max: 10, noNaN: true }),
  batch: fc.integer({ min: 1, max: 1024 }),
  seed: fc.integer({ min: 0, max: MAX_SEED }),
  backend: fc.constantFrom(...BACKEND_CHOICES),
  speed: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
  pmode: fc.constantFrom(...PRUNE_MODES),
  threshold: fc.oneof(fc.constant(0), float(0, 10), float(1e-4, 1e-2)),
  sparsity: float(0, 0.999),
  q: float(0, 5),
  scope: fc.constantFrom(...PRUNE_SCOPES),
  keep: fc.oneof(fc.constant(1), float(0.01, 1), fc.integer({ min: 1, max: 100 }).map((n) => n / 100)),
  importance: fc.constantFrom(...IMPORTANCES),
  sched: fc.constantFrom(...SCHEDULE_KINDS),
  s_init: float(0, 0.99),
  s_final: float(0, 0.99),
  s_begin: fc.integer({ min: 0, max: MAX_STEP }),
  s_end: fc.integer({ min: 0, max: MAX_STEP }),
  s_freq: fc.integer({ min: 1, max: 10000 }),
  lottery: fc.constantFrom(...LOTTERY_MODES),
  lt_rate: float(0.01, 0.9),
  lt_out: float(0, 0.9),
  lt_steps: fc.integer({ min: 10, max: 100000 }),
  lt_rounds: fc.integer({ min: 1, max: 30 }),
  l1: fc.oneof(fc.constant(0), float(0, 1), float(1e-7, 1e-3)),
  l2: fc.oneof(fc.constant(0), float(0, 1), float(1e-7, 1e-3)),
  prox: fc.constantFrom(0, 1),
  dropout: fc.oneof(fc.constant(0), float(0, 0.9), fc.integer({ min: 0, max: 18 }).map((n) => n * 0.05)),
  cv_k: fc.oneof(fc.constant(5), fc.integer({ min: 2, max: 10 })),
  cv_steps: fc.oneof(fc.constant(200), fc.integer({ min: 10, max: 100000 })),
  cv_min: fc.oneof(fc.constant(1e-5), float(1e-7, 10)),
  cv_max: fc.oneof(fc.constant(1), float(1e-7, 10)),
  cv_points: fc.oneof(fc.constant(9), fc.integer({ min: 2, max: 20 })),
  rp_steps: fc.oneof(fc.constant(500), fc.integer({ min: 10, max: 100000 })),
  rp_tune: fc.oneof(fc.constant(100), fc.integer({ min: 0, max: 100000 })),
  pts: fc.oneof(fc.constant(''), ptsText),
}).filter((c) => networkParams(c) <= MAX_PARAMS);

describe('formatHash / parseHash round trip', () => {
  it('parse(format(c)) == c for every valid config (schedule/lottery keys default while off), nothing rejected', () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        const hash = formatHash(c);
        const { config, rejected } = parseHash(hash);
        expect(rejected).toEqual([]);
        expect(config).toEqual(normalised(c));
        // Writing what was read gives the same link: the hash is canonical.
        expect(formatHash(config)).toBe(hash);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes every key in table order, short and readable', () => {
    expect(formatHash({ ...D, dataset: 'spiral', layers: [300, 100], lr: 0.001, threshold: 0.05 })).toBe(
      '#dataset=spiral&noise=0&split=50&layers=300,100&act=tanh&opt=adam&lr=0.001&batch=10&seed=1&backend=auto' +
        '&pmode=threshold&threshold=0.05&sparsity=0&q=0&scope=layer&keep=1&importance=l1&sched=off&lottery=off' +
        '&l1=0&l2=0&prox=0&dropout=0',
    );
    expect(formatHash({ ...D, layers: [] })).toContain('&layers=&');
    // speed: written only when not full speed (0), right after backend.
    expect(formatHash({ ...D, speed: 5 })).toContain('&backend=auto&speed=5&pmode=');
    expect(parseHash('#speed=5').config.speed).toBe(5);
    expect(parseHash('#speed=0').config.speed).toBe(0);
    expect(parseHash('#speed=1500')).toMatchObject({ config: { speed: 1000 }, rejected: [{ key: 'speed', reason: 'above the maximum 1000; clamped to 1000' }] });
    expect(parseHash('#speed=-2')).toMatchObject({ config: { speed: 0 }, rejected: [{ key: 'speed', reason: 'below the minimum 0; clamped to 0' }] });
    expect(parseHash('#speed=2.5')).toMatchObject({ config: { speed: 0 }, rejected: [{ key: 'speed', reason: 'not a whole number; using the default 0' }] });
    expect(CONFIG_KEYS).toEqual([
      'dataset', 'noise', 'split', 'trainSize', 'aug', 'arch', 'conv', 'pool', 'layers', 'act', 'opt', 'lr', 'batch', 'seed', 'backend', 'speed',
      'pmode', 'threshold', 'sparsity', 'q', 'scope', 'keep', 'importance',
      'sched', 's_init', 's_final', 's_begin', 's_end', 's_freq',
      'lottery', 'lt_rate', 'lt_out', 'lt_steps', 'lt_rounds',
      'l1', 'l2', 'prox', 'dropout',
      'cv_k', 'cv_steps', 'cv_min', 'cv_max', 'cv_points', 'rp_steps', 'rp_tune',
      'pts',
    ]);
  });

  it('writes the schedule keys only with sched on, the lottery keys only with lottery on', () => {
    const sched = formatHash({ ...D, sched: 'poly', s_begin: 200, s_end: 1200 });
    expect(sched).toContain('&sched=poly&s_init=0&s_final=0.9&s_begin=200&s_end=1200&s_freq=100&lottery=off');
    expect(sched).not.toContain('lt_');
    const lottery = formatHash({ ...D, lottery: 'rewind', lt_rounds: 12 });
    expect(lottery).toMatch(/&sched=off&lottery=rewind&lt_rate=0\.2&lt_out=0\.1&lt_steps=500&lt_rounds=12&l1=0&l2=0&prox=0&dropout=0$/);
    expect(lottery).not.toContain('s_init');
    // Keys present while their feature is off are still read (a hand-written link).
    expect(parseHash('#s_final=0.5&lt_steps=50').config).toMatchObject({ sched: 'off', s_final: 0.5, lottery: 'off', lt_steps: 50 });
  });

  it('writes the image keys (trainSize, aug) only for mnist, aug readable', () => {
    const mnist = { ...D, dataset: 'mnist' as const, trainSize: 500, aug: 'flip,rotate:15,noise:0.1' };
    const hash = formatHash(mnist);
    expect(hash).toMatch(/^#dataset=mnist&noise=0&split=50&trainSize=500&aug=flip,rotate:15,noise:0\.1&arch=mlp&layers=8,8&/);
    expect(parseHash(hash)).toEqual({ config: mnist, page: defaultPage(), rejected: [], fromLesson: false });
    expect(formatHash({ ...D, dataset: 'mnist' })).toContain('&trainSize=8000&aug=&arch=mlp&layers=');
    const toy = formatHash({ ...mnist, dataset: 'spiral' });
    expect(toy).not.toMatch(/trainSize|aug=|arch=/);
    // Items in any order, spaces: read and written back canonically.
    expect(parseHash('#dataset=mnist&aug=noise:0.1, flip ,rotate:15')).toEqual({ config: { ...D, ...MNIST_PRESET, dataset: 'mnist', aug: 'flip,rotate:15,noise:0.1' }, page: defaultPage(), rejected: [], fromLesson: false });
    expect(SCHEMA.aug.isValid('noise:0.1,flip')).toBe(false);
    expect(SCHEMA.aug.isValid('flip,noise:0.1')).toBe(true);
  });

  it('writes the CNN keys (conv, pool) only for mnist with arch=cnn, conv readable', () => {
    const cnn = { ...D, dataset: 'mnist' as const, arch: 'cnn' as const, conv: '16:5:2,32:3', pool: 1, layers: [128] };
    const hash = formatHash(cnn);
    expect(hash).toContain('&aug=&arch=cnn&conv=16:5:2,32:3&pool=1&layers=128&');
    expect(parseHash(hash)).toEqual({ config: cnn, page: defaultPage(), rejected: [], fromLesson: false });
    expect(formatHash({ ...cnn, arch: 'mlp' })).not.toMatch(/conv=|pool=/);
    expect(formatHash({ ...cnn, dataset: 'circle' })).not.toMatch(/arch=|conv=|pool=/);
    // Spaces and a written stride 1: read and written back canonically.
    expect(parseHash('#dataset=mnist&arch=cnn&conv= 32:3:1 , 64:3').config.conv).toBe(DEFAULT_CONV);
    expect(SCHEMA.conv.isValid('32:3:1')).toBe(false);
    expect(SCHEMA.conv.isValid('32:3')).toBe(true);
  });

  it('writes the regularisation keys always, the λ sweep and regularise-then-prune settings only when changed', () => {
    const reg = formatHash({ ...D, l1: 0.001, prox: 1, dropout: 0.25 });
    expect(reg).toMatch(/&lottery=off&l1=0\.001&l2=0&prox=1&dropout=0\.25$/);
    expect(reg).not.toMatch(/cv_|rp_/);
    const cv = formatHash({ ...D, cv_k: 3, cv_min: 1e-6, rp_tune: 0 });
    expect(cv).toMatch(/&dropout=0&cv_k=3&cv_min=0\.000001&rp_tune=0$/);
    expect(parseHash(cv).config).toEqual({ ...D, cv_k: 3, cv_min: 1e-6, rp_tune: 0 });
    // A default written by hand is read and not written back.
    const explicit = parseHash('#cv_k=5&cv_points=9&rp_steps=500');
    expect(explicit).toEqual({ config: D, page: defaultPage(), rejected: [], fromLesson: false });
    expect(formatHash(explicit.config)).toBe(formatHash(D));
  });

  it('writes pts (readable) only for dataset=custom with at most OWN_URL_MAX_POINTS points', () => {
    const small = { ...D, dataset: 'custom' as const, pts: '-0.5,0.25,0;0.3,-0.12,1' };
    const hash = formatHash(small);
    expect(hash).toMatch(/&dropout=0&pts=-0\.5,0\.25,0;0\.3,-0\.12,1$/);
    expect(parseHash(hash)).toEqual({ config: small, page: defaultPage(), rejected: [], fromLesson: false });
    expect(formatHash({ ...small, dataset: 'circle' })).not.toContain('pts=');
    const at = Array.from({ length: OWN_URL_MAX_POINTS }, (_, i) => ({ x: -1 + i / 100, y: 0.5, label: (i % 2) as 0 | 1 }));
    expect(formatHash({ ...small, pts: formatPoints(at) })).toContain('&pts=-1,0.5,0;-0.99,0.5,1;');
    // 150 points at full width are at most 2,100 characters of link.
    const widest = formatPoints(Array.from({ length: OWN_URL_MAX_POINTS }, () => ({ x: -0.55, y: -0.55, label: 1 as const })));
    expect(formatHash({ ...D, dataset: 'custom', pts: widest }).length - formatHash({ ...D, dataset: 'custom' }).length).toBeLessThanOrEqual(2100 + 5);
    const over = formatPoints([...at, { x: 0, y: 0, label: 0 }]);
    expect(formatHash({ ...small, pts: over })).not.toContain('pts=');
  });

  it('has the documented defaults', () => {
    expect(D).toEqual({
      dataset: 'circle', noise: 0, split: 50, trainSize: 8000, aug: '', arch: 'mlp', conv: '32:3,64:3', pool: 2, layers: [8, 8], act: 'tanh', opt: 'adam', lr: 0.03, batch: 10, seed: 1, backend: 'auto', speed: 0,
      pmode: 'threshold', threshold: 0, sparsity: 0, q: 0, scope: 'layer', keep: 1, importance: 'l1',
      sched: 'off', s_init: 0, s_final: 0.9, s_begin: 0, s_end: 1000, s_freq: 100,
      lottery: 'off', lt_rate: 0.2, lt_out: 0.1, lt_steps: 500, lt_rounds: 5,
      l1: 0, l2: 0, prox: 0, dropout: 0,
      cv_k: 5, cv_steps: 200, cv_min: 1e-5, cv_max: 1, cv_points: 9, rp_steps: 500, rp_tune: 100,
      pts: '',
    });
    expect(parseHash('')).toEqual({ config: D, page: defaultPage(), rejected: [], fromLesson: false });
    expect(parseHash('#')).toEqual({ config: D, page: defaultPage(), rejected: [], fromLesson: false });
  });
});

/** The hash `hash` without the keys in `drop` (each `key=value` segment removed). */
function withoutKeys(hash: string, drop: ReadonlySet<string>): string {
  return `#${hash.replace(/^#/, '').split('&').filter((seg) => !drop.has(seg.slice(0, seg.indexOf('=')))).join('&')}`;
}

describe('absent keys take their dataset\'s defaults', () => {
  it('#dataset=mnist is LeNet-300-100; #dataset=mnist&arch=cnn the small CNN; other datasets the row defaults', () => {
    expect(parseHash('#dataset=mnist')).toEqual({ config: { ...D, ...MNIST_PRESET, dataset: 'mnist', layers: [300, 100] }, page: defaultPage(), rejected: [], fromLesson: false });
    expect(parseHash('#dataset=mnist').config).toMatchObject({ arch: 'mlp', layers: [300, 100], act: 'relu', opt: 'adam', lr: 0.001, batch: 128, dropout: 0, conv: D.conv, pool: D.pool });
    const cnn = parseHash('#dataset=mnist&arch=cnn');
    expect(cnn.config).toEqual({ ...D, ...MNIST_CNN_PRESET, dataset: 'mnist', layers: [...MNIST_CNN_PRESET.layers] });
    expect(cnn.rejected).toEqual([]);
    expect(networkParams(cnn.config)).toBe(11_978);
    // The key order does not matter: arch before dataset means the same.
    expect(parseHash('#arch=cnn&dataset=mnist').config).toEqual(cnn.config);
    for (const dataset of ['circle', 'xor', 'spiral', 'plane', 'friedman', 'custom'] as const) expect(parseHash(`#dataset=${dataset}`).config).toEqual({ ...D, dataset });
    // The toy preset is the rows' own defaults, so a link without a dataset is the defaults.
    for (const key of PRESET_KEYS) if (key in TOY_PRESET) expect(TOY_PRESET[key as keyof typeof TOY_PRESET], key).toEqual(D[key]);
    // arch=cnn on a dataset without images changes nothing else.
    expect(parseHash('#arch=cnn').config).toEqual({ ...D, arch: 'cnn' });
  });

  it('a key the link holds keeps exactly its value, whatever the dataset', () => {
    const out = parseHash('#dataset=mnist&arch=cnn&layers=64&lr=0.01&act=tanh&batch=10&dropout=0.25&conv=16:3');
    expect(out.config).toEqual({ ...D, ...MNIST_CNN_PRESET, dataset: 'mnist', layers: [64], lr: 0.01, act: 'tanh', batch: 10, dropout: 0.25, conv: '16:3' });
    // The old partial link of the issue: what it names stays, the rest is MNIST's.
    expect(parseHash('#dataset=mnist&layers=8,8&act=tanh&lr=0.03&batch=10').config).toEqual({ ...D, ...MNIST_PRESET, dataset: 'mnist', layers: [8, 8], act: 'tanh', lr: 0.03, batch: 10 });
  });

  it('a rejected key falls back to its dataset\'s default too, and the notice names that value', () => {
    const out = parseHash('#dataset=mnist&lr=NaN&batch=2.5&layers=x');
    expect(out.config).toMatchObject({ lr: 0.001, batch: 128, layers: [300, 100] });
    expect(out.rejected.map((r) => r.reason)).toEqual(['not a number; using the default 0.001', 'not a whole number; using the default 128', 'each layer must be a whole number of units; using the default 300,100']);
    // The dataset named after the rejected key decides as well.
    expect(parseHash('#lr=NaN&dataset=mnist&arch=cnn').rejected[0].reason).toBe('not a number; using the default 0.003');
    // A rejected dataset is no dataset: the defaults of circle.
    expect(parseHash('#dataset=nope&lr=NaN').rejected.map((r) => r.reason)).toEqual([expect.stringContaining('using the default circle'), 'not a number; using the default 0.03']);
  });

  it('property: explicit keys always win; absent ones follow the preset of the link\'s dataset and architecture', () => {
    fc.assert(
      fc.property(validConfig, fc.subarray([...CONFIG_KEYS]), (c, dropped) => {
        const drop = new Set<string>(dropped);
        const { config, rejected } = parseHash(withoutKeys(formatHash(c), drop));
        const full = normalised(c);
        const dataset = drop.has('dataset') ? D.dataset : full.dataset;
        const arch = drop.has('arch') || !formatHash(c).includes('&arch=') ? D.arch : full.arch;
        const expected = linkDefaults(dataset, arch);
        for (const key of CONFIG_KEYS) if (formatHash(c).includes(`&${key}=`) || formatHash(c).startsWith(`#${key}=`)) if (!drop.has(key)) (expected as unknown as Record<string, unknown>)[key] = full[key];
        // Dropping the dense layers of a huge conv stack can take the network over the limit: then the limit decides (tested elsewhere).
        fc.pre(networkParams(expected) <= MAX_PARAMS);
        expect(rejected).toEqual([]);
        expect(config).toEqual(expected);
        // Every model key absent from the link is its preset's (or the row default where the preset has none).
        const preset = modelPreset(dataset, arch) as Record<string, unknown>;
        for (const key of PRESET_KEYS) if (drop.has(key) && key !== 'arch' && key in preset) expect(config[key], key).toEqual(preset[key]);
      }),
      { numRuns: 1500, seed: 16 },
    );
  });
});

describe('lesson links', () => {
  it('a lesson link without experiment keys opens the lesson\'s preset', () => {
    const magnitude = LESSONS.find((l) => l.id === 'magnitude')!;
    const out = parseHash('#lesson=magnitude');
    expect(out.fromLesson).toBe(true);
    expect(out.page.lesson).toBe('magnitude');
    expect(out.rejected).toEqual([]);
    expect(out.config).toEqual(parseHash(magnitude.hash).config);
    expect(out.config).toMatchObject({ dataset: 'mnist', layers: [100], pmode: 'sparsity', lr: 0.003, batch: 64, backend: 'wasm' });
    // Page keys are not settings: the classroom's and the language's keys keep the preset.
    const zh = parseHash('#lesson=magnitude&lang=zh&hide=lr&present=1');
    expect(zh.config).toEqual(out.config);
    expect(zh.fromLesson).toBe(true);
    expect(zh.page).toMatchObject({ lang: 'zh', hide: ['lr'], present: 1, lesson: 'magnitude' });
    for (const lesson of LESSONS) expect(parseHash(`#lesson=${lesson.id}`).config, lesson.id).toEqual(parseHash(lesson.hash).config);
  });

  it('a lesson link with settings keeps them (an instructor may have changed them)', () => {
    const shared = parseHash('#lesson=magnitude&sparsity=0.5');
    expect(shared.fromLesson).toBe(false);
    expect(shared.config).toEqual({ ...D, sparsity: 0.5 });
    // The link the page writes for an open lesson is full: it reads back as written.
    const changed = { ...parseHash('#lesson=magnitude').config, layers: [50], sparsity: 0.9 };
    const hash = formatHash(changed, { ...defaultPage(), lesson: 'magnitude' });
    expect(parseHash(hash)).toEqual({ config: changed, page: { ...defaultPage(), lesson: 'magnitude' }, rejected: [], fromLesson: false });
  });

  it('a lesson link whose only settings are rejected opens the preset, the notice naming the preset\'s value', () => {
    const out = parseHash('#lesson=magnitude&lr=NaN');
    expect(out.fromLesson).toBe(true);
    expect(out.config.lr).toBe(0.003);
    expect(out.rejected).toEqual([{ key: 'lr', reason: 'not a number; using the default 0.003' }]);
    // An unknown lesson opens nothing.
    expect(parseHash('#lesson=nope').fromLesson).toBe(false);
    expect(parseHash('#lesson=nope').config).toEqual(D);
  });
});

describe('parseHash never throws and stays in bounds', () => {
  const check = (hash: string): void => {
    const { config, rejected } = parseHash(hash);
    expect(isValidConfig(config)).toBe(true);
    expect(Object.keys(config).sort()).toEqual([...CONFIG_KEYS].sort());
    for (const r of rejected) {
      expect(typeof r.key).toBe('string');
      expect(r.key.length).toBeLessThanOrEqual(41);
      expect(r.reason.length).toBeGreaterThan(0);
    }
  };

  it('for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: 2000 });
  });

  it('for arbitrary key=value joins over real and junk keys and values', () => {
    const key = fc.oneof(fc.constantFrom(...CONFIG_KEYS, '__proto__', 'constructor', 'toString', 'hasOwnProperty'), fc.string({ maxLength: 12 }));
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.double().map(String),
      fc.integer().map(String),
      fc.array(fc.integer({ min: -5, max: 2000 }), { maxLength: 12 }).map((a) => a.join(',')),
      fc.constantFrom('NaN', 'Infinity', '-Infinity', '0x10', '1e999', '%', '%E0%A4%A', '', ' ', '-0'),
    );
    const pair = fc.tuple(key, fc.boolean(), value).map(([k, hasEq, v]) => (hasEq ? `${k}=${v}` : k));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 15 }), fc.boolean(), (pairs, hash) => check(`${hash ? '#' : ''}${pairs.join('&')}`)),
      { numRuns: 3000 },
    );
  });

  it('a value within bounds is never rejected, one outside always is', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 2000 }), (n) => {
        const { config, rejected } = parseHash(`#batch=${n}`);
        const inBounds = n >= 1 && n <= 1024;
        expect(rejected.length).toBe(inBounds ? 0 : 1);
        expect(config.batch).toBe(Math.min(1024, Math.max(1, n)));
      }),
    );
  });
});

/** Each hostile hash with the exact config it must produce and the exact keys it must reject. */
const corpus: { hash: string; config: Partial<ExperimentConfig>; rejected: [string, RegExp][] }[] = [
  {
    hash: '#layers=-1,1e9&lr=NaN&dataset=<img src=x onerror=alert(1)>',
    config: {},
    rejected: [
      ['layers', /whole number of units; using the default 8,8/],
      ['lr', /not a number; using the default 0\.03/],
      ['dataset', /not one of .*; using the default circle/],
    ],
  },
  {
    hash: '#dataset=%3Cscript%3Ealert(1)%3C%2Fscript%3E&act=<script>alert(1)</script>',
    config: {},
    rejected: [
      ['dataset', /not one of/],
      ['act', /not one of/],
    ],
  },
  { hash: '#dataset=spiral&noise=%E0%A4%A', config: { dataset: 'spiral' }, rejected: [['noise', /malformed percent-encoding; using the default 0/]] },
  { hash: '#%E0%A4%A=1&seed=7', config: { seed: 7 }, rejected: [['%E0%A4%A', /malformed percent-encoding in the key/]] },
  { hash: '#__proto__=1', config: {}, rejected: [['__proto__', /unknown key/]] },
  { hash: '#constructor=x&toString=1&hasOwnProperty=2', config: {}, rejected: [['constructor', /unknown/], ['toString', /unknown/], ['hasOwnProperty', /unknown/]] },
  { hash: `#layers=${'8,'.repeat(5000)}8`, config: {}, rejected: [['layers', /more than 8 hidden layers/]] },
  { hash: `#${'x'.repeat(10_000)}=1`, config: {}, rejected: [[`${'x'.repeat(40)}…`, /unknown key/]] },
  { hash: `#seed=${'9'.repeat(10_000)}`, config: {}, rejected: [['seed', /not a finite number; using the default 1/]] },
  { hash: '#layers=1000000000', config: {}, rejected: [['layers', /1–1024 units/]] },
  { hash: `#layers=${Array.from({ length: 1000 }, () => 4).join(',')}`, config: {}, rejected: [['layers', /more than 8/]] },
  { hash: '#lr=Infinity&noise=-Infinity', config: {}, rejected: [['lr', /not a number/], ['noise', /not a number/]] },
  { hash: '#lr=1e999', config: {}, rejected: [['lr', /not a finite number; using the default/]] },
  { hash: '#noise=-5&split=95&lr=100&batch=0&seed=-3', config: { noise: 0, split: 90, lr: 10, batch: 1, seed: 0 }, rejected: [['noise', /clamped to 0/], ['split', /clamped to 90/], ['lr', /clamped to 10/], ['batch', /clamped to 1/], ['seed', /clamped to 0/]] },
  { hash: '#lr=1e-9', config: { lr: 1e-5 }, rejected: [['lr', /below the minimum 0\.00001; clamped to 0\.00001/]] },
  { hash: '#batch=0x10&seed=0b11&noise=1_0', config: {}, rejected: [['batch', /not a number/], ['seed', /not a number/], ['noise', /not a number/]] },
  { hash: '#batch=2.5', config: {}, rejected: [['batch', /not a whole number; using the default 10/]] },
  { hash: '#lr=&batch=&dataset=&layers=', config: { layers: [] }, rejected: [['lr', /empty value/], ['batch', /empty value/], ['dataset', /not one of/]] },
  { hash: '#lr&seed', config: {}, rejected: [['lr', /no value; using the default 0\.03/], ['seed', /no value/]] },
  { hash: '#dataset=%2525mnist', config: {}, rejected: [['dataset', /not one of/]] },
  { hash: '#dataset=%6Dnist&layers=300%2C100', config: { ...MNIST_PRESET, dataset: 'mnist', layers: [300, 100] }, rejected: [] },
  { hash: '#dataset=xor&dataset=mnist', config: { dataset: 'xor' }, rejected: [['dataset', /repeated key; the first value is used/]] },
  { hash: '#layers=8,,8', config: {}, rejected: [['layers', /whole number/]] },
  { hash: '#layers=8,8,', config: {}, rejected: [['layers', /whole number/]] },
  { hash: '#layers=0', config: {}, rejected: [['layers', /1–1024/]] },
  { hash: '#layers=1024,1', config: { layers: [1024, 1] }, rejected: [] },
  { hash: '#backend=WebGPU&opt=SGD&act= relu ', config: { backend: 'webgpu', opt: 'sgd', act: 'relu' }, rejected: [] },
  { hash: '#&&&==&=&=x&seed=5', config: { seed: 5 }, rejected: [] },
  { hash: '#seed=2147483648', config: { seed: MAX_SEED }, rejected: [['seed', /clamped to 2147483647/]] },
  { hash: '#noise=-0&lr=+0.5', config: { noise: 0, lr: 0.5 }, rejected: [] },
  { hash: '#split=%20', config: {}, rejected: [['split', /empty value/]] },
  // Pruning keys.
  { hash: '#threshold=NaN&sparsity=Infinity&q=-Infinity', config: {}, rejected: [['threshold', /not a number; using the default 0/], ['sparsity', /not a number/], ['q', /not a number/]] },
  { hash: '#keep=0&s_freq=0&lt_rounds=0', config: { keep: 0.01, s_freq: 1, lt_rounds: 1 }, rejected: [['keep', /below the minimum 0\.01; clamped to 0\.01/], ['s_freq', /clamped to 1/], ['lt_rounds', /clamped to 1/]] },
  { hash: '#keep=2&sparsity=1&threshold=11&q=99', config: { keep: 1, sparsity: 0.999, threshold: 10, q: 5 }, rejected: [['keep', /above the maximum 1; clamped to 1/], ['sparsity', /clamped to 0\.999/], ['threshold', /clamped to 10/], ['q', /clamped to 5/]] },
  { hash: '#threshold=-0.1&s_init=1&s_final=-1', config: { threshold: 0, s_init: 0.99, s_final: 0 }, rejected: [['threshold', /clamped to 0/], ['s_init', /clamped to 0\.99/], ['s_final', /clamped to 0/]] },
  {
    hash: '#importance=<script>alert(1)</script>&pmode=%3Cimg%20src%3Dx%3E&scope=__proto__&sched=constructor&lottery=1',
    config: {},
    rejected: [['importance', /not one of l1, l2, activation, taylor, random; using the default l1/], ['pmode', /not one of/], ['scope', /not one of/], ['sched', /not one of/], ['lottery', /not one of/]],
  },
  { hash: '#s_begin=1.5&s_end=2e6&lt_steps=5&s_freq=0x10', config: { s_end: MAX_STEP, lt_steps: 10 }, rejected: [['s_begin', /not a whole number/], ['s_end', /clamped to 1000000/], ['lt_steps', /clamped to 10/], ['s_freq', /not a number/]] },
  { hash: '#lt_rate=0&lt_out=0.95&lt_steps=1e999', config: { lt_rate: 0.01, lt_out: 0.9 }, rejected: [['lt_rate', /clamped to 0\.01/], ['lt_out', /clamped to 0\.9/], ['lt_steps', /not a finite number/]] },
  { hash: '#pmode=STD&scope=Global&importance=Taylor&sched=POLY&lottery=Random&threshold=1e-3', config: { pmode: 'std', scope: 'global', importance: 'taylor', sched: 'poly', lottery: 'random', threshold: 0.001 }, rejected: [] },
  { hash: '#keep=&threshold&q=%', config: {}, rejected: [['keep', /empty value; using the default 1/], ['threshold', /no value/], ['q', /malformed percent-encoding/]] },
  // Regularisation keys.
  {
    hash: '#l1=-1&l2=2&prox=2&dropout=0.95',
    config: { l1: 0, l2: 1, prox: 1, dropout: 0.9 },
    rejected: [['l1', /below the minimum 0; clamped to 0/], ['l2', /above the maximum 1; clamped to 1/], ['prox', /clamped to 1/], ['dropout', /above the maximum 0\.9; clamped to 0\.9/]],
  },
  { hash: '#prox=0.5&dropout=-0.1&l1=NaN&l2=1e999', config: { dropout: 0 }, rejected: [['prox', /not a whole number; using the default 0/], ['dropout', /clamped to 0/], ['l1', /not a number; using the default 0/], ['l2', /not a finite number/]] },
  { hash: '#prox=true&l1=0x1&l2=<script>alert(1)</script>&dropout=', config: {}, rejected: [['prox', /not a number/], ['l1', /not a number/], ['l2', /not a number/], ['dropout', /empty value/]] },
  {
    hash: '#cv_k=1e9&cv_steps=0&cv_min=0&cv_max=1e3&cv_points=1',
    config: { cv_k: 10, cv_steps: 10, cv_min: 1e-7, cv_max: 10, cv_points: 2 },
    rejected: [['cv_k', /above the maximum 10; clamped to 10/], ['cv_steps', /clamped to 10/], ['cv_min', /below the minimum 1e-7; clamped to 1e-7/], ['cv_max', /clamped to 10/], ['cv_points', /below the minimum 2; clamped to 2/]],
  },
  { hash: '#cv_k=2.5&cv_points=99&rp_steps=-5&rp_tune=1e6', config: { cv_points: 20, rp_steps: 10, rp_tune: 100000 }, rejected: [['cv_k', /not a whole number; using the default 5/], ['cv_points', /clamped to 20/], ['rp_steps', /clamped to 10/], ['rp_tune', /clamped to 100000/]] },
  // Image keys (read for any dataset, written only for mnist).
  { hash: '#aug=<script>alert(1)</script>', config: {}, rejected: [['aug', /unknown transform "<script>alert\(1\)<\/script>"; using the default \(none\)/]] },
  { hash: '#aug=%3Cscript%3E&trainSize=%3Cscript%3E', config: {}, rejected: [['aug', /unknown transform/], ['trainSize', /not a number; using the default 8000/]] },
  { hash: '#aug=rotate:999', config: { aug: 'rotate:180' }, rejected: [['aug', /rotate must be in 0–180; clamped to rotate:180/]] },
  { hash: '#aug=flip,rotate:-5,zoom:2,crop:0.1', config: { aug: 'flip,zoom:0.5,crop:0.5' }, rejected: [['aug', /clamped to flip,zoom:0\.5,crop:0\.5$/]] },
  { hash: '#aug=flip,flip', config: {}, rejected: [['aug', /"flip" given twice; using the default \(none\)/]] },
  { hash: '#aug=rotate:NaN&trainSize=5', config: { trainSize: 100 }, rejected: [['aug', /needs a number/], ['trainSize', /below the minimum 100; clamped to 100/]] },
  { hash: '#aug=rotate&trainSize=1e9', config: { trainSize: 8000 }, rejected: [['aug', /needs a number/], ['trainSize', /clamped to 8000/]] },
  { hash: '#aug=flip:1,,&trainSize=250.5', config: {}, rejected: [['aug', /takes no value|empty item/], ['trainSize', /not a whole number/]] },
  { hash: '#aug=__proto__&trainSize=Infinity', config: {}, rejected: [['aug', /unknown transform/], ['trainSize', /not a number/]] },
  { hash: `#aug=${'rotate:1,'.repeat(3000)}`, config: {}, rejected: [['aug', /given twice|empty item/]] },
  { hash: '#dataset=mnist&aug=&trainSize=100', config: { ...MNIST_PRESET, dataset: 'mnist', trainSize: 100 }, rejected: [] },
  // CNN keys (read for any dataset, written only for mnist; conv and pool only with arch=cnn).
  { hash: '#arch=CNN&conv=8:5:2,16:3&pool=1', config: { arch: 'cnn', conv: '8:5:2,16:3', pool: 1 }, rejected: [] },
  { hash: '#arch=transformer&conv=<script>alert(1)</script>&pool=3', config: {}, rejected: [['arch', /not one of mlp, cnn; using the default mlp/], ['conv', /filters:kernel.*; using the default 32:3,64:3/], ['pool', /not one of 1, 2; using the default 2/]] },
  { hash: '#conv=&pool=&arch=', config: {}, rejected: [['conv', /at least one conv layer/], ['pool', /not one of/], ['arch', /not one of/]] },
  { hash: '#conv=32:3,64:3,64:3,64:3,64:3', config: {}, rejected: [['conv', /more than 4 conv layers/]] },
  { hash: '#conv=0:3&pool=2.0', config: {}, rejected: [['conv', /filters must be 1–256/], ['pool', /not one of/]] },
  { hash: '#conv=32:9&pool=-2', config: {}, rejected: [['conv', /kernel must be 1–7/], ['pool', /not one of/]] },
  { hash: '#conv=32:3:4&pool=1e0', config: {}, rejected: [['conv', /stride must be 1–3/], ['pool', /not one of/]] },
  { hash: '#conv=8:7,8:7,8:7', config: {}, rejected: [['conv', /conv layer 3 shrinks the 28×28 image to nothing/]] },
  { hash: '#conv=__proto__&pool=NaN', config: {}, rejected: [['conv', /filters:kernel/], ['pool', /not one of/]] },
  { hash: `#conv=${'8:3,'.repeat(3000)}`, config: {}, rejected: [['conv', /more than 4/]] },
  { hash: '#l1=1e-4&l2=.01&prox=1&dropout=0.5&cv_min=1E-6&rp_tune=0', config: { l1: 1e-4, l2: 0.01, prox: 1, dropout: 0.5, cv_min: 1e-6, rp_tune: 0 }, rejected: [] },
  // Own points (read for any dataset, written only for custom and small sets).
  { hash: '#dataset=custom&pts= 0.5 , -.25 ,1;;-1,1e0,0;0.123,0.456,1;', config: { dataset: 'custom', pts: '0.5,-0.25,1;-1,1,0;0.12,0.46,1' }, rejected: [] },
  { hash: '#pts=0.5%3B0.1%2C0.2%2C1', config: {}, rejected: [['pts', /point 1 is not x,y,class; using the default \(none\)/]] },
  { hash: '#pts=2,-3,1;0.5,0.5,0', config: { pts: '1,-1,1;0.5,0.5,0' }, rejected: [['pts', /outside \[−1, 1\]; clamped to 1,-1,1;0\.5,0\.5,0$/]] },
  { hash: '#pts=0.1,0.2,2', config: {}, rejected: [['pts', /class other than 0 or 1/]] },
  { hash: '#pts=NaN,0,1&dataset=custom', config: { dataset: 'custom' }, rejected: [['pts', /not a number/]] },
  { hash: '#pts=1e999,0,1', config: {}, rejected: [['pts', /not finite/]] },
  { hash: '#pts=0x1,0,1;<script>alert(1)</script>', config: {}, rejected: [['pts', /not a number/]] },
  { hash: '#pts=__proto__', config: {}, rejected: [['pts', /not x,y,class/]] },
  { hash: `#pts=${'0.1,0.1,1;'.repeat(2001)}`, config: {}, rejected: [['pts', /more than 2000 points/]] },
  { hash: `#pts=${'0'.repeat(100_000)}`, config: {}, rejected: [['pts', /longer than 80000 characters/]] },
];

describe('hostile corpus', () => {
  it('has at least 20 cases', () => expect(corpus.length).toBeGreaterThanOrEqual(20));

  for (const { hash, config, rejected } of corpus) {
    it(`parses ${hash.length > 70 ? `${hash.slice(0, 70)}…` : hash}`, () => {
      const out = parseHash(hash);
      expect(out.config).toEqual({ ...D, ...config });
      expect(out.rejected.map((r) => r.key)).toEqual(rejected.map(([k]) => k));
      out.rejected.forEach((r, i) => expect(r.reason).toMatch(rejected[i][1]));
      // The prototype was not touched.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(out.config)).toBe(Object.prototype);
    });
  }
});

describe('parseLayers', () => {
  it('accepts widths with spaces and the empty list', () => {
    expect(parseLayers(' 300 , 100 ')).toEqual({ ok: true, value: [300, 100] });
    expect(parseLayers('')).toEqual({ ok: true, value: [] });
    expect(parseLayers('1,2,3,4,5,6,7,8').ok).toBe(true);
    expect(parseLayers('1,2,3,4,5,6,7,8,9').ok).toBe(false);
    expect(parseLayers('1025').ok).toBe(false);
  });

  it('every row validates its own default', () => {
    for (const key of CONFIG_KEYS) expect((SCHEMA[key] as { isValid(v: unknown): boolean }).isValid(D[key])).toBe(true);
  });
});

describe('page keys (lang, lesson, present, hide, lock)', () => {
  it('are written only when not at their defaults, after the experiment keys, and read back', () => {
    const D = defaultConfig();
    expect(formatHash(D)).not.toMatch(/lang=|hide=|lock=|lesson=|present=/);
    const page = { ...defaultPage(), lang: 'zh' as const, hide: ['lr' as const, 'batch' as const], lock: ['dataset' as const], lesson: 'magnitude' as const, present: 1 };
    const hash = formatHash(D, page);
    expect(hash).toMatch(/&lang=zh&lesson=magnitude&present=1&hide=lr,batch&lock=dataset$/);
    expect(parseHash(hash)).toEqual({ config: D, page, rejected: [], fromLesson: false });
  });

  it('drops unknown control names from hide and lock, naming them, and keeps the known ones in table order', () => {
    const { page, rejected } = parseHash('#hide=batch,<b>x</b>,lr,lr&lock=nope');
    expect(page.hide).toEqual(['lr', 'batch']);
    expect(page.lock).toEqual([]);
    expect(rejected.map((r) => r.key)).toEqual(['hide', 'lock']);
    expect(rejected[0].reason).toContain('<b>x</b>');
  });

  it('rejects an unknown language or lesson and keeps the defaults', () => {
    const { page, rejected } = parseHash('#lang=fr&lesson=../../etc&present=7');
    expect(page).toEqual({ ...defaultPage(), present: 1 });
    expect(rejected.map((r) => r.key)).toEqual(['lang', 'lesson', 'present']);
  });
});

describe('one source of truth per control: the number rows', () => {
  const numberKeys = CONFIG_KEYS.filter((k): k is NumberKey => typeof defaultConfig()[k] === 'number' && k !== 'pool');

  it('every number key but pool has bounds and a step, which its row decodes as written and clamps beyond', () => {
    expect(numberKeys.length).toBeGreaterThanOrEqual(30);
    for (const key of numberKeys) {
      const { min, max, step, kind } = boundsOf(key);
      expect(min, key).toBeLessThan(max);
      expect(step, key).toBeGreaterThan(0);
      if (kind === 'int') expect(step, key).toBe(1);
      expect(SCHEMA[key].decode(String(min)), key).toEqual({ ok: true, value: min });
      expect(SCHEMA[key].decode(String(max)), key).toEqual({ ok: true, value: max });
      expect(SCHEMA[key].decode(String(max * 2 + 1)), key).toMatchObject({ ok: false, clamped: max });
      const d = SCHEMA[key].default as number;
      expect(d >= min && d <= max, `${key} default within bounds`).toBe(true);
    }
  });

  it('the sliders’ steps that matter: target sparsity in 0.1 %, q·std in 0.05, keep-ratio in 1 %, dropout in 5 %', () => {
    expect(boundsOf('sparsity')).toMatchObject({ min: 0, max: 0.999, step: 0.001 });
    expect(boundsOf('q')).toMatchObject({ min: 0, max: 5, step: 0.05 });
    expect(boundsOf('keep')).toMatchObject({ min: 0.01, max: 1, step: 0.01 });
    expect(boundsOf('dropout')).toMatchObject({ min: 0, max: 0.9, step: 0.05 });
    expect(boundsOf('seed')).toMatchObject({ min: 0, max: MAX_SEED, step: 1 });
    expect(() => boundsOf('pool')).toThrow(/no number row/);
  });

  it('panel: the open group, one of six, defaulting to data and rejecting anything else', () => {
    expect(parseHash('#panel=prune').page.panel).toBe('prune');
    expect(parseHash('#panel=experiments').page.panel).toBe('experiments');
    const { page, rejected } = parseHash('#panel=../x');
    expect(page.panel).toBe('data');
    expect(rejected.map((r) => r.key)).toEqual(['panel']);
    expect(formatHash(defaultConfig(), { ...defaultPage(), panel: 'regularise' })).toMatch(/&panel=regularise$/);
    expect(formatHash(defaultConfig(), defaultPage())).not.toContain('panel=');
  });
});
