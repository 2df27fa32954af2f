/**
 * Shared by the CNN tests: a real-MNIST subset, random 28×28 images, and a
 * plain-JS forward pass of a ModelSpec (the reference the tfjs one must equal).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { datasetInfo, MNIST_ASSET_PATH, parseMnistAsset } from '../../src/engine/data';
import { layerShapes } from '../../src/engine/model/spec';
import { Rng } from '../../src/engine/rng';
import type { Activation, Dataset, LayerWeights, ModelSpec } from '../../src/engine/types';

const ASSET = fileURLToPath(new URL(`../../public/${MNIST_ASSET_PATH}`, import.meta.url));

/** The first nTrain digits of the committed asset as the train set, the next nTest as the test set, pixels in [0, 1]. */
export function mnistSubset(nTrain: number, nTest: number): Dataset {
  const raw = parseMnistAsset(new Uint8Array(readFileSync(ASSET)).buffer);
  const rows = (from: number, n: number) => Float32Array.from(raw.images.subarray(from * 784, (from + n) * 784), (v) => v / 255);
  const labels = (from: number, n: number) => Float32Array.from(raw.labels.subarray(from, from + n));
  return { info: datasetInfo('mnist'), xTrain: rows(0, nTrain), yTrain: labels(0, nTrain), xTest: rows(nTrain, nTest), yTest: labels(nTrain, nTest), nTrain, nTest };
}

/** n images of 784 pixels uniform in [0, 1) from Rng(seed). */
export function randomImages(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * 784 }, () => rng.next());
}

/** `layers` with every bias replaced by a uniform draw in [−0.2, 0.2) (the init's are 0, which hides bias bugs). */
export function withRandomBiases(layers: LayerWeights[], seed: number): LayerWeights[] {
  const rng = new Rng(seed);
  return layers.map((l) => ({ ...l, bias: Float32Array.from(l.bias, () => rng.uniform(-0.2, 0.2)) }));
}

const acts: Record<Activation, (z: number) => number> = {
  relu: (z) => Math.max(0, z),
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  linear: (z) => z,
};

/**
 * One row through `spec` in float64, written from the definitions: valid conv with
 * stride (map stored NHWC, kernel HWIO row-major), activation, pool×pool max-pooling,
 * flatten in NHWC order, dense layers, linear output.
 */
export function jsForward(spec: ModelSpec, layers: LayerWeights[], x: ArrayLike<number>): number[] {
  const act = acts[spec.activation];
  const shapes = layerShapes(spec);
  let h = Array.from(x);
  let side = spec.conv?.height ?? 0;
  let ch = spec.conv?.channels ?? 0;
  shapes.forEach((s, l) => {
    const { kernel, bias, outDim } = layers[l];
    const last = l === shapes.length - 1;
    if (s.conv) {
      const { kernel: k, stride } = s.conv;
      const out = Math.floor((side - k) / stride) + 1;
      const z: number[] = new Array(out * out * outDim).fill(0);
      for (let y = 0; y < out; y++)
        for (let xx = 0; xx < out; xx++)
          for (let f = 0; f < outDim; f++) {
            let sum = bias[f];
            for (let i = 0; i < k; i++)
              for (let j = 0; j < k; j++)
                for (let c = 0; c < ch; c++) sum += h[((y * stride + i) * side + (xx * stride + j)) * ch + c] * kernel[((i * k + j) * ch + c) * outDim + f];
            z[(y * out + xx) * outDim + f] = act(sum);
          }
      const p = spec.conv?.pool ?? 1;
      const pooled = Math.floor(out / p);
      h = new Array(pooled * pooled * outDim).fill(-Infinity);
      for (let y = 0; y < pooled * p; y++)
        for (let xx = 0; xx < pooled * p; xx++)
          for (let f = 0; f < outDim; f++) {
            const o = (Math.floor(y / p) * pooled + Math.floor(xx / p)) * outDim + f;
            h[o] = Math.max(h[o], z[(y * out + xx) * outDim + f]);
          }
      side = pooled;
      ch = outDim;
    } else {
      const z = Array.from({ length: outDim }, (_, j) => bias[j] + h.reduce((a, v, i) => a + v * kernel[i * outDim + j], 0));
      h = last ? z : z.map(act);
    }
  });
  return h;
}
