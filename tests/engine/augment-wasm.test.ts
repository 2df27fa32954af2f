import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import { identityAug } from '../../src/engine/data/augSpec';
import { augmentImages } from '../../src/engine/data/augment';
import { Rng } from '../../src/engine/rng';

function images(b: number): Float32Array {
  const rng = new Rng(3);
  const x = new Float32Array(b * 784);
  for (let i = 0; i < b; i++) for (let r = 6; r < 22; r++) for (let c = 8; c < 20; c++) x[i * 784 + r * 28 + c] = rng.next();
  return x;
}

afterAll(async () => {
  await activateBackend('cpu');
});

// tf.image.transform has a batched kernel on wasm; the cpu path transforms image by image
// (tfjs-backend-cpu 4.22 only transforms the first image of a batch). Both must agree.
describe('augmentation on wasm', () => {
  it('matches cpu for every image of the batch', async () => {
    const spec = { ...identityAug(), flip: true, rotate: 40, zoom: 0.2, shift: 0.1, crop: 0.8, bright: 0.1, contrast: 0.3 };
    const data = images(6);
    const run = () => {
      const x = tf.tensor2d(data, [6, 784]);
      const y = augmentImages(x, spec, new Rng(21));
      const v = y.dataSync().slice();
      tf.dispose([x, y]);
      return v;
    };
    await activateBackend('cpu');
    const cpu = run();
    await activateBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const wasm = run();
    let maxDiff = 0;
    for (let i = 0; i < cpu.length; i++) maxDiff = Math.max(maxDiff, Math.abs(cpu[i] - wasm[i]));
    expect(maxDiff).toBeLessThan(1e-4);
    // every image changed (not just the first)
    for (let i = 0; i < 6; i++) {
      let d = 0;
      for (let p = 0; p < 784; p++) d += Math.abs(wasm[i * 784 + p] - data[i * 784 + p]);
      expect(d).toBeGreaterThan(1);
    }
  });
});
