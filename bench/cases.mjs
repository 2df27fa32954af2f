/**
 * The benchmark cases: experiments as the URL carries them (the app's hash keys),
 * minus the backend. The bench page builds the same model and data from these
 * fields that the app builds from its URL.
 */

/** @typedef {{ id: string, label: string, dataset: string, noise: number, split: number, arch?: 'mlp' | 'cnn', conv?: string, pool?: number, layers: number[], act: string, opt: string, lr: number, batch: number, seed: number }} BenchCase */

/** @type {BenchCase[]} */
export const CASES = [
  {
    id: 'mnist-lenet',
    label: 'LeNet-300-100 · MNIST · b128',
    dataset: 'mnist',
    noise: 0,
    split: 80,
    layers: [300, 100],
    act: 'relu',
    opt: 'adam',
    lr: 0.001,
    batch: 128,
    seed: 1,
  },
  {
    // The classic small CNN (Conv 32 → pool → Conv 64 → pool → Dense 128), without its dropout so the bare loop trains the same thing.
    id: 'mnist-cnn',
    label: 'CNN 32:3,64:3 → 128 · MNIST · b32',
    dataset: 'mnist',
    noise: 0,
    split: 80,
    arch: 'cnn',
    conv: '32:3,64:3',
    pool: 2,
    layers: [128],
    act: 'relu',
    opt: 'adam',
    lr: 0.001,
    batch: 32,
    seed: 1,
  },
  {
    id: 'circle-8-8',
    label: '2-8-8 · circle · b10',
    dataset: 'circle',
    noise: 0,
    split: 50,
    layers: [8, 8],
    act: 'tanh',
    opt: 'adam',
    lr: 0.03,
    batch: 10,
    seed: 1,
  },
];

/** Backends in the order the bench tries them. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Why `backend` cannot train `benchCase`, or null when it can (tfjs WASM has no conv-gradient kernel; see CNN_WASM_REASON in src/engine/model/spec.ts). */
export function unsupported(benchCase, backend) {
  return benchCase.arch === 'cnn' && backend === 'wasm' ? 'tfjs WASM has no Conv2DBackpropFilter kernel, so a CNN cannot train on WASM' : null;
}

/** The app's URL hash (without '#') for a case on a backend. */
export function appHash(benchCase, backend) {
  const c = benchCase;
  const cnn = c.arch === 'cnn' ? `&arch=cnn&conv=${c.conv}&pool=${c.pool}` : '';
  return `dataset=${c.dataset}${cnn}&noise=${c.noise}&split=${c.split}&layers=${c.layers.join(',')}&act=${c.act}&opt=${c.opt}&lr=${c.lr}&batch=${c.batch}&seed=${c.seed}&backend=${backend}`;
}
