import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { makeDataset, parseMnistAsset } from '../../src/engine/data';
import { AUG_IDENTITY, AUG_KEYS, AUG_LIMITS, formatAug, identityAug, parseAug, type AugSpec } from '../../src/engine/data/augSpec';
import { augMatrix, augmentImages, drawAug, transformImages } from '../../src/engine/data/augment';
import { mlpSpec } from '../../src/engine/model/spec';
import { TrainingSession } from '../../src/engine/train/session';
import type { Dataset } from '../../src/engine/types';
import { Rng } from '../../src/engine/rng';

const spec = (s: Partial<AugSpec>): AugSpec => ({ ...identityAug(), ...s });

/** b images of 28×28 with a blob of ink (values in [0, 1]) away from the borders. */
function images(b: number, seed = 1): Float32Array {
  const rng = new Rng(seed);
  const x = new Float32Array(b * 784);
  for (let i = 0; i < b; i++)
    for (let r = 8; r < 20; r++) for (let c = 9; c < 19; c++) x[i * 784 + r * 28 + c] = 0.3 + 0.7 * rng.next();
  return x;
}

/** A synthetic mnist asset of 10,000 images (ink depends on the label). */
function mnistAsset(): ArrayBuffer {
  const count = 10_000;
  const bytes = new Uint8Array(8 + count * 785);
  bytes.set([77, 78, 83, 84]);
  new DataView(bytes.buffer).setUint32(4, count, true);
  for (let i = 0; i < count; i++) {
    const label = (i * 7) % 10;
    for (let p = 0; p < 784; p++) bytes[8 + i * 784 + p] = (p >> 4) % 10 === label ? 100 + ((p * 31 + i) % 156) : 0;
    bytes[8 + count * 784 + i] = label;
  }
  return bytes.buffer;
}
let mnist: Dataset;

beforeAll(async () => {
  await activateBackend('cpu');
  mnist = makeDataset({ name: 'mnist', noisePercent: 0, trainPercent: 50, seed: 3, trainSize: 500 }, parseMnistAsset(mnistAsset()));
});

describe('parseAug / formatAug', () => {
  const specArb = fc.record({
    flip: fc.boolean(),
    rotate: fc.double({ min: 0, max: 180, noNaN: true }),
    zoom: fc.double({ min: 0, max: 0.5, noNaN: true }),
    shift: fc.double({ min: 0, max: 0.5, noNaN: true }),
    crop: fc.double({ min: 0.5, max: 1, noNaN: true }),
    noise: fc.double({ min: 0, max: 1, noNaN: true }),
    bright: fc.double({ min: 0, max: 1, noNaN: true }),
    contrast: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  it('round-trips every in-range spec, canonically', () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const text = formatAug(s);
        const r = parseAug(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        // -0 formats as "0": compare with Object.is-insensitive equality
        for (const k of AUG_KEYS) expect(r.value[k] === s[k] || (r.value[k] === 0 && s[k] === 0)).toBe(true);
        expect(formatAug(r.value)).toBe(text);
      }),
    );
  });

  it('identity is the empty text; items in canonical order', () => {
    expect(formatAug(identityAug())).toBe('');
    expect(parseAug('')).toEqual({ ok: true, value: { ...AUG_IDENTITY } });
    expect(parseAug('  ')).toEqual({ ok: true, value: { ...AUG_IDENTITY } });
    const r = parseAug('noise:0.1, flip ,rotate:15');
    expect(r.ok && formatAug(r.value)).toBe('flip,rotate:15,noise:0.1');
    expect(formatAug(spec({ crop: 0.8, contrast: 0.2, zoom: 0.1, shift: 0.1, bright: 0.3 }))).toBe('zoom:0.1,shift:0.1,crop:0.8,bright:0.3,contrast:0.2');
    expect(AUG_LIMITS.rotate.max).toBe(180);
  });

  it('rejects hostile texts without a clamped value', () => {
    for (const t of ['foo', 'flip,flip', 'rotate', 'rotate:', 'rotate:abc', 'rotate:1x', 'rotate:NaN', 'rotate:Infinity', 'flip:1', ',', 'flip,', 'rotate:0x10', '__proto__:1', 'constructor', 'rotate:1:2', '<script>']) {
      const r = parseAug(t);
      expect(r.ok, t).toBe(false);
      if (!r.ok) {
        expect(r.clamped, t).toBeUndefined();
        expect(r.reason.length).toBeGreaterThan(0);
      }
    }
    const long = parseAug('x'.repeat(10_000));
    expect(!long.ok && long.reason.length < 100).toBe(true);
  });

  it('out-of-range values → not ok with every value clamped', () => {
    const r = parseAug('rotate:500,zoom:-1,crop:0.1,noise:0.2');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.clamped).toEqual(spec({ rotate: 180, zoom: 0, crop: 0.5, noise: 0.2 }));
    expect(r.reason).toMatch(/rotate/);
  });
});

