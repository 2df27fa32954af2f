import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/protocol/config';
import {
  CONFIG_KEYS,
  MAX_LAYERS,
  MAX_PARAMS,
  MAX_UNITS,
  PAGE_KEYS,
  SCHEMA,
  defaultConfig,
  groupDigits,
  isValidConfig,
  networkParams,
  paramLimitReason,
  parseHash,
  visible,
} from '../../src/state/urlCodec';
import { translator } from '../../src/ui/i18n';
import { translateRuntime } from '../../src/ui/i18n/runtime';
import { HOSTILE_CORPUS, PAYLOADS } from '../../e2e/hostile-corpus';
import { MNIST_CNN_PRESET, MNIST_PRESET } from '../../src/state/presets';

const D = defaultConfig();
const cfg = (patch: Partial<ExperimentConfig>): ExperimentConfig => ({ ...D, ...patch });
const zh = translator('zh');

/** The hash as a browser holds it after navigating to `#raw` (WHATWG URL: spaces, quotes, < > percent-encoded). */
const asBrowser = (raw: string): string => new URL(`http://localhost/#${raw}`).hash;

/** Every reason translates into Chinese with no untranslated part. */
function expectTranslated(reason: string): void {
  const misses: string[] = [];
  const chinese = translateRuntime(zh, reason, misses);
  expect(misses, `untranslated parts of ${JSON.stringify(reason)}`).toEqual([]);
  expect(chinese).toMatch(/[\u4e00-\u9fff]/);
}

