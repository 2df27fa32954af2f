/**
 * Static facts about every dataset, known without generating it. Imports no
 * tfjs, so the main thread may use it (e.g. to size the input layer in the UI).
 */
import type { DatasetInfo, DatasetName } from '../types';

/** Where the MNIST asset lives, relative to the app's base URL (see `mnist.ts` for the byte format). */
export const MNIST_ASSET_PATH = 'data/mnist-10k.bin';
/** MNIST samples used for training after the seeded shuffle (fixed; `trainPercent` is ignored). */
export const MNIST_TRAIN = 8000;
/** MNIST samples held out for the test set. */
export const MNIST_TEST = 2000;

/** Points in each TensorFlow-Playground-style 2-D set (circle, xor, gauss, spiral, plane). */
export const TOY_SIZE = 500;
/** Samples in the Friedman #1 regression set. */
export const FRIEDMAN_SIZE = 1000;
/** Inputs of Friedman #1: x₁…x₁₀ ~ U[0, 1]; only the first five affect the target. */
export const FRIEDMAN_INPUTS = 10;

/**
 * Static description of a dataset: task, input and output widths, total samples.
 * circle/xor/gauss/spiral: classification, 2 → 2 classes, 500 points; plane:
 * regression, 2 → 1, 500; friedman: regression, 10 → 1, 1,000; mnist:
 * classification, 784 → 10 classes, 10,000 (8,000 train / 2,000 test);
 * custom (the student's own points): classification, 2 → 2 classes, size 0
 * here because it has as many samples as points (see custom.ts).
 */
export function datasetInfo(name: DatasetName): DatasetInfo {
  switch (name) {
    case 'circle':
    case 'xor':
    case 'gauss':
    case 'spiral':
      return { name, task: 'classification', inputDim: 2, outputDim: 2, size: TOY_SIZE };
    case 'plane':
      return { name, task: 'regression', inputDim: 2, outputDim: 1, size: TOY_SIZE };
    case 'friedman':
      return { name, task: 'regression', inputDim: FRIEDMAN_INPUTS, outputDim: 1, size: FRIEDMAN_SIZE };
    case 'mnist':
      return { name, task: 'classification', inputDim: 784, outputDim: 10, size: MNIST_TRAIN + MNIST_TEST };
    case 'custom':
      return { name, task: 'classification', inputDim: 2, outputDim: 2, size: 0 };
    default: {
      const unknown: never = name;
      throw new Error(`Unknown dataset: ${String(unknown)}`);
    }
  }
}