describe('augmentImages', () => {
  it('identity spec returns the input itself, no ops and no draws', () => {
    const x = tf.tensor2d(images(4), [4, 784]);
    const rng = new Rng(1);
    const before = tf.memory().numTensors;
    expect(augmentImages(x, identityAug(), rng)).toBe(x);
    expect(tf.memory().numTensors).toBe(before);
    expect(rng.next()).toBe(new Rng(1).next());
    x.dispose();
  });

  it('identity parameters leave images exactly unchanged (through the transform)', () => {
    const data = images(3);
    const x = tf.tensor2d(data, [3, 784]);
    const d = drawAug(spec({}), new Rng(2));
    const m = augMatrix({ ...d, flip: false, angle: 0, zoom: 1, dx: 0, dy: 0, cx: 0, cy: 0 }, 1);
    const y = transformImages(x, [...m, ...m, ...m]);
    expect(Array.from(y.dataSync())).toEqual(Array.from(data));
    // zero-strength items (rotate:0 etc. are the identity, but a spec with zero-width ranges draws them as such)
    const z = augmentImages(x, spec({ rotate: 1e-12, contrast: 1e-12 }), new Rng(3));
    const zd = z.dataSync();
    for (let i = 0; i < data.length; i++) expect(zd[i]).toBeCloseTo(data[i], 5);
    tf.dispose([x, y, z]);
  });

  it('flip twice is the identity; one flip mirrors the columns', () => {
    const data = images(2, 5);
    const x = tf.tensor2d(data, [2, 784]);
    const m = augMatrix({ flip: true, angle: 0, zoom: 1, dx: 0, dy: 0, cx: 0, cy: 0, bright: 0, contrast: 1 }, 1);
    const once = transformImages(x, [...m, ...m]);
    const twice = transformImages(once, [...m, ...m]);
    const o = once.dataSync();
    for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) expect(o[784 + r * 28 + c]).toBe(data[784 + r * 28 + (27 - c)]);
    expect(Array.from(twice.dataSync())).toEqual(Array.from(data));
    tf.dispose([x, once, twice]);
  });

  it('rotation keeps values in [0, 1] and the pixel mass roughly', () => {
    const data = images(8, 7);
    const x = tf.tensor2d(data, [8, 784]);
    const y = augmentImages(x, spec({ rotate: 45 }), new Rng(11));
    const v = y.dataSync();
    for (const p of v) expect(p >= 0 && p <= 1).toBe(true);
    for (let i = 0; i < 8; i++) {
      let a = 0;
      let b = 0;
      for (let p = 0; p < 784; p++) {
        a += data[i * 784 + p];
        b += v[i * 784 + p];
      }
      expect(Math.abs(b - a) / a).toBeLessThan(0.1);
    }
    tf.dispose([x, y]);
  });

  it('noise has the requested σ (before clipping, on mid-grey images)', () => {
    const b = 16;
    const x = tf.fill([b, 784], 0.5) as tf.Tensor2D;
    const y = augmentImages(x, spec({ noise: 0.1 }), new Rng(4));
    const v = y.dataSync();
    let s = 0;
    let s2 = 0;
    for (const p of v) {
      s += p - 0.5;
      s2 += (p - 0.5) ** 2;
    }
    const mean = s / v.length;
    const sd = Math.sqrt(s2 / v.length - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(sd).toBeGreaterThan(0.095);
    expect(sd).toBeLessThan(0.105);
    tf.dispose([x, y]);
  });

  it('bright and contrast act per image and clip to [0, 1]', () => {
    const data = images(6, 9);
    const x = tf.tensor2d(data, [6, 784]);
    const y = augmentImages(x, spec({ bright: 1, contrast: 1, shift: 0.3, zoom: 0.5, crop: 0.5, flip: true }), new Rng(8));
    for (const p of y.dataSync()) expect(p >= 0 && p <= 1).toBe(true);
    tf.dispose([x, y]);
  });

  it('is deterministic from the Rng and leaks no tensor', () => {
    const x = tf.tensor2d(images(4), [4, 784]);
    const s = spec({ flip: true, rotate: 30, zoom: 0.2, shift: 0.1, crop: 0.8, noise: 0.1, bright: 0.1, contrast: 0.2 });
    const before = tf.memory().numTensors;
    const a = augmentImages(x, s, new Rng(5));
    const b = augmentImages(x, s, new Rng(5));
    const c = augmentImages(x, s, new Rng(6));
    expect(tf.memory().numTensors).toBe(before + 3);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    tf.dispose([x, a, b, c]);
  });
});

