import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MNIST_ASSET_PATH, MNIST_TEST, MNIST_TRAIN, fetchMnist, makeDataset, parseMnistAsset } from '../../src/engine/data';

const ASSET = fileURLToPath(new URL(`../../public/${MNIST_ASSET_PATH}`, import.meta.url));

/** Encodes images (784 bytes each) and labels in the asset format. */
function encode(count: number, pixel: (i: number, p: number) => number, label: (i: number) => number): ArrayBuffer {
  const bytes = new Uint8Array(8 + count * 785);
  bytes.set([77, 78, 83, 84], 0);
  new DataView(bytes.buffer).setUint32(4, count, true);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < 784; p++) bytes[8 + i * 784 + p] = pixel(i, p);
    bytes[8 + count * 784 + i] = label(i);
  }
  return bytes.buffer;
}

describe('parseMnistAsset', () => {
  it('round-trips a synthetic buffer', () => {
    const raw = parseMnistAsset(encode(3, (i, p) => (i * 31 + p) % 256, (i) => (i * 4) % 10));
    expect(raw.count).toBe(3);
    expect(raw.images.length).toBe(3 * 784);
    expect(Array.from(raw.labels)).toEqual([0, 4, 8]);
    expect(raw.images[784 + 5]).toBe(36);
    expect(raw.images[2 * 784 + 783]).toBe((62 + 783) % 256);
  });

  it('rejects malformed buffers with a clear message', () => {
    expect(() => parseMnistAsset(new ArrayBuffer(5))).toThrow(/shorter than the 8-byte header/);
    const html = new TextEncoder().encode('<!doctype html>').buffer;
    expect(() => parseMnistAsset(html)).toThrow(/magic is "<!do", expected "MNST"/);
    const good = new Uint8Array(encode(2, () => 0, () => 1));
    expect(() => parseMnistAsset(good.slice(0, good.length - 1).buffer)).toThrow(/1577 bytes for 2 images, expected 1578/);
    expect(() => parseMnistAsset(encode(2, () => 0, (i) => (i === 1 ? 10 : 3)))).toThrow(/label 10 at index 1/);
  });
});

describe('the committed asset public/data/mnist-10k.bin', () => {
  const raw = parseMnistAsset(new Uint8Array(readFileSync(ASSET)).buffer);

  it('holds the 10,000 digits of the mnist package, about 1,000 per class, interleaved', () => {
    expect(raw.count).toBe(10000);
    const perClass = new Array(10).fill(0);
    for (const l of raw.labels) perClass[l]++;
    expect(perClass).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    expect(Array.from(raw.labels.slice(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    let ink = 0;
    for (let p = 0; p < 784; p++) ink += raw.images[p];
    expect(ink).toBeGreaterThan(10 * 255); // a real digit, not an empty image
  });

  it('makeDataset(mnist): seeded 8,000/2,000 split with pixels in [0, 1]', () => {
    const d = makeDataset({ name: 'mnist', noisePercent: 30, trainPercent: 20, seed: 1 }, raw);
    expect([d.nTrain, d.nTest, MNIST_TRAIN, MNIST_TEST]).toEqual([8000, 2000, 8000, 2000]);
    expect(d.xTrain.length).toBe(8000 * 784);
    expect(d.xTest.length).toBe(2000 * 784);
    let max = 0;
    for (const v of d.xTrain) if (v > max) max = v;
    expect(max).toBe(1);
    for (const y of [...d.yTrain, ...d.yTest]) expect(Number.isInteger(y) && y >= 0 && y <= 9).toBe(true);
    const again = makeDataset({ name: 'mnist', noisePercent: 0, trainPercent: 50, seed: 1 }, raw);
    expect(again.yTrain).toEqual(d.yTrain);
    const other = makeDataset({ name: 'mnist', noisePercent: 0, trainPercent: 50, seed: 2 }, raw);
    expect(other.yTrain).not.toEqual(d.yTrain);
  });
});

describe('fetchMnist', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('streams the body, reports progress and parses it', async () => {
    const bytes = new Uint8Array(encode(4, (i) => i, (i) => i));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 1000));
        c.enqueue(bytes.slice(1000, 2000));
        c.enqueue(bytes.slice(2000));
        c.close();
      },
    });
    vi.stubGlobal('fetch', async () => new Response(stream, { headers: { 'content-length': String(bytes.length) } }));
    const progress: [number, number][] = [];
    const raw = await fetchMnist('x/data/mnist-10k.bin', (l, t) => progress.push([l, t]));
    expect(raw.count).toBe(4);
    expect(Array.from(raw.labels)).toEqual([0, 1, 2, 3]);
    expect(progress).toEqual([
      [1000, 3148],
      [2000, 3148],
      [3148, 3148],
    ]);
  });

  it('throws on an HTTP error', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404, statusText: 'Not Found' }));
    await expect(fetchMnist('missing.bin')).rejects.toThrow('Could not load MNIST from missing.bin: HTTP 404 Not Found');
  });
});