describe('MAX_PARAMS: the network a config describes', () => {
  it('counts MLPs and CNNs on their dataset by hand', () => {
    // LeNet-300-100: 784·300+300 + 300·100+100 + 100·10+10.
    expect(networkParams(cfg({ dataset: 'mnist', layers: [300, 100] }))).toBe(266_610);
    // 784·1024+1024 + 1024·1024+1024 + 1024·10+10.
    expect(networkParams(cfg({ dataset: 'mnist', layers: [1024, 1024] }))).toBe(803_840 + 1_049_600 + 10_250);
    expect(networkParams(cfg({ dataset: 'mnist', layers: [1024, 1024] }))).toBe(1_863_690);
    expect(networkParams(cfg({ dataset: 'mnist', layers: [1024, 1024, 1024] }))).toBe(2_913_290);
    expect(networkParams(cfg({ dataset: 'mnist', layers: [1024, 1024, 1024, 1024] }))).toBe(3_962_890);
    expect(networkParams(cfg({ dataset: 'mnist', layers: Array(8).fill(1024) }))).toBe(8_161_290);
    // circle: 2 inputs, 2 classes: 2·1024+1024 + 7·(1024·1024+1024) + 1024·2+2.
    expect(networkParams(cfg({ layers: Array(8).fill(1024) }))).toBe(3_072 + 7 * 1_049_600 + 2_050);
    // friedman: 10 inputs, 1 output.
    expect(networkParams(cfg({ dataset: 'friedman', layers: [1024, 1024, 1024] }))).toBe(11_264 + 2 * 1_049_600 + 1_025);
    // The classic small CNN with dense 1024,1024: 320 + 18,496 + 1600·1024+1024 + 1,049,600 + 10,250.
    expect(networkParams(cfg({ dataset: 'mnist', arch: 'cnn', layers: [1024, 1024] }))).toBe(2_718_090);
    // Without pooling the flattened map is 24·24·64 = 36,864 wide.
    expect(networkParams(cfg({ dataset: 'mnist', arch: 'cnn', pool: 1, layers: [1024] }))).toBe(320 + 18_496 + 36_864 * 1024 + 1024 + 10_250);
    // arch=cnn is ignored off images.
    expect(networkParams(cfg({ arch: 'cnn', layers: [8, 8] }))).toBe(114);
    // A conv text that cannot be built counts as infinitely large (never throws).
    expect(networkParams(cfg({ dataset: 'mnist', arch: 'cnn', conv: '256:7,256:7,256:7', pool: 2 }))).toBe(Number.POSITIVE_INFINITY);
  });

  it('LeNet-300-100, 1024,1024 on MNIST and the seed CNN with 1024,1024 fit; 1024×4 on MNIST and 1024×8 anywhere do not', () => {
    expect(MAX_PARAMS).toBe(3_000_000);
    for (const ok of [cfg({ dataset: 'mnist', layers: [300, 100] }), cfg({ dataset: 'mnist', layers: [1024, 1024] }), cfg({ dataset: 'mnist', layers: [1024, 1024, 1024] }), cfg({ dataset: 'mnist', arch: 'cnn', layers: [1024, 1024] })]) {
      expect(isValidConfig(ok), ok.layers.join(',')).toBe(true);
      expect(paramLimitReason(ok)).toBeNull();
    }
    const over = cfg({ dataset: 'mnist', layers: [1024, 1024, 1024, 1024] });
    expect(isValidConfig(over)).toBe(false);
    expect(paramLimitReason(over)).toBe('the network would have 3,962,890 parameters, over the limit of 3,000,000');
    expect(isValidConfig(cfg({ layers: Array(8).fill(1024) }))).toBe(false);
    // Every row valid on its own, the whole refused: the store's replaceConfig (isValidConfig) refuses it.
    for (const key of CONFIG_KEYS) expect((SCHEMA[key] as { isValid(v: unknown): boolean }).isValid(over[key])).toBe(true);
  });

  it('a link with a too-large network falls back to its dataset\'s default layers, naming the count and the limit', () => {
    const out = parseHash('#dataset=mnist&layers=1024,1024,1024,1024');
    // MNIST's default network is LeNet-300-100 (the absent keys take it too).
    expect(out.config).toEqual(cfg({ dataset: 'mnist', ...MNIST_PRESET }));
    expect(out.rejected).toEqual([{ key: 'layers', reason: 'the network would have 3,962,890 parameters, over the limit of 3,000,000; using the default 300,100' }]);
    // 1024×3 on MNIST (2,913,290) is taken as written.
    expect(parseHash('#dataset=mnist&layers=1024,1024,1024')).toMatchObject({ config: { layers: [1024, 1024, 1024] }, rejected: [] });
    // The dataset decides: 1024×3 on circle is 2,104,322, and after the default 8,8 on circle nothing is over.
    expect(parseHash('#layers=1024,1024,1024').rejected).toEqual([]);
    // 8 × 1024 on circle: 7,352,322.
    expect(parseHash('#layers=1024,1024,1024,1024,1024,1024,1024,1024').rejected).toEqual([
      { key: 'layers', reason: 'the network would have 7,352,322 parameters, over the limit of 3,000,000; using the default 8,8' },
    ]);
  });

  it('a CNN: the dense layers fall back first, then the conv stack, to the CNN preset\'s', () => {
    // The absent conv is the preset's 8:5,16:5; without pooling 28 → 24 → 20, so 20·20·16 = 6,400 flat inputs:
    // 208 + 3,216 + 6,400·1024 + 1024 + 1024·10 + 10 = 6,568,298. With the preset's dense 32: 208 + 3,216 + 204,832 + 330 = 208,586.
    const noPool = parseHash('#dataset=mnist&arch=cnn&pool=1&layers=1024');
    expect(noPool.config).toMatchObject({ ...MNIST_CNN_PRESET, pool: 1, layers: [32] });
    expect(noPool.rejected).toEqual([{ key: 'layers', reason: 'the network would have 6,568,298 parameters, over the limit of 3,000,000; using the default 32' }]);
    expect(networkParams(noPool.config)).toBe(208_586);
    // conv 256:7,256:7: 7·7·1·256+256 = 12,800 and 7·7·256·256+256 = 3,211,520, then 2·2·256 = 1,024 inputs.
    // layers= (none): + 1024·10+10 = 3,234,570; the preset's 32: + 32,800 + 330 = 3,257,450: still over, so conv goes too.
    const wide = parseHash('#dataset=mnist&arch=cnn&conv=256:7,256:7&layers=');
    expect(wide.rejected).toEqual([
      { key: 'layers', reason: 'the network would have 3,234,570 parameters, over the limit of 3,000,000; using the default 32' },
      { key: 'conv', reason: 'the network would have 3,257,450 parameters, over the limit of 3,000,000; using the default 8:5,16:5' },
    ]);
    expect(wide.config).toMatchObject({ ...MNIST_CNN_PRESET });
    expect(networkParams(wide.config)).toBe(11_978);
    // The same conv stack on circle is never built: nothing is over.
    expect(parseHash('#arch=cnn&conv=256:7,256:7&layers=').rejected).toEqual([]);
  });

  it('every reason translates, and the count reads back in the Chinese notice', () => {
    const reason = parseHash('#dataset=mnist&layers=1024,1024,1024,1024').rejected[0].reason;
    expectTranslated(reason);
    expect(translateRuntime(zh, reason)).toContain('3,962,890');
    expect(groupDigits(3_000_000)).toBe('3,000,000');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('no hash ever yields a network over the limit (fast-check over network keys)', () => {
    const width = fc.oneof(fc.integer({ min: 1, max: MAX_UNITS }), fc.constantFrom(1, 512, 1024, 1025, 0, -1));
    const layers = fc.array(width, { maxLength: MAX_LAYERS + 1 }).map((a) => a.join(','));
    const conv = fc.array(fc.tuple(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 4 }).map((a) => a.map(([f, k, s]) => `${f}:${k}:${s}`).join(','));
    fc.assert(
      fc.property(fc.constantFrom('circle', 'friedman', 'mnist', 'custom'), fc.constantFrom('mlp', 'cnn'), fc.constantFrom('1', '2'), conv, layers, (dataset, arch, pool, c, l) => {
        const { config } = parseHash(`#dataset=${dataset}&arch=${arch}&pool=${pool}&conv=${c}&layers=${l}`);
        expect(isValidConfig(config)).toBe(true);
        expect(networkParams(config)).toBeLessThanOrEqual(MAX_PARAMS);
      }),
      { numRuns: 1500, seed: 8 },
    );
  });
});

describe('what the notice is given', () => {
  it('names an unknown or repeated key once however often it occurs', () => {
    const out = parseHash(`#${'x=1&'.repeat(5000)}seed=3&seed=4&seed=5&%E4%B=1&%E4%B=2`);
    expect(out.rejected.map((r) => r.key)).toEqual(['x', 'seed', '%E4%B']);
    expect(out.config.seed).toBe(3);
  });

  it('makes invisible and direction-changing characters visible, in keys and reasons', () => {
    expect(visible('a\u0000b\u202Ec\u200Bd\u2066e\uFEFFf')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf');
    expect(visible('שלום 数据 ＭＮＩＳＴ')).toBe('שלום 数据 ＭＮＩＳＴ');
    const out = parseHash('#%E2%80%AEevil=1&hide=lr,%00x&aug=%E2%80%AE');
    expect(out.rejected.map((r) => r.key)).toEqual(['\ufffdevil', 'hide', 'aug']);
    for (const r of out.rejected) expect([...`${r.key}${r.reason}`].filter((ch) => ch.charCodeAt(0) < 0x20 || (ch >= '\u202a' && ch <= '\u202e'))).toEqual([]);
  });

  it('cuts keys to 40 characters', () => {
    const out = parseHash(`#${'<'.repeat(100)}=1`);
    expect(out.rejected[0].key).toBe(`${'<'.repeat(40)}…`);
  });
});

describe('the hostile-link corpus (e2e/hostile-corpus.ts) in the codec', () => {
  it('has at least 50 hand-written cases, with injection in every URL key', () => {
    expect(HOSTILE_CORPUS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(HOSTILE_CORPUS.map((c) => c.label)).size).toBe(HOSTILE_CORPUS.length);
    const payloads = Object.values(PAYLOADS);
    const injected = new Set<string>();
    for (const { hash } of HOSTILE_CORPUS) {
      for (const segment of hash.split('&')) {
        const eq = segment.indexOf('=');
        if (eq > 0 && payloads.some((p) => segment.slice(eq + 1).includes(p))) injected.add(segment.slice(0, eq));
      }
    }
    for (const key of [...CONFIG_KEYS, ...PAGE_KEYS]) expect(injected, `a payload in ${key}`).toContain(key);
  });

  for (const c of HOSTILE_CORPUS) {
    it(c.label, () => {
      const out = parseHash(asBrowser(c.hash));
      expect(isValidConfig(out.config)).toBe(true);
      expect(networkParams(out.config)).toBeLessThanOrEqual(MAX_PARAMS);
      const names = out.rejected.map((r) => r.key);
      if (c.label.includes('12,000')) {
        expect(names.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`));
        expect(names).toHaveLength(12_000);
      } else {
        expect([...names].sort()).toEqual([...c.keys].sort());
      }
      for (const [key, words] of Object.entries(c.reasons ?? {})) expect(out.rejected.find((r) => r.key === key)?.reason).toContain(words);
      for (const [key, shown] of Object.entries(c.shows ?? {})) {
        const value = (out.config as unknown as Record<string, unknown>)[key];
        expect(Array.isArray(value) ? value.join(',') : String(value), key).toBe(shown);
      }
      for (const r of out.rejected.slice(0, 50)) {
        expect(r.key.length).toBeLessThanOrEqual(41);
        expectTranslated(r.reason);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
