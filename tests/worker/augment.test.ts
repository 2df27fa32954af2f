import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import type { ExperimentConfig } from '../../src/protocol/config';
import { defaultConfig } from '../../src/state/urlCodec';
import { parseAugLenient } from '../../src/engine/data/augSpec';
import { trainOptions } from '../../src/worker/builder';
import { all, setup, until } from './harness';

const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu' };

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

beforeAll(async () => {
  await activateBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('worker augmentation', () => {
  it('parses aug text leniently: invalid → none, out of range → clamped', () => {
    expect(parseAugLenient('flip,rotate:15').rotate).toBe(15);
    expect(parseAugLenient('bogus')).toEqual(parseAugLenient(''));
    expect(parseAugLenient('rotate:999').rotate).toBe(180);
    expect(trainOptions({ ...CIRCLE, aug: 'noise:0.2' }).augment?.noise).toBe(0.2);
  });

  it('mnist: posts a fresh 16-digit preview per request (transferred bytes), applies aug hot, honours trainSize, leaks nothing', async () => {
    const asset = mnistAsset();
    vi.stubGlobal('fetch', async () => new Response(asset.slice(0)));
    const { host, got, transfers } = setup();
    const config: ExperimentConfig = { ...CIRCLE, dataset: 'mnist', layers: [8], act: 'relu', batch: 32, aug: 'rotate:30,noise:0.2', trainSize: 400 };
    host.handle({ type: 'configure', runId: 1, config });
    await until(() => got.some((m) => m.type === 'phase' && m.phase === 'paused'));
    host.handle({ type: 'augPreview', runId: 1 });
    await until(() => all(got, 'augPreview').length === 1);
    const before = tf.memory().numTensors;
    host.handle({ type: 'augPreview', runId: 1 });
    host.handle({ type: 'augPreview', runId: 7 }); // stale run: ignored
    await until(() => all(got, 'augPreview').length === 2);
    const [p, q] = all(got, 'augPreview');
    expect(p.runId).toBe(1);
    expect(p.count).toBe(16);
    expect(p.labels.length).toBe(16);
    expect(p.originals).toBeInstanceOf(Uint8Array);
    expect(p.originals.length).toBe(16 * 784);
    expect(p.augmented.length).toBe(16 * 784);
    expect(Array.from(q.originals)).toEqual(Array.from(p.originals));
    expect(Array.from(q.augmented)).not.toEqual(Array.from(p.augmented));
    const i = got.indexOf(p);
    expect(transfers[i]).toContain(p.originals.buffer);
    expect(transfers[i]).toContain(p.augmented.buffer);
    expect(tf.memory().numTensors).toBe(before);
    // hot: a new aug text takes effect without a rebuild; training still runs
    host.handle({ type: 'configure', runId: 1, config: { ...config, aug: 'flip' } });
    const from = got.length;
    host.handle({ type: 'step', runId: 1, steps: 3 });
    await until(() => all(got, 'metrics', from).some((m) => m.step === 3));
    expect(all(got, 'error').length).toBe(0);
    expect(all(got, 'phase', from).some((m) => m.phase === 'loading')).toBe(false);
    // 400 training digits at batch 32: 12 steps per epoch
    const f2 = got.length;
    host.handle({ type: 'step', runId: 1, steps: 12 });
    await until(() => all(got, 'metrics', f2).some((m) => m.step === 15));
    const last = all(got, 'metrics', f2).at(-1)!;
    expect(last.epoch).toBe(1); // 0 with all 8,000 digits
  });

  it('ignores preview requests for other datasets', async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, aug: 'flip' } });
    await until(() => got.some((m) => m.type === 'phase' && m.phase === 'paused'));
    host.handle({ type: 'augPreview', runId: 1 });
    host.handle({ type: 'step', runId: 1, steps: 1 });
    await until(() => all(got, 'metrics').some((m) => m.step === 1));
    expect(all(got, 'augPreview').length).toBe(0);
    expect(all(got, 'error').length).toBe(0);
  });
});