describe('mnist trainSize', () => {
  it('keeps exactly the first N training rows of the seeded split; the test set is unchanged', () => {
    const raw = parseMnistAsset(mnistAsset());
    const full = makeDataset({ name: 'mnist', noisePercent: 0, trainPercent: 50, seed: 3 }, raw);
    const small = makeDataset({ name: 'mnist', noisePercent: 0, trainPercent: 50, seed: 3, trainSize: 300 }, raw);
    expect(full.nTrain).toBe(8000);
    expect(small.nTrain).toBe(300);
    expect(small.xTrain.length).toBe(300 * 784);
    expect(small.yTrain.length).toBe(300);
    expect(Array.from(small.xTrain)).toEqual(Array.from(full.xTrain.subarray(0, 300 * 784)));
    expect(Array.from(small.yTrain)).toEqual(Array.from(full.yTrain.subarray(0, 300)));
    expect(small.nTest).toBe(2000);
    expect(Array.from(small.xTest)).toEqual(Array.from(full.xTest));
  });
});

describe('TrainingSession augmentation', () => {
  const opts = { optimizer: 'adam' as const, learningRate: 0.01, batchSize: 32, seed: 9 };
  const mk = (augment?: AugSpec) => new TrainingSession(mnist, mlpSpec(mnist.info, [8], 'relu'), { ...opts, augment });
  const strong = spec({ flip: true, rotate: 90, noise: 0.3 });

  it('never touches the test split: evaluate and predict are equal with and without augmentation', async () => {
    const a = mk();
    const b = mk(strong);
    expect(b.augmentation).toEqual(strong);
    expect(await b.evaluate()).toEqual(await a.evaluate());
    expect(Array.from(b.predict(mnist.xTest.subarray(0, 784 * 3), 3))).toEqual(Array.from(a.predict(mnist.xTest.subarray(0, 784 * 3), 3)));
    // Training differs (augmented batches), evaluation is still of the plain test set.
    const la = await a.trainSteps(3);
    const lb = await b.trainSteps(3);
    expect(Array.from(la.loss)).not.toEqual(Array.from(lb.loss));
    a.dispose();
    b.dispose();
  });

  it('is deterministic from (seed, step), hot-switchable and leaks no tensor', async () => {
    const a = mk(strong);
    const b = mk(strong);
    // The first step creates Adam's slots.
    expect(Array.from((await a.trainSteps(1)).loss)).toEqual(Array.from((await b.trainSteps(1)).loss));
    const before = tf.memory().numTensors;
    expect(Array.from((await a.trainSteps(4)).loss)).toEqual(Array.from((await b.trainSteps(4)).loss));
    expect(tf.memory().numTensors).toBe(before);
    a.setAugmentation(null);
    expect(a.augmentation).toBeNull();
    expect(a.options.augment).toBeUndefined();
    b.setAugmentation(identityAug());
    expect(b.augmentation).toBeNull();
    expect(Array.from((await a.trainSteps(2)).loss)).toEqual(Array.from((await b.trainSteps(2)).loss));
    a.setAugmentation(spec({ rotate: 20 }));
    expect(a.options.augment).toEqual(spec({ rotate: 20 }));
    await a.trainSteps(2);
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
    b.dispose();
  });

  it('previews the first rows: fresh per draw, reproducible, no tensor left', async () => {
    const s = mk();
    const before = tf.memory().numTensors;
    const p0 = await s.previewAugmentation(16, strong, 0);
    const p0b = await s.previewAugmentation(16, strong, 0);
    const p1 = await s.previewAugmentation(16, strong, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(p0.labels).toEqual(Array.from(mnist.yTrain.subarray(0, 16)));
    expect(Array.from(p0.originals)).toEqual(Array.from(mnist.xTrain.subarray(0, 16 * 784)));
    expect(p0.augmented.length).toBe(16 * 784);
    expect(Array.from(p0.augmented)).toEqual(Array.from(p0b.augmented));
    expect(Array.from(p0.augmented)).not.toEqual(Array.from(p1.augmented));
    const id = await s.previewAugmentation(4, identityAug(), 3);
    expect(Array.from(id.augmented)).toEqual(Array.from(id.originals));
    s.dispose();
  });

  it('ignores augmentation for non-image datasets', async () => {
    const d = makeDataset({ name: 'circle', noisePercent: 0, trainPercent: 50, seed: 1 });
    const s = new TrainingSession(d, mlpSpec(d.info, [4], 'tanh'), { ...opts, augment: strong });
    expect(s.augmentation).toBeNull();
    expect(s.options.augment).toBeUndefined();
    await s.trainSteps(2);
    s.dispose();
  });
});
